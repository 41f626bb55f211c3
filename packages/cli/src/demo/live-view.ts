// The demo's per-venue counter: counts book updates and trades, keeps the newest top of book, and
// turns each second into a sample (ViewTable formats samples side by side). Pure (no I/O, no
// timers) so it is easy to test and to reuse.
import type { OrderBook, Trade } from '@venuekit/base';

/** One second of one venue. */
export interface ViewSample {
  /** Seconds since the view started. */
  second: number;
  bid: number | undefined;
  ask: number | undefined;
  bookUpdates: number;
  trades: number;
}

/** Counts what one venue's streams deliver, a second at a time. */
export class LiveView {
  #bid: number | undefined;
  #ask: number | undefined;
  #bookUpdates = 0;
  #trades = 0;
  #totalBookUpdates = 0;
  #totalTrades = 0;
  #second = 0;

  /** A new book arrived. */
  onBook(book: OrderBook): void {
    this.#bid = book.bids[0]?.[0];
    this.#ask = book.asks[0]?.[0];
    this.#bookUpdates++;
    this.#totalBookUpdates++;
  }

  /** A trade arrived. */
  onTrade(_trade: Trade): void {
    this.#trades++;
    this.#totalTrades++;
  }

  /** Ends the current second: its sample, counters reset. */
  tick(): ViewSample {
    this.#second++;
    const sample = {
      second: this.#second,
      bid: this.#bid,
      ask: this.#ask,
      bookUpdates: this.#bookUpdates,
      trades: this.#trades,
    };
    this.#bookUpdates = 0;
    this.#trades = 0;
    return sample;
  }

  /** Totals since the start. */
  get totals(): { bookUpdates: number; trades: number; seconds: number } {
    return { bookUpdates: this.#totalBookUpdates, trades: this.#totalTrades, seconds: this.#second };
  }
}
