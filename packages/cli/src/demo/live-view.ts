// The demo's live view: counts book updates and trades, keeps the newest top of book, and turns
// each second into one compact line. Pure (no I/O, no timers) so it is easy to test and to reuse.
import type { OrderBook, Trade } from '@venuekit/base';

/** One second of the live view. */
export interface ViewSample {
  /** Seconds since the view started. */
  second: number;
  bid: number | undefined;
  ask: number | undefined;
  bookUpdates: number;
  trades: number;
}

/** Counts what the streams deliver and formats a line per second. */
export class LiveView {
  #bid: number | undefined;
  #ask: number | undefined;
  #bookUpdates = 0;
  #trades = 0;
  #totalBookUpdates = 0;
  #totalTrades = 0;
  #second = 0;
  readonly #decimals: number;

  /** @param decimals price decimals to print (the instrument's price precision). */
  constructor(decimals = 2) {
    this.#decimals = decimals;
  }

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

  /** The column header. */
  header(): string {
    return `${'time'.padStart(5)}  ${'best bid'.padStart(12)}  ${'best ask'.padStart(12)}  ${'spread'.padStart(16)}  ${'book upd/s'.padStart(10)}  ${'trades/s'.padStart(8)}`;
  }

  /** One sample as a line. */
  format(s: ViewSample): string {
    const price = (p: number | undefined): string => (p === undefined ? '—' : p.toFixed(this.#decimals));
    let spread = '—';
    if (s.bid !== undefined && s.ask !== undefined) {
      const bps = ((s.ask - s.bid) / ((s.ask + s.bid) / 2)) * 10_000;
      spread = `${(s.ask - s.bid).toFixed(this.#decimals)} (${bps >= 10 ? bps.toFixed(0) : bps.toPrecision(2)}bp)`;
    }
    return `${`${s.second}s`.padStart(5)}  ${price(s.bid).padStart(12)}  ${price(s.ask).padStart(12)}  ${spread.padStart(16)}  ${String(s.bookUpdates).padStart(10)}  ${String(s.trades).padStart(8)}`;
  }
}
