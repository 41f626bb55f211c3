// BybitPrivateStream: the account's private stream (`/v5/private`, bybit.md §7). Every
// (re)connect first authenticates — `{"op":"auth","args":[apiKey, expires, signature]}` with
// signature = HMAC-SHA256 of "GET/realtime" + expires (the auth helper of ../auth), expires read
// from the given clock (a server-synced one, re-synced before connecting) — and only then
// (re)subscribes the topics (base WsPool replays them after `onOpen`). `{"op":"ping"}` goes out
// every 20 s. Order, execution, wallet and position events are normalized to Order, Fill,
// Balance[] and Position, emitted as events and offered as bounded async iterables. A key Bybit
// refuses fails `connect()` with AuthenticationError and stops; a refusal after a reconnect is
// reported as an `error` event while the stream keeps retrying with backoff. Once a reconnect has
// re-authenticated and every topic is subscribed again, `restored` says since when the stream was
// down: orders, fills and balance changes of that time were not pushed — reconcile over REST.
import {
  AuthenticationError,
  type Balance,
  type Clock,
  ConfigError,
  type Credentials,
  EventBus,
  type EventHandler,
  type Fill,
  type Logger,
  type Order,
  type Position,
  type ReconnectOptions,
  type StreamRestored,
  type Subscription,
  type SubscriptionOverflowPolicy,
  silentLogger,
  subscriptionToAsyncIterable,
  systemClock,
  type WatchOptions,
  type WebSocketApp,
  WsPool,
} from '@venuekit/base';
import { bybitWsAuthMessage } from '../auth/ws-auth.js';
import type { BybitStreamMessage } from '../streams/public-protocol.js';
import { PING_INTERVAL_MS } from '../streams/streams-options.js';
import { BYBIT_URLS, type BybitEnvironment } from '../urls.js';
import {
  balancesFromWire,
  fillFromWire,
  orderFromWire,
  type PrivateSymbolNames,
  positionFromWire,
} from './private-events.js';
import { createPrivateProtocol, PRIVATE_TOPICS } from './private-protocol.js';

/** Options of {@link BybitPrivateStream}. */
export interface BybitPrivateStreamOptions {
  /** API key and secret (HMAC; a PEM secret signs with RSA). */
  credentials: Credentials;
  /** Stream URL (default: the environment's `/v5/private`). */
  url?: string | undefined;
  /** `'prod'` (default), `'testnet'` or `'demo'`; ignored when `url` is given. */
  environment?: BybitEnvironment | undefined;
  /** Topics (default `order`, `execution`, `wallet`, `position`). */
  topics?: readonly string[] | undefined;
  /** Names of a symbol for results (default: the symbol for both). */
  symbolNames?: PrivateSymbolNames | undefined;
  /** How long the auth signature stays valid, ms (default 5000). */
  authExpiresInMs?: number | undefined;
  /** Time allowed for Bybit's answer to `auth`, ms (default 10 000). */
  authTimeoutMs?: number | undefined;
  /** Interval of `{"op":"ping"}` (default 20 000 ms). */
  pingIntervalMs?: number | undefined;
  /** Reconnect schedule (default: base's). */
  reconnect?: ReconnectOptions | undefined;
  /** Time a subscribe may wait for its acknowledgement once sent (default 10 000 ms). */
  ackTimeoutMs?: number | undefined;
  /**
   * Time source. Its `now()` dates the auth signature's `expires`, which Bybit checks against its
   * own clock: on a host whose clock may be off, pass a server-synced clock (a REST client's
   * `clock`) together with `syncClock`. Default: the system clock.
   */
  clock?: Clock | undefined;
  /**
   * Re-measures `clock`'s offset to Bybit (e.g. `() => rest.syncClock()`); awaited once per
   * `connect()`, before the first auth. A failure is logged and the auth goes ahead.
   */
  syncClock?: (() => Promise<unknown>) | undefined;
  logger?: Logger | undefined;
}

/** Events of {@link BybitPrivateStream}. */
export interface BybitPrivateStreamEvents {
  /** An `order` item: an order placed, amended, filled (partly) or closed, as REST's parser reads it. */
  order: Order;
  /** An `execution` item that is a trade (funding executions are not fills). */
  fill: Fill;
  /** The balances of one account push (only coins that Bybit sent). */
  balances: Balance[];
  /**
   * A `position` item; one that closed comes with `size: 0` and the side of its slot (hedge mode:
   * positionIdx 1 long, 2 short).
   */
  position: Position;
  /** Each (re)connect authenticated. */
  authenticated: {
    /** How many times the stream authenticated, from 1 (2 after the first reconnect). */
    count: number;
  };
  /** The socket closed; the stream reconnects, re-authenticates and resubscribes. */
  connectionClose: {
    /** The pool connection's id. */
    connection: number;
    /** The WebSocket close code (1006 when the socket dropped without a close frame). */
    code: number;
    /** The close reason Bybit (or the socket) gave; often empty. */
    reason: string;
  };
  /**
   * After a reconnect: authenticated again and every topic subscribed again (a topic refused is
   * reported as `error` first). Nothing was pushed while it was down: fetch the orders,
   * executions and balances of that time over REST.
   */
  restored: StreamRestored & {
    /** The topics subscribed again, by name (base's common payload; in 0.1 this was a count). */
    topics: readonly string[];
    /** How many topics were subscribed again (what `topics` was in 0.1). */
    topicCount: number;
    /** When the socket closed, clock ms: the start of the time nothing was pushed. */
    downSince: number;
    /** How long the stream was down, ms. */
    downtimeMs: number;
  };
  /** Every private data message as Bybit sent it (also those of topics not normalized). */
  message: BybitStreamMessage;
  /** Something went wrong (an item that does not parse, a refused topic, a socket error); the stream goes on. */
  error: Error;
}

