// One part of Binance's limits on one base RateLimiter: the IP part (REQUEST_WEIGHT and
// RAW_REQUESTS, shared by every client of a route) or the ORDERS part (shared by every client of
// one account). Besides the windows it keeps what usage reports need: the units of requests still
// in flight, per rule, so that a report (Binance's figure, which covers the reporting request but
// not those still on their way) is adopted as figure + in flight and never lowers the count.
// exchangeInfo's limits are adopted here too: new figures for the same rules keep the usage
// counted so far; a different set of rules replaces the RateLimiter, carrying usage and penalties.
import { type Clock, RateLimiter, type RuleState } from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import { type BinanceRateLimit, rateLimitRuleName, rulesFromRateLimits } from './rate-limit-rules.js';

/** Which of Binance's limits a {@link BinanceLimitWindows} holds. */
export type BinanceLimitPart = 'ip' | 'orders';

/** True when the rule named `rule` (`ORDERS:10S`, `REQUEST_WEIGHT:1M`) belongs to `part`. */
export function ruleBelongsTo(rule: string, part: BinanceLimitPart): boolean {
  return rule.startsWith('ORDERS:') === (part === 'orders');
}

function limitsOf(part: BinanceLimitPart, limits: readonly BinanceRateLimit[]): BinanceRateLimit[] {
  return limits.filter((l) => (l.rateLimitType === 'ORDERS') === (part === 'orders'));
}

/** The windows of one part of a market's limits, with their in-flight bookkeeping. */
export class BinanceLimitWindows {
  /** `'spot'` or `'usdm'`. */
  readonly market: BinanceMarket;
  /** `'ip'` (REQUEST_WEIGHT, RAW_REQUESTS) or `'orders'` (ORDERS). */
  readonly part: BinanceLimitPart;
  /** The clock the windows run on (Binance's, through a server-offset clock). */
  readonly clock: Clock;
  #limiter: RateLimiter;
  #ruleNames: string;
  /** Window length of each rule, by name. */
  #intervals = new Map<string, number>();
  /** Units taken by requests still in flight, by rule name. */
  readonly #inFlightCost = new Map<string, number>();

  /** Windows of `part` for `rateLimits` (entries of the other part are ignored). */
  constructor(
    market: BinanceMarket,
    part: BinanceLimitPart,
    rateLimits: readonly BinanceRateLimit[],
    clock: Clock,
  ) {
    this.market = market;
    this.part = part;
    this.clock = clock;
    const rules = rulesFromRateLimits(market, limitsOf(part, rateLimits));
    this.#limiter = new RateLimiter(rules, { clock });
    this.#ruleNames = rules.map((r) => r.name).join(',');
    this.#intervals = intervalsOf(rules);
  }

  /** The base RateLimiter in use (replaced when exchangeInfo lists a different set of rules). */
  get limiter(): RateLimiter {
    return this.#limiter;
  }

  /** Window length in ms of each rule, by rule name. */
  get intervals(): ReadonlyMap<string, number> {
    return this.#intervals;
  }

  /** Every window's figures, by rule name. */
  state(): Record<string, RuleState> {
    return this.#limiter.state();
  }

  /** Adopts exchangeInfo's `rateLimits` (this part's entries). */
  adopt(rateLimits: readonly BinanceRateLimit[]): void {
    const mine = limitsOf(this.part, rateLimits);
    const rules = rulesFromRateLimits(this.market, mine);
    const names = rules.map((r) => r.name).join(',');
    const before = this.#limiter.state();
    if (names === this.#ruleNames) {
      for (const limit of mine) {
        const name = rateLimitRuleName(limit);
        const current = before[name];
        if (current !== undefined && current.limit !== limit.limit && limit.limit > 0)
          this.#limiter.observe({ rule: name, used: current.used, limit: limit.limit });
      }
      return;
    }
    const next = new RateLimiter(rules, { clock: this.clock });
    for (const [name, s] of Object.entries(before))
      if (s.used > 0) next.observe({ rule: name, used: s.used });
    for (const p of this.#limiter.penalties()) next.penalize(p.remainingMs, p.endpoint);
    this.#limiter = next;
    this.#ruleNames = names;
    this.#intervals = intervalsOf(rules);
  }

  /** Records `cost` units of `rule` as in flight. */
  holdInFlight(rule: string, cost: number): void {
    this.#inFlightCost.set(rule, (this.#inFlightCost.get(rule) ?? 0) + cost);
  }

  /** Releases `cost` in-flight units of `rule` (the request was answered or failed). */
  releaseInFlight(rule: string, cost: number): void {
    const left = (this.#inFlightCost.get(rule) ?? 0) - cost;
    this.#inFlightCost.set(rule, left > 1e-9 ? left : 0);
  }

  /** Adopts Binance's figure for `rule` plus what is still in flight; unknown rules are ignored. */
  observeUsage(rule: string, used: number): void {
    if (!this.#intervals.has(rule)) return;
    this.#limiter.observe({ rule, used: used + (this.#inFlightCost.get(rule) ?? 0) });
  }
}

function intervalsOf(rules: readonly { name: string; intervalMs?: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rules) if (r.intervalMs !== undefined) out.set(r.name, r.intervalMs);
  return out;
}
