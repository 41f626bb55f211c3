// Bybit's kline intervals (`1 3 5 15 30 60 120 240 360 720 D W M`) and the start of the candle a
// time falls in: minute intervals and days align to the epoch (UTC), weeks start on Monday
// 00:00 UTC, months on the 1st at 00:00 UTC.

/** Every interval Bybit accepts, in REST/WS spelling. */
export const BYBIT_KLINE_INTERVALS = [
  '1',
  '3',
  '5',
  '15',
  '30',
  '60',
  '120',
  '240',
  '360',
  '720',
  'D',
  'W',
  'M',
] as const;

/** One Bybit kline interval. */
export type BybitKlineInterval = (typeof BYBIT_KLINE_INTERVALS)[number];

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** 1970-01-05 was the first Monday after the epoch. */
const FIRST_MONDAY = 4 * DAY;

/** True for an interval Bybit accepts. */
export function isKlineInterval(text: string): text is BybitKlineInterval {
  return (BYBIT_KLINE_INTERVALS as readonly string[]).includes(text);
}

/** Start (epoch ms) of the candle of `interval` containing `time`. */
export function candleStart(interval: BybitKlineInterval, time: number): number {
  if (interval === 'M') {
    const d = new Date(time);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
  if (interval === 'W') return Math.floor((time - FIRST_MONDAY) / WEEK) * WEEK + FIRST_MONDAY;
  const ms = interval === 'D' ? DAY : Number(interval) * MINUTE;
  return Math.floor(time / ms) * ms;
}

/** Start of the candle after the one starting at `start`. */
export function nextCandleStart(interval: BybitKlineInterval, start: number): number {
  if (interval === 'M') {
    const d = new Date(start);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  if (interval === 'W') return start + WEEK;
  return start + (interval === 'D' ? DAY : Number(interval) * MINUTE);
}

/** Start of the candle before the one starting at `start`. */
export function previousCandleStart(interval: BybitKlineInterval, start: number): number {
  if (interval === 'M') {
    const d = new Date(start);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  }
  if (interval === 'W') return start - WEEK;
  return start - (interval === 'D' ? DAY : Number(interval) * MINUTE);
}
