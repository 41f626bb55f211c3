// USD-M user data through a listenKey (still current on futures; binance-usdm.md §6): the key is
// created over REST, kept alive every ~30 minutes (it lapses after 60), and the events come on
// the `/private` route of the futures stream host. When Binance says the key expired
// (`listenKeyExpired`) or a keepalive answers -1125, a new key is created and the connection
// moves to it; after every reconnect or key change consumers are told to reconcile (`resync`, and
// `restored` with the window nothing was pushed once the connection is back).
import {
  type Clock,
  ConfigError,
  type HeartbeatOptions,
  NetworkError,
  type ReconnectOptions,
  registerSecret,
  type TimerHandle,
  WebSocketApp,
} from '@venuekit/base';
import type { BinanceRestClient } from '../rest/rest-client.js';
import { type BinanceEnvironment, USDM_URLS } from '../urls.js';
import type { UserDataEventWire } from './event-wire.js';
import { UserDataStream, type UserDataStreamOptions } from './user-data-stream.js';

/** Events requested on the `/private` route by default. */
export const USDM_USER_DATA_EVENTS: readonly string[] = Object.freeze([
  'ORDER_TRADE_UPDATE',
  'ACCOUNT_UPDATE',
  'MARGIN_CALL',
  'ACCOUNT_CONFIG_UPDATE',
]);

/** Options of {@link UsdmUserDataStream}. */
export interface UsdmUserDataOptions extends UserDataStreamOptions {
  /** The USD-M REST client (with credentials) that creates, keeps alive and closes the listenKey. */
  rest: BinanceRestClient;
  /** Futures stream origin, e.g. `wss://fstream.binance.com` (default: by `environment`). */
  streamUrl?: string;
  /** `'prod'` (default), `'testnet'` or `'demo'`, when `streamUrl` is not given. */
  environment?: BinanceEnvironment;
  /** Keepalive interval in ms (default 30 minutes; the key lapses after 60). */
  keepAliveIntervalMs?: number;
  /** Event types to ask for (`events=` on the URL); `false` omits the parameter. Default {@link USDM_USER_DATA_EVENTS}. */
  events?: readonly string[] | false;
  /** Timers (keepalive) and the connection's clock (default: the REST client's clock). */
  clock?: Clock;
  /** Reconnect schedule of the connection (default: 500 ms doubling to 30 s with jitter). */
  reconnect?: ReconnectOptions;
  /** Heartbeat of the connection (default: base's); `false` turns it off. */
  heartbeat?: HeartbeatOptions | false;
  /** Time `start()` waits for the first connection, in ms (default 30 000). */
  startTimeoutMs?: number;
}

/** How long after a failed keepalive the next one is tried, in ms. */
const KEEPALIVE_RETRY_MS = 60_000;

/** The account's USD-M user data over a listenKey stream. */
export class UsdmUserDataStream extends UserDataStream implements AsyncDisposable {
  readonly #rest: BinanceRestClient;
  readonly #origin: string;
  readonly #events: readonly string[] | false;
  readonly #keepAliveMs: number;
  readonly #clock: Clock;
  readonly #options: UsdmUserDataOptions;
  #app: WebSocketApp | undefined;
  #listenKey: string | undefined;
  #timer: TimerHandle | undefined;
  #renewing: Promise<void> | undefined;
  #started = false;
  #stopped = false;

