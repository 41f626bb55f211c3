// The limiter in front of one Binance market's REST API (one per IP and market: Spot and USD-M
// count separately). It wraps base's RateLimiter with Binance's rules and adds what Binance's
// model needs on top: a ban gate (after a 418 nothing is sent until the ban ends: calls fail at
// once with IpBannedError), 429 pauses scoped by cause (-1015 pauses only order placement, -1003
// everything), usage re-synced from the response headers (Binance's figure plus what is still
// on its way to Binance, never lowering the local count, so answers arriving out of order or
// across a window boundary never make it under-count), and adopting new rules when exchangeInfo
// lists different limits.
import { type Clock, IpBannedError, RateLimiter, type RuleState, systemClock } from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import {
  type BinanceRateLimit,
  DEFAULT_RATE_LIMITS,
  orderEndpointPatterns,
  rateLimitRuleName,
  rulesFromRateLimits,
} from './rate-limit-rules.js';
import { type ResponseHeaders, usageFromHeaders } from './usage-headers.js';
import { machineClockOf } from './machine-clock.js';
import { type OrderCountCost, orderCountCost, requestWeight, type WeightParams } from './weights.js';

/** Options of {@link BinanceRequestLimiter}. */
export interface BinanceRequestLimiterOptions {
  /** Time for windows, pauses and bans (use the server-offset clock so windows align with Binance's). */
  clock?: Clock | undefined;
  /** Initial limits (default: Binance's published ones); `false` enforces only pauses and bans. */
  rateLimits?: readonly BinanceRateLimit[] | false | undefined;
}

/** A request the limiter let through, until its answer (or failure) is reported. */
export interface Admission {
  /** Limiter clock time at admission. */
  readonly at: number;
  /** The weight multiplier it was admitted with. */
  readonly multiplier: number;
  /** Its ORDERS cost, for order-placing endpoints. */
  readonly orders: OrderCountCost | undefined;
  /** What it took from each rule, by rule name, while it is in flight. */
  readonly costs: ReadonlyArray<readonly [rule: string, cost: number]>;
  done: boolean;
}

/** What one request asks of the limiter. */
export interface LimitRequest {
  method: string;
  path: string;
  params?: WeightParams;
  /** Overrides the table's REQUEST_WEIGHT (for endpoints the table does not know). */
  weight?: number | undefined;
  signal?: AbortSignal | undefined;
}

/** Rate limiting, pauses and bans for one Binance market. */
export class BinanceRequestLimiter {
  readonly market: BinanceMarket;
  readonly #clock: Clock;
  /** Machine time for the ban, which must not move when the server offset does. */
  readonly #machine: Clock;
  #limiter: RateLimiter;
  #ruleNames: string;
  /** Window length of each rule, by name. */
  #intervals = new Map<string, number>();
  #bannedUntil = 0;
  #inFlight = 0;
  /** Units taken by requests still in flight, by rule name. */
  readonly #inFlightCost = new Map<string, number>();

  constructor(market: BinanceMarket, options: BinanceRequestLimiterOptions = {}) {
    this.market = market;
    this.#clock = options.clock ?? systemClock;
    this.#machine = machineClockOf(this.#clock);
    const limits = options.rateLimits === false ? [] : (options.rateLimits ?? DEFAULT_RATE_LIMITS[market]);
    const rules = rulesFromRateLimits(market, limits);
    this.#limiter = new RateLimiter(rules, { clock: this.#clock });
    this.#ruleNames = rules.map((r) => r.name).join(',');
    this.#intervals = intervalsOf(rules);
  }

  /** The base RateLimiter currently in use (its `state()` shows every window). */
  get limiter(): RateLimiter {
    return this.#limiter;
  }

  /** Epoch ms (machine time, without the server offset) until which the IP is banned, or 0. */
  get bannedUntil(): number {
    return this.#bannedUntil > this.#machine.now() ? this.#bannedUntil : 0;
  }

  /** Requests admitted whose answer has not been reported yet. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Every window's figures, by rule name. */
  state(): Record<string, RuleState> {
    return this.#limiter.state();
  }

