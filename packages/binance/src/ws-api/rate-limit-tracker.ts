// Accounting of the limits a WebSocket API session spends (REQUEST_WEIGHT per IP, ORDERS per
// account), learnt from the `rateLimits` array of every response (protocols/binance.md §8) and
// from our own requests in flight, so a request that would push a limit over is refused before it
// is sent. Windows are calendar-aligned on the server clock (a 10 SECOND window resets at :00,
// :10, …), as Binance counts them. The estimate only ever errs high: a count reported for a
// window is kept as the highest seen, requests in flight are added on top, and a request whose
// count Binance never reported (timeout, drop, hidden rateLimits) is charged in full.
import type { Clock } from '@venuekit/base';
import { type BinanceRateLimit, rateLimitIntervalMs, rateLimitRuleName } from '../rest/rate-limit-rules.js';
import type { WsApiCost } from './ws-api-methods.js';

/** Which requests a limit stops: order placement only (ORDERS) or every request (REQUEST_WEIGHT). */
export type LimitKind = 'orders' | 'all';

/** A limit that refuses a request (or puts the session out of service). */
export interface LimitRefusal {
  /** `ORDERS:10S`, `REQUEST_WEIGHT:1M`. */
  readonly rule: string;
  readonly kind: LimitKind;
  readonly limit: number;
  /** Used in the current window, requests in flight included. */
  readonly used: number;
  /** What the refused request would have added. */
  readonly cost: number;
  /** Server time (epoch ms) when the window resets. */
  readonly resetsAt: number;
}

/** One limit's usage now. */
export interface LimitUsage {
  readonly rule: string;
  readonly limit: number;
  readonly used: number;
  readonly resetsAt: number;
}

/** A request admitted by {@link WsApiRateLimits.reserve}, to settle when it is answered (or not). */
export interface LimitReservation {
  readonly cost: WsApiCost;
  /** Server time it was sent. */
  readonly sentAt: number;
  /** The rules its cost was added to as "in flight". */
  readonly rules: readonly LimitRule[];
  settled: boolean;
}

/** Internal state of one limit. */
export interface LimitRule {
  readonly name: string;
  readonly type: 'REQUEST_WEIGHT' | 'ORDERS' | 'RAW_REQUESTS';
  readonly intervalMs: number;
  /** `SECOND`, `MINUTE`, … and how many, as Binance names the window. */
  readonly interval: string;
  readonly intervalNum: number;
  limit: number;
  /** Index of the window `reported` belongs to. */
  window: number;
  /** Highest count known for `window` (reported by Binance, or charged by us). */
  reported: number;
  /** Cost of requests sent and not yet answered. */
  pending: number;
  /** The settle that last saw this limit reported (internal bookkeeping). */
  reportedIn: number;
}

const TYPES: ReadonlySet<string> = new Set(['REQUEST_WEIGHT', 'ORDERS', 'RAW_REQUESTS']);

/** The limit usage of one WS API session. */
export class WsApiRateLimits {
  readonly #clock: Clock;
  readonly #rules = new Map<string, LimitRule>();
  #settles = 0;

  /** @param initial limits assumed until responses report the real ones (Binance's published defaults). */
  constructor(clock: Clock, initial: readonly BinanceRateLimit[] = []) {
    this.#clock = clock;
    for (const limit of initial) this.#rule(limit);
  }

  /** The first limit `cost` would push over now, with the latest reset among them; undefined when it fits. */
  check(cost: WsApiCost): LimitRefusal | undefined {
    const now = this.#clock.now();
    let refusal: LimitRefusal | undefined;
    for (const rule of this.#rules.values()) {
      const spend = costFor(rule, cost);
      if (spend === 0) continue;
      const used = this.#used(rule, now);
      if (used + spend <= rule.limit) continue;
      const resetsAt = resetOf(rule, now);
      if (refusal === undefined || resetsAt > refusal.resetsAt)
        refusal = { rule: rule.name, kind: kindOf(rule), limit: rule.limit, used, cost: spend, resetsAt };
    }
    return refusal;
  }

  /** A limit of `kind` with no room left for even the smallest request, if any (latest reset wins). */
  exhausted(kind: LimitKind): LimitRefusal | undefined {
    const now = this.#clock.now();
    let refusal: LimitRefusal | undefined;
    for (const rule of this.#rules.values()) {
      if (kindOf(rule) !== kind) continue;
      const used = this.#used(rule, now);
      if (used + 1 <= rule.limit) continue;
      const resetsAt = resetOf(rule, now);
      if (refusal === undefined || resetsAt > refusal.resetsAt)
        refusal = { rule: rule.name, kind, limit: rule.limit, used, cost: 1, resetsAt };
    }
    return refusal;
  }

