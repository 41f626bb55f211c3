// The feed's public market data over REST: ticker, order book, recent trades and klines of one
// symbol, as venuekit models carrying both symbol forms. USD-M's 24-hour ticker has no top of
// book, so its ticker also asks the book ticker (two requests, sent together). Depth snapshots
// are read from the body text into number levels (depth-scanner.ts) unless the feed is `strict`,
// where every result goes through JSON.parse and base's zod schema.
import {
  type Bar,
  barSchema,
  type KlinesQuery,
  type OrderBook,
  type OrderBookQuery,
  orderBookSchema,
  parseOrThrow,
  type Ticker,
  type Trade,
  type TradesQuery,
  tickerSchema,
  tradeSchema,
} from '@venuekit/base';
import { decodeDepth } from '../parsing/depth-scanner.js';
import { parseBookTicker, parseDepth, parseKlines, parseTicker24hr, parseTrades } from '../parsing/market.js';
import type { DepthWire } from '../rest/wire-types.js';
import type { FeedContext } from './feed-context.js';
import { depthRequestLimit, klineInterval, klinesQuery, tradesLimit } from './feed-queries.js';

/** A model schema of base (zod), as parseOrThrow takes it. */
type ModelSchema = Parameters<typeof parseOrThrow>[0];

/** Market-data requests of a Binance feed. */
export class BinanceMarketData {
  readonly #ctx: FeedContext;

  constructor(ctx: FeedContext) {
    this.#ctx = ctx;
  }

  /** In strict mode, `value` checked against `schema` (ValidationError naming the field). */
  #checked<T>(schema: ModelSchema, value: T, what: string): T {
    return this.#ctx.settings.strict ? (parseOrThrow(schema, value, `Binance ${what}`) as T) : value;
  }

  async ticker(symbol: string): Promise<Ticker> {
    return this.#checked(tickerSchema, await this.#ticker(symbol), 'ticker');
  }

  async #ticker(symbol: string): Promise<Ticker> {
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
    const params = { symbol: instrument.symbol, limit: asked };
    const book = this.#ctx.settings.strict
      ? parseDepth(
          await rest.request<DepthWire>('GET', rest.paths.depth, params),
          instrument,
          rest.clock.now(),
        )
      : await rest.request('GET', rest.paths.depth, params, {
          decode: (text) => decodeDepth(text, instrument, rest.clock.now()),
        });
    const limit = query.limit;
    if (limit !== undefined && asked !== limit) {
      if (book.bids.length > limit) book.bids.length = limit;
      if (book.asks.length > limit) book.asks.length = limit;
    }
    return this.#checked(orderBookSchema, book, 'order book');
  }

  async trades(symbol: string, query: TradesQuery = {}): Promise<Trade[]> {
    const limit = tradesLimit(query.limit);
    const instrument = await this.#ctx.instrument(symbol);
    const trades = parseTrades(await this.#ctx.resources.rest.trades(instrument.symbol, limit), instrument);
    return this.#checked(tradeSchema.array(), trades, 'trades');
  }

  async klines(symbol: string, interval: string, query: KlinesQuery = {}): Promise<Bar[]> {
    const i = klineInterval(this.#ctx.market, interval);
    const range = klinesQuery(this.#ctx.market, query);
    const instrument = await this.#ctx.instrument(symbol);
    const rest = this.#ctx.resources.rest;
    const wires = await rest.klines(instrument.symbol, i, range);
    return this.#checked(barSchema.array(), parseKlines(wires, instrument, i, rest.clock.now()), 'klines');
  }
}
