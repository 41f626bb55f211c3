// Market data from Bybit REST answers into venuekit models: tickers, order books (bids
// descending, asks ascending, as Bybit sends them), public trades and klines (`closed` tells
// whether a candle's interval has ended by `now`). Bybit lists klines and trades NEWEST FIRST;
// BybitRestClient reverses them, and these parsers keep the order they are given.
import type { Bar, OrderBook, OrderBookLevel, Ticker, Trade } from '@venuekit/base';
import { ValidationError } from '@venuekit/base';
import type { KlineRowWire, OrderbookWire, RecentTradeWire, TickerWire } from '../rest/wire-types.js';
import { decimalField, positiveOrUndefined, timeField } from './decimal-fields.js';

/** The venue symbol and the unified one a result carries. */
export interface SymbolNames {
  symbol: string;
  unifiedSymbol: string;
}

/** A ticker from one item of `GET /v5/market/tickers` at `timestamp` (the envelope's `time`). */
export function parseTicker(item: TickerWire, names: SymbolNames, timestamp: number): Ticker {
  const s = names.symbol;
  const ticker: Ticker = { venue: 'bybit', symbol: s, unifiedSymbol: names.unifiedSymbol, timestamp };
  const bid = positiveOrUndefined(item.bid1Price, `${s}.bid1Price`);
  if (bid !== undefined) {
    ticker.bid = bid;
    ticker.bidSize = positiveOrUndefined(item.bid1Size, `${s}.bid1Size`) ?? 0;
  }
  const ask = positiveOrUndefined(item.ask1Price, `${s}.ask1Price`);
  if (ask !== undefined) {
    ticker.ask = ask;
    ticker.askSize = positiveOrUndefined(item.ask1Size, `${s}.ask1Size`) ?? 0;
  }
  const last = positiveOrUndefined(item.lastPrice, `${s}.lastPrice`);
  if (last !== undefined) ticker.last = last;
  const open = positiveOrUndefined(item.prevPrice24h, `${s}.prevPrice24h`);
  if (open !== undefined) ticker.open = open;
  const high = positiveOrUndefined(item.highPrice24h, `${s}.highPrice24h`);
  if (high !== undefined) ticker.high = high;
  const low = positiveOrUndefined(item.lowPrice24h, `${s}.lowPrice24h`);
  if (low !== undefined) ticker.low = low;
  if (item.volume24h !== undefined && item.volume24h !== '')
    ticker.baseVolume = decimalField(item.volume24h, `${s}.volume24h`);
  if (item.turnover24h !== undefined && item.turnover24h !== '')
    ticker.quoteVolume = decimalField(item.turnover24h, `${s}.turnover24h`);
  return ticker;
}

/** Levels `[[price, size], …]` as numbers, in the order given. */
export function parseLevels(levels: readonly (readonly [string, string])[], field: string): OrderBookLevel[] {
  const out: OrderBookLevel[] = new Array(levels.length);
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    out[i] = [decimalField(level[0], field), decimalField(level[1], field)];
  }
  return out;
}

/** An order book from `GET /v5/market/orderbook`; `sequence` is Bybit's `u`. */
export function parseOrderbook(result: OrderbookWire, names: SymbolNames): OrderBook {
  return {
    venue: 'bybit',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    bids: parseLevels(result.b ?? [], `${names.symbol}.b`),
    asks: parseLevels(result.a ?? [], `${names.symbol}.a`),
    timestamp: timeField(result.ts, `${names.symbol}.ts`),
    sequence: typeof result.u === 'number' ? result.u : undefined,
  };
}

/** A public trade from `GET /v5/market/recent-trade` (side is the taker's). */
export function parseRecentTrade(item: RecentTradeWire, names: SymbolNames): Trade {
  return {
    venue: 'bybit',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    id: item.execId,
    price: decimalField(item.price, `${names.symbol}.price`),
    quantity: decimalField(item.size, `${names.symbol}.size`),
    side: item.side === 'Sell' ? 'sell' : 'buy',
    timestamp: timeField(item.time, `${names.symbol}.time`),
  };
}

/** Public trades, in the order given (BybitRestClient.recentTrades returns them oldest first). */
export function parseRecentTrades(list: readonly RecentTradeWire[], names: SymbolNames): Trade[] {
  const out: Trade[] = new Array(list.length);
  for (let i = 0; i < list.length; i++) out[i] = parseRecentTrade(list[i]!, names);
  return out;
}

const MINUTE = 60_000;

/** Kline intervals Bybit accepts. */
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

/** A Bybit kline interval. */
export type BybitKlineInterval = (typeof BYBIT_KLINE_INTERVALS)[number];

/** True for one of {@link BYBIT_KLINE_INTERVALS}. */
export function isBybitKlineInterval(value: unknown): value is BybitKlineInterval {
  return typeof value === 'string' && (BYBIT_KLINE_INTERVALS as readonly string[]).includes(value);
}

/** The end (exclusive, ms) of the candle of `interval` that starts at `start`. */
export function klineEnd(interval: BybitKlineInterval, start: number): number {
  if (interval === 'M') {
    const d = new Date(start);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
  if (interval === 'W') return start + 7 * 1440 * MINUTE;
  if (interval === 'D') return start + 1440 * MINUTE;
  return start + Number(interval) * MINUTE;
}

/**
 * Bars from kline rows in the order given — oldest first as BybitRestClient.klines returns them
 * (Bybit itself sends them newest first). `now` decides `closed` (the candle's interval ended).
 */
export function parseKlines(
  rows: readonly KlineRowWire[],
  interval: BybitKlineInterval,
  names: SymbolNames,
  now: number,
): Bar[] {
  if (!isBybitKlineInterval(interval))
    throw new ValidationError(
      `Bybit kline interval must be one of ${BYBIT_KLINE_INTERVALS.join(' ')}, got ${JSON.stringify(interval)}`,
      {
        venue: 'bybit',
        details: { field: 'interval' },
      },
    );
  const out: Bar[] = [];
  const f = names.symbol;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const openTime = timeField(r[0], `${f}.kline.start`);
    const end = klineEnd(interval, openTime);
    out.push({
      venue: 'bybit',
      symbol: names.symbol,
      unifiedSymbol: names.unifiedSymbol,
      interval,
      openTime,
      closeTime: end - 1,
      open: decimalField(r[1], `${f}.kline.open`),
      high: decimalField(r[2], `${f}.kline.high`),
      low: decimalField(r[3], `${f}.kline.low`),
      close: decimalField(r[4], `${f}.kline.close`),
      volume: decimalField(r[5], `${f}.kline.volume`),
      quoteVolume: decimalField(r[6], `${f}.kline.turnover`),
      closed: end <= now,
    });
  }
  return out;
}
