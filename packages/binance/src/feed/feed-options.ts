// Options of the Binance feeds and their resolution. Binance needs a little more than base's
// FeedOptions: a third environment (`'demo'`), three endpoints (`rest`, `stream`, `wsApi`),
// a limiter option that takes Binance's own limiter or any base Limiter, where orders go
// (`orderTransport`), and the USD-M position mode (`positionMode`). The
// Binance-only fields are checked here (ConfigError naming the field); the common ones are
// handed to base's `resolveFeedOptions` through BaseFeed.
import { ConfigError, type FeedOptions, HttpSession, type ReconnectOptions } from '@venuekit/base';
import type { DepthSpeed } from '../streams/stream-names.js';
import type { BinanceMarket } from '../errors/error-codes.js';
import { type BinanceLimiterOption, limiterOptionProblem } from '../rest/limiter-option.js';
import { type BinanceEnvironment, type BinanceUrls, SPOT_URLS, USDM_URLS } from '../urls.js';
import { type BinancePositionMode, resolvePositionMode } from './position-mode.js';

/** Where `placeOrder` / `cancelOrder` go: REST (default) or the WebSocket API session. */
export type OrderTransport = 'rest' | 'wsApi';

/** Options of the local order books behind `watchOrderBook`. */
export interface FeedBookOptions {
  /** Levels of each depth snapshot (default 1000; Spot 1–5000, USD-M 5/10/20/50/100/500/1000). */
  snapshotLimit?: number | undefined;
  /** Diff stream speed (default `'100ms'`). */
  speed?: DepthSpeed | undefined;
  /** Snapshot requests at once across all books (default 4). */
  maxConcurrentSnapshots?: number | undefined;
}

/**
 * Options of `BINANCE___SPOT` and `BINANCE___USDM`: base's FeedOptions with Binance's
 * environments and endpoints. Pass them to `registry.createFeed(id, options)` or to the feed
 * classes directly.
 */
export interface BinanceFeedOptions extends Omit<FeedOptions, 'environment' | 'urls' | 'limiter'> {
  /** `'prod'` (default), `'testnet'` or `'demo'` (Binance's demo-trading hosts). */
  environment?: BinanceEnvironment | undefined;
  /**
   * Endpoint overrides: `rest` (origin, `http://127.0.0.1:PORT`), `stream` (market-stream
   * origin, `ws://127.0.0.1:PORT`; USD-M user data uses its `/private` route too) and `wsApi`
   * (full URL, `ws://127.0.0.1:PORT/ws-api/v3`). This is how a feed is pointed at the simulator.
   */
  urls?: Readonly<Partial<Record<'rest' | 'stream' | 'wsApi', string>>> | undefined;
  /**
   * Default: the limits shared by every client and feed of the same market, REST host and egress
   * (one IP budget and ban) and, with credentials, the ORDERS windows shared by every client of the
   * same API key — Binance's published limits, replaced by exchangeInfo's. A BinanceRequestLimiter
   * (e.g. another client's or feed's `limiter`) is used instead. Any base `Limiter`, such as a
   * `RateLimiter` you share across venues, paces this feed's REST calls on top of the shared
   * Binance limits (acquired with each request's weight; 429s and bans penalize it).
   */
  limiter?: BinanceLimiterOption | undefined;
  /** Where orders are placed and cancelled: `'rest'` (default) or `'wsApi'` (one signed session). */
  orderTransport?: OrderTransport | undefined;
  /**
   * USD-M: the account's position mode (default `'one-way'`), as Bybit's feed option of that name.
   * It must match the account's setting (`GET /fapi/v1/positionSide/dual`; Binance refuses
   * mismatched orders). In `'hedge'` mode every order carries `positionSide` LONG or SHORT — the
   * position it opens or, with `reduceOnly: true`, reduces (sell + reduceOnly closes the long) —
   * and no `reduceOnly` parameter, which Binance does not accept in hedge mode. Spot: only
   * `'one-way'`.
   */
  positionMode?: BinancePositionMode | undefined;
  /** recvWindow of signed requests in ms (Binance's default 5000 applies when absent). */
  recvWindow?: number | undefined;
  /** How long instruments (exchangeInfo) are cached, in ms (default 15 minutes). */
  instrumentsTtlMs?: number | undefined;
  /** Deadline of each REST call in ms, limiter waits included (default 10 000). */
  requestTimeoutMs?: number | undefined;
  /** Reconnect schedule of the feed's sockets (default: each transport's own). */
  reconnect?: ReconnectOptions | undefined;
  /** Local order books behind `watchOrderBook`. */
  book?: FeedBookOptions | undefined;
  /**
   * Validate every REST market-data result against base's model schemas (zod) before handing it
   * over, and read depth snapshots through JSON.parse only (default false: answers are read by
   * the lean parsers, which still refuse malformed numbers with ValidationError). For tests and
   * for checking a new venue build; it costs CPU on every call.
   */
  strict?: boolean | undefined;
}

