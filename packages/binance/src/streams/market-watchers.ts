// The market-data streams a feed hands to users, as async iterables of venuekit models: trades
// (Spot `@trade`, USD-M `@aggTrade`), 24-hour tickers, book tickers and candles. Each stream
// subscribes when iteration starts, parses every payload once into its model, buffers for a slow
// consumer with a stated overflow policy, and unsubscribes on `break`, `return()` or the signal.
// Trades are decoded straight from the frame's bytes (TradeFrameDecoder), others from the JSON.
// A payload that does not parse is reported (the streams' `error` event) and skipped.
import {
  type Bar,
  type Clock,
  type SubscriptionOverflowPolicy,
  subscriptionToAsyncIterable,
  systemClock,
  type Ticker,
  type Trade,
  type WatchOptions,
} from '@venuekit/base';
import type { SymbolNames } from '../parsing/market.js';
import type { BinanceMarketStreams } from './market-streams.js';
import { barFromKline, tickerFromBookTicker, tickerFromEvent, tradeFromEvent } from './stream-events.js';
import { TradeFrameDecoder } from './trade-frame.js';
import {
  aggTradeStreamName,
  bookTickerStreamName,
  klineStreamName,
  tickerStreamName,
  tradeStreamName,
} from './stream-names.js';

/** Options of {@link BinanceMarketWatchers}. */
export interface BinanceMarketWatchersOptions {
  /** Names of a Binance symbol for results (a SymbolMapper's `find`; default: the symbol for both). */
  symbolNames?: (symbol: string) => SymbolNames | undefined;
  /** Source of `timestamp` for Spot book tickers, which carry no event time (default: system clock). */
  clock?: Clock;
}

/** Options of `watchTrades`. */
export interface WatchTradesOptions extends WatchOptions {
  /**
   * Use `@aggTrade` (trades aggregated per taker order; ids are aggregate ids) instead of
   * `@trade`. Default: false on Spot, true on USD-M (which has no `@trade` stream).
   */
  aggregate?: boolean;
}

type Parse<T> = (data: unknown, names: SymbolNames) => T;
/** Makes a stream's byte decoder: a frame's model, or undefined to get the frame's `data` parsed instead. */
type FrameDecoderOf<T> = (names: SymbolNames) => (frame: Buffer) => T | undefined;

/** Trades are decoded from the frame's bytes (the commonest, busiest stream); other forms take the JSON path. */
const tradeFrames: FrameDecoderOf<Trade> = (names) => {
  const decoder = new TradeFrameDecoder(names);
  return (frame) => decoder.decode(frame);
};

/** Trades, tickers and candles of one market's streams. */
export class BinanceMarketWatchers {
  readonly #streams: BinanceMarketStreams;
  readonly #names: (symbol: string) => SymbolNames | undefined;
  readonly #clock: Clock;

  constructor(streams: BinanceMarketStreams, options: BinanceMarketWatchersOptions = {}) {
    this.#streams = streams;
    this.#names = options.symbolNames ?? (() => undefined);
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * Every public trade of `symbol`. Default buffer: 10 000 trades, overflow `'error'` (a gap in
   * trades would go unnoticed otherwise); pass `overflow: 'dropOldest'` to keep going instead.
   */
  watchTrades(symbol: string, options: WatchTradesOptions = {}): AsyncIterable<Trade> {
    const aggregate = options.aggregate ?? this.#streams.market === 'usdm';
    const stream = aggregate ? aggTradeStreamName(symbol) : tradeStreamName(symbol);
    return this.#watch(stream, symbol, tradeFromEvent, options, 10_000, 'error', tradeFrames);
  }

  /** 24-hour statistics of `symbol` (Spot's include the best bid and ask). Default: the latest only (`'conflate'`). */
  watchTicker(symbol: string, options: WatchOptions = {}): AsyncIterable<Ticker> {
    return this.#watch(tickerStreamName(symbol), symbol, tickerFromEvent, options, 1, 'conflate');
  }

  /** Best bid and ask of `symbol` in real time. Default: the latest only (`'conflate'`). */
  watchBookTicker(symbol: string, options: WatchOptions = {}): AsyncIterable<Ticker> {
    const parse: Parse<Ticker> = (data, names) => tickerFromBookTicker(data, names, this.#clock.now());
    return this.#watch(bookTickerStreamName(symbol), symbol, parse, options, 1, 'conflate');
  }

  /**
   * The running candle of `symbol` at `interval` (`closed: true` once the interval is over).
   * Default buffer: 1024 updates, `'dropOldest'`.
   */
  watchKlines(symbol: string, interval: string, options: WatchOptions = {}): AsyncIterable<Bar> {
    return this.#watch(klineStreamName(symbol, interval), symbol, barFromKline, options, 1024, 'dropOldest');
  }

  #watch<T>(
    stream: string,
    symbol: string,
    parse: Parse<T>,
    options: WatchOptions,
    capacity: number,
    overflow: SubscriptionOverflowPolicy,
    frames?: FrameDecoderOf<T>,
  ): AsyncIterable<T> {
    const venueSymbol = symbol.toUpperCase();
    const names = this.#names(venueSymbol) ?? { symbol: venueSymbol, unifiedSymbol: venueSymbol };
    const streams = this.#streams;
    return subscriptionToAsyncIterable<T>(
      async (push, fail) => {
        const onData = (data: unknown): void => {
          let value: T;
          try {
            value = parse(data, names);
          } catch (error) {
            streams.events.emit('error', error as Error);
            return;
          }
          push(value);
        };
        const decode = frames?.(names);
        const onFrame =
          decode === undefined
            ? undefined
            : (frame: Buffer): boolean => {
                const value = decode(frame);
                if (value === undefined) return false;
                push(value);
                return true;
              };
        const subscription = await streams.subscribe(stream, onData, {
          onError: (error) => fail(error),
          onFrame,
        });
        return () => subscription.unsubscribe();
      },
      {
        signal: options.signal,
        capacity: options.capacity ?? capacity,
        overflow: options.overflow ?? overflow,
        label: `binance ${stream}`,
        venue: 'binance',
      },
    );
  }
}
