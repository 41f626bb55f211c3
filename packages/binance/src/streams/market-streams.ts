// BinanceMarketStreams: Binance market streams over combined-stream connections. Streams fill a
// connection up to the per-connection cap before another opens (per route on USD-M); SUBSCRIBE /
// UNSUBSCRIBE are acknowledged by id and paced by each connection's message budget (pongs
// included); a dropped connection reconnects and resubscribes (base WsPool). Before Binance's
// 24-hour cut, and at once on a `serverShutdown` notice, a connection is replaced by a planned,
// overlapping reconnect: the replacement opens and subscribes beside it, each stream switches
// over once the replacement has caught up with it (TopicHandover), then the old one closes, so
// no message is lost or repeated.
import {
  type EventHandler,
  EventBus,
  type PoolSubscription,
  type Subscription,
  SubscriptionError,
  type TimerHandle,
  ValidationError,
} from '@venuekit/base';
import type { BinanceStreamMessage } from './market-protocol.js';
import { type StreamSequence, sequenceOf, TopicHandover } from './handover.js';
import { type LaneHooks, StreamLane } from './stream-lane.js';
import { checkStreamName, type StreamRoute, streamKind, streamRoute } from './stream-names.js';
import {
  type BinanceMarketStreamsOptions,
  combinedStreamUrl,
  type ResolvedStreamsOptions,
  resolveStreamsOptions,
} from './streams-options.js';

/** Why a connection was replaced: its age (the 24-hour cut ahead) or Binance's shutdown notice. */
export type RotateReason = 'age' | 'serverShutdown';

/** Receives each payload of a stream (the `data` of the combined message) and the stream's name. */
export type StreamListener = (data: unknown, stream: string) => void;

/** Options of {@link BinanceMarketStreams.subscribe}. */
export interface StreamSubscribeOptions {
  /** A stream failed after it was established (its resubscription was refused); it is gone. */
  onError?: (error: Error, stream: string) => void;
  /** Gives up waiting for the acknowledgement; nothing stays subscribed for this call. */
  signal?: AbortSignal;
}

/** A live subscription to one or more streams. */
export interface MarketStreamSubscription extends AsyncDisposable {
  readonly streams: readonly string[];
  /** Stops delivery at once; streams nobody else wants are unsubscribed. */
  unsubscribe(): Promise<void>;
}

/** Events of {@link BinanceMarketStreams} and their payloads. */
export interface BinanceMarketStreamsEvents {
  /** Something went wrong (a listener threw, a restore was refused, a replacement failed); streams go on. */
  error: Error;
  /** A connection's socket opened (first time or after a reconnect). */
  connectionOpen: { connection: number };
  /** A connection's socket closed (it reconnects unless being replaced) with the streams it carried. */
  connectionClose: { connection: number; code: number; reason: string; streams: readonly string[] };
  /** A planned reconnect finished: every stream of `from` now comes from `to`. */
  rotated: { from: number; to: number; reason: RotateReason };
}

/** What {@link BinanceMarketStreams.connections} reports about one connection. */
export interface StreamConnectionInfo {
  readonly id: number;
  readonly route: StreamRoute;
  readonly streams: readonly string[];
  readonly isOpen: boolean;
  readonly openedAt: number | undefined;
  readonly retiring: boolean;
  readonly pongs: number;
}

interface Consumer {
  readonly fn: StreamListener;
  readonly onError: ((error: Error, stream: string) => void) | undefined;
}

interface Topic {
  readonly name: string;
  readonly route: StreamRoute;
  readonly sequence: StreamSequence;
  readonly consumers: Set<Consumer>;
  lane: StreamLane;
  /** The per-stream pool subscription on `lane`, once attached. */
  own: PoolSubscription | undefined;
  /** Settles when the stream is acknowledged on its lane. */
  ready: Promise<void>;
  /**
   * After a handover: the last position the old connection delivered. Messages at or before it
   * on the new connection are repeats (it may lag behind); cleared by the first one past it.
   */
  floor: number | undefined;
  handover: { lane: StreamLane; state: TopicHandover; own: PoolSubscription | undefined } | undefined;
}