  /** True when any limit has no room left for the smallest request (cheap: no allocation). */
  anyExhausted(): boolean {
    const now = this.#clock.now();
    for (const rule of this.#rules.values()) if (this.#used(rule, now) + 1 > rule.limit) return true;
    return false;
  }

  /** Counts `cost` as in flight; settle the reservation when the answer (or its absence) is known. */
  reserve(cost: WsApiCost): LimitReservation {
    const rules: LimitRule[] = [];
    for (const rule of this.#rules.values()) {
      const spend = costFor(rule, cost);
      if (spend === 0) continue;
      rule.pending += spend;
      rules.push(rule);
    }
    return { cost, sentAt: this.#clock.now(), rules, settled: false };
  }

  /**
   * The answer arrived: the request leaves "in flight", and the counts Binance reported (its
   * `rateLimits` array) are adopted. A limit the request was counted on but the answer did not
   * report (or no array at all) is charged the request's cost, to err high.
   */
  settle(reservation: LimitReservation, rateLimits: unknown): void {
    if (reservation.settled) return;
    reservation.settled = true;
    const now = this.#clock.now();
    const stamp = ++this.#settles;
    if (Array.isArray(rateLimits)) {
      for (const entry of rateLimits) {
        if (!isReportedLimit(entry)) continue;
        const rule = this.#find(entry) ?? this.#rule(entry);
        if (rule === undefined) continue;
        rule.reportedIn = stamp;
        this.#adopt(rule, entry.count, reservation, now);
      }
    }
    for (const rule of reservation.rules) {
      rule.pending = Math.max(0, rule.pending - costFor(rule, reservation.cost));
      if (rule.reportedIn !== stamp) this.#charge(rule, costFor(rule, reservation.cost), now);
    }
  }

  /** No answer will come (timeout, abort after sending, dropped connection): charge it in full. */
  abandon(reservation: LimitReservation): void {
    this.settle(reservation, undefined);
  }

  /** Usage of every known limit now. */
  usage(): LimitUsage[] {
    const now = this.#clock.now();
    return [...this.#rules.values()].map((rule) => ({
      rule: rule.name,
      limit: rule.limit,
      used: this.#used(rule, now),
      resetsAt: resetOf(rule, now),
    }));
  }

  /** Adopts limits (e.g. exchangeInfo `rateLimits`); usage already counted is kept. */
  setLimits(limits: readonly BinanceRateLimit[]): void {
    for (const limit of limits) this.#rule(limit);
  }

  #used(rule: LimitRule, now: number): number {
    return (rule.window === windowOf(rule, now) ? rule.reported : 0) + rule.pending;
  }

  /** Takes Binance's `count` for `rule`. A request sent in an earlier window may have been counted in either: charge only its own cost then. */
  #adopt(rule: LimitRule, count: number, reservation: LimitReservation, now: number): void {
    const current = windowOf(rule, now);
    if (windowOf(rule, reservation.sentAt) === current) {
      if (rule.window !== current) {
        rule.window = current;
        rule.reported = 0;
      }
      if (count > rule.reported) rule.reported = count;
      return;
    }
    this.#charge(rule, Math.min(count, costFor(rule, reservation.cost)), now);
  }

  #charge(rule: LimitRule, spend: number, now: number): void {
    if (spend <= 0) return;
    const current = windowOf(rule, now);
    if (rule.window !== current) {
      rule.window = current;
      rule.reported = 0;
    }
    rule.reported += spend;
  }

  /** The known rule `entry` reports on, found without building its name (this runs per answer). */
  #find(entry: BinanceRateLimit): LimitRule | undefined {
    for (const rule of this.#rules.values()) {
      if (
        rule.type === entry.rateLimitType &&
        rule.intervalNum === entry.intervalNum &&
        rule.interval === entry.interval
      ) {
        if (entry.limit > 0) rule.limit = entry.limit;
        return rule;
      }
    }
    return undefined;
  }

  /** The rule for `limit`, created on first sight (unknown types and intervals are ignored). */
  #rule(limit: BinanceRateLimit): LimitRule | undefined {
    const name = rateLimitRuleName(limit);
    const existing = this.#rules.get(name);
    if (existing !== undefined) {
      if (limit.limit > 0) existing.limit = limit.limit;
      return existing;
    }
    const intervalMs = rateLimitIntervalMs(limit);
    if (!TYPES.has(limit.rateLimitType) || intervalMs === undefined || !(limit.limit > 0)) return undefined;
    const rule: LimitRule = {
      name,
      type: limit.rateLimitType as LimitRule['type'],
      intervalMs,
      interval: limit.interval,
      intervalNum: limit.intervalNum,
      limit: limit.limit,
      window: Number.NEGATIVE_INFINITY,
      reported: 0,
      pending: 0,
      reportedIn: 0,
    };
    this.#rules.set(name, rule);
    return rule;
  }
}

function costFor(rule: LimitRule, cost: WsApiCost): number {
  return rule.type === 'ORDERS' ? cost.orders : rule.type === 'REQUEST_WEIGHT' ? cost.weight : 1;
}

function kindOf(rule: LimitRule): LimitKind {
  return rule.type === 'ORDERS' ? 'orders' : 'all';
}

function windowOf(rule: LimitRule, at: number): number {
  return Math.floor(at / rule.intervalMs);
}

function resetOf(rule: LimitRule, now: number): number {
  return (windowOf(rule, now) + 1) * rule.intervalMs;
}

function isReportedLimit(entry: unknown): entry is BinanceRateLimit & { count: number } {
  if (entry === null || typeof entry !== 'object') return false;
  const e = entry as Record<string, unknown>;
  return (
    typeof e.rateLimitType === 'string' &&
    typeof e.interval === 'string' &&
    typeof e.intervalNum === 'number' &&
    typeof e.limit === 'number' &&
    typeof e.count === 'number' &&
    Number.isFinite(e.count)
  );
}