/** The private stream of one Bybit account. */
export class BybitPrivateStream implements AsyncDisposable {
  readonly events: EventBus<BybitPrivateStreamEvents>;
  readonly #credentials: Credentials;
  readonly #url: string;
  readonly #topics: readonly string[];
  readonly #names: PrivateSymbolNames | undefined;
  readonly #o: BybitPrivateStreamOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  #pool: WsPool<BybitStreamMessage> | undefined;
  #connecting: Promise<void> | undefined;
  #authCount = 0;
  #closed = false;
  /** When the socket closed (clock ms), until the stream is restored; undefined while up. */
  #downSince: number | undefined;

  constructor(options: BybitPrivateStreamOptions) {
    const c = options?.credentials;
    if (
      c === undefined ||
      typeof c.apiKey !== 'string' ||
      c.apiKey === '' ||
      typeof c.secret !== 'string' ||
      c.secret === ''
    )
      throw new ConfigError('credentials must be { apiKey, secret } with non-empty strings', {
        venue: 'bybit',
      });
    const environment = options.environment ?? 'prod';
    if (!Object.hasOwn(BYBIT_URLS, environment))
      throw new ConfigError(
        `environment must be 'prod', 'testnet' or 'demo', got ${JSON.stringify(environment)}`,
        {
          venue: 'bybit',
        },
      );
    const topics = options.topics ?? PRIVATE_TOPICS;
    if (
      !Array.isArray(topics) ||
      topics.length === 0 ||
      topics.some((t) => typeof t !== 'string' || t === '')
    )
      throw new ConfigError('topics must be a non-empty list of private topic names', { venue: 'bybit' });
    this.#o = options;
    this.#credentials = c;
    this.#url = options.url ?? BYBIT_URLS[environment].private;
    this.#topics = topics;
    this.#names = options.symbolNames;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
    this.events = new EventBus<BybitPrivateStreamEvents>({ logger: this.#logger });
  }

  /** True once authenticated and subscribed, while the socket is open. */
  get isConnected(): boolean {
    return this.#pool?.connections.some((c) => c.isOpen) === true && this.#authCount > 0;
  }

  /** How many times a connection authenticated (1 + reconnects). */
  get authentications(): number {
    return this.#authCount;
  }

  /** Calls `handler` on every `event` until the returned subscription is disposed. */
  on<E extends keyof BybitPrivateStreamEvents>(
    event: E,
    handler: EventHandler<BybitPrivateStreamEvents[E]>,
  ): Subscription {
    return this.events.on(event, handler);
  }

  /**
   * Connects, authenticates and subscribes the topics; resolves once Bybit acknowledged them.
   * Rejects with AuthenticationError when Bybit refuses the key or signature (nothing keeps
   * running then; call again after fixing it), or SubscriptionError when a topic is refused.
   */
  connect(): Promise<void> {
    if (this.#closed)
      return Promise.reject(new ConfigError('BybitPrivateStream is closed', { venue: 'bybit' }));
    this.#connecting ??= this.#connect().catch((error: unknown) => {
      this.#connecting = undefined;
      throw error;
    });
    return this.#connecting;
  }

  /** Changes to the account's orders. Default buffer: 10 000, overflow `'error'`. Connects if needed. */
  watchOrders(options: WatchOptions = {}): AsyncIterable<Order> {
    return this.#watch('order', options, 10_000, 'error');
  }

  /** The account's fills. Default buffer: 10 000, overflow `'error'`. */
  watchFills(options: WatchOptions = {}): AsyncIterable<Fill> {
    return this.#watch('fill', options, 10_000, 'error');
  }

  /** Balances after each change (Bybit pushes no initial snapshot: seed from REST). Default: latest only. */
  watchBalances(options: WatchOptions = {}): AsyncIterable<Balance[]> {
    return this.#watch('balances', options, 1, 'conflate');
  }

  /** Position changes. Default buffer: 1024, overflow `'dropOldest'`. */
  watchPositions(options: WatchOptions = {}): AsyncIterable<Position> {
    return this.#watch('position', options, 1024, 'dropOldest');
  }

  /** Closes the connection; iterables end. */
  async close(): Promise<void> {
    this.#closed = true;
    const pool = this.#pool;
    this.#pool = undefined;
    await pool?.close();
  }

  /** `await using stream = new BybitPrivateStream(…)`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #connect(): Promise<void> {
    const sync = this.#o.syncClock;
    if (sync !== undefined)
      await sync().catch((error: unknown) =>
        this.#logger.warn('Bybit private stream: clock sync failed; authenticating with the last offset', {
          error: error instanceof Error ? error.message : String(error),
        }),
      );
    const refused = new AbortController();
    let ping = 0;
    const pool = new WsPool<BybitStreamMessage>({
      url: this.#url,
      protocol: createPrivateProtocol(),
      maxConnections: 1,
      ackTimeoutMs: this.#o.ackTimeoutMs ?? 10_000,
      idleCloseMs: Number.POSITIVE_INFINITY,
      clock: this.#clock,
      logger: this.#logger,
      connection: {
        onOpen: (socket, app) => this.#authenticate(socket, app, refused),
        heartbeat: {
          intervalMs: this.#o.pingIntervalMs ?? PING_INTERVAL_MS,
          timeoutMs: (this.#o.pingIntervalMs ?? PING_INTERVAL_MS) * 3,
          payload: () => `{"req_id":"ping-${++ping}","op":"ping"}`,
        },
        ...(this.#o.reconnect === undefined ? {} : { reconnect: this.#o.reconnect }),
      },
    });
    pool.on('error', (error) => this.events.emit('error', error));
    pool.on('connectionClose', (connection, code, reason) => {
      this.#downSince ??= this.#clock.now();
      this.events.emit('connectionClose', { connection, code, reason });
    });
    pool.on('restored', (connection) => {
      const downSince = this.#downSince ?? this.#clock.now();
      this.#downSince = undefined;
      const topics = pool.connections.find((c) => c.id === connection)?.topics ?? [];
      this.events.emit('restored', {
        connection,
        topics,
        topicCount: topics.length,
        downSince,
        downtimeMs: this.#clock.now() - downSince,
      });
    });
    this.#pool = pool;
    try {
      await pool.subscribe(this.#topics, (m) => this.#dispatch(m), {
        signal: refused.signal,
        onError: (error) => this.events.emit('error', error),
      });
    } catch (error) {
      this.#pool = undefined;
      await pool.close();
      throw error;
    }
    if (this.#closed) await pool.close();
  }

  async #authenticate(
    socket: { send(data: string): void },
    app: WebSocketApp,
    refused: AbortController,
  ): Promise<void> {
    const message = bybitWsAuthMessage(
      this.#credentials,
      this.#clock.now(),
      'auth',
      this.#o.authExpiresInMs ?? 5000,
    );
    const answer = app.waitForJson<BybitStreamMessage>((m) => (m as BybitStreamMessage)?.op === 'auth', {
      timeoutMs: this.#o.authTimeoutMs ?? 10_000,
    });
    socket.send(JSON.stringify(message));
    const reply = await answer;
    if (reply.success === true) {
      this.#authCount++;
      this.events.emit('authenticated', { count: this.#authCount });
      return;
    }
    const error = new AuthenticationError(
      `Bybit refused the private-stream auth: ${reply.ret_msg || 'no reason given'} (check the API key, its secret and the clock)`,
      { venue: 'bybit', venueMessage: reply.ret_msg },
    );
    if (this.#authCount === 0) refused.abort(error);
    else this.events.emit('error', error);
    throw error;
  }

  #dispatch(m: BybitStreamMessage): void {
    this.events.emit('message', m);
    const topic = m.topic ?? '';
    const data = m.data;
    if (!Array.isArray(data)) return;
    const dot = topic.indexOf('.');
    const kind = dot < 0 ? topic : topic.slice(0, dot);
    // One item that does not parse is reported and skipped; the message's other items still count.
    for (const item of data as Array<Record<string, unknown>>) {
      try {
        if (kind === 'order') this.events.emit('order', orderFromWire(item, this.#names));
        else if (kind === 'execution') {
          const fill = fillFromWire(item, this.#names);
          if (fill !== undefined) this.events.emit('fill', fill);
        } else if (kind === 'wallet') this.events.emit('balances', balancesFromWire(item));
        else if (kind === 'position') this.events.emit('position', positionFromWire(item, this.#names));
      } catch (error) {
        this.events.emit('error', error as Error);
      }
    }
  }

  #watch<E extends 'order' | 'fill' | 'balances' | 'position'>(
    event: E,
    options: WatchOptions,
    capacity: number,
    overflow: SubscriptionOverflowPolicy,
  ): AsyncIterable<BybitPrivateStreamEvents[E]> {
    return subscriptionToAsyncIterable<BybitPrivateStreamEvents[E]>(
      async (push) => {
        const listener = this.events.on(event, push as EventHandler<BybitPrivateStreamEvents[E]>);
        try {
          await this.connect();
        } catch (error) {
          listener.unsubscribe();
          throw error;
        }
        return () => listener.unsubscribe();
      },
      {
        signal: options.signal,
        capacity: options.capacity ?? capacity,
        overflow: options.overflow ?? overflow,
        label: `bybit private ${event}`,
        venue: 'bybit',
      },
    );
  }
}
