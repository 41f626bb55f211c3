// BinanceMarketStreams: Binance market streams over combined-stream connections. Streams fill a
// connection up to the per-connection cap before another opens (per route on USD-M); SUBSCRIBE /
// UNSUBSCRIBE are acknowledged by id and paced by each connection's message budget (pongs
// included); a dropped connection reconnects and resubscribes (base WsPool). Before Binance's
// 24-hour cut, and at once on a `serverShutdown` notice, a connection is replaced by a planned,
// overlapping reconnect: the replacement opens and subscribes beside it, each stream switches
// over once the replacement has caught up with it (TopicHandover), then the old one closes, so
// no message is lost or repeated.
import {
  DowntimeTracker,
  type EventHandler,
  EventBus,
  type Subscription,
  SubscriptionError,
  ValidationError,
} from '@venuekit/base';
import { sequenceOf } from './handover.js';
import type { BinanceStreamMessage } from './market-protocol.js';
import { LaneSet, type LaneRouter } from './lane-set.js';
import { deliverFrame, takesFrames, wantsFrames } from './frame-delivery.js';
import type { LaneHooks, StreamLane } from './stream-lane.js';
import { checkStreamName, streamKind, streamRoute } from './stream-names.js';
import { StreamRotation } from './stream-rotation.js';
import { UnsubscribeBatches } from './unsubscribe-batches.js';
import {
  asError,
  type BinanceMarketStreamsEvents,
  type Consumer,
  type MarketStreamSubscription,
  pastFloor,
  raceAbort,
  type StreamConnectionInfo,
  type StreamListener,
  type StreamSubscribeOptions,
  type Topic,
} from './stream-types.js';
import {
  type BinanceMarketStreamsOptions,
  type ResolvedStreamsOptions,
  resolveStreamsOptions,
} from './streams-options.js';

export type {
  BinanceMarketStreamsEvents,
  MarketStreamSubscription,
  RotateReason,
  StreamConnectionInfo,
  StreamListener,
  StreamSubscribeOptions,
} from './stream-types.js';

/** Market streams of one Binance market over as many connections as needed. */
export class BinanceMarketStreams implements AsyncDisposable {
  /** Connection events (see {@link BinanceMarketStreamsEvents}); listener errors are logged. */
  readonly events: EventBus<BinanceMarketStreamsEvents>;
  readonly #o: ResolvedStreamsOptions;
  readonly #topics = new Map<string, Topic>();
  readonly #lanes: LaneSet;
  readonly #leaving = new UnsubscribeBatches((lane) => this.#lanes.router(lane));
  readonly #rotation: StreamRotation;
  readonly #downtime: DowntimeTracker;
  #closed: Promise<void> | undefined;

