// The public streams a feed hands to users as async iterables of venuekit models: trades,
// tickers (linear deltas merged, one merger per topic shared by its iterators) and candles. Each iterable subscribes when iteration starts,
// parses every message once, buffers for a slow consumer with a stated overflow policy, and
// unsubscribes on `break`, `return()` or the signal. A payload that does not parse is reported
// (the streams' `error` event) and skipped.
import {
  type Bar,
  type SubscriptionOverflowPolicy,
  subscriptionToAsyncIterable,
  type Ticker,
  type Trade,
  type WatchOptions,
} from '@venuekit/base';
import type { BybitStreamMessage } from './public-protocol.js';
import type { BybitPublicStreams } from './public-streams.js';
import { SharedTickers } from './shared-tickers.js';
import { barFromWire, eachTrade, type KlineWire, type StreamSymbolNames } from './stream-events.js';
import { klineTopic, tickerTopic, tradeTopic } from './topics.js';

/** Options of {@link BybitMarketWatchers}. */
export interface BybitMarketWatchersOptions {
  /** Names of a Bybit symbol for results (default: the symbol for both). */
  symbolNames?: (symbol: string) => StreamSymbolNames | undefined;
}

/** Trades, tickers and candles of one category's public streams. */
export class BybitMarketWatchers {
  readonly #streams: BybitPublicStreams;
  readonly #names: (symbol: string) => StreamSymbolNames | undefined;
  readonly #tickers: SharedTickers;

  constructor(streams: BybitPublicStreams, options: BybitMarketWatchersOptions = {}) {
    this.#streams = streams;
    this.#tickers = new SharedTickers(streams);
    this.#names = options.symbolNames ?? (() => undefined);
  }

  /**
   * Every public trade of `symbol`, oldest first. Default buffer: 10 000 trades, overflow
   * `'error'` (a silent gap in trades would go unnoticed); pass `overflow: 'dropOldest'` to go on.
   */
  watchTrades(symbol: string, options: WatchOptions = {}): AsyncIterable<Trade> {
    return this.#watch<Trade>(
      tradeTopic(symbol),
      symbol,
      (m, names, push) => eachTrade(m.data, names, push),
      options,
      10_000,
      'error',
    );
  }

  /**
   * 24-hour statistics and (linear) best quotes of `symbol`. Default: the latest only
   * (`'conflate'`). Every iterator of a symbol shares one subscription and one merged ticker: one
   * that starts while another runs begins with the current ticker, and every ticker is complete
   * (a linear delta never reaches an iterator before a snapshot was merged).
   */
  watchTicker(symbol: string, options: WatchOptions = {}): AsyncIterable<Ticker> {
    const topic = tickerTopic(symbol);
    const names = this.#symbolNames(symbol);
    return subscriptionToAsyncIterable<Ticker>(
      (push, fail) => this.#tickers.join(topic, names, { push, fail }),
      {
        signal: options.signal,
        capacity: options.capacity ?? 1,
        overflow: options.overflow ?? 'conflate',
        label: `bybit ${topic}`,
        venue: 'bybit',
      },
    );
  }

  /**
   * The running candle of `symbol` at `interval` (Bybit's `'1' … 'M'` or `'1m'`, `'1h'`, `'1d'`);
   * `closed: true` once the interval is over. Default buffer: 1024 updates, `'dropOldest'`.
   */
  watchKlines(symbol: string, interval: string, options: WatchOptions = {}): AsyncIterable<Bar> {
    return this.#watch<Bar>(
      klineTopic(symbol, interval),
      symbol,
      (m, names, push) => {
        const data = m.data;
        if (!Array.isArray(data)) throw new TypeError('kline data is not an array');
        for (const k of data) push(barFromWire(k as KlineWire, names, interval));
      },
      options,
      1024,
      'dropOldest',
    );
  }

  #symbolNames(symbol: string): StreamSymbolNames {
    const venueSymbol = symbol.toUpperCase();
    return this.#names(venueSymbol) ?? { symbol: venueSymbol, unifiedSymbol: venueSymbol };
  }

  #watch<T>(
    topic: string,
    symbol: string,
    parse: (message: BybitStreamMessage, names: StreamSymbolNames, push: (value: T) => void) => void,
    options: WatchOptions,
    capacity: number,
    overflow: SubscriptionOverflowPolicy,
  ): AsyncIterable<T> {
    const names = this.#symbolNames(symbol);
    const streams = this.#streams;
    return subscriptionToAsyncIterable<T>(
      async (push, fail) => {
        const onMessage = (message: BybitStreamMessage): void => {
          try {
            parse(message, names, push);
          } catch (error) {
            streams.events.emit('error', error as Error);
          }
        };
        const subscription = await streams.subscribe(topic, onMessage, { onError: (error) => fail(error) });
        return () => subscription.unsubscribe();
      },
      {
        signal: options.signal,
        capacity: options.capacity ?? capacity,
        overflow: options.overflow ?? overflow,
        label: `bybit ${topic}`,
        venue: 'bybit',
      },
    );
  }
}
