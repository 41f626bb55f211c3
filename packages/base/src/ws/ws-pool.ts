// WsPool: many topic subscriptions multiplexed over several WebSocketApps. Topics fill one
// connection up to the venue's cap before the next is opened (up to maxConnections); each
// connection keeps its wanted topics and replays them after every reconnect; every request is
// acknowledged within a timeout or fails with SubscriptionError; data is routed by topic to the
// subscribers. The venue's wire format comes from a PoolProtocol; nothing here names a venue.
import { EventEmitter } from 'eventemitter3';
import { SubscriptionError } from '../errors.js';
import type { CallWaiter, TopicEntry, TopicListener } from './pool-connection.js';
import {
  addListener,
  clearListeners,
  PoolConnection,
  rejectWaiters,
  removeListener,
} from './pool-connection.js';
import {
  type PoolStreamOptions,
  type PoolSubscribeOptions,
  type PoolSubscription,
  type ResolvedPoolOptions,
  type WsPoolEvents,
  type WsPoolOptions,
  checkTopics,
  type PoolConnectionInfo,
  poolFullError,
  resolvePoolOptions,
} from './pool-options.js';
import { asError, deliverMessage, routeFrame } from './pool-delivery.js';
import { PoolRequests } from './pool-requests.js';
import { type PoolStream, openPoolStream } from './pool-stream.js';
import { checkWebSocketUrl } from './app-options.js';
import { WebSocketApp } from './websocket-app.js';

/** Subscriptions multiplexed over a bounded set of self-healing connections. */
export class WsPool<M = unknown> extends EventEmitter<WsPoolEvents<M>> implements AsyncDisposable {
  readonly #o: ResolvedPoolOptions<M>;
  readonly #venue: string | undefined;
  readonly #connections = new Map<number, PoolConnection<M>>();
  readonly #topics = new Map<string, TopicEntry<M>>();
  readonly #closing = new Set<Promise<void>>();
  #url: string;
  readonly #requests: PoolRequests<M>;
  #nextConnectionId = 0;
  #closed: Promise<void> | undefined;

