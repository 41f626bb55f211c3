// The feed's market streams: tickers, public trades and klines from the public streams' market
// watchers, and the local order book from the book manager. Each returns at once (as the
// VenueFeed contract wants) and resolves its symbol against the instruments on the first
// `next()`; breaking out before that opens nothing.
import type { Bar, OrderBook, OrderBookQuery, Ticker, Trade, WatchOptions } from '@venuekit/base';
import type { FeedContext } from './feed-context.js';

/** Market streams of a Bybit feed. */
export class BybitMarketWatch {
  readonly #ctx: FeedContext;

  constructor(ctx: FeedContext) {
    this.#ctx = ctx;
  }

  ticker(symbol: string, options?: WatchOptions): AsyncIterable<Ticker> {
    return this.#ctx.later((s) => this.#ctx.resources.watchers.watchTicker(s, options), symbol);
  }

  trades(symbol: string, options?: WatchOptions): AsyncIterable<Trade> {
    return this.#ctx.later((s) => this.#ctx.resources.watchers.watchTrades(s, options), symbol);
  }

  klines(symbol: string, interval: string, options?: WatchOptions): AsyncIterable<Bar> {
    return this.#ctx.later((s) => this.#ctx.resources.watchers.watchKlines(s, interval, options), symbol);
  }

  orderBook(symbol: string, options?: WatchOptions & OrderBookQuery): AsyncIterable<OrderBook> {
    return this.#ctx.later((s) => this.#ctx.resources.books.watchOrderBook(s, options), symbol);
  }
}
