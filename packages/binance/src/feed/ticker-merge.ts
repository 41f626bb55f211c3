// watchTicker combines two Binance streams into one Ticker: `<symbol>@bookTicker` (the best bid
// and ask, in real time) and `<symbol>@ticker` (24-hour statistics, about once a second, and on
// USD-M without the top of book). Each message of either yields a ticker with the newest of both;
// the top of book always comes from the book-ticker stream once it has spoken.
import type { Ticker } from '@venuekit/base';

/** Keeps the newest statistics and top of book of one symbol and merges them. */
export class TickerMerge {
  #stats: Ticker | undefined;
  #top: Ticker | undefined;

  /** A 24-hour statistics message arrived; returns the merged ticker. */
  onStats(stats: Ticker): Ticker {
    this.#stats = stats;
    return this.#merge();
  }

  /** A book-ticker message arrived; returns the merged ticker. */
  onTop(top: Ticker): Ticker {
    this.#top = top;
    return this.#merge();
  }

  #merge(): Ticker {
    const stats = this.#stats;
    const top = this.#top;
    if (top === undefined) return stats!;
    if (stats === undefined) return top;
    return {
      ...stats,
      bid: top.bid,
      bidSize: top.bidSize,
      ask: top.ask,
      askSize: top.askSize,
      timestamp: Math.max(stats.timestamp, top.timestamp),
    };
  }
}
