// Options of a BinanceWsApi session and their resolution: the endpoint (by market and
// environment, or an explicit URL such as a simulator's), credentials, the server-offset clock
// shared with REST clients, timeouts, recvWindow, when to log on, and the connection's
// reconnect and heartbeat settings. Bad options throw ConfigError naming the field.
import {
  type Clock,
  ConfigError,
  type Credentials,
  type CredentialsInput,
  createCredentials,
  defaultLogger,
  type HeartbeatOptions,
  type Logger,
  type ReconnectOptions,
  ServerOffsetClock,
  systemClock,
} from '@venuekit/base';
import { MAX_RECV_WINDOW_MS } from '../auth/rest-signer.js';
import { signingKeyOf } from '../auth/signing-key.js';
import type { BinanceMarket } from '../errors/error-codes.js';
import { type BinanceRateLimit, DEFAULT_RATE_LIMITS } from '../rest/rate-limit-rules.js';
import { type BinanceEnvironment, SPOT_URLS, USDM_URLS } from '../urls.js';

/** Options of {@link BinanceWsApi}. Every field is optional. */
export interface BinanceWsApiOptions {
  /** `'spot'` (default: `/ws-api/v3`) or `'usdm'` (`/ws-fapi/v1`). */
  market?: BinanceMarket;
  /** `'prod'` (default), `'testnet'` or `'demo'`: picks the endpoint from `urls.ts`. */
  environment?: BinanceEnvironment;
  /** Full endpoint URL overriding the environment's (a simulator: `ws://127.0.0.1:PORT/ws-api/v3`). */
  url?: string;
  /** API key and secret (HMAC) or PKCS#8 PEM private key (Ed25519 recommended; RSA). Needed for signed methods. */
  credentials?: Credentials | CredentialsInput;
  /**
   * `session.logon` on every (re)connect, so signed requests need no signature: `'auto'`
   * (default) logs on with Ed25519 keys, the only kind Binance accepts for it on Spot and USD-M
   * (other keys sign every request); `true` always; `false` never (every signed request then
   * carries its own signature).
   */
  logon?: 'auto' | boolean;
  /** recvWindow in ms added to signed requests (Binance's default 5000 applies when absent). */
  recvWindow?: number;
  /** Time to wait for each answer, in ms (default 10 000). Per request: `{ timeoutMs }`. */
  requestTimeoutMs?: number;
  /** Time `start()` waits for the first connection (handshake, clock sync, logon), in ms (default 30 000). */
  startTimeoutMs?: number;
  /**
   * Measure the server-time offset with `time` on every (re)connect (weight 1). Default: true on
   * Spot; on USD-M, whose WS API has no `time` method, it must stay off (ConfigError) — share a
   * REST client's synced `serverClock` there.
   */
  syncClock?: boolean;
  /** Machine time source (default: system clock); tests pass a FakeClock. */
  clock?: Clock;
  /** A server-offset clock to share with REST clients (default: a new one over `clock`). */
  serverClock?: ServerOffsetClock;
  /**
   * Limits assumed until responses report the real ones (default: Binance's published limits
   * for the market; pass exchangeInfo's `rateLimits` for your account's tier).
   */
  rateLimits?: readonly BinanceRateLimit[];
  /** Reconnect schedule (default: 500 ms doubling to 30 s with jitter, forever). */
  reconnect?: ReconnectOptions;
  /** Ping interval and dead-peer timeout (default: protocol ping every 10 s, dead after 25 s of silence); `false` turns it off. */
  heartbeat?: HeartbeatOptions | false;
  /** Where reconnects, re-logons and limit changes are logged (default: the console logger). */
  logger?: Logger;
}

/** The settings a session runs on. */
export interface ResolvedWsApiOptions {
  market: BinanceMarket;
  url: string;
  credentials: Credentials | undefined;
  logon: boolean;
  recvWindow: number | undefined;
  requestTimeoutMs: number;
  startTimeoutMs: number;
  syncClock: boolean;
  clock: Clock;
  serverClock: ServerOffsetClock;
  rateLimits: readonly BinanceRateLimit[];
  reconnect: ReconnectOptions;
  heartbeat: HeartbeatOptions | false;
  logger: Logger;
}

