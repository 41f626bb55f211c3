// Binance's rate limits (exchangeInfo `rateLimits`) as rules for base's RateLimiter: one
// calendar-aligned fixed window per entry (1 MINUTE resets at :00, 10 SECOND at :00, :10, …,
// 1 DAY at 00:00 UTC — epoch-aligned windows are exactly that). REQUEST_WEIGHT counts every
// request's weight (the caller passes it as the multiplier), RAW_REQUESTS one per request
// (an `unweighted` rule); ORDERS count
// only order-placing endpoints, with their own per-rule costs (an order endpoint is acquired
// with multiplier 1 and its fixed IP weight sits in the REQUEST_WEIGHT rule's table).
import type { RateLimitRule } from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import { ORDER_COUNT_COSTS } from './weights.js';

/** One entry of exchangeInfo's `rateLimits`. */
export interface BinanceRateLimit {
  /** `REQUEST_WEIGHT`, `ORDERS`, `RAW_REQUESTS` (others are ignored). */
  rateLimitType: string;
  /** `SECOND`, `MINUTE`, `HOUR` or `DAY`. */
  interval: string;
  intervalNum: number;
  limit: number;
}

/** Binance's published defaults (used until exchangeInfo says otherwise). */
export const DEFAULT_RATE_LIMITS: Readonly<Record<BinanceMarket, readonly BinanceRateLimit[]>> = {
  spot: [
    { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
    { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 50 },
    { rateLimitType: 'ORDERS', interval: 'DAY', intervalNum: 1, limit: 160_000 },
    { rateLimitType: 'RAW_REQUESTS', interval: 'MINUTE', intervalNum: 5, limit: 61_000 },
  ],
  usdm: [
    { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 2400 },
    { rateLimitType: 'ORDERS', interval: 'MINUTE', intervalNum: 1, limit: 1200 },
    { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 300 },
  ],
};

const INTERVAL_MS: Readonly<Record<string, number>> = {
  SECOND: 1000,
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
};

const KNOWN_TYPES: ReadonlySet<string> = new Set(['REQUEST_WEIGHT', 'ORDERS', 'RAW_REQUESTS']);

/** Length of a rate limit's window in ms, or undefined for an unknown interval. */
export function rateLimitIntervalMs(limit: BinanceRateLimit): number | undefined {
  const unit = INTERVAL_MS[limit.interval];
  return unit === undefined || !(limit.intervalNum > 0) ? undefined : unit * limit.intervalNum;
}

/** The rule name of a rate limit: `REQUEST_WEIGHT:1M`, `ORDERS:10S`, `ORDERS:1D` (as the headers name them). */
export function rateLimitRuleName(limit: BinanceRateLimit): string {
  return `${limit.rateLimitType}:${limit.intervalNum}${limit.interval.charAt(0)}`;
}

/** True when `value` looks like exchangeInfo `rateLimits` entries. */
export function isRateLimitList(value: unknown): value is BinanceRateLimit[] {
  return (
    Array.isArray(value) &&
    value.every(
      (r) =>
        r !== null &&
        typeof r === 'object' &&
        typeof (r as BinanceRateLimit).rateLimitType === 'string' &&
        typeof (r as BinanceRateLimit).interval === 'string' &&
        typeof (r as BinanceRateLimit).intervalNum === 'number' &&
        typeof (r as BinanceRateLimit).limit === 'number',
    )
  );
}

/**
 * RateLimiter rules for `rateLimits` of `market`. Entries of unknown type or interval, and
 * duplicates, are skipped; a limit of 0 or less is skipped too (it would refuse everything).
 */
export function rulesFromRateLimits(
  market: BinanceMarket,
  rateLimits: readonly BinanceRateLimit[],
): RateLimitRule[] {
  const orderCosts = ORDER_COUNT_COSTS[market];
  const orderEndpoints = Object.keys(orderCosts);
  const rules: RateLimitRule[] = [];
  const seen = new Set<string>();
  for (const limit of rateLimits) {
    const intervalMs = rateLimitIntervalMs(limit);
    const name = rateLimitRuleName(limit);
    if (!KNOWN_TYPES.has(limit.rateLimitType) || intervalMs === undefined || seen.has(name)) continue;
    if (!(Number.isFinite(limit.limit) && limit.limit > 0)) continue;
    seen.add(name);
    if (limit.rateLimitType === 'ORDERS') {
      const weights: Record<string, number> = {};
      for (const [endpoint, cost] of Object.entries(orderCosts))
        weights[endpoint] =
          intervalMs >= 60_000 && cost.ordersLongWindow !== undefined ? cost.ordersLongWindow : cost.orders;
      rules.push({
        name,
        kind: 'fixedWindow',
        intervalMs,
        limit: limit.limit,
        scope: 'endpoint',
        endpoints: orderEndpoints,
        weights,
      });
    } else if (limit.rateLimitType === 'REQUEST_WEIGHT') {
      const weights: Record<string, number> = {};
      for (const [endpoint, cost] of Object.entries(orderCosts)) weights[endpoint] = cost.weight;
      rules.push({ name, kind: 'fixedWindow', intervalMs, limit: limit.limit, weights });
    } else {
      // RAW_REQUESTS: one unit per request, whatever its weight.
      rules.push({ name, kind: 'fixedWindow', intervalMs, limit: limit.limit, unweighted: true });
    }
  }
  return rules;
}

/** The `METHOD /path` patterns of `market`'s order-placing endpoints (what an ORDERS 429 pauses). */
export function orderEndpointPatterns(market: BinanceMarket): string[] {
  return Object.keys(ORDER_COUNT_COSTS[market]);
}
