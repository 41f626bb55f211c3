// The feed's public market data over REST: ticker, order book, recent trades and klines of one
// symbol (venue `BTCUSDT` or unified `BTC/USDT`), as venuekit models carrying both symbol forms.
// Kline intervals are accepted as Bybit names them (`'1'` … `'M'`) or unified (`'1m'`, `'1h'`),
// like watchKlines, and the bars carry the interval as it was asked.
import {
  BadSymbolError,
  type Bar,
  type KlinesQuery,
  type OrderBook,
  type OrderBookQuery,
  type Ticker,
  type Trade,
  type TradesQuery,
} from '@venuekit/base';
import {
  type BybitKlineInterval,
  parseKlines,
  parseOrderbook,
  parseRecentTrades,
  parseTicker,
} from '../parsing/market.js';
import { klineInterval } from '../streams/topics.js';
import type { FeedContext } from './feed-context.js';

/** Market-data requests of a Bybit feed. */
export class BybitMarketData {
  readonly #ctx: FeedContext;

  constructor(ctx: FeedContext) {
    this.#ctx = ctx;
  }

  async ticker(symbol: string): Promise<Ticker> {
    const res = this.#ctx.resources;
    const i = await res.instrument(symbol);
    const { list, time } = await res.rest.tickers(this.#ctx.category, i.symbol);
    if (list[0] === undefined)
      throw new BadSymbolError(`Bybit returned no ticker for ${i.symbol}`, { venue: 'bybit' });
    return parseTicker(list[0], i, time);
  }

  async orderBook(symbol: string, query: OrderBookQuery = {}): Promise<OrderBook> {
    const res = this.#ctx.resources;
    const i = await res.instrument(symbol);
    return parseOrderbook(await res.rest.orderbook(this.#ctx.category, i.symbol, query.limit ?? 50), i);
  }

  async trades(symbol: string, query: TradesQuery = {}): Promise<Trade[]> {
    const res = this.#ctx.resources;
    const i = await res.instrument(symbol);
    return parseRecentTrades(await res.rest.recentTrades(this.#ctx.category, i.symbol, query.limit), i);
  }

  /** Bars of `interval` as Bybit names it (`'1'` … `'M'`) or unified (`'1m'`, `'1h'`, `'1d'`), like watchKlines. */
  async klines(symbol: string, interval: string, query: KlinesQuery = {}): Promise<Bar[]> {
    const res = this.#ctx.resources;
    const bybitInterval = klineInterval(interval) as BybitKlineInterval;
    const i = await res.instrument(symbol);
    const rows = await res.rest.klines(this.#ctx.category, i.symbol, bybitInterval, query);
    const bars = parseKlines(rows, bybitInterval, i, res.rest.clock.now());
    if (interval !== bybitInterval) for (const bar of bars) bar.interval = interval;
    return bars;
  }
}
