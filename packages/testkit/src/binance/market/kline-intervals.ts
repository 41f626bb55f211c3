// Binance kline intervals: names, lengths and calendar-aligned open times (UTC; weeks start on
// Monday, months on the 1st).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Interval lengths in ms; `1M` is calendar months (length 0 here, see {@link nextOpenTime}). */
export const KLINE_INTERVAL_MS: Readonly<Record<string, number>> = {
  '1s': 1000,
  '1m': MINUTE,
  '3m': 3 * MINUTE,
  '5m': 5 * MINUTE,
  '15m': 15 * MINUTE,
  '30m': 30 * MINUTE,
  '1h': HOUR,
  '2h': 2 * HOUR,
  '4h': 4 * HOUR,
  '6h': 6 * HOUR,
  '8h': 8 * HOUR,
  '12h': 12 * HOUR,
  '1d': DAY,
  '3d': 3 * DAY,
  '1w': 7 * DAY,
  '1M': 0,
};

/** Every interval name, in Binance's order. */
export const KLINE_INTERVALS: readonly string[] = Object.keys(KLINE_INTERVAL_MS);

/** Monday 1970-01-05 00:00 UTC: weeks are aligned to it. */
const WEEK_ANCHOR = 4 * DAY;

/** True if `interval` is a kline interval name (case-sensitive: `1m` minutes, `1M` months). */
export function isKlineInterval(interval: string): boolean {
  return Object.hasOwn(KLINE_INTERVAL_MS, interval);
}

/** Open time of the `interval` candle containing `t`. */
export function openTimeOf(interval: string, t: number): number {
  if (interval === '1M') {
    const d = new Date(t);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  const ms = KLINE_INTERVAL_MS[interval]!;
  if (interval === '1w') return Math.floor((t - WEEK_ANCHOR) / ms) * ms + WEEK_ANCHOR;
  return Math.floor(t / ms) * ms;
}

/** Open time of the candle after the one opening at `open`. */
export function nextOpenTime(interval: string, open: number): number {
  if (interval === '1M') {
    const d = new Date(open);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  return open + KLINE_INTERVAL_MS[interval]!;
}

/** Open time of the candle before the one opening at `open`. */
export function prevOpenTime(interval: string, open: number): number {
  if (interval === '1M') {
    const d = new Date(open);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  }
  return open - KLINE_INTERVAL_MS[interval]!;
}

/** Nominal length in ms (30 days for `1M`), for scaling synthetic volatility. */
export function nominalMs(interval: string): number {
  return interval === '1M' ? 30 * DAY : KLINE_INTERVAL_MS[interval]!;
}
