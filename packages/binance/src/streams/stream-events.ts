// Stream payloads into venuekit models, on the per-message path: trades (`trade`, `aggTrade`),
// candles (`kline`), tickers (`24hrTicker`, `bookTicker`). Each reads the parsed payload's fields
// directly, turns decimal strings into numbers with unary `+`, and builds exactly one result
// object; a field that is missing or not a number makes a ValidationError naming it (the stream
// goes on with the next message). Depth diffs never become objects: book-sync reads `U`, `u`,
// `pu`, `b` and `a` in place and hands the level arrays to the book.
import { type Bar, type Ticker, type Trade, ValidationError } from '@venuekit/base';
import type { SymbolNames } from '../parsing/market.js';

type Fields = Record<string, unknown>;

function bad(event: string, field: string, value: unknown): ValidationError {
  return new ValidationError(
    `Binance ${event} event: field "${field}" should be a number or a decimal string, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`,
    { venue: 'binance', details: { event, field } },
  );
}

/** A required number from a decimal string or number field. */
function decimal(d: Fields, field: string, event: string): number {
  const raw = d[field];
  const n =
    typeof raw === 'string' ? (raw === '' ? Number.NaN : +raw) : typeof raw === 'number' ? raw : Number.NaN;
  if (n - n !== 0) throw bad(event, field, raw);
  return n;
}

/** An optional price: absent, empty or 0 (Binance's "none yet") → undefined. */
function optionalPrice(d: Fields, field: string, event: string): number | undefined {
  const raw = d[field];
  if (raw === undefined || raw === null || raw === '') return undefined;
  const n = decimal(d, field, event);
  return n > 0 ? n : undefined;
}

function optionalAmount(d: Fields, field: string, event: string): number | undefined {
  return d[field] === undefined ? undefined : decimal(d, field, event);
}

function integer(d: Fields, field: string, event: string): number {
  const raw = d[field];
  if (typeof raw !== 'number' || !Number.isSafeInteger(raw)) throw bad(event, field, raw);
  return raw;
}

function object(data: unknown, event: string): Fields {
  if (data === null || typeof data !== 'object') throw bad(event, 'data', data);
  return data as Fields;
}

/**
 * A `trade` (id `t`) or `aggTrade` (id `a`) payload as a Trade. The side is the taker's: `m`
 * (buyer is maker) means the taker sold. The hottest parser: fields are checked inline.
 */
export function tradeFromEvent(data: unknown, names: SymbolNames): Trade {
  const d = object(data, 'trade');
  const aggregate = d.e === 'aggTrade';
  const id = aggregate ? d.a : d.t;
  const p = d.p;
  const q = d.q;
  const time = d.T;
  const price = typeof p === 'string' || typeof p === 'number' ? +p : Number.NaN;
  const quantity = typeof q === 'string' || typeof q === 'number' ? +q : Number.NaN;
  if (
    typeof id !== 'number' ||
    !(price > 0 && price < Number.POSITIVE_INFINITY) ||
    !(quantity > 0 && quantity < Number.POSITIVE_INFINITY) ||
    typeof time !== 'number'
  )
    throw badTrade(aggregate ? 'aggTrade' : 'trade', d);
  return {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    id: String(id),
    price,
    quantity,
    side: d.m === true ? 'sell' : 'buy',
    timestamp: time,
  };
}

/** The error of a trade payload: names the first bad field. */
function badTrade(event: string, d: Fields): ValidationError {
  const idField = event === 'aggTrade' ? 'a' : 't';
  if (typeof d[idField] !== 'number') return bad(event, idField, d[idField]);
  for (const field of ['p', 'q']) {
    const v = d[field];
    const n = typeof v === 'string' || typeof v === 'number' ? +v : Number.NaN;
    if (!(n > 0 && n < Number.POSITIVE_INFINITY)) return bad(event, field, v);
  }
  return bad(event, 'T', d.T);
}

/** A `kline` payload (the running or just-closed candle of `k`) as a Bar. */
export function barFromKline(data: unknown, names: SymbolNames): Bar {
  const k = object(object(data, 'kline').k, 'kline');
  const interval = k.i;
  if (typeof interval !== 'string') throw bad('kline', 'k.i', interval);
  return {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    interval,
    openTime: integer(k, 't', 'kline'),
    closeTime: integer(k, 'T', 'kline'),
    open: decimal(k, 'o', 'kline'),
    high: decimal(k, 'h', 'kline'),
    low: decimal(k, 'l', 'kline'),
    close: decimal(k, 'c', 'kline'),
    volume: decimal(k, 'v', 'kline'),
    quoteVolume: optionalAmount(k, 'q', 'kline'),
    closed: k.x === true,
  };
}

/**
 * A `24hrTicker` payload as a Ticker. Spot's carries the best bid and ask (`b`/`B`/`a`/`A`);
 * USD-M's does not (combine with `bookTicker` for the top of book).
 */
export function tickerFromEvent(data: unknown, names: SymbolNames): Ticker {
  const d = object(data, '24hrTicker');
  const e = '24hrTicker';
  return {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    bid: optionalPrice(d, 'b', e),
    bidSize: optionalAmount(d, 'B', e),
    ask: optionalPrice(d, 'a', e),
    askSize: optionalAmount(d, 'A', e),
    last: optionalPrice(d, 'c', e),
    open: optionalPrice(d, 'o', e),
    high: optionalPrice(d, 'h', e),
    low: optionalPrice(d, 'l', e),
    baseVolume: optionalAmount(d, 'v', e),
    quoteVolume: optionalAmount(d, 'q', e),
    timestamp: integer(d, 'E', e),
  };
}

/**
 * A `bookTicker` payload as a Ticker with only the top of book. Spot's has no event time:
 * `now` (ms) stands in.
 */
export function tickerFromBookTicker(data: unknown, names: SymbolNames, now: number): Ticker {
  const d = object(data, 'bookTicker');
  const e = 'bookTicker';
  const time = typeof d.E === 'number' ? d.E : Math.floor(now);
  return {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    bid: optionalPrice(d, 'b', e),
    bidSize: decimal(d, 'B', e),
    ask: optionalPrice(d, 'a', e),
    askSize: decimal(d, 'A', e),
    timestamp: time,
  };
}
