// The feed's public market data over REST: ticker, order book, recent trades and klines of one
// symbol, as venuekit models carrying both symbol forms. USD-M's 24-hour ticker has no top of
// book, so its ticker also asks the book ticker (two requests, sent together).
import type { Bar, KlinesQuery, OrderBook, OrderBookQuery, Ticker, Trade, TradesQuery } from '@venuekit/base';
import { parseBookTicker, parseDepth, parseKlines, parseTicker24hr, parseTrades } from '../parsing/market.js';
import type { FeedContext } from './feed-context.js';
import { depthRequestLimit, klineInterval, klinesQuery, tradesLimit } from './feed-queries.js';

/** Market-data requests of a Binance feed. */
export class BinanceMarketData {
  readonly #ctx: FeedContext;

  constructor(ctx: FeedContext) {
    this.#ctx = ctx;
  }

  async ticker(symbol: string): Promise<Ticker> {
    const instrument = await this.#ctx.instrument(symbol);
    const rest = this.#ctx.resources.rest;
    if (this.#ctx.market === 'spot')
      return parseTicker24hr(await rest.ticker24hr(instrument.symbol), instrument);
    const [stats, top] = await Promise.all([
      rest.ticker24hr(instrument.symbol),
      rest.bookTicker(instrument.symbol),
    ]);
    const ticker = parseTicker24hr(stats, instrument);
    const book = parseBookTicker(top, instrument, rest.clock.now());
    return {
      ...ticker,
      bid: book.bid,
      bidSize: book.bidSize,
      ask: book.ask,
      askSize: book.askSize,
      timestamp: Math.max(ticker.timestamp, book.timestamp),
    };
  }

  async orderBook(symbol: string, query: OrderBookQuery = {}): Promise<OrderBook> {
    const asked = depthRequestLimit(this.#ctx.market, query.limit);
    const instrument = await this.#ctx.instrument(symbol);
    const rest = this.#ctx.resources.rest;
    const book = parseDepth(await rest.depth(instrument.symbol, asked), instrument, rest.clock.now());
    const limit = query.limit;
    if (limit !== undefined && asked !== limit) {
      if (book.bids.length > limit) book.bids.length = limit;
      if (book.asks.length > limit) book.asks.length = limit;
    }
    return book;
  }

  async trades(symbol: string, query: TradesQuery = {}): Promise<Trade[]> {
    const limit = tradesLimit(query.limit);
    const instrument = await this.#ctx.instrument(symbol);
    return parseTrades(await this.#ctx.resources.rest.trades(instrument.symbol, limit), instrument);
  }

  async klines(symbol: string, interval: string, query: KlinesQuery = {}): Promise<Bar[]> {
    const i = klineInterval(this.#ctx.market, interval);
    const range = klinesQuery(this.#ctx.market, query);
    const instrument = await this.#ctx.instrument(symbol);
    const rest = this.#ctx.resources.rest;
    const wires = await rest.klines(instrument.symbol, i, range);
    return parseKlines(wires, instrument, i, rest.clock.now());
  }
}
