// What the `limiter` option of BinanceRestClient and the Binance feeds accepts, and how it is
// resolved: a BinanceRequestLimiter is used as it is (it wins over the shared default); nothing
// means the shared limits of the client's route and account; a generic base `Limiter` (a
// RateLimiter shared with other venues, say) paces the client's requests on top of the shared
// Binance limits, which alone know Binance's weights, order counts and bans.
import { type Clock, ConfigError, type Limiter } from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import type { BinanceRateLimit } from './rate-limit-rules.js';
import { BinanceRequestLimiter } from './request-limiter.js';
import { sharedBinanceLimiter } from './shared-limiters.js';

/** A value for the `limiter` option: Binance's own limiter, or any base Limiter to pace requests with. */
export type BinanceLimiterOption = BinanceRequestLimiter | Limiter;

/** True when `value` has the four methods of base's Limiter contract. */
export function isBaseLimiter(value: unknown): value is Limiter {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.acquire === 'function' &&
    typeof v.tryAcquire === 'function' &&
    typeof v.observe === 'function' &&
    typeof v.penalize === 'function'
  );
}

/** Why `value` is not a usable `limiter` for `market`, or undefined when it is. */
export function limiterOptionProblem(value: unknown, market: BinanceMarket): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof BinanceRequestLimiter)
    return value.market === market
      ? undefined
      : `this limiter is for the ${value.market} market, not ${market}`;
  if (isBaseLimiter(value)) return undefined;
  return `expected a BinanceRequestLimiter (e.g. another client's \`limiter\`) or a base Limiter such as new RateLimiter(rules) (acquire, tryAcquire, observe, penalize)`;
}

/** Where the client is and what it was given, for {@link resolveBinanceLimiter}. */
export interface LimiterContext {
  market: BinanceMarket;
  baseUrl: string;
  /** The egress of the client's HttpSession. */
  egress: string;
  /** The machine clock (or the server-offset clock when only that was given). */
  clock: Clock;
  /** The clock of a limiter made for this client alone (with `rateLimits`). */
  serverClock: Clock;
  apiKey: string | undefined;
  /** Initial limits: given, the client gets limits of its own instead of the shared ones. */
  rateLimits: readonly BinanceRateLimit[] | false | undefined;
}

/**
 * The limiter a client uses for its `limiter` option `given` (checked: ConfigError naming
 * `field`). With `rateLimits` the client's limits are its own, as before they were shared.
 */
export function resolveBinanceLimiter(
  given: unknown,
  ctx: LimiterContext,
  field: string,
): BinanceRequestLimiter {
  const problem = limiterOptionProblem(given, ctx.market);
  if (problem !== undefined)
    throw new ConfigError(`${field}: ${problem}`, { venue: 'binance', details: { field } });
  if (given instanceof BinanceRequestLimiter) return given;
  const pacer = given as Limiter | undefined;
  if (ctx.rateLimits !== undefined)
    return new BinanceRequestLimiter(ctx.market, {
      clock: ctx.serverClock,
      rateLimits: ctx.rateLimits,
      pacer,
    });
  return sharedBinanceLimiter({
    market: ctx.market,
    baseUrl: ctx.baseUrl,
    egress: ctx.egress,
    clock: ctx.clock,
    apiKey: ctx.apiKey,
    pacer,
  });
}