  constructor(options: UsdmUserDataOptions) {
    super(options);
    if (options?.rest === undefined || options.rest.market !== 'usdm')
      throw new ConfigError('rest: a BinanceRestClient with market "usdm" and credentials is required', {
        venue: 'binance',
        details: { field: 'rest' },
      });
    this.#rest = options.rest;
    this.#options = options;
    this.#origin = (options.streamUrl ?? USDM_URLS[options.environment ?? 'prod'].stream).replace(/\/+$/, '');
    this.#events = options.events ?? USDM_USER_DATA_EVENTS;
    this.#keepAliveMs = options.keepAliveIntervalMs ?? 30 * 60_000;
    if (!(this.#keepAliveMs > 0))
      throw new ConfigError('keepAliveIntervalMs must be a number of milliseconds > 0', { venue: 'binance' });
    this.#clock = options.clock ?? options.rest.clock;
  }

  /** The listenKey in use (registered as a secret: it opens the account's event stream). */
  get listenKey(): string | undefined {
    return this.#listenKey;
  }

  /** Creates the key, connects and schedules the keepalive; resolves when connected. Idempotent. */
  async start(): Promise<void> {
    if (this.#stopped) throw new NetworkError('this user-data stream is stopped', { venue: 'binance' });
    if (this.#started) return;
    this.#started = true;
    const key = await this.#createKey();
    const app = WebSocketApp.connect(this.#url(key), {
      onJson: (message) => this.#onMessage(message),
      reconnect: { initialDelayMs: 500, maxDelayMs: 30_000, ...this.#options.reconnect },
      heartbeat: this.#options.heartbeat,
      clock: this.#clock,
      logger: this.logger,
    });
    this.#app = app;
    app.on('close', () => this.markDown(this.#clock.now()));
    app.on('reconnected', () => this.announceResync('reconnected', this.#clock.now()));
    app.on('error', (error) => this.reportError(error));
    this.#schedule(this.#keepAliveMs);
    const startTimeoutMs = this.#options.startTimeoutMs ?? 30_000;
    let timer: TimerHandle | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = this.#clock.setTimeout(
        () =>
          reject(
            new NetworkError(`Binance USD-M user data: not connected within ${startTimeoutMs} ms`, {
              venue: 'binance',
            }),
          ),
        startTimeoutMs,
      );
    });
    try {
      await Promise.race([app.ready, timeout]);
    } catch (error) {
      await this.stop();
      throw error;
    } finally {
      if (timer !== undefined) this.#clock.clearTimeout(timer);
    }
  }

  /** Closes the connection, deletes the listenKey (best effort) and ends every iterable. Idempotent. */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    const app = this.#app;
    this.#app = undefined;
    if (app !== undefined) await app.close();
    if (this.#listenKey !== undefined) {
      try {
        await this.#rest.deleteListenKey();
      } catch (error) {
        this.logger.debug('Binance DELETE listenKey failed while stopping', { error });
      }
    }
    this.endStreams();
  }

  /** `await using stream = new UsdmUserDataStream({ rest })` stops it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /** Sends a keepalive now (also done on schedule). A -1125 answer renews the key. */
  async keepAlive(): Promise<void> {
    try {
      await this.#rest.keepAliveListenKey();
      if (this.#listenKey !== undefined) this.announceKeepAlive(this.#listenKey);
    } catch (error) {
      if ((error as { code?: unknown }).code === -1125) await this.#renew();
      else throw error;
    }
  }

  #url(key: string): string {
    const events = this.#events === false ? '' : `&events=${this.#events.join('/')}`;
    return `${this.#origin}/private/ws?listenKey=${encodeURIComponent(key)}${events}`;
  }

  async #createKey(): Promise<string> {
    const { listenKey } = await this.#rest.createListenKey();
    if (typeof listenKey !== 'string' || listenKey.length === 0)
      throw new NetworkError('Binance POST /fapi/v1/listenKey answered without a listenKey', {
        venue: 'binance',
      });
    registerSecret(listenKey);
    this.#listenKey = listenKey;
    return listenKey;
  }

  #onMessage(message: unknown): void {
    if (message === null || typeof message !== 'object') return;
    const m = message as Record<string, unknown>;
    // The `/stream` form wraps events as {stream, data}; `/ws` sends them bare.
    const event = (m.data !== undefined && typeof m.stream === 'string' ? m.data : m) as UserDataEventWire;
    if (typeof event?.e !== 'string') return;
    if (this.handleEvent(event) !== 'listenKeyExpired') return;
    this.markDown(this.#clock.now()); // nothing more comes on the expired key
    void this.#renew().catch((e: unknown) => this.reportError(e));
  }

  /** A new listenKey, and the connection moved to it. Concurrent calls share one renewal. */
  #renew(): Promise<void> {
    this.#renewing ??= (async () => {
      try {
        const key = await this.#createKey();
        const app = this.#app;
        if (app === undefined || this.#stopped) return;
        app.url = this.#url(key);
        app.socket?.terminate();
        this.announceResync('listenKeyRenewed', this.#clock.now());
      } finally {
        this.#renewing = undefined;
      }
    })();
    return this.#renewing;
  }

  /** Keepalives at a fixed cadence; after a failure the next one comes sooner. */
  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      this.#schedule(this.#keepAliveMs);
      this.keepAlive().catch((error: unknown) => {
        this.reportError(error);
        if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
        this.#schedule(Math.min(KEEPALIVE_RETRY_MS, this.#keepAliveMs));
      });
    }, delayMs);
  }
}
