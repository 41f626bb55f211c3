// What every client of one route (a market's REST host reached through one egress, i.e. one IP
// as Binance sees it) shares: the IP windows (REQUEST_WEIGHT, RAW_REQUESTS), the requests in
// flight on them, and the ban. After a 418 nothing is sent on the route until the ban ends:
// calls of every client fail at once with IpBannedError instead of extending the ban.
import { type Clock, IpBannedError } from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import { BinanceLimitWindows } from './limit-windows.js';
import { machineClockOf } from './machine-clock.js';
import type { BinanceRateLimit } from './rate-limit-rules.js';

/** The IP windows, in-flight count and ban of one route. */
export class BinanceRouteLimits {
  /** The IP windows (REQUEST_WEIGHT, RAW_REQUESTS). */
  readonly windows: BinanceLimitWindows;
  /** Machine time for the ban, which must not move when the server offset does. */
  readonly #machine: Clock;
  #bannedUntil = 0;
  #inFlight = 0;

  /** The route's limits for `rateLimits` on `clock` (Binance's time). */
  constructor(market: BinanceMarket, rateLimits: readonly BinanceRateLimit[], clock: Clock) {
    this.windows = new BinanceLimitWindows(market, 'ip', rateLimits, clock);
    this.#machine = machineClockOf(clock);
  }

  /** Epoch ms (machine time) until which the IP is banned, or 0. */
  get bannedUntil(): number {
    return this.#bannedUntil > this.#machine.now() ? this.#bannedUntil : 0;
  }

  /** Requests admitted on the route whose answer has not been reported yet. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Counts a request admitted (+1) or answered (-1). */
  countInFlight(delta: 1 | -1): void {
    this.#inFlight += delta;
  }

  /** Bans the route for `retryAfterMs` after a 418. */
  ban(retryAfterMs: number): void {
    const ms = Math.max(1, retryAfterMs);
    const until = this.#machine.now() + ms;
    if (until > this.#bannedUntil) this.#bannedUntil = until;
    this.windows.limiter.penalize(ms);
  }

  /** Throws IpBannedError while a ban lasts. */
  throwIfBanned(): void {
    const now = this.#machine.now();
    if (this.#bannedUntil <= now) return;
    const left = this.#bannedUntil - now;
    throw new IpBannedError(
      `Binance: this IP is banned for another ${Math.ceil(left / 1000)} s (until ${new Date(this.#bannedUntil).toISOString()}); no request is sent until the ban ends`,
      {
        venue: 'binance',
        retryAfterMs: left,
        details: { market: this.windows.market, bannedUntil: this.#bannedUntil },
      },
    );
  }
}
