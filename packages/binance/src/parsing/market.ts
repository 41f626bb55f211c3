// Public market data from REST answers into models: order book snapshots, tickers (24-hour and
// book), trades and klines. Decimal strings are parsed once into numbers; zero placeholders
// (no last price yet, an empty side) become `undefined`. Each result carries both symbols.
import type { Bar, OrderBook, OrderBookLevel, Ticker, Trade } from '@venuekit/base';
import type {
  BookTickerWire,
  DepthWire,
  KlineWire,
  LevelWire,
  Ticker24hrWire,
  TradeWire,
} from '../rest/wire-types.js';
import { decimalField, integerField, positiveOrUndefined } from './decimal-fields.js';

/** The two names of an instrument (a BinanceInstrument fits). */
export interface SymbolNames {
  readonly symbol: string;
  readonly unifiedSymbol: string;
}

/** `[[price, qty], …]` strings into number levels, in the order given. */
export function parseLevels(levels: readonly LevelWire[], side = 'levels'): OrderBookLevel[] {
  const out: OrderBookLevel[] = new Array(levels.length);
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    const price = +level[0];
    const size = +level[1];
    if (!(price > 0) || !(size >= 0) || level[1].length === 0) {
      decimalField(level[0], `${side}[${i}].price`);
      decimalField(level[1], `${side}[${i}].quantity`);
    }
    out[i] = [price, size];
  }
  return out;
}

/** A depth snapshot (`GET /depth`): bids best first, asks best first, `sequence` = `lastUpdateId`. */
export function parseDepth(wire: DepthWire, names: SymbolNames, now: number): OrderBook {
  return {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    bids: parseLevels(wire.bids, 'bids'),
    asks: parseLevels(wire.asks, 'asks'),
    timestamp: wire.T ?? wire.E ?? Math.floor(now),
    sequence: integerField(wire.lastUpdateId, 'depth.lastUpdateId'),
  };
}

/** A 24-hour ticker (`GET /ticker/24hr`); Spot includes the best bid and ask, USD-M does not. */
export function parseTicker24hr(wire: Ticker24hrWire, names: SymbolNames): Ticker {
  return {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    bid: positiveOrUndefined(wire.bidPrice, 'ticker.bidPrice'),
    bidSize: wire.bidQty === undefined ? undefined : decimalField(wire.bidQty, 'ticker.bidQty'),
    ask: positiveOrUndefined(wire.askPrice, 'ticker.askPrice'),
    askSize: wire.askQty === undefined ? undefined : decimalField(wire.askQty, 'ticker.askQty'),
    last: positiveOrUndefined(wire.lastPrice, 'ticker.lastPrice'),
    open: positiveOrUndefined(wire.openPrice, 'ticker.openPrice'),
    high: positiveOrUndefined(wire.highPrice, 'ticker.highPrice'),
    low: positiveOrUndefined(wire.lowPrice, 'ticker.lowPrice'),
    baseVolume: decimalField(wire.volume, 'ticker.volume'),
    quoteVolume: decimalField(wire.quoteVolume, 'ticker.quoteVolume'),
    timestamp: integerField(wire.closeTime, 'ticker.closeTime'),
  };
}

/** Best bid and ask (`GET /ticker/bookTicker`); `now` stamps Spot answers, which carry no time. */
export function parseBookTicker(wire: BookTickerWire, names: SymbolNames, now: number): Ticker {
  const bid = positiveOrUndefined(wire.bidPrice, 'bookTicker.bidPrice');
  const ask = positiveOrUndefined(wire.askPrice, 'bookTicker.askPrice');
  return {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    bid,
    bidSize: bid === undefined ? undefined : decimalField(wire.bidQty, 'bookTicker.bidQty'),
    ask,
    askSize: ask === undefined ? undefined : decimalField(wire.askQty, 'bookTicker.askQty'),
    timestamp: wire.time ?? Math.floor(now),
  };
}

/** One public trade; the side is the taker's (`isBuyerMaker` means the seller took). */
export function parseTrade(wire: TradeWire, names: SymbolNames): Trade {
  return {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    id: String(wire.id),
    price: decimalField(wire.price, 'trade.price'),
    quantity: decimalField(wire.qty, 'trade.qty'),
    side: wire.isBuyerMaker ? 'sell' : 'buy',
    timestamp: integerField(wire.time, 'trade.time'),
  };
}

/** Public trades (`GET /trades`), oldest first as Binance sends them. */
export function parseTrades(wires: readonly TradeWire[], names: SymbolNames): Trade[] {
  const out: Trade[] = new Array(wires.length);
  for (let i = 0; i < wires.length; i++) out[i] = parseTrade(wires[i]!, names);
  return out;
}

/**
 * Klines (`GET /klines`) into bars of `interval`. A bar is `closed` once its close time is
 * before `now` (server time); the newest bar is usually still running.
 */
export function parseKlines(
  wires: readonly KlineWire[],
  names: SymbolNames,
  interval: string,
  now: number,
): Bar[] {
  const out: Bar[] = new Array(wires.length);
  for (let i = 0; i < wires.length; i++) {
    const k = wires[i]!;
    const closeTime = integerField(k[6], 'kline.closeTime');
    out[i] = {
      venue: 'binance',
      symbol: names.symbol,
      unifiedSymbol: names.unifiedSymbol,
      interval,
      openTime: integerField(k[0], 'kline.openTime'),
      closeTime,
      open: decimalField(k[1], 'kline.open'),
      high: decimalField(k[2], 'kline.high'),
      low: decimalField(k[3], 'kline.low'),
      close: decimalField(k[4], 'kline.close'),
      volume: decimalField(k[5], 'kline.volume'),
      quoteVolume: decimalField(k[7], 'kline.quoteVolume'),
      closed: closeTime < now,
    };
  }
  return out;
}