  constructor(options: BinanceMarketStreamsOptions = {}) {
    this.#o = resolveStreamsOptions(options);
    this.events = new EventBus<BinanceMarketStreamsEvents>({ logger: this.#o.logger });
    this.#downtime = new DowntimeTracker(this.#o.clock);
    const hooks: LaneHooks = {
      opened: (lane) => this.#emit('connectionOpen', { connection: lane.id }),
      closed: (lane, code, reason) => {
        if (this.#lanes.has(lane)) this.#downtime.down(lane.id); // a removed lane never comes back
        this.#emit('connectionClose', { connection: lane.id, code, reason, streams: [...lane.topics] });
        this.#rotation.laneClosed(lane);
      },
      restored: (lane) => {
        const streams = [...lane.topics];
        this.#emit('restored', { ...this.#downtime.restored(lane.id, streams), streams });
      },
      shutdownNotice: (lane) => this.#rotation.rotate(lane, 'serverShutdown'),
      error: (error) => this.#emit('error', error),
    };
    this.#lanes = new LaneSet(this.#o, hooks, (lane) => this.#router(lane));
    this.#rotation = new StreamRotation({
      options: this.#o,
      lanes: () => this.#lanes,
      hasLane: (lane) => this.#lanes.has(lane),
      topic: (name) => this.#topics.get(name),
      openLane: (route) => this.#lanes.open(route),
      attach: (lane, names) => this.#attach(lane, names),
      removeLane: (lane) => {
        this.#downtime.forget(lane.id);
        this.#lanes.remove(lane, this.#report);
      },
      deliver: (topic, data) => this.#deliver(topic, data),
      rotated: (from, to, reason) => this.#emit('rotated', { from: from.id, to: to.id, reason }),
      error: (error) => this.#emit('error', error),
    });
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
    const consumer: Consumer = { fn: listener, onError: options.onError, onFrame: options.onFrame };
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
    for (const lane of [...this.#lanes]) this.#rotation.rotate(lane, 'age');
  }

  /** Closes every connection; pending subscribes reject. */
  close(): Promise<void> {
    if (this.#closed) return this.#closed;
    this.#rotation.close();
    this.#topics.clear();
    this.#closed = this.#lanes.close();
    return this.#closed;
  }

  /** `await using streams = new BinanceMarketStreams(…)`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #createTopic(name: string): Topic {
    const route = streamRoute(name, this.#o.market);
    const lane = this.#lanes.withRoom(route);
    lane.topics.add(name);
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

  /**
   * The lane's single message handler. A stream can briefly have two pool subscriptions on one
   * lane (a batch and its per-stream successor), which hand it the same message object twice:
   * the identity check drops the repeat.
   */
  #router(lane: StreamLane): LaneRouter {
    let last: BinanceStreamMessage | undefined;
    let lastFrame: Buffer | undefined;
    let lastTaken = false;
    // Frames: taken undecoded only in the plain case (on its lane, no handover, no floor, every
    // consumer takes frames); otherwise declined, and the message comes decoded below. The same
    // frame handed twice (two pool subscriptions) gets the same answer.
    const frame = (data: Buffer, stream: string): boolean => {
      if (data === lastFrame) return lastTaken;
      lastFrame = data;
      const topic = this.#topics.get(stream);
      lastTaken =
        topic !== undefined &&
        topic.lane === lane &&
        topic.handover === undefined &&
        topic.floor === undefined &&
        takesFrames(topic);
      if (lastTaken) deliverFrame(topic!, data, this.#report);
      return lastTaken;
    };
    return Object.assign(
      (message: BinanceStreamMessage) => {
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
            if (handover.state.switched) this.#rotation.complete(topic);
          }
        } else if (handover !== undefined && handover.lane === lane) {
          if (handover.state.fromNew(message.data)) this.#rotation.complete(topic);
        }
      },
      { frame },
    );
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
    const router = this.#lanes.router(lane)!;
    // Frames are offered only for streams with a consumer that decodes bytes (a book): the pool
    // then skips byte routing on connections carrying none, so trades and tickers pay nothing.
    const frames = (list: readonly string[]) =>
      list.some((name) => wantsFrames(this.#topics.get(name))) ? router.frame : undefined;
    const batch = await lane.pool.subscribe(names, router, { onFrame: frames(names) });
    try {
      for (const name of names) {
        const topic = this.#topics.get(name);
        const onLane = topic?.lane === lane || topic?.handover?.lane === lane;
        if (topic === undefined || !onLane) continue;
        const own = await lane.pool.subscribe(name, router, {
          onFrame: frames([name]),
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
      if (topic.own !== undefined) acks.push(this.#leaving.leave(topic.lane, topic.own));
      if (handover?.own !== undefined) acks.push(this.#leaving.leave(handover.lane, handover.own));
    }
    return Promise.all(acks).then(() => undefined);
  }

  /** Removes a stream from the books (its pool subscriptions are the caller's to release). */
  #forget(topic: Topic): void {
    this.#topics.delete(topic.name);
    topic.lane.topics.delete(topic.name);
    this.#lanes.armIdle(topic.lane);
    const handover = topic.handover;
    if (handover !== undefined) {
      handover.lane.topics.delete(topic.name);
      topic.handover = undefined;
    }
    if (topic.lane.retiring) this.#rotation.closeIfDrained(topic.lane);
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