  /**
   * Adopts exchangeInfo's `rateLimits`: new limits for the same rules keep the usage counted so
   * far; a different set of rules replaces the limiter (usage of rules present in both is carried).
   */
  adoptRateLimits(rateLimits: readonly BinanceRateLimit[]): void {
    const rules = rulesFromRateLimits(this.market, rateLimits);
    const names = rules.map((r) => r.name).join(',');
    const before = this.#limiter.state();
    if (names === this.#ruleNames) {
      for (const limit of rateLimits) {
        const name = rateLimitRuleName(limit);
        const current = before[name];
        if (current !== undefined && current.limit !== limit.limit && limit.limit > 0)
          this.#limiter.observe({ rule: name, used: current.used, limit: limit.limit });
      }
      return;
    }
    const next = new RateLimiter(rules, { clock: this.#clock });
    for (const [name, s] of Object.entries(before))
      if (s.used > 0) next.observe({ rule: name, used: s.used });
    for (const p of this.#limiter.penalties()) next.penalize(p.remainingMs, p.endpoint);
    this.#limiter = next;
    this.#ruleNames = names;
    this.#intervals = intervalsOf(rules);
  }

  /**
   * Waits until the request may be sent and returns its admission (report the answer with
   * {@link complete}). Throws IpBannedError at once while a ban lasts, ValidationError for a
   * request heavier than a limit, and the signal's reason when aborted.
   */
  async admit(request: LimitRequest): Promise<Admission> {
    this.#throwIfBanned();
    const orders = orderCountCost(this.market, request.method, request.path);
    const multiplier = this.#multiplier(request, orders);
    await this.#limiter.acquire({
      endpoint: request.path,
      method: request.method,
      weight: multiplier,
      signal: request.signal,
    });
    this.#throwIfBanned();
    return this.#admitted(multiplier, orders);
  }

  /**
   * The admission of a request that may be sent right now, synchronously, or `undefined` (nothing
   * taken) when it would have to wait — then {@link admit} it. Throws as `admit` does.
   */
  tryAdmit(request: LimitRequest): Admission | undefined {
    this.#throwIfBanned();
    const orders = orderCountCost(this.market, request.method, request.path);
    const multiplier = this.#multiplier(request, orders);
    if (!this.#limiter.tryAcquire({ endpoint: request.path, method: request.method, weight: multiplier }))
      return undefined;
    return this.#admitted(multiplier, orders);
  }

  #multiplier(request: LimitRequest, orders: OrderCountCost | undefined): number {
    if (orders !== undefined) return 1;
    return request.weight ?? requestWeight(this.market, request.method, request.path, request.params);
  }

  #admitted(multiplier: number, orders: OrderCountCost | undefined): Admission {
    const costs: Array<readonly [string, number]> = [];
    for (const [rule, interval] of this.#intervals) {
      const cost = ruleCost(multiplier, orders, rule, interval);
      if (cost === 0) continue;
      costs.push([rule, cost]);
      this.#inFlightCost.set(rule, (this.#inFlightCost.get(rule) ?? 0) + cost);
    }
    this.#inFlight++;
    return { at: this.#clock.now(), multiplier, orders, costs, done: false };
  }

  /**
   * Reports the answer to an admitted request (headers `undefined` when none arrived) and adopts
   * the usage the headers report. Binance's figure covers this request but not those still on
   * their way, so their units are added; the local count is only ever raised.
   */
  complete(admission: Admission, headers: ResponseHeaders | undefined): void {
    this.#finish(admission);
    if (headers === undefined) return;
    for (const report of usageFromHeaders(headers)) {
      if (!this.#intervals.has(report.rule)) continue;
      const pending = this.#inFlightCost.get(report.rule) ?? 0;
      this.#limiter.observe({ rule: report.rule, used: report.used + pending });
    }
  }

  /** Pauses requests after a 429: only order placement for an ORDERS limit (-1015), else everything. */
  pause(retryAfterMs: number, ordersOnly: boolean): void {
    const ms = Math.max(1, retryAfterMs);
    if (!ordersOnly) {
      this.#limiter.penalize(ms);
      return;
    }
    for (const pattern of orderEndpointPatterns(this.market)) this.#limiter.penalize(ms, pattern);
  }

  /** Bans every request for `retryAfterMs` after a 418: calls fail at once until it ends. */
  ban(retryAfterMs: number): void {
    const until = this.#machine.now() + Math.max(1, retryAfterMs);
    if (until > this.#bannedUntil) this.#bannedUntil = until;
    this.#limiter.penalize(Math.max(1, retryAfterMs));
  }

  #throwIfBanned(): void {
    const now = this.#machine.now();
    if (this.#bannedUntil <= now) return;
    const left = this.#bannedUntil - now;
    throw new IpBannedError(
      `Binance: this IP is banned for another ${Math.ceil(left / 1000)} s (until ${new Date(this.#bannedUntil).toISOString()}); no request is sent until the ban ends`,
      {
        venue: 'binance',
        retryAfterMs: left,
        details: { market: this.market, bannedUntil: this.#bannedUntil },
      },
    );
  }

  #finish(admission: Admission): void {
    if (admission.done) return;
    admission.done = true;
    this.#inFlight--;
    for (const [rule, cost] of admission.costs) {
      const left = (this.#inFlightCost.get(rule) ?? 0) - cost;
      this.#inFlightCost.set(rule, left > 1e-9 ? left : 0);
    }
  }
}

function intervalsOf(rules: readonly { name: string; intervalMs?: number }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rules) if (r.intervalMs !== undefined) out.set(r.name, r.intervalMs);
  return out;
}

/** What a request admitted with `multiplier` (and `orders`) takes from `rule` (a window of `interval` ms). */
function ruleCost(
  multiplier: number,
  orders: OrderCountCost | undefined,
  rule: string,
  interval: number,
): number {
  if (rule.startsWith('REQUEST_WEIGHT:')) return orders !== undefined ? orders.weight : multiplier;
  if (rule.startsWith('RAW_REQUESTS:')) return orders !== undefined ? 1 : multiplier;
  if (rule.startsWith('ORDERS:') && orders !== undefined)
    return interval >= 60_000 && orders.ordersLongWindow !== undefined
      ? orders.ordersLongWindow
      : orders.orders;
  return 0;
}