  constructor(options: WsPoolOptions<M>) {
    super();
    this.#o = resolvePoolOptions(options);
    this.#url = this.#o.url;
    this.#venue = this.#o.protocol.venue;
    this.#requests = new PoolRequests<M>(this.#o, {
      failed: (entries, error) => this.#failTopics(entries, error),
      restored: (c) => this.#emitSafe('restored', c.id, c.topics.size),
      report: (error) => this.#reportError(asError(error)),
    });
  }

  /** URL for connections opened or reconnected from now on. */
  get url(): string {
    return this.#url;
  }
  set url(value: string | URL) {
    this.#url = checkWebSocketUrl(value);
    for (const c of this.#connections.values()) c.app.url = this.#url;
  }

  /** The open connections, in the order they were opened. */
  get connections(): readonly PoolConnectionInfo[] {
    return [...this.#connections.values()].map((c) => ({
      id: c.id,
      topics: [...c.topics.keys()],
      isOpen: c.app.isOpen,
      app: c.app,
    }));
  }

  /** Topics wanted across the pool. */
  get topicCount(): number {
    return this.#topics.size;
  }

  /**
   * Subscribes `onMessage` to `topics` and resolves once every topic is acknowledged. Throws
   * `SubscriptionError` if the pool is full, the venue refuses, or an acknowledgement does not
   * arrive within `ackTimeoutMs` of the request going out; nothing stays subscribed then.
   */
  subscribe(
    topics: string | readonly string[],
    onMessage: (message: M) => void,
    options: PoolSubscribeOptions = {},
  ): Promise<PoolSubscription> {
    const listener: TopicListener<M> = {
      onMessage,
      onFrame: options.onFrame,
      onError: options.onError,
      established: false,
    };
    return this.#subscribe(topics, listener, options.signal);
  }

  /** Subscribes to `topics` as an async iterable through a bounded buffer (see {@link PoolStream}). */
  stream(topics: string | readonly string[], options: PoolStreamOptions<M> = {}): PoolStream<M> {
    return openPoolStream<M>((l) => this.#subscribe(topics, l, options.signal), options, this.#reportError);
  }

  /**
   * Asks the venue for `topic` afresh while every listener stays attached: an unsubscribe and a
   * subscribe go out back to back on the topic's connection, so a venue that sends a snapshot on
   * subscribe sends a new one — to every listener of the topic, each of which must take a
   * snapshot mid-stream as a reset. For a consumer that lost its place (a gap in a book) while
   * others share the topic. Resolves once the new subscribe is acknowledged. While the topic is
   * already being subscribed (an earlier resubscribe, its first subscribe, a reconnect's replay)
   * nothing more is sent and the call resolves with that. Rejects with SubscriptionError when
   * nobody is subscribed to `topic`, when everyone unsubscribes meanwhile, or when the venue
   * refuses or does not answer in time — the topic then fails for every listener, as a failed
   * restore does.
   */
  resubscribe(topic: string): Promise<void> {
    const entry = this.#topics.get(topic);
    if (entry === undefined || this.#closed)
      return Promise.reject(
        new SubscriptionError(
          `cannot resubscribe ${topic}: nobody is subscribed to it`,
          this.#venueInfo(topic),
        ),
      );
    return new Promise<void>((resolve, reject) => {
      entry.waiters.add({ pending: 1, resolve, reject });
      if (entry.state !== 'active') return;
      entry.state = 'pending';
      if (entry.connection.app.isOpen) this.#requests.resubscribe(entry.connection, topic);
    });
  }

  /** Closes every connection; pending subscribe calls reject, streams end. Resolves when all is released. */
  close(): Promise<void> {
    if (this.#closed) return this.#closed;
    const error = new SubscriptionError('the WsPool was closed', { venue: this.#venue });
    const entries = [...this.#topics.values()];
    this.#topics.clear();
    for (const entry of entries) {
      for (const waiter of entry.waiters) waiter.reject(error);
      for (const listener of entry.listeners) this.#safely(() => listener.onEnd?.());
    }
    for (const c of [...this.#connections.values()]) this.#removeConnection(c);
    this.#closed = Promise.all(this.#closing).then(() => undefined);
    return this.#closed;
  }

  /** `await using pool = new WsPool(…)`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #subscribe(
    topics: string | readonly string[],
    listener: TopicListener<M>,
    signal: AbortSignal | undefined,
  ): Promise<PoolSubscription> {
    const list = checkTopics(topics);
    if (this.#closed)
      throw new SubscriptionError('cannot subscribe: the WsPool is closed', { venue: this.#venue });
    signal?.throwIfAborted();
    this.#ensureRoom(list.filter((t) => !this.#topics.has(t)).length);
    let waiter!: CallWaiter;
    const acknowledged = new Promise<void>((resolve, reject) => {
      waiter = { pending: 0, resolve, reject };
    });
    const fresh = new Map<PoolConnection<M>, string[]>();
    for (const topic of list) {
      let entry = this.#topics.get(topic);
      if (entry === undefined) {
        const connection = this.#connectionWithRoom();
        entry = {
          topic,
          connection,
          state: 'pending',
          requestId: 0,
          listeners: new Set(),
          waiters: new Set(),
        };
        this.#topics.set(topic, entry);
        connection.topics.set(topic, entry);
        connection.cancelIdle();
        const names = fresh.get(connection);
        if (names) names.push(topic);
        else fresh.set(connection, [topic]);
      }
      addListener(entry, listener);
      if (entry.state !== 'active') {
        entry.waiters.add(waiter);
        waiter.pending++;
      }
    }
    for (const [connection, names] of fresh)
      if (connection.app.isOpen) this.#requests.subscribe(connection, names, false);
    if (waiter.pending === 0) waiter.resolve();
    const onAbort = (): void => waiter.reject(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await acknowledged;
    } catch (error) {
      void this.#detach(list, listener).catch(this.#reportError);
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      for (const topic of list) this.#topics.get(topic)?.waiters.delete(waiter);
    }
    listener.established = true;
    let unsubscribed: Promise<void> | undefined;
    const unsubscribe = (): Promise<void> => (unsubscribed ??= this.#detach(list, listener));
    return { topics: list, unsubscribe, [Symbol.asyncDispose]: unsubscribe };
  }

  #ensureRoom(needed: number): void {
    const cap = this.#o.maxTopicsPerConnection;
    let room = 0;
    for (const c of this.#connections.values()) room += cap - c.topics.size;
    const spare = this.#o.maxConnections - this.#connections.size;
    if (spare > 0) room += spare * cap;
    if (needed > room) throw poolFullError(this.#o, needed, room, this.#topics.size, this.#connections.size);
  }

  #connectionWithRoom(): PoolConnection<M> {
    for (const c of this.#connections.values()) if (c.topics.size < this.#o.maxTopicsPerConnection) return c;
    return this.#openConnection();
  }

  #openConnection(): PoolConnection<M> {
    const { protocol, clock, logger } = this.#o;
    const limiter =
      typeof protocol.messageLimiter === 'function' ? protocol.messageLimiter() : protocol.messageLimiter;
    const c = new PoolConnection<M>(++this.#nextConnectionId, clock, limiter);
    const frameTopic = protocol.frameTopic;
    c.app = WebSocketApp.connect(this.#url, {
      ...this.#o.connection,
      clock,
      logger: logger.child({ connection: c.id }),
      onJson: (message: unknown) => this.#onMessage(c, message as M),
      ...(frameTopic === undefined
        ? {}
        : {
            onFrame: (data: Buffer, isBinary: boolean) =>
              !isBinary && routeFrame(c, data, frameTopic, this.#topics, this.#reportError),
          }),
    });
    c.app.on('open', () => this.#onOpen(c));
    c.app.on('close', (code, reason) => this.#onSocketClose(c, code, reason));
    c.app.on('error', this.#reportError);
    c.app.signal.addEventListener('abort', () => this.#onEnded(c), { once: true });
    this.#connections.set(c.id, c);
    return c;
  }

  // Per message: data first (the common case), then acknowledgements, then the rest.
  #onMessage(c: PoolConnection<M>, message: M): void {
    const protocol = this.#o.protocol;
    const topic = protocol.topicOf(message, c);
    if (topic !== undefined) {
      const entry = this.#topics.get(topic);
      if (entry !== undefined && entry.connection === c)
        deliverMessage(entry.listeners, message, this.#reportError);
      return;
    }
    const ack = protocol.matchAck(message, c);
    if (ack !== undefined) this.#requests.onAck(c, ack);
    else this.#emitSafe('message', message, c.id);
  }

  #onOpen(c: PoolConnection<M>): void {
    c.generation++;
    c.opens++;
    this.#emitSafe('connectionOpen', c.id);
    const names = [...c.topics.keys()];
    const replay = c.opens > 1;
    if (names.length > 0) this.#requests.subscribe(c, names, replay);
    else if (replay) this.#emitSafe('restored', c.id, 0);
  }

  #onSocketClose(c: PoolConnection<M>, code: number, reason: string): void {
    c.generation++;
    this.#requests.abandon(c, c.dropInflight());
    for (const entry of c.topics.values()) {
      entry.state = 'pending';
      entry.requestId = 0;
    }
    this.#safely(() => this.#o.protocol.connectionClosed?.(c));
    this.#emitSafe('connectionClose', c.id, code, reason);
  }

  /** The connection's app closed for good on its own (gave up reconnecting): its topics fail. */
  #onEnded(c: PoolConnection<M>): void {
    if (this.#connections.get(c.id) !== c) return;
    this.#removeConnection(c);
    const cause = c.app.signal.reason as unknown;
    const error = new SubscriptionError(`connection ${c.id} closed for good: ${asError(cause).message}`, {
      venue: this.#venue,
      cause,
    });
    this.#failTopics([...c.topics.values()], error);
  }

  /** Removes failed topics, rejects the calls waiting on them, tells established listeners (and `error` once). */
  #failTopics(entries: readonly TopicEntry<M>[], error: Error): void {
    let established = false;
    for (const entry of entries) {
      if (this.#topics.get(entry.topic) === entry) this.#topics.delete(entry.topic);
      entry.connection.topics.delete(entry.topic);
      rejectWaiters(entry, error);
      for (const listener of entry.listeners) {
        if (!listener.established) continue;
        established = true;
        this.#safely(() => listener.onError?.(error));
      }
      clearListeners(entry);
      this.#armIdle(entry.connection);
    }
    if (established) this.#reportError(error);
  }

  /** Takes `listener` off `topics`; topics left without listeners are unsubscribed. */
  #detach(topics: readonly string[], listener: TopicListener<M>): Promise<void> {
    const leaving = new Map<PoolConnection<M>, string[]>();
    for (const topic of topics) {
      const entry = this.#topics.get(topic);
      if (entry === undefined || !removeListener(entry, listener) || entry.listeners.size > 0) continue;
      const c = entry.connection;
      this.#topics.delete(topic);
      c.topics.delete(topic);
      if (entry.waiters.size > 0)
        rejectWaiters(
          entry,
          new SubscriptionError(
            `${topic} was unsubscribed before it was resubscribed`,
            this.#venueInfo(topic),
          ),
        );
      if ((entry.state === 'active' || entry.requestId !== 0) && c.app.isOpen) {
        const names = leaving.get(c);
        if (names) names.push(topic);
        else leaving.set(c, [topic]);
      }
      this.#armIdle(c);
    }
    const acks: Promise<void>[] = [];
    for (const [c, names] of leaving) acks.push(this.#requests.unsubscribe(c, names));
    return Promise.all(acks).then(() => undefined);
  }

  #venueInfo(topic: string) {
    return { venue: this.#venue, details: { topic } };
  }

  #armIdle(c: PoolConnection<M>): void {
    if (c.topics.size > 0 || c.idleTimer !== undefined || this.#connections.get(c.id) !== c) return;
    if (this.#o.idleCloseMs === Number.POSITIVE_INFINITY) return;
    c.idleTimer = this.#o.clock.setTimeout(() => {
      c.idleTimer = undefined;
      if (c.topics.size === 0) this.#removeConnection(c);
    }, this.#o.idleCloseMs);
  }

  #removeConnection(c: PoolConnection<M>): void {
    if (this.#connections.get(c.id) === c) this.#connections.delete(c.id);
    this.#requests.abandon(c, c.dispose());
    const closing = c.app.close().finally(() => {
      c.app.removeAllListeners();
      this.#closing.delete(closing);
    });
    this.#closing.add(closing);
  }

  readonly #reportError = (error: Error): void => {
    this.#o.logger.warn(error.message, { error: error.name });
    this.#emitSafe('error', error);
  };

  #emitSafe<E extends keyof WsPoolEvents<M>>(event: E, ...args: Parameters<WsPoolEvents<M>[E]>): void {
    this.#safely(
      () => (this.emit as (event: E, ...a: unknown[]) => boolean)(event, ...args),
      event !== 'error',
    );
  }

  #safely(fn: () => unknown, report = true): void {
    try {
      fn();
    } catch (error) {
      this.#o.logger.error('a WsPool listener threw', { error });
      if (report) this.#emitSafe('error', asError(error));
    }
  }
}