/** The Binance-specific settings of a feed, resolved. */
export interface ResolvedBinanceSettings {
  readonly market: BinanceMarket;
  readonly environment: BinanceEnvironment;
  readonly urls: Readonly<BinanceUrls>;
  readonly limiter: BinanceLimiterOption | undefined;
  readonly session: HttpSession | undefined;
  readonly orderTransport: OrderTransport;
  readonly positionMode: BinancePositionMode;
  readonly recvWindow: number | undefined;
  readonly instrumentsTtlMs: number;
  readonly requestTimeoutMs: number | undefined;
  readonly reconnect: ReconnectOptions | undefined;
  readonly book: Readonly<FeedBookOptions>;
  readonly strict: boolean;
}

const URL_NAMES: ReadonlySet<string> = new Set(['rest', 'stream', 'wsApi']);
const ENVIRONMENTS: ReadonlySet<unknown> = new Set(['prod', 'testnet', 'demo']);

function fail(field: string, message: string): never {
  throw new ConfigError(`options.${field} of the Binance feed: ${message}`, {
    venue: 'binance',
    details: { field },
  });
}

function positiveMs(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    fail(field, `expected a number of milliseconds > 0, got ${String(value)}`);
  return value;
}

/**
 * Checks the Binance-only options and returns them resolved, plus the options to hand to base
 * (the same object without `environment: 'demo'` and `limiter`, which base does not know).
 */
export function resolveBinanceFeedOptions(
  market: BinanceMarket,
  options: BinanceFeedOptions | undefined,
): { settings: ResolvedBinanceSettings; common: FeedOptions } {
  const given = (options ?? {}) as BinanceFeedOptions;
  if (typeof given !== 'object' || given === null)
    throw new ConfigError('options of the Binance feed: expected an object', { venue: 'binance' });
  const environment = given.environment ?? 'prod';
  if (!ENVIRONMENTS.has(environment))
    fail('environment', `expected 'prod', 'testnet' or 'demo', got ${JSON.stringify(environment)}`);
  const overrides = given.urls ?? {};
  for (const name of Object.keys(overrides))
    if (!URL_NAMES.has(name))
      fail(
        `urls.${name}`,
        `unknown endpoint; Binance feeds take urls.rest, urls.stream and urls.wsApi (e.g. { rest: 'http://127.0.0.1:8080', stream: 'ws://127.0.0.1:8080' })`,
      );
  const table = market === 'spot' ? SPOT_URLS : USDM_URLS;
  const preset = table[environment];
  const urls: BinanceUrls = {
    rest: (overrides.rest ?? preset.rest).replace(/\/+$/, ''),
    stream: (overrides.stream ?? preset.stream).replace(/\/+$/, ''),
    wsApi: overrides.wsApi ?? preset.wsApi,
  };
  const limiter = given.limiter as unknown;
  const limiterProblem = limiterOptionProblem(limiter, market);
  if (limiterProblem !== undefined) fail('limiter', limiterProblem);
  const session = given.session;
  if (session !== undefined && !(session instanceof HttpSession))
    fail('session', 'expected an HttpSession from @venuekit/base');
  const orderTransport = given.orderTransport ?? 'rest';
  if (orderTransport !== 'rest' && orderTransport !== 'wsApi')
    fail('orderTransport', `expected 'rest' or 'wsApi', got ${JSON.stringify(orderTransport)}`);
  const book = given.book ?? {};
  const strict = given.strict ?? false;
  if (typeof strict !== 'boolean') fail('strict', `expected true or false, got ${JSON.stringify(strict)}`);
  const positionMode = resolvePositionMode(market, given.positionMode);
  const { environment: _e, limiter: _l, strict: _s, positionMode: _p, ...rest } = given;
  const common: FeedOptions = {
    ...(rest as FeedOptions),
    environment: environment === 'demo' ? undefined : environment,
  };
  return {
    settings: {
      market,
      environment,
      urls,
      limiter: limiter as BinanceLimiterOption | undefined,
      session: session as HttpSession | undefined,
      orderTransport,
      positionMode,
      recvWindow: positiveMs('recvWindow', given.recvWindow),
      instrumentsTtlMs: positiveMs('instrumentsTtlMs', given.instrumentsTtlMs) ?? 15 * 60_000,
      requestTimeoutMs: positiveMs('requestTimeoutMs', given.requestTimeoutMs),
      reconnect: given.reconnect,
      book,
      strict,
    },
    common,
  };
}
