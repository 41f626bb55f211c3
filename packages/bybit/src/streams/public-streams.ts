// BybitPublicStreams: the public streams of one Bybit category over a base WsPool. Topics fill a
// connection up to its cap before another opens; subscribe requests carry at most 10 args on spot
// and are acknowledged by `req_id`; every connection sends `{"op":"ping"}` every 20 s and is
// reopened when silent; a dropped connection reconnects and resubscribes its topics, and the
// venue then sends fresh snapshots (books reset on them). Listeners receive each decoded message.
import {
  DowntimeTracker,
  EventBus,
  type EventHandler,
  type PoolStream,
  type PoolStreamOptions,
  type PoolSubscription,
  type StreamRestored,
  type Subscription,
  ValidationError,
  WsPool,
} from '@venuekit/base';
import {
  type BybitStreamCategory,
  type BybitStreamMessage,
  createPublicProtocol,
} from './public-protocol.js';
import {
  type BybitPublicStreamsOptions,
  type ResolvedPublicStreamsOptions,
  resolvePublicStreamsOptions,
} from './streams-options.js';

/** Events of {@link BybitPublicStreams}. */
export interface BybitPublicStreamsEvents {
  /** Something went wrong (a restore refused, a listener threw, a socket error); streams go on. */
  error: Error;
  /** A connection's socket opened (first time or after a reconnect). */
  connectionOpen: { connection: number };
  /** A connection's socket closed; it reconnects. */
  connectionClose: { connection: number; code: number; reason: string };
  /**
   * After a reconnect every topic of the connection was subscribed again; what Bybit pushed while
   * it was down (`downSince`, for `downtimeMs`) is lost. Base's common {@link StreamRestored}
   * payload — `topics` are the topic names (in 0.1 they were a count: that count is now
   * `topicCount`).
   */
  restored: StreamRestored & { readonly topicCount: number };
  /** A pong or another message that is neither data nor an acknowledgement. */
  control: { connection: number; message: BybitStreamMessage };
}

/** Options of {@link BybitPublicStreams.subscribe}. */
export interface PublicSubscribeOptions {
  /** A topic failed after it was established (its restore was refused); it is gone. */
  onError?: (error: Error) => void;
  /** Gives up waiting for the acknowledgement; nothing stays subscribed for this call. */
  signal?: AbortSignal;
  /**
   * Takes data frames of these topics as raw bytes (valid only during the call) before they are
   * decoded; return true when handled, false to get the frame decoded and passed to the listener
   * (see base's `PoolSubscribeOptions.onFrame`). For decoders that read frames from bytes.
   */
  onFrame?: (frame: Buffer, topic: string) => boolean;
}

/** Public streams of one Bybit category. */
export class BybitPublicStreams implements AsyncDisposable {
  /** Connection events (see {@link BybitPublicStreamsEvents}). */
  readonly events: EventBus<BybitPublicStreamsEvents>;
  /** The pool underneath (connections, their apps). Do not close it yourself. */
  readonly pool: WsPool<BybitStreamMessage>;
  readonly #o: ResolvedPublicStreamsOptions;
  #pongs = 0;

