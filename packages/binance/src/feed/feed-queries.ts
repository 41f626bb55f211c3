// Checks and normalizes what users pass to the feed's requests before anything is sent: book
// depths (rounded up to a depth Binance serves), trade and kline counts, kline intervals and
// time ranges, and order ids. Bad input is a ValidationError naming the field and the form.
import { ValidationError } from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import type { BinanceOrderRef } from '../rest/rest-client.js';
import { KLINE_INTERVALS } from '../streams/stream-names.js';

const USDM_DEPTHS = [5, 10, 20, 50, 100, 500, 1000] as const;

function invalid(field: string, expected: string, value: unknown): ValidationError {
  return new ValidationError(
    `${field}: expected ${expected}, got ${JSON.stringify(value) ?? String(value)}`,
    {
      venue: 'binance',
      details: { field },
    },
  );
}

function positiveInteger(field: string, value: unknown, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max)
    throw invalid(field, `an integer from 1 to ${max}`, value);
  return value;
}

/**
 * The depth to ask `GET /depth` for, given the levels a user wants: Spot serves any depth up to
 * 5000; USD-M only 5, 10, 20, 50, 100, 500 or 1000, so the next one up is asked (and the answer
 * trimmed to `limit`). `undefined` leaves Binance's default (Spot 100, USD-M 500).
 */
export function depthRequestLimit(market: BinanceMarket, limit: number | undefined): number | undefined {
  const wanted = positiveInteger('limit', limit, market === 'spot' ? 5000 : 1000);
  if (wanted === undefined || market === 'spot') return wanted;
  return USDM_DEPTHS.find((d) => d >= wanted) ?? 1000;
}

/** The number of recent trades asked (1–1000), or undefined for Binance's default (500). */
export function tradesLimit(limit: number | undefined): number | undefined {
  return positiveInteger('limit', limit, 1000);
}

/** The kline interval, checked (`1s` exists on Spot only). */
export function klineInterval(market: BinanceMarket, interval: string): string {
  if (
    typeof interval !== 'string' ||
    !KLINE_INTERVALS.includes(interval) ||
    (interval === '1s' && market !== 'spot')
  )
    throw invalid(
      'interval',
      `one of ${KLINE_INTERVALS.filter((i) => market === 'spot' || i !== '1s').join(' ')}`,
      interval,
    );
  return interval;
}

/** Kline range parameters: `limit` (Spot ≤ 1000, USD-M ≤ 1500), `start` ≤ `end` in ms since the epoch. */
export function klinesQuery(
  market: BinanceMarket,
  query: { limit?: number | undefined; start?: number | undefined; end?: number | undefined },
): { limit?: number; startTime?: number; endTime?: number } {
  const limit = positiveInteger('limit', query.limit, market === 'spot' ? 1000 : 1500);
  const time = (field: string, value: unknown): number | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
      throw invalid(field, 'a time in ms since the epoch', value);
    return value;
  };
  const startTime = time('start', query.start);
  const endTime = time('end', query.end);
  if (startTime !== undefined && endTime !== undefined && startTime > endTime)
    throw invalid('start', `a time not after end (${endTime})`, startTime);
  const out: { limit?: number; startTime?: number; endTime?: number } = {};
  if (limit !== undefined) out.limit = limit;
  if (startTime !== undefined) out.startTime = startTime;
  if (endTime !== undefined) out.endTime = endTime;
  return out;
}

/**
 * Which order `id` names: an id of digits is Binance's `orderId`; anything else is taken as
 * your own client order id (`origClientOrderId`).
 */
export function orderRef(symbol: string, id: string): BinanceOrderRef {
  if (typeof id === 'number' && Number.isSafeInteger(id)) return { symbol, orderId: id };
  if (typeof id !== 'string' || id.length === 0 || id.length > 64)
    throw invalid('id', "Binance's order id (digits) or your clientOrderId", id);
  return /^\d{1,20}$/.test(id) ? { symbol, orderId: id } : { symbol, origClientOrderId: id };
}