/** The session's default reconnect schedule: quick first retry, capped at 30 s. */
export const WS_API_RECONNECT: Readonly<ReconnectOptions> = Object.freeze({
  initialDelayMs: 500,
  factor: 2,
  maxDelayMs: 30_000,
});

function positiveMs(field: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0))
    throw new ConfigError(`${field} must be a number of milliseconds > 0 (got ${String(value)})`, {
      venue: 'binance',
      details: { field },
    });
  return value;
}

function endpointOf(options: BinanceWsApiOptions, market: BinanceMarket): string {
  if (options.url !== undefined) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(options.url);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:'))
      throw new ConfigError(
        `url must be a ws:// or wss:// URL such as "wss://ws-api.binance.com:443/ws-api/v3" (got ${JSON.stringify(options.url)})`,
        { venue: 'binance', details: { field: 'url' } },
      );
    return parsed.href;
  }
  const environment = options.environment ?? 'prod';
  const table = market === 'spot' ? SPOT_URLS : USDM_URLS;
  const urls = table[environment];
  if (urls === undefined)
    throw new ConfigError(
      `environment must be 'prod', 'testnet' or 'demo' (got ${JSON.stringify(environment)})`,
      { venue: 'binance', details: { field: 'environment' } },
    );
  return urls.wsApi;
}

/** Applies defaults and checks every field. */
export function resolveWsApiOptions(options: BinanceWsApiOptions): ResolvedWsApiOptions {
  const market = options.market ?? 'spot';
  if (market !== 'spot' && market !== 'usdm')
    throw new ConfigError(`market must be 'spot' or 'usdm' (got ${JSON.stringify(market)})`, {
      venue: 'binance',
      details: { field: 'market' },
    });
  const credentials =
    options.credentials === undefined
      ? undefined
      : createCredentials(options.credentials, { label: 'options.credentials of BinanceWsApi' });
  const logonOption = options.logon ?? 'auto';
  if (logonOption !== 'auto' && typeof logonOption !== 'boolean')
    throw new ConfigError(`logon must be 'auto', true or false (got ${JSON.stringify(logonOption)})`, {
      venue: 'binance',
      details: { field: 'logon' },
    });
  if (logonOption === true && credentials === undefined)
    throw new ConfigError('logon: true needs credentials ({ apiKey, secret })', {
      venue: 'binance',
      details: { field: 'logon' },
    });
  const logon =
    credentials !== undefined &&
    (logonOption === true || (logonOption === 'auto' && signingKeyOf(credentials).type === 'ed25519'));
  const recvWindow =
    options.recvWindow === undefined ? undefined : positiveMs('recvWindow', options.recvWindow, 5000);
  if (recvWindow !== undefined && recvWindow > MAX_RECV_WINDOW_MS)
    throw new ConfigError(`recvWindow must be at most ${MAX_RECV_WINDOW_MS} ms (got ${recvWindow})`, {
      venue: 'binance',
      details: { field: 'recvWindow' },
    });
  if (options.syncClock === true && market === 'usdm')
    throw new ConfigError(
      "syncClock: USD-M's WS API has no `time` method; pass a REST client's synced `serverClock` instead",
      { venue: 'binance', details: { field: 'syncClock' } },
    );
  const clock = options.clock ?? systemClock;
  return {
    market,
    url: endpointOf(options, market),
    credentials,
    logon,
    recvWindow,
    requestTimeoutMs: positiveMs('requestTimeoutMs', options.requestTimeoutMs, 10_000),
    startTimeoutMs: positiveMs('startTimeoutMs', options.startTimeoutMs, 30_000),
    syncClock: options.syncClock ?? market === 'spot',
    clock,
    serverClock: options.serverClock ?? new ServerOffsetClock(clock),
    rateLimits: options.rateLimits ?? DEFAULT_RATE_LIMITS[market],
    reconnect: { ...WS_API_RECONNECT, ...options.reconnect },
    heartbeat: options.heartbeat ?? {},
    logger: options.logger ?? defaultLogger,
  };
}
