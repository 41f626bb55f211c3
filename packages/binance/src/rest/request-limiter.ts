// The limiter in front of one Binance market's REST API, as one client sees it. It joins two
// shared parts (see shared-limiters.ts): the route's (the IP windows REQUEST_WEIGHT and
// RAW_REQUESTS, the requests in flight on them and the ban, shared by every client of one host
// and egress) and the account's (its ORDERS windows, shared by every client of one API key).
// Spot and USD-M count separately. On top it does what Binance's model needs: a ban gate (after a
// 418 nothing is sent until the ban ends), 429 pauses scoped by cause (-1015 pauses the account's
// order placement, -1003 the whole route), usage re-synced from the response headers (Binance's
// figure plus what is still on its way, never lowering the local count), and exchangeInfo's
// limits adopted. An order waits for its account's ORDERS windows first, then for the IP
// windows, so one account waiting for its orders never holds up other clients of the route. A
// generic base `Limiter` of the user's (`pacer`) can be put in front of both. A limiter on shared
// parts holds leases on them (see shared-limiters.ts): the clients using it `retain()` it and
// `release()` it on close; when the last one does, the leases are returned, and a client that
// retains it again later takes them again (finding the parts registered then).
import {
  type Clock,
  ConfigError,
  type Limiter,
  type RateLimiter,
  type RuleState,
  ServerOffsetClock,
  systemClock,
} from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import { BinanceLimitWindows, ruleBelongsTo } from './limit-windows.js';
import { type BinanceRateLimit, DEFAULT_RATE_LIMITS, orderEndpointPatterns } from './rate-limit-rules.js';
import { BinanceRouteLimits } from './route-limits.js';
import { type ResponseHeaders, usageFromHeaders } from './usage-headers.js';
import { type OrderCountCost, orderCountCost, requestWeight, type WeightParams } from './weights.js';

/** Options of {@link BinanceRequestLimiter}. */
export interface BinanceRequestLimiterOptions {
  /** Time for windows, pauses and bans (use the server-offset clock so windows align with Binance's). */
  clock?: Clock | undefined;
  /** Initial limits (default: Binance's published ones); `false` enforces only pauses and bans. */
  rateLimits?: readonly BinanceRateLimit[] | false | undefined;
  /** The route's IP windows and ban to join (default: new ones); see `sharedBinanceLimiter`. */
  route?: BinanceRouteLimits | undefined;
  /** The account's ORDERS windows to join (default: new ones); see `sharedBinanceLimiter`. */
  account?: BinanceLimitWindows | undefined;
  /**
   * A limiter of your own (any base `Limiter`, e.g. a RateLimiter shared with other venues) that
   * every request acquires first, with its REQUEST_WEIGHT as the weight; 429s and bans penalize it too.
   */
  pacer?: Limiter | undefined;
  /** Set the window clock's offset when a client re-syncs with Binance (the shared registry's clocks). */
  followsServerOffset?: boolean | undefined;
  /** The leases on the shared `route` and `account` this limiter holds (see `sharedBinanceLimiter`). */
  hold?: BinanceSharedHold | undefined;
}

/** A limiter's leases on the shared parts it joins, returned when no client uses it any more. */
export interface BinanceSharedHold {
  /** Returns the leases (the parts may then be dropped once idle). */
  release(): void;
  /** Takes the leases again; answers the parts registered now (the same ones unless they were dropped). */
  renew(): { route: BinanceRouteLimits; account: BinanceLimitWindows };
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

/** Rate limiting, pauses and bans for one Binance market: a route's IP limits and an account's ORDERS. */
export class BinanceRequestLimiter {
  /** `'spot'` or `'usdm'`. */
  readonly market: BinanceMarket;
  /** The user's own limiter in front, if any. */
  readonly pacer: Limiter | undefined;
  readonly #followsServerOffset: boolean;
  #route: BinanceRouteLimits;
  #account: BinanceLimitWindows;
  readonly #hold: BinanceSharedHold | undefined;
  #held: boolean;
  #users = 0;