/** Market streams of one Binance market over as many connections as needed. */
export class BinanceMarketStreams implements AsyncDisposable {
  /** Connection events (see {@link BinanceMarketStreamsEvents}); listener errors are logged. */
  readonly events: EventBus<BinanceMarketStreamsEvents>;
  readonly #o: ResolvedStreamsOptions;
  readonly #topics = new Map<string, Topic>();
  readonly #lanes = new Set<StreamLane>();
  readonly #routers = new Map<StreamLane, (message: BinanceStreamMessage) => void>();
  readonly #idle = new Map<StreamLane, TimerHandle>();
  readonly #leaving = new Map<StreamLane, { subs: PoolSubscription[]; done: Promise<void> }>();
  readonly #hooks: LaneHooks;
  /** Lanes being replaced whose replacement is subscribed: the deadline and where streams go. */
  readonly #handovers = new Map<StreamLane, { timer: TimerHandle; next: StreamLane; reason: RotateReason }>();
  #nextLaneId = 0;
  #rotationTimer: TimerHandle | undefined;
  #closed: Promise<void> | undefined;

  constructor(options: BinanceMarketStreamsOptions = {}) {
    this.#o = resolveStreamsOptions(options);
    this.events = new EventBus<BinanceMarketStreamsEvents>({ logger: this.#o.logger });
    this.#hooks = {
      opened: (lane) => this.#emit('connectionOpen', { connection: lane.id }),
      closed: (lane, code, reason) => {
        this.#emit('connectionClose', { connection: lane.id, code, reason, streams: [...lane.topics] });
        if (this.#handovers.has(lane)) this.#finishHandovers(lane);
      },
      shutdownNotice: (lane) => this.#rotate(lane, 'serverShutdown'),
      error: (error) => this.#emit('error', error),
    };
    if (Number.isFinite(this.#o.rotateAfterMs)) this.#armRotationCheck();
  }

  /** Calls `handler` on every `event` until the returned subscription is disposed. */
  on<E extends keyof BinanceMarketStreamsEvents>(
    event: E,
    handler: EventHandler<BinanceMarketStreamsEvents[E]>,
  ): Subscription {
    return this.events.on(event, handler);
  }

  /** `'spot'` or `'usdm'`. */
  get market(): 'spot' | 'usdm' {
    return this.#o.market;
  }

  /** Streams currently wanted. */
  get streamCount(): number {
    return this.#topics.size;
  }

  /** The connections, oldest first. */
  get connections(): readonly StreamConnectionInfo[] {
    return [...this.#lanes].map((l) => ({
      id: l.id,
      route: l.route,
      streams: [...l.topics],
      isOpen: l.isOpen,
      openedAt: l.openedAt,
      retiring: l.retiring,
      pongs: l.pongs,
    }));
  }

  /**
   * Subscribes `listener` to `streams` (e.g. `btcusdt@depth@100ms`) and resolves once every one
   * is acknowledged. Rejects with SubscriptionError when Binance refuses one, no answer comes in
   * time, or the connections are full; nothing stays subscribed for this call then.
   */
  async subscribe(
    streams: string | readonly string[],
    listener: StreamListener,
    options: StreamSubscribeOptions = {},
  ): Promise<MarketStreamSubscription> {
    if (this.#closed) throw new SubscriptionError('BinanceMarketStreams is closed', { venue: 'binance' });
    if (typeof listener !== 'function')
      throw new ValidationError('listener: expected a function (data, stream) => void', { venue: 'binance' });
    const names = [...new Set(typeof streams === 'string' ? [streams] : streams)].map(checkStreamName);
    if (names.length === 0)
      throw new ValidationError('streams: name at least one stream', { venue: 'binance' });
    options.signal?.throwIfAborted();
    const consumer: Consumer = { fn: listener, onError: options.onError };
    const fresh = new Map<StreamLane, string[]>();
    const taken: Topic[] = [];
    try {
      for (const name of names) {
        let topic = this.#topics.get(name);
        if (topic === undefined) {
          topic = this.#createTopic(name);
          const list = fresh.get(topic.lane);
          if (list) list.push(name);
          else fresh.set(topic.lane, [name]);
        }
        topic.consumers.add(consumer);
        taken.push(topic);
      }
    } catch (error) {
      this.#release(consumer, taken);
      throw error;
    }
    for (const [lane, list] of fresh) {
      const ready = this.#attach(lane, list);
      for (const name of list) this.#topics.get(name)!.ready = ready;
      ready.catch(() => this.#failAttach(lane, list));
    }
    const all = Promise.all(taken.map((t) => t.ready));
    try {
      await (options.signal ? raceAbort(all, options.signal) : all);
    } catch (error) {
      this.#release(consumer, taken);
      throw error;
    }
    let done: Promise<void> | undefined;
    const unsubscribe = (): Promise<void> => (done ??= this.#release(consumer, taken));
    return { streams: names, unsubscribe, [Symbol.asyncDispose]: unsubscribe };
  }

  /** Starts a planned reconnect of every connection now (what the 24-hour schedule does). */
  rotateAll(): void {
    for (const lane of [...this.#lanes]) this.#rotate(lane, 'age');
  }

  /** Closes every connection; pending subscribes reject. */
  close(): Promise<void> {
    if (this.#closed) return this.#closed;
    if (this.#rotationTimer !== undefined) this.#o.clock.clearTimeout(this.#rotationTimer);
    for (const timer of this.#idle.values()) this.#o.clock.clearTimeout(timer);
    for (const handover of this.#handovers.values()) this.#o.clock.clearTimeout(handover.timer);
    this.#idle.clear();
    this.#handovers.clear();
    this.#topics.clear();
    const lanes = [...this.#lanes];
    this.#lanes.clear();
    this.#closed = Promise.all(lanes.map((l) => l.close())).then(() => undefined);
    return this.#closed;
  }

  /** `await using streams = new BinanceMarketStreams(…)`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #createTopic(name: string): Topic {
    const route = streamRoute(name, this.#o.market);
    const lane = this.#laneWithRoom(route);
    lane.topics.add(name);
    this.#cancelIdle(lane);
    const topic: Topic = {
      name,
      route,
      sequence: sequenceOf(streamKind(name)),
      consumers: new Set(),
      lane,
      own: undefined,
      ready: Promise.resolve(),
      floor: undefined,
      handover: undefined,
    };
    this.#topics.set(name, topic);
    return topic;
  }

  #laneWithRoom(route: StreamRoute): StreamLane {
    let count = 0;
    for (const lane of this.#lanes) {
      if (lane.route !== route || lane.retiring) continue;
      if (lane.room > 0) return lane;
      count++;
    }
    if (count >= this.#o.maxConnections)
      throw new SubscriptionError(
        `cannot subscribe: ${count} connection(s) of route '${route}' carry ${this.#o.maxStreamsPerConnection} streams each and maxConnections is ${this.#o.maxConnections}; raise maxConnections or unsubscribe first`,
        { venue: 'binance', details: { route, maxConnections: this.#o.maxConnections } },
      );
    return this.#openLane(route);
  }

  #openLane(route: StreamRoute): StreamLane {
    const o = this.#o;
    const lane = new StreamLane(
      ++this.#nextLaneId,
      route,
      combinedStreamUrl(o.origin, route),
      o,
      this.#hooks,
    );
    this.#lanes.add(lane);
    this.#routers.set(lane, this.#router(lane));
    return lane;
  }

  /**
   * The lane's single message handler. A stream can briefly have two pool subscriptions on one
   * lane (a batch and its per-stream successor), which hand it the same message object twice:
   * the identity check drops the repeat.
   */
  #router(lane: StreamLane): (message: BinanceStreamMessage) => void {
    let last: BinanceStreamMessage | undefined;
    return (message) => {
      if (message === last) return;
      last = message;
      const topic = this.#topics.get(message.stream!);
      if (topic === undefined) return;
      const handover = topic.handover;
      if (topic.lane === lane) {
        if (handover === undefined) {
          if (topic.floor !== undefined && !pastFloor(topic, message.data)) return;
          this.#deliver(topic, message.data);
        } else {
          handover.state.fromOld(message.data);
          if (handover.state.switched) this.#completeHandover(topic);
        }
      } else if (handover !== undefined && handover.lane === lane) {
        if (handover.state.fromNew(message.data)) this.#completeHandover(topic);
      }
    };
  }

  #deliver(topic: Topic, data: unknown): void {
    for (const consumer of topic.consumers) {
      try {
        consumer.fn(data, topic.name);
      } catch (error) {
        this.#emit('error', asError(error));
      }
    }
  }

  /**
   * Subscribes `names` on `lane` with one request (split by the per-message cap), then gives each
   * stream its own pool subscription (no request: already active), so one can leave alone later.
   */
  async #attach(lane: StreamLane, names: string[]): Promise<void> {
    const router = this.#routers.get(lane)!;
    const batch = await lane.pool.subscribe(names, router);
    try {
      for (const name of names) {
        const topic = this.#topics.get(name);
        const onLane = topic?.lane === lane || topic?.handover?.lane === lane;
        if (topic === undefined || !onLane) continue;
        const own = await lane.pool.subscribe(name, router, {
          onError: (error) => this.#topicFailed(name, lane, error),
        });
        if (topic.lane === lane && this.#topics.get(name) === topic) topic.own = own;
        else if (topic.handover?.lane === lane) topic.handover.own = own;
        else void own.unsubscribe().catch(this.#report);
      }
    } finally {
      batch.unsubscribe().catch(this.#report);
    }
  }

  /** A first subscribe failed (the pool subscribed nothing): its streams are gone; callers see the error. */
  #failAttach(lane: StreamLane, names: readonly string[]): void {
    for (const name of names) {
      const topic = this.#topics.get(name);
      if (topic !== undefined && topic.lane === lane) this.#forget(topic);
    }
  }

  #topicFailed(name: string, lane: StreamLane, error: Error): void {
    const topic = this.#topics.get(name);
    if (topic === undefined || topic.lane !== lane) return;
    this.#forget(topic);
    for (const consumer of topic.consumers) {
      try {
        consumer.onError?.(error, name);
      } catch (thrown) {
        this.#emit('error', asError(thrown));
      }
    }
  }

  /** Takes `consumer` off `topics`; streams left without consumers are unsubscribed. */
  #release(consumer: Consumer, topics: readonly Topic[]): Promise<void> {
    const acks: Promise<void>[] = [];
    for (const topic of topics) {
      if (!topic.consumers.delete(consumer) || topic.consumers.size > 0) continue;
      if (this.#topics.get(topic.name) !== topic) continue;
      const handover = topic.handover;
      this.#forget(topic);
      if (topic.own !== undefined) acks.push(this.#leave(topic.lane, topic.own));
      if (handover?.own !== undefined) acks.push(this.#leave(handover.lane, handover.own));
    }
    return Promise.all(acks).then(() => undefined);
  }

  /**
   * Queues an unsubscribe: those of one lane queued in the same turn of the event loop (a
   * manager releasing 200 books, one consumer leaving many streams) go out as one request.
   */
  #leave(lane: StreamLane, own: PoolSubscription): Promise<void> {
    let batch = this.#leaving.get(lane);
    if (batch === undefined) {
      const subs: PoolSubscription[] = [];
      let settle!: { resolve: () => void; reject: (error: unknown) => void };
      const done = new Promise<void>((resolve, reject) => {
        settle = { resolve, reject };
      });
      batch = { subs, done };
      this.#leaving.set(lane, batch);
      setImmediate(() => {
        this.#leaving.delete(lane);
        this.#unsubscribeTogether(lane, subs).then(settle.resolve, settle.reject);
      });
    }
    batch.subs.push(own);
    return batch.done;
  }

  /**
   * Unsubscribes several per-stream pool subscriptions of one lane with one request: a batch
   * subscription takes them over first (no request: they are active), then goes alone.
   */
  async #unsubscribeTogether(lane: StreamLane, subs: PoolSubscription[]): Promise<void> {
    const router = this.#routers.get(lane);
    if (subs.length === 1 || router === undefined || !lane.isOpen) {
      await Promise.all(subs.map((s) => s.unsubscribe()));
      return;
    }
    const batch = await lane.pool.subscribe(
      subs.flatMap((s) => s.topics),
      router,
    );
    await Promise.all(subs.map((s) => s.unsubscribe()));
    await batch.unsubscribe();
  }

  /** Removes a stream from the books (its pool subscriptions are the caller's to release). */
  #forget(topic: Topic): void {
    this.#topics.delete(topic.name);
    topic.lane.topics.delete(topic.name);
    this.#armIdle(topic.lane);
    const handover = topic.handover;
    if (handover !== undefined) {
      handover.lane.topics.delete(topic.name);
      topic.handover = undefined;
    }
    if (topic.lane.retiring) this.#closeIfDrained(topic.lane);
  }

  // ── planned reconnects ───────────────────────────────────────────────────────────────────

  #armRotationCheck(): void {
    this.#rotationTimer = this.#o.clock.setTimeout(() => {
      const now = this.#o.clock.now();
      for (const lane of [...this.#lanes])
        if (lane.openedAt !== undefined && now - lane.openedAt >= this.#o.rotateAfterMs)
          this.#rotate(lane, 'age');
      if (!this.#closed) this.#armRotationCheck();
    }, this.#o.rotationCheckMs);
  }

  /** Opens a replacement for `old`, subscribes its streams there, and hands each stream over. */
  #rotate(old: StreamLane, reason: RotateReason): void {
    if (old.retiring || this.#closed || !this.#lanes.has(old)) return;
    const names = [...old.topics];
    old.retiring = true;
    if (names.length === 0) {
      this.#removeLane(old);
      return;
    }
    const next = this.#openLane(old.route);
    next.retiring = true; // no new streams until the handover is done
    for (const name of names) {
      const topic = this.#topics.get(name)!;
      const state = new TopicHandover(topic.sequence, (data) => this.#deliver(topic, data));
      topic.handover = { lane: next, state, own: undefined };
      next.topics.add(name);
    }
    this.#attach(next, names).then(
      () => {
        next.retiring = false;
        const timer = this.#o.clock.setTimeout(() => this.#finishHandovers(old), this.#o.handoverTimeoutMs);
        this.#handovers.set(old, { timer, next, reason });
        // An old connection already gone delivers nothing more: switch everything now.
        if (!old.isOpen) this.#finishHandovers(old);
        this.#closeIfDrained(old);
      },
      (error: unknown) => {
        // The replacement failed: keep the old connection; the next check tries again.
        for (const name of names) {
          const topic = this.#topics.get(name);
          if (topic?.handover?.lane === next) topic.handover = undefined;
        }
        next.topics.clear();
        this.#removeLane(next);
        old.retiring = false;
        this.#emit('error', asError(error));
      },
    );
  }

  /** Switches every stream still handing over from `old` now (it went silent or took too long). */
  #finishHandovers(old: StreamLane): void {
    for (const name of [...old.topics]) {
      const topic = this.#topics.get(name);
      if (topic?.handover === undefined || topic.lane !== old) continue;
      topic.handover.state.force();
      this.#completeHandover(topic);
    }
  }

  #completeHandover(topic: Topic): void {
    const handover = topic.handover;
    if (handover === undefined) return;
    const old = topic.lane;
    topic.lane = handover.lane;
    topic.own = handover.own;
    topic.handover = undefined;
    const floor = handover.state.floor;
    topic.floor = Number.isFinite(floor) ? floor : undefined;
    old.topics.delete(topic.name);
    this.#closeIfDrained(old);
  }

  #closeIfDrained(old: StreamLane): void {
    const pending = this.#handovers.get(old);
    if (old.topics.size > 0 || pending === undefined) return;
    this.#o.clock.clearTimeout(pending.timer);
    this.#handovers.delete(old);
    this.#removeLane(old);
    this.#emit('rotated', { from: old.id, to: pending.next.id, reason: pending.reason });
  }

  // ── lane lifecycle ───────────────────────────────────────────────────────────────────────

  #armIdle(lane: StreamLane): void {
    if (lane.topics.size > 0 || lane.retiring || this.#idle.has(lane) || !this.#lanes.has(lane)) return;
    this.#idle.set(
      lane,
      this.#o.clock.setTimeout(() => {
        this.#idle.delete(lane);
        if (lane.topics.size === 0) this.#removeLane(lane);
      }, this.#o.idleCloseMs),
    );
  }

  #cancelIdle(lane: StreamLane): void {
    const timer = this.#idle.get(lane);
    if (timer !== undefined) this.#o.clock.clearTimeout(timer);
    this.#idle.delete(lane);
  }

  #removeLane(lane: StreamLane): void {
    this.#cancelIdle(lane);
    this.#lanes.delete(lane);
    this.#routers.delete(lane);
    lane.close().catch(this.#report);
  }

  readonly #report = (error: unknown): void => {
    this.#emit('error', asError(error));
  };

  #emit<E extends keyof BinanceMarketStreamsEvents>(event: E, payload: BinanceMarketStreamsEvents[E]): void {
    if (event === 'error' && !this.events.hasListeners('error')) {
      const error = payload as Error;
      this.#o.logger.warn(error.message, { error: error.name });
      return;
    }
    this.events.emit(event, payload as never);
  }
}

/** True when `data` is past the topic's floor (which is then cleared); false for a repeat. */
function pastFloor(topic: Topic, data: unknown): boolean {
  if (topic.sequence.key(data) <= topic.floor!) return false;
  topic.floor = undefined;
  return true;
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
