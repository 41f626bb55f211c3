// The rate limits a Binance simulator enforces: Binance's published defaults per market (as
// exchangeInfo lists them), test overrides, and the rule objects used for exchangeInfo,
// `X-MBX-*` headers and WS API `rateLimits` arrays.
import type { BinanceMarketKind } from '../symbols.js';

/** Overrides of a market's limits; anything not given keeps Binance's default. */
export interface BinanceLimitOverrides {
  /** false: count and report usage but never refuse (default true). */
  enabled?: boolean;
  /** REQUEST_WEIGHT per 1 MINUTE per IP (Spot 6000, USDⓈ-M 2400). */
  requestWeightPerMinute?: number;
  /** RAW_REQUESTS per 5 MINUTE per IP (Spot only: 61000). */
  rawRequestsPer5Min?: number;
  /** ORDERS per 10 SECOND per account (Spot 50, USDⓈ-M 300). */
  ordersPer10s?: number;
  /** ORDERS per 1 DAY per account (Spot only: 160000). */
  ordersPerDay?: number;
  /** ORDERS per 1 MINUTE per account (USDⓈ-M only: 1200). */
  ordersPerMinute?: number;
  /** Incoming messages per second on a market-stream connection (Spot 5, USDⓈ-M 10); excess = disconnect. */
  wsMessagesPerSecond?: number;
  /** Streams per market-stream connection (1024). */
  streamsPerConnection?: number;
  /** WebSocket connection attempts per 5 minutes per IP (300). */
  wsConnectionsPer5Min?: number;
  /** Requests refused with 429 within one window after which the IP is banned with 418 (default 5). */
  banAfterRejected?: number;
  /** Length of the first ban in ms (default 120000); each further ban doubles, up to 3 days. */
  banMs?: number;
}

/** A limit rule in Binance's exchangeInfo form. */
export interface RateLimitRule {
  rateLimitType: 'REQUEST_WEIGHT' | 'ORDERS' | 'RAW_REQUESTS';
  interval: 'SECOND' | 'MINUTE' | 'DAY';
  intervalNum: number;
  limit: number;
}

/** Resolved limits of one market. */
export interface LimitConfig {
  readonly market: BinanceMarketKind;
  readonly enabled: boolean;
  readonly requestWeight: RateLimitRule;
  readonly rawRequests: RateLimitRule | undefined;
  readonly orders: readonly RateLimitRule[];
  readonly wsMessagesPerSecond: number;
  readonly streamsPerConnection: number;
  readonly wsConnectionsPer5Min: number;
  readonly banAfterRejected: number;
  readonly banMs: number;
}

/** Longest ban Binance applies (3 days). */
export const MAX_BAN_MS = 3 * 24 * 3_600_000;

/** Resolves a market's limits: Binance defaults, then `common`, then `specific` overrides. */
export function resolveLimits(
  market: BinanceMarketKind,
  common: BinanceLimitOverrides | undefined,
  specific: BinanceLimitOverrides | undefined,
): LimitConfig {
  const o: BinanceLimitOverrides = { ...common, ...specific };
  const spot = market === 'spot';
  const weight = positive('requestWeightPerMinute', o.requestWeightPerMinute ?? (spot ? 6000 : 2400));
  const orders: RateLimitRule[] = spot
    ? [
        rule('ORDERS', 'SECOND', 10, positive('ordersPer10s', o.ordersPer10s ?? 50)),
        rule('ORDERS', 'DAY', 1, positive('ordersPerDay', o.ordersPerDay ?? 160_000)),
      ]
    : [
        rule('ORDERS', 'MINUTE', 1, positive('ordersPerMinute', o.ordersPerMinute ?? 1200)),
        rule('ORDERS', 'SECOND', 10, positive('ordersPer10s', o.ordersPer10s ?? 300)),
      ];
  return {
    market,
    enabled: o.enabled ?? true,
    requestWeight: rule('REQUEST_WEIGHT', 'MINUTE', 1, weight),
    rawRequests: spot
      ? rule('RAW_REQUESTS', 'MINUTE', 5, positive('rawRequestsPer5Min', o.rawRequestsPer5Min ?? 61_000))
      : undefined,
    orders,
    wsMessagesPerSecond: positive('wsMessagesPerSecond', o.wsMessagesPerSecond ?? (spot ? 5 : 10)),
    streamsPerConnection: positive('streamsPerConnection', o.streamsPerConnection ?? 1024),
    wsConnectionsPer5Min: positive('wsConnectionsPer5Min', o.wsConnectionsPer5Min ?? 300),
    banAfterRejected: nonNegative('banAfterRejected', o.banAfterRejected ?? 5),
    banMs: positive('banMs', o.banMs ?? 120_000),
  };
}

/** The `rateLimits` array of exchangeInfo for `cfg`. */
export function exchangeInfoRateLimits(cfg: LimitConfig): RateLimitRule[] {
  const out = [cfg.requestWeight, ...cfg.orders];
  if (cfg.rawRequests !== undefined) out.push(cfg.rawRequests);
  return out.map((r) => ({ ...r }));
}

/** Length of a rule's window in ms. */
export function windowMs(r: RateLimitRule): number {
  const unit = r.interval === 'SECOND' ? 1000 : r.interval === 'MINUTE' ? 60_000 : 86_400_000;
  return unit * r.intervalNum;
}

/** Header suffix of a rule, e.g. `1M`, `10S`, `1D`. */
export function headerSuffix(r: RateLimitRule): string {
  return `${r.intervalNum}${r.interval[0]}`;
}

function rule(
  rateLimitType: RateLimitRule['rateLimitType'],
  interval: RateLimitRule['interval'],
  intervalNum: number,
  limit: number,
): RateLimitRule {
  return { rateLimitType, interval, intervalNum, limit };
}

function positive(name: string, v: number): number {
  if (!Number.isFinite(v) || v <= 0)
    throw new RangeError(`limits.${name} must be a positive number, got ${v}`);
  return v;
}

function nonNegative(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`limits.${name} must be an integer ≥ 0, got ${v}`);
  return v;
}
