// The limiter in front of one Binance market's REST API (one per IP and market: Spot and USD-M
// count separately). It wraps base's RateLimiter with Binance's rules and adds what Binance's
// model needs on top: a ban gate (after a 418 nothing is sent until the ban ends: calls fail at
// once with IpBannedError), 429 pauses scoped by cause (-1015 pauses only order placement, -1003
// everything), re-syncing usage from the response headers with the admission time of the oldest
// request still in flight (so answers arriving out of order never make it under-count), and
// adopting new rules when exchangeInfo lists different limits.
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
import { orderCountCost, requestWeight, type WeightParams } from './weights.js';

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
  #limiter: RateLimiter;
  #ruleNames: string;
  #bannedUntil = 0;
  readonly #inFlight: Admission[] = [];
  #head = 0;

  constructor(market: BinanceMarket, options: BinanceRequestLimiterOptions = {}) {
    this.market = market;
    this.#clock = options.clock ?? systemClock;
    const limits = options.rateLimits === false ? [] : (options.rateLimits ?? DEFAULT_RATE_LIMITS[market]);
    const rules = rulesFromRateLimits(market, limits);
    this.#limiter = new RateLimiter(rules, { clock: this.#clock });
    this.#ruleNames = rules.map((r) => r.name).join(',');
  }

  /** The base RateLimiter currently in use (its `state()` shows every window). */
  get limiter(): RateLimiter {
    return this.#limiter;
  }

  /** Epoch ms (limiter clock) until which the IP is banned, or 0. */
  get bannedUntil(): number {
    return this.#bannedUntil > this.#clock.now() ? this.#bannedUntil : 0;
  }

  /** Requests admitted whose answer has not been reported yet. */
  get inFlight(): number {
    let n = 0;
    for (let i = this.#head; i < this.#inFlight.length; i++) if (!this.#inFlight[i]!.done) n++;
    return n;
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
  }

  /**
   * Waits until the request may be sent and returns its admission (report the answer with
   * {@link complete}). Throws IpBannedError at once while a ban lasts, ValidationError for a
   * request heavier than a limit, and the signal's reason when aborted.
   */
  async admit(request: LimitRequest): Promise<Admission> {
    this.#throwIfBanned();
    const method = request.method;
    const orders = orderCountCost(this.market, method, request.path);
    const multiplier =
      orders !== undefined
        ? 1
        : (request.weight ?? requestWeight(this.market, method, request.path, request.params));
    await this.#limiter.acquire({
      endpoint: request.path,
      method,
      weight: multiplier,
      signal: request.signal,
    });
    this.#throwIfBanned();
    const admission: Admission = { at: this.#clock.now(), done: false };
    this.#inFlight.push(admission);
    return admission;
  }

  /** Reports the answer to an admitted request: adopts the usage its headers report. */
  complete(admission: Admission, headers: ResponseHeaders | undefined): void {
    const sentAt = this.#oldestInFlightAt();
    this.#finish(admission);
    if (headers === undefined) return;
    for (const report of usageFromHeaders(headers))
      this.#limiter.observe({ rule: report.rule, used: report.used, sentAt: sentAt ?? admission.at });
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
    const until = this.#clock.now() + Math.max(1, retryAfterMs);
    if (until > this.#bannedUntil) this.#bannedUntil = until;
    this.#limiter.penalize(Math.max(1, retryAfterMs));
  }

  #throwIfBanned(): void {
    const now = this.#clock.now();
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

  #oldestInFlightAt(): number | undefined {
    const list = this.#inFlight;
    while (this.#head < list.length && list[this.#head]!.done) this.#head++;
    if (this.#head > 1024 && this.#head * 2 > list.length) {
      list.splice(0, this.#head);
      this.#head = 0;
    }
    return this.#head < list.length ? list[this.#head]!.at : undefined;
  }

  #finish(admission: Admission): void {
    admission.done = true;
    this.#oldestInFlightAt();
  }
}
