// The feed contract every venue package implements and every user codes against: one
// `VenueFeed` per venue market (`BINANCE___SPOT`), created by a `FeedFactory` from `FeedOptions`.
// Requests are promises; streams are async iterables that end on `AbortSignal` or `break`.
import type { Credentials } from '../auth/types.js';
import type { OverflowPolicy } from '../buffer/overflow-policy.js';
import type { Clock } from '../clock.js';
import type { Limiter } from '../limits/types.js';
import type { Logger } from '../log.js';
import type { Balance, Position } from '../models/account.js';
import type { Instrument } from '../models/instrument.js';
import type { Bar, OrderBook, Ticker, Trade } from '../models/market-data.js';
import type { Order, OrderRequest } from '../models/order.js';

/** Every operation and stream of {@link VenueFeed} that a feed may or may not support. */
export const FEED_OPERATIONS = [
  'getInstruments',
  'getTicker',
  'getOrderBook',
  'getTrades',
  'getKlines',
  'placeOrder',
  'cancelOrder',
  'getOrder',
  'getOpenOrders',
  'getBalances',
  'getPositions',
  'watchTicker',
  'watchOrderBook',
  'watchTrades',
  'watchKlines',
  'watchOrders',
  'watchBalances',
] as const;

/** Name of one operation or stream of {@link VenueFeed}. */
export type FeedOperation = (typeof FEED_OPERATIONS)[number];

/** Which operations and streams a feed supports: `true` means calling it will not throw `NotSupportedError`. */
export type Capabilities = Readonly<Record<FeedOperation, boolean>>;

/**
 * Which network the feed talks to: production, the venue's testnet, or its demo-trading hosts
 * (Binance and Bybit run demo trading on production market data with paper balances). A feed
 * without endpoints for an environment refuses it with a `ConfigError`.
 */
export type FeedEnvironment = 'prod' | 'testnet' | 'demo';

/** Options every feed factory accepts. Venue packages may accept more. */
export interface FeedOptions {
  /** API credentials, needed for orders, balances, positions and private streams. */
  credentials?: Credentials | undefined;
  /** `'prod'` (default), `'testnet'` or `'demo'`. */
  environment?: FeedEnvironment | undefined;
  /**
   * Endpoint overrides, by the names the venue package documents (typically `rest` and `ws`),
   * e.g. `{ rest: 'http://127.0.0.1:8080', ws: 'ws://127.0.0.1:8080/ws' }` to use a simulator.
   */
  urls?: Readonly<Record<string, string>> | undefined;
  /**
   * An HTTP session (connection pool) to share between feeds: the `HttpSession` of
   * `@venuekit/base`'s http module. Typed loosely here so the feed contract does not depend on
   * the transport; feeds narrow it. Omit it and the feed uses the process-wide shared session.
   */
  session?: unknown;
  /** A rate limiter to share between feeds on the same account or IP. Default: the venue's own rules. */
  limiter?: Limiter | undefined;
  /** Where the feed logs. Default: the package's default logger. */
  logger?: Logger | undefined;
  /** Time source for signatures, timeouts and stale checks (inject `FakeClock` in tests). */
  clock?: Clock | undefined;
}

/** Makes a feed. Registered under a feed id (`VENUE___MARKET`) and called by `registry.createFeed`. */
export type FeedFactory<F extends VenueFeed = VenueFeed> = (options: FeedOptions) => F;

/** Options of `getOrderBook` / `watchOrderBook`. */
export interface OrderBookQuery {
  /** Levels per side (the venue rounds up to a depth it supports). */
  limit?: number | undefined;
}

/** Options of `getTrades`. */
export interface TradesQuery {
  /** Most recent trades to return. */
  limit?: number | undefined;
}

/** Options of `getKlines`. Times are ms since the epoch. */
export interface KlinesQuery {
  limit?: number | undefined;
  start?: number | undefined;
  end?: number | undefined;
}

/**
 * What happens when a stream's consumer falls behind and the buffer is full.
 * @deprecated The same type as {@link OverflowPolicy}; use that name.
 */
export type SubscriptionOverflowPolicy = OverflowPolicy;

/** Options every `watch*` stream accepts. */
export interface WatchOptions {
  /** Ends the stream (cleanly: the loop simply finishes) when aborted. */
  signal?: AbortSignal | undefined;
  /** Values buffered for a slow consumer before `overflow` applies. */
  capacity?: number | undefined;
  /** What to do when the buffer is full (see {@link OverflowPolicy}); each feed documents its default. */
  overflow?: OverflowPolicy | undefined;
}

/**
 * The contract of a venue market. Unsupported operations throw `NotSupportedError` and are `false`
 * in `capabilities`. `await using feed = registry.createFeed(...)` disconnects on scope exit.
 */
export interface VenueFeed extends AsyncDisposable {
  /** The feed id it was created under (`BINANCE___SPOT`). */
  readonly id: string;
  /** The venue's name as errors report it (`'binance'`). */
  readonly venue: string;
  /** What this feed supports. */
  readonly capabilities: Capabilities;
  /** True between a successful `connect()` and `disconnect()`. */
  readonly isConnected: boolean;
  /** Opens what the feed needs (time sync, instruments, sockets). Idempotent. */
  connect(): Promise<void>;
  /** Closes sockets, ends every open stream, releases timers. Idempotent. */
  disconnect(): Promise<void>;

  getInstruments(): Promise<Instrument[]>;
  /** `symbol` in venue form (`BTCUSDT`) or unified (`BTC/USDT`), here and below. */
  getTicker(symbol: string): Promise<Ticker>;
  getOrderBook(symbol: string, query?: OrderBookQuery): Promise<OrderBook>;
  getTrades(symbol: string, query?: TradesQuery): Promise<Trade[]>;
  /** `interval` as the feed documents it (`'1m'`, `'1h'`, `'1d'`). */
  getKlines(symbol: string, interval: string, query?: KlinesQuery): Promise<Bar[]>;

  placeOrder(order: OrderRequest): Promise<Order>;
  /** `id` is the venue's order id. */
  cancelOrder(symbol: string, id: string): Promise<Order>;
  getOrder(symbol: string, id: string): Promise<Order>;
  /** Open orders of one symbol, or of all symbols when omitted. */
  getOpenOrders(symbol?: string): Promise<Order[]>;
  getBalances(): Promise<Balance[]>;
  /** Open positions of one symbol, or all when omitted. */
  getPositions(symbol?: string): Promise<Position[]>;

  watchTicker(symbol: string, options?: WatchOptions): AsyncIterable<Ticker>;
  watchOrderBook(symbol: string, options?: WatchOptions & OrderBookQuery): AsyncIterable<OrderBook>;
  watchTrades(symbol: string, options?: WatchOptions): AsyncIterable<Trade>;
  watchKlines(symbol: string, interval: string, options?: WatchOptions): AsyncIterable<Bar>;
  /** Changes to the account's orders (all symbols). */
  watchOrders(options?: WatchOptions): AsyncIterable<Order>;
  /** The account's balances after each change. */
  watchBalances(options?: WatchOptions): AsyncIterable<Balance[]>;
}

/** A full {@link Capabilities} record: the operations named `true` are supported, every other one is `false`. */
export function defineCapabilities(supported: Partial<Capabilities> = {}): Capabilities {
  const out = {} as Record<FeedOperation, boolean>;
  for (const op of FEED_OPERATIONS) out[op] = supported[op] === true;
  return Object.freeze(out);
}
