// The request side of a WsPool: sends subscribe / unsubscribe requests in the venue's format
// (split by its per-message topic limit, behind its outbound rate limit), and matches every
// acknowledgement — or its absence within the timeout — to the topics it covers.
import type { Clock } from '../clock.js';
import { SubscriptionError } from '../errors.js';
import type { PoolConnection, PoolRequest, TopicEntry } from './pool-connection.js';
import type { PoolAck, PoolProtocol, PoolRequestOutcome } from './pool-protocol.js';

/** What the requests need to know about the pool. */
export interface PoolRequestSettings<M> {
  protocol: PoolProtocol<M>;
  clock: Clock;
  ackTimeoutMs: number;
  maxTopicsPerMessage: number;
}

/** How request outcomes reach the pool. */
export interface PoolRequestHooks<M> {
  /** These topics are refused, unacknowledged or could not be sent: remove them, tell their listeners. */
  failed(entries: TopicEntry<M>[], error: SubscriptionError): void;
  /** Every topic replayed on `c` after a reconnect has been answered. */
  restored(c: PoolConnection<M>): void;
  /** The protocol's `requestSettled` threw. */
  report(error: unknown): void;
}

/** Sends a pool's requests and settles them on acknowledgement or timeout. */
export class PoolRequests<M> {
  readonly #s: PoolRequestSettings<M>;
  readonly #hooks: PoolRequestHooks<M>;
  #nextId = 0;

  constructor(settings: PoolRequestSettings<M>, hooks: PoolRequestHooks<M>) {
    this.#s = settings;
    this.#hooks = hooks;
  }

  /** Subscribes `names` on `c` (those still pending and not in flight when the request goes out). */
  subscribe(c: PoolConnection<M>, names: readonly string[], replay: boolean): void {
    const per = this.#s.maxTopicsPerMessage;
    for (let i = 0; i < names.length; i += per) {
      if (replay) c.restoring++;
      this.#send(c, 'subscribe', names.slice(i, i + per), replay, undefined);
    }
  }

  /** Unsubscribes `names` on `c`; resolves when every request is acknowledged or the socket is gone. */
  unsubscribe(c: PoolConnection<M>, names: readonly string[]): Promise<void> {
    const per = this.#s.maxTopicsPerMessage;
    const acks: Promise<void>[] = [];
    for (let i = 0; i < names.length; i += per) {
      const chunk = names.slice(i, i + per);
      acks.push(
        new Promise((resolve, reject) =>
          this.#send(c, 'unsubscribe', chunk, false, (error) => (error ? reject(error) : resolve())),
        ),
      );
    }
    return Promise.all(acks).then(() => undefined);
  }

  /**
   * Asks again for `topic`, whose entry on `c` was just set back to pending: an unsubscribe and
   * a subscribe sent back to back (the venue answers a connection's requests in order), so a
   * venue that sends a snapshot on subscribe sends a fresh one. The unsubscribe's answer does not
   * matter; the subscribe settles the entry like any other.
   */
  resubscribe(c: PoolConnection<M>, topic: string): void {
    this.#send(c, 'unsubscribe', [topic], false, undefined);
    this.#send(c, 'subscribe', [topic], false, undefined);
  }

  /** Settles requests dropped with their socket (`c.dropInflight()` / `c.dispose()`). */
  abandon(c: PoolConnection<M>, requests: readonly PoolRequest[]): void {
    for (const request of requests) {
      request.settle?.();
      this.#settled(c, request, 'closed');
    }
  }

  /** Settles the request `ack` answers, if it is one of ours on `c`. */
  onAck(c: PoolConnection<M>, ack: PoolAck): void {
    const request = c.inflight.get(typeof ack.id === 'number' ? ack.id : Number(ack.id));
    if (request === undefined) return;
    c.inflight.delete(request.id);
    if (request.timer !== undefined) this.#s.clock.clearTimeout(request.timer);
    this.#settled(c, request, 'acked');
    const venue = this.#s.protocol.venue;
    const refused = ack.ok
      ? undefined
      : new SubscriptionError(
          `${venue ?? 'the venue'} refused ${describe(request)}: ${ack.error ?? 'no reason given'}`,
          {
            venue,
            code: ack.code,
            venueMessage: ack.error,
            details: { topics: request.topics, connection: c.id },
          },
        );
    if (request.kind === 'unsubscribe') {
      request.settle?.(refused);
      return;
    }
    const failed: TopicEntry<M>[] = [];
    for (const entry of this.#covered(c, request)) {
      entry.requestId = 0;
      if (refused) {
        failed.push(entry);
        continue;
      }
      entry.state = 'active';
      for (const waiter of entry.waiters) if (--waiter.pending === 0) waiter.resolve();
      entry.waiters.clear();
    }
    if (refused && failed.length > 0) this.#hooks.failed(failed, refused);
    if (request.replay) this.#replayAnswered(c);
  }