  constructor(market: BinanceMarket, options: BinanceRequestLimiterOptions = {}) {
    this.market = market;
    const clock = options.route?.windows.clock ?? options.clock ?? systemClock;
    const limits = options.rateLimits === false ? [] : (options.rateLimits ?? DEFAULT_RATE_LIMITS[market]);
    this.#route = options.route ?? new BinanceRouteLimits(market, limits, clock);
    this.#account = options.account ?? new BinanceLimitWindows(market, 'orders', limits, clock);
    this.#hold = options.hold;
    this.#held = options.hold !== undefined;
    if (this.#route.windows.market !== market || this.#account.market !== market)
      throw new ConfigError(
        `BinanceRequestLimiter('${market}'): options.route and options.account must be of the ${market} market`,
        { venue: 'binance' },
      );
    this.pacer = options.pacer;
    this.#followsServerOffset = options.followsServerOffset === true;
  }

  /** The route's IP windows, in-flight count and ban (shared by the clients of one host and egress). */
  get route(): BinanceRouteLimits {
    return this.#route;
  }

  /** The account's ORDERS windows (shared by the clients of one API key). */
  get account(): BinanceLimitWindows {
    return this.#account;
  }

  /** Clients using this limiter now (counted by {@link retain} and {@link release}). */
  get users(): number {
    return this.#users;
  }

  /**
   * Counts one more client using this limiter (BinanceRestClient does on creation). When its
   * leases on the shared parts were returned, they are taken again first.
   */
  retain(): void {
    this.#users++;
    if (this.#hold === undefined || this.#held) return;
    const parts = this.#hold.renew();
    this.#route = parts.route;
    this.#account = parts.account;
    this.#held = true;
  }

  /**
   * Counts one client fewer (BinanceRestClient does on close()). When none is left, the leases on
   * the shared parts are returned: they are dropped once idle (their windows empty, no ban, nothing
   * in flight). A limiter never retained keeps its leases.
   */
  release(): void {
    if (this.#users === 0) return;
    this.#users--;
    if (this.#users > 0 || this.#hold === undefined || !this.#held) return;
    this.#held = false;
    this.#hold.release();
  }

  /**
   * Returns the leases when no client uses the limiter now — for an owner (a feed) that made it but
   * may never have made a client. The next {@link retain} takes them again.
   */
  releaseIfUnused(): void {
    if (this.#users > 0 || this.#hold === undefined || !this.#held) return;
    this.#held = false;
    this.#hold.release();
  }

  /** The base RateLimiter of the route's IP windows (its `state()` shows them). */
  get limiter(): RateLimiter {
    return this.route.windows.limiter;
  }

  /** The base RateLimiter of the account's ORDERS windows. */
  get ordersLimiter(): RateLimiter {
    return this.account.limiter;
  }

  /** The clock the windows run on. */
  get clock(): Clock {
    return this.route.windows.clock;
  }

  /** Epoch ms (machine time, without the server offset) until which the IP is banned, or 0. */
  get bannedUntil(): number {
    return this.route.bannedUntil;
  }

  /** Requests admitted on the route (by any client sharing it) whose answer has not been reported yet. */
  get inFlight(): number {
    return this.route.inFlight;
  }

  /** Every window's figures, by rule name: the route's IP windows and the account's ORDERS windows. */
  state(): Record<string, RuleState> {
    return { ...this.route.windows.state(), ...this.account.state() };
  }

  /**
   * Adopts exchangeInfo's `rateLimits` (IP limits into the route, ORDERS into the account): new
   * limits for the same rules keep the usage counted so far; a different set of rules replaces
   * the windows (usage of rules present in both is carried).
   */
  adoptRateLimits(rateLimits: readonly BinanceRateLimit[]): void {
    this.route.windows.adopt(rateLimits);
    this.account.adopt(rateLimits);
  }

  /** Follows a client's clock re-sync: the shared windows' clock takes Binance's offset too. */
  followServerOffset(offsetMs: number): void {
    const clock = this.clock;
    if (this.#followsServerOffset && clock instanceof ServerOffsetClock) clock.setOffset(offsetMs);
  }

  /**
   * Waits until the request may be sent and returns its admission (report the answer with
   * {@link complete}). Throws IpBannedError at once while a ban lasts, ValidationError for a
   * request heavier than a limit, and the signal's reason when aborted. An order waits for the
   * account's ORDERS windows before the IP windows (units it took stay counted if it is aborted
   * while waiting for the second: erring on the safe side).
   */
  async admit(request: LimitRequest): Promise<Admission> {
    this.route.throwIfBanned();
    const orders = orderCountCost(this.market, request.method, request.path);
    const multiplier = this.#multiplier(request, orders);
    const what = { endpoint: request.path, method: request.method, signal: request.signal };
    if (this.pacer !== undefined)
      await this.pacer.acquire({ ...what, weight: orders !== undefined ? orders.weight : multiplier });
    if (orders !== undefined) await this.#admitOrder(what);
    else await this.route.windows.limiter.acquire({ ...what, weight: multiplier });
    this.route.throwIfBanned();
    return this.#admitted(multiplier, orders);
  }

  /**
   * The admission of a request that may be sent right now, synchronously, or `undefined` (nothing
   * taken) when it would have to wait — then {@link admit} it. Orders, and every request when a
   * `pacer` is set, always answer `undefined` (two limiters cannot be taken from all or nothing).
   */
  tryAdmit(request: LimitRequest): Admission | undefined {
    this.route.throwIfBanned();
    if (this.pacer !== undefined) return undefined;
    const orders = orderCountCost(this.market, request.method, request.path);
    if (orders !== undefined) return undefined;
    const multiplier = this.#multiplier(request, orders);
    if (
      !this.route.windows.limiter.tryAcquire({
        endpoint: request.path,
        method: request.method,
        weight: multiplier,
      })
    )
      return undefined;
    return this.#admitted(multiplier, orders);
  }

  /**
   * Takes an order's units from the account's ORDERS windows and the route's IP windows so that
   * both are counted in the windows current when it leaves: when waiting for one carried time into
   * a new window of the other, the other's units are taken again in the new window (the old ones
   * stay counted: erring on the safe side).
   */
  async #admitOrder(what: {
    endpoint: string;
    method: string;
    signal: AbortSignal | undefined;
  }): Promise<void> {
    const ip = this.route.windows;
    const account = this.account;
    const take = { ...what, weight: 1 };
    await account.limiter.acquire(take);
    let ordersAt = this.clock.now();
    if (ip.limiter.tryAcquire(take)) return;
    await ip.limiter.acquire(take);
    let ipAt = this.clock.now();
    for (;;) {
      if (!windowEnded(account, ordersAt, ipAt) || account.limiter.tryAcquire(take)) return;
      await account.limiter.acquire(take);
      ordersAt = this.clock.now();
      if (!windowEnded(ip, ipAt, ordersAt) || ip.limiter.tryAcquire(take)) return;
      await ip.limiter.acquire(take);
      ipAt = this.clock.now();
    }
  }

  #multiplier(request: LimitRequest, orders: OrderCountCost | undefined): number {
    if (orders !== undefined) return 1;
    return request.weight ?? requestWeight(this.market, request.method, request.path, request.params);
  }

  #admitted(multiplier: number, orders: OrderCountCost | undefined): Admission {
    const costs: Array<readonly [string, number]> = [];
    for (const windows of [this.route.windows, this.account]) {
      if (windows.part === 'orders' && orders === undefined) continue;
      for (const [rule, interval] of windows.intervals) {
        const cost = ruleCost(multiplier, orders, rule, interval);
        if (cost === 0) continue;
        costs.push([rule, cost]);
        windows.holdInFlight(rule, cost);
      }
    }
    this.route.countInFlight(1);
    return { at: this.clock.now(), multiplier, orders, costs, done: false };
  }

  /**
   * Reports the answer to an admitted request (headers `undefined` when none arrived) and adopts
   * the usage the headers report: the IP weight into the route, the order count into the
   * account. Binance's figure covers this request but not those still on their way, so their
   * units are added; the local count is only ever raised.
   */
  complete(admission: Admission, headers: ResponseHeaders | undefined): void {
    if (!admission.done) {
      admission.done = true;
      this.route.countInFlight(-1);
      for (const [rule, cost] of admission.costs) this.#windowsOf(rule).releaseInFlight(rule, cost);
    }
    if (headers === undefined) return;
    for (const report of usageFromHeaders(headers))
      this.#windowsOf(report.rule).observeUsage(report.rule, report.used);
  }

  /** Pauses requests after a 429: the account's order placement for an ORDERS limit (-1015), else the route. */
  pause(retryAfterMs: number, ordersOnly: boolean): void {
    const ms = Math.max(1, retryAfterMs);
    if (!ordersOnly) {
      this.route.windows.limiter.penalize(ms);
      this.pacer?.penalize(ms);
      return;
    }
    this.account.limiter.penalize(ms);
    for (const pattern of orderEndpointPatterns(this.market)) this.pacer?.penalize(ms, pattern);
  }

  /** Bans every request of the route for `retryAfterMs` after a 418: calls fail at once until it ends. */
  ban(retryAfterMs: number): void {
    this.route.ban(retryAfterMs);
    this.pacer?.penalize(Math.max(1, retryAfterMs));
  }

  #windowsOf(rule: string): BinanceLimitWindows {
    return ruleBelongsTo(rule, 'orders') ? this.account : this.route.windows;
  }
}

/** True when a window of `windows` that was current at `from` has ended by `to` (epoch-aligned windows). */
function windowEnded(windows: BinanceLimitWindows, from: number, to: number): boolean {
  for (const interval of windows.intervals.values())
    if (Math.floor(from / interval) !== Math.floor(to / interval)) return true;
  return false;
}

/** What a request admitted with `multiplier` (and `orders`) takes from `rule` (a window of `interval` ms). */
function ruleCost(
  multiplier: number,
  orders: OrderCountCost | undefined,
  rule: string,
  interval: number,
): number {
  if (rule.startsWith('REQUEST_WEIGHT:')) return orders !== undefined ? orders.weight : multiplier;
  if (rule.startsWith('RAW_REQUESTS:')) return 1;
  if (rule.startsWith('ORDERS:') && orders !== undefined)
    return interval >= 60_000 && orders.ordersLongWindow !== undefined
      ? orders.ordersLongWindow
      : orders.orders;
  return 0;
}
