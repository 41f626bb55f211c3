// The contract every rate window kind implements (sliding window, fixed window, token bucket).
// Windows are plain bookkeeping: they never wait or set timers themselves; the RateLimiter asks
// them how long until a weight fits and schedules one timer for the whole queue.

/** The window kinds a rule can use. */
export type RateWindowKind = 'slidingWindow' | 'fixedWindow' | 'tokenBucket';

/** Tolerance for float sums of fractional weights. */
export const WEIGHT_EPSILON = 1e-9;

/** What a server report adds to `used`: where its window ends and which request it answered. */
export interface AdoptOptions {
  /** When the server's window resets, in ms since the epoch. */
  resetAt?: number | undefined;
  /**
   * When the request that carried the report was admitted. Units taken locally at or after it
   * are still in flight (the server has not counted them) and are added on top of the report.
   * Without it the window cannot tell, so it only ever raises its usage to the report.
   */
  sentAt?: number | undefined;
}

/** Bookkeeping of one rate window. All times are ms since the epoch, from the limiter's clock. */
export interface RateWindow {
  /** Which algorithm this window uses. */
  readonly kind: RateWindowKind;
  /** Units the window admits per interval (the bucket capacity for a token bucket). */
  readonly limit: number;
  /** Units counted against the limit at `now`. */
  used(now: number): number;
  /** Milliseconds until `weight` more units fit (0 = now). `weight` must not exceed `limit`. */
  waitMs(now: number, weight: number): number;
  /** Counts `weight` units at `now`. Call only after {@link RateWindow.waitMs} returned 0. */
  take(now: number, weight: number): void;
  /** Adopts server-reported usage (see {@link AdoptOptions}). */
  adopt(now: number, used: number, options?: AdoptOptions): void;
  /** Changes the limit, keeping what is used. */
  setLimit(limit: number): void;
  /** Milliseconds until usage is back to zero (0 when nothing is used). */
  resetInMs(now: number): number;
}

/** Target usage after a server report: the report plus what is still in flight, or never lower without `sentAt`. */
export function adoptedUsage(localUsed: number, reported: number, inFlight: number | undefined): number {
  return inFlight === undefined ? Math.max(localUsed, reported) : reported + inFlight;
}