  #onTimeout(c: PoolConnection<M>, request: PoolRequest): void {
    if (c.inflight.get(request.id) !== request) return;
    c.inflight.delete(request.id);
    this.#settled(c, request, 'timeout');
    const error = new SubscriptionError(
      `no acknowledgement of ${describe(request)} within ${this.#s.ackTimeoutMs} ms`,
      { venue: this.#s.protocol.venue, details: { topics: request.topics, connection: c.id } },
    );
    if (request.kind === 'unsubscribe') {
      request.settle?.(error);
      return;
    }
    const failed = this.#covered(c, request);
    if (failed.length > 0) {
      this.#hooks.failed(failed, error);
      // The venue may have subscribed without saying so: take it back, best effort.
      this.#send(
        c,
        'unsubscribe',
        failed.map((e) => e.topic),
        false,
        undefined,
      );
    }
    if (request.replay) this.#replayAnswered(c);
  }

  #settled(c: PoolConnection<M>, request: PoolRequest, outcome: PoolRequestOutcome): void {
    const hook = this.#s.protocol.requestSettled;
    if (hook === undefined) return;
    try {
      hook.call(this.#s.protocol, request.id, c, outcome);
    } catch (error) {
      this.#hooks.report(error);
    }
  }

  /** Entries of `c` whose subscribe is carried by `request`. */
  #covered(c: PoolConnection<M>, request: PoolRequest): TopicEntry<M>[] {
    const out: TopicEntry<M>[] = [];
    for (const t of request.topics) {
      const entry = c.topics.get(t);
      if (entry !== undefined && entry.requestId === request.id) out.push(entry);
    }
    return out;
  }

  #replayAnswered(c: PoolConnection<M>): void {
    if (c.restoring > 0 && --c.restoring === 0) this.#hooks.restored(c);
  }

  #send(
    c: PoolConnection<M>,
    kind: PoolRequest['kind'],
    topics: readonly string[],
    replay: boolean,
    settle: PoolRequest['settle'],
  ): void {
    const generation = c.generation;
    c.whenAllowed(() => {
      // A socket opened or closed meanwhile: the replay on open covers subscribes; a closed
      // socket took its subscriptions with it, so an unsubscribe is moot.
      if (c.generation !== generation || !c.app.isOpen) {
        settle?.();
        return;
      }
      const live = kind === 'unsubscribe' ? topics : topics.filter((t) => isUnsent(c.topics.get(t)));
      if (live.length === 0) {
        if (replay) this.#replayAnswered(c);
        return;
      }
      const id = ++this.#nextId;
      const { protocol, clock, ackTimeoutMs } = this.#s;
      const request: PoolRequest = { id, kind, topics: live, replay, settle, timer: undefined };
      try {
        c.app.send(
          kind === 'subscribe'
            ? protocol.subscribeMessage(live, id, c)
            : protocol.unsubscribeMessage(live, id, c),
        );
      } catch (cause) {
        const message = cause instanceof Error ? cause.message : String(cause);
        const error = new SubscriptionError(`could not send ${describe(request)}: ${message}`, {
          venue: protocol.venue,
          cause,
        });
        // The protocol may have noted the request while building it: it will never be answered.
        this.#settled(c, request, 'closed');
        if (kind === 'unsubscribe') settle?.(error);
        else
          this.#hooks.failed(
            live.map((t) => c.topics.get(t)!),
            error,
          );
        if (replay) this.#replayAnswered(c);
        return;
      }
      request.timer = clock.setTimeout(() => this.#onTimeout(c, request), ackTimeoutMs);
      c.inflight.set(id, request);
      if (kind === 'subscribe') for (const t of live) c.topics.get(t)!.requestId = id;
    });
  }
}

function isUnsent<M>(entry: TopicEntry<M> | undefined): boolean {
  return entry !== undefined && entry.state === 'pending' && entry.requestId === 0;
}

function describe(request: PoolRequest): string {
  const shown =
    request.topics.length > 5 ? `${request.topics.slice(0, 5).join(', ')}, …` : request.topics.join(', ');
  return `${request.kind} [${shown}] (${request.topics.length} topic(s))`;
}
