// The feed's market streams: tickers (book ticker + 24-hour statistics merged), public trades,
// candles, and the local order book. Each stream resolves its symbol, subscribes the Binance
// streams it needs (shared with every other consumer of the same stream) and unsubscribes when
// the consumer breaks, aborts or the feed disconnects. A message that cannot be turned into a
// model is counted and skipped; the stream carries on.
import {
  type Bar,
  type OrderBook,
  type OrderBookQuery,
  type StartSubscription,
  type Ticker,
  type Trade,
  ValidationError,
  type WatchOptions,
} from '@venuekit/base';
import type { BinanceInstrument } from '../parsing/instruments.js';
import {
  barFromKline,
  tickerFromBookTicker,
  tickerFromEvent,
  tradeFromEvent,
} from '../streams/stream-events.js';
import {
  aggTradeStreamName,
  bookTickerStreamName,
  klineStreamName,
  tickerStreamName,
  tradeStreamName,
} from '../streams/stream-names.js';
import type { FeedContext } from './feed-context.js';
import { klineInterval } from './feed-queries.js';
import { MappedStream } from './mapped-stream.js';
import { TickerMerge } from './ticker-merge.js';

/** Handles one stream message: turns it into models and pushes them. */
type MessageHandler<T> = (data: unknown, stream: string, push: (value: T) => void) => void;

/** Market streams of a Binance feed. */
export class BinanceMarketWatch {
  readonly #ctx: FeedContext;

  constructor(ctx: FeedContext) {
    this.#ctx = ctx;
  }

  /** Best bid/ask in real time with the 24-hour statistics; default overflow `'conflate'`. */
  ticker(symbol: string, options: WatchOptions = {}): AsyncIterable<Ticker> {
    return this.#watch<Ticker>(
      'watchTicker',
      symbol,
      (instrument) => {
        const top = bookTickerStreamName(instrument.symbol);
        const merge = new TickerMerge();
        const clock = this.#ctx.resources.rest.clock;
        return {
          streams: [top, tickerStreamName(instrument.symbol)],
          handle: (data, stream, push) =>
            push(
              stream === top
                ? merge.onTop(tickerFromBookTicker(data, instrument, clock.now()))
                : merge.onStats(tickerFromEvent(data, instrument)),
            ),
        };
      },
      { capacity: 64, overflow: 'conflate', ...defined(options) },
    );
  }

  /** Every public trade (Spot `@trade`, USD-M `@aggTrade`); default overflow `'error'` (nothing lost silently). */
  trades(symbol: string, options: WatchOptions = {}): AsyncIterable<Trade> {
    return this.#watch<Trade>(
      'watchTrades',
      symbol,
      (instrument) => ({
        streams: [
          this.#ctx.market === 'spot'
            ? tradeStreamName(instrument.symbol)
            : aggTradeStreamName(instrument.symbol),
        ],
        handle: (data, _stream, push) => push(tradeFromEvent(data, instrument)),
      }),
      { capacity: 10_000, overflow: 'error', ...defined(options) },
    );
  }

  /** The running candle of `interval` after each update, and each closed one (`closed: true`). */
  klines(symbol: string, interval: string, options: WatchOptions = {}): AsyncIterable<Bar> {
    const i = klineInterval(this.#ctx.market, interval);
    return this.#watch<Bar>(
      `watchKlines ${i}`,
      symbol,
      (instrument) => ({
        streams: [klineStreamName(instrument.symbol, i)],
        handle: (data, _stream, push) => push(barFromKline(data, instrument)),
      }),
      { capacity: 1024, overflow: 'error', ...defined(options) },
    );
  }

  /**
   * The local order book (snapshot + diffs, resynced on a gap while the loop goes on; a book
   * built across a gap is never served). Default `'conflate'`: each value is the live book when
   * the consumer pulls, so a slow consumer skips states instead of falling behind. With
   * `'dropOldest'` or `'error'` every update's book is built and buffered (use a small `limit`).
   */
  orderBook(symbol: string, options: WatchOptions & OrderBookQuery = {}): AsyncIterable<OrderBook> {
    const { limit, ...watch } = options;
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0))
      throw new ValidationError(
        `limit: expected a positive integer of levels per side, got ${String(limit)}`,
        {
          venue: 'binance',
          details: { field: 'limit' },
        },
      );
    const books = () => this.#ctx.resources.books;
    const conflate = (watch.overflow ?? 'conflate') === 'conflate';
    let key = '';
    const start: StartSubscription<number | OrderBook> = async (push) => {
      const instrument = await this.#ctx.instrument(symbol);
      key = instrument.symbol;
      const manager = books();
      const handle = await manager.track(key);
      const onUpdate = conflate
        ? push
        : () => {
            const book = manager.orderBook(key, limit);
            if (book !== undefined) push(book);
          };
      const off = manager.onUpdate(key, onUpdate as (id: number) => void);
      if (manager.isLive(key)) onUpdate(manager.lastUpdateId(key)!);
      return async () => {
        off();
        await handle.release();
      };
    };
    const label = `watchOrderBook ${symbol}`;
    if (!conflate)
      return this.#ctx.stream(label, start, { capacity: 256, ...defined(watch) }) as AsyncIterable<OrderBook>;
    const ticks = this.#ctx.stream(label, start, { ...defined(watch), capacity: 1, overflow: 'conflate' });
    return new MappedStream(ticks, () => books().orderBook(key, limit));
  }

  #watch<T>(
    operation: string,
    symbol: string,
    plan: (instrument: BinanceInstrument) => { streams: string[]; handle: MessageHandler<T> },
    options: WatchOptions & { capacity: number },
  ): AsyncIterable<T> {
    const ctx = this.#ctx;
    return ctx.stream<T>(
      `${operation} ${symbol}`,
      async (push, fail) => {
        const instrument = await ctx.instrument(symbol);
        const { streams, handle } = plan(instrument);
        const subscription = await ctx.resources.streams.subscribe(
          streams,
          (data, stream) => {
            try {
              handle(data, stream, push);
            } catch (error) {
              ctx.malformed(`${operation} ${instrument.symbol}`, error);
            }
          },
          { onError: (error) => fail(error) },
        );
        return () => subscription.unsubscribe();
      },
      options,
    );
  }
}

/** The watch options the user actually set (so `undefined` never overrides a default). */
function defined<O extends object>(options: O): Partial<O> {
  const out: Partial<O> = {};
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