  constructor(options: BybitPublicStreamsOptions) {
    this.#o = resolvePublicStreamsOptions(options);
    const o = this.#o;
    this.events = new EventBus<BybitPublicStreamsEvents>({ logger: o.logger });
    let ping = 0;
    this.pool = new WsPool<BybitStreamMessage>({
      url: o.url,
      protocol: createPublicProtocol({
        category: o.category,
        maxTopicsPerConnection: o.maxTopicsPerConnection,
        maxTopicsPerMessage: o.maxTopicsPerMessage,
      }),
      maxConnections: o.maxConnections,
      ackTimeoutMs: o.ackTimeoutMs,
      ...(o.idleCloseMs === undefined ? {} : { idleCloseMs: o.idleCloseMs }),
      clock: o.clock,
      logger: o.logger,
      connection: {
        heartbeat: {
          intervalMs: o.pingIntervalMs,
          timeoutMs: o.deadAfterMs,
          payload: () => `{"req_id":"ping-${++ping}","op":"ping"}`,
        },
        ...(o.reconnect === undefined ? {} : { reconnect: o.reconnect }),
        // Public market data: no per-frame UTF-8 check (as Binance's market streams); a bad byte
        // could only reach a symbol name or a message text, and decoding replaces it.
        socketOptions: { skipUTF8Validation: true },
      },
    });
    this.pool.on('error', (error) => this.events.emit('error', error));
    this.pool.on('connectionOpen', (connection) => this.events.emit('connectionOpen', { connection }));
    const downtime = new DowntimeTracker(o.clock);
    this.pool.on('connectionClose', (connection, code, reason) => {
      // A connection the pool closed for good is gone from `connections` already: not down, gone
      // (and so are the drops of connections it gave up on since).
      const live = (id: number) => this.pool.connections.some((c) => c.id === id);
      downtime.prune(live);
      if (live(connection)) downtime.down(connection);
      this.events.emit('connectionClose', { connection, code, reason });
    });
    this.pool.on('restored', (connection) => {
      const topics = this.pool.connections.find((c) => c.id === connection)?.topics ?? [];
      this.events.emit('restored', { ...downtime.restored(connection, topics), topicCount: topics.length });
    });
    this.pool.on('message', (message, connection) => {
      if (message.op === 'ping' || message.op === 'pong') this.#pongs++;
      this.events.emit('control', { connection, message });
    });
  }

  /** `'spot'` or `'linear'`. */
  get category(): BybitStreamCategory {
    return this.#o.category;
  }

  /** Pongs received so far (answers to our pings), across connections. */
  get pongs(): number {
    return this.#pongs;
  }

  /** Topics currently wanted. */
  get topicCount(): number {
    return this.pool.topicCount;
  }

  /** Calls `handler` on every `event` until the returned subscription is disposed. */
  on<E extends keyof BybitPublicStreamsEvents>(
    event: E,
    handler: EventHandler<BybitPublicStreamsEvents[E]>,
  ): Subscription {
    return this.events.on(event, handler);
  }

  /**
   * Subscribes `listener` to `topics` and resolves once Bybit acknowledged every one. Rejects
   * with SubscriptionError when Bybit refuses one, no answer comes in time, or the connections are
   * full; nothing stays subscribed for this call then. The listener gets each decoded message
   * (`{topic, type, ts, data}`); it must not keep or mutate it past the call.
   */
  subscribe(
    topics: string | readonly string[],
    listener: (message: BybitStreamMessage) => void,
    options: PublicSubscribeOptions = {},
  ): Promise<PoolSubscription> {
    if (typeof listener !== 'function')
      return Promise.reject(
        new ValidationError('listener: expected a function (message) => void', { venue: 'bybit' }),
      );
    return this.pool.subscribe(topics, listener, options);
  }

  /**
   * Asks Bybit for `topic` afresh — unsubscribe and subscribe on its connection — keeping every
   * listener, so that a fresh snapshot comes (for all of them: each listener of an orderbook or
   * tickers topic must take a snapshot mid-stream as "replace what you hold"). Resolves when the
   * subscribe is acknowledged; calls while the topic is being (re)subscribed join that one. Rejects
   * with SubscriptionError if nobody is subscribed to `topic`, or if Bybit refuses or does not
   * answer (the topic then fails for every listener, their `onError` is called). See base's
   * `WsPool.resubscribe`.
   */
  resubscribe(topic: string): Promise<void> {
    return this.pool.resubscribe(topic);
  }

  /** `topics` as an async iterable of messages through a bounded buffer (see base's PoolStream). */
  stream(
    topics: string | readonly string[],
    options: PoolStreamOptions<BybitStreamMessage> = {},
  ): PoolStream<BybitStreamMessage> {
    return this.pool.stream(topics, options);
  }

  /** Closes every connection; pending subscribe calls reject with SubscriptionError. */
  close(): Promise<void> {
    return this.pool.close();
  }

  /** `await using streams = new BybitPublicStreams(…)`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
