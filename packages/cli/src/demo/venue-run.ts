// One venue's part of a demo run: connects its feed, finds the symbol, follows the local order
// book and trades into a LiveView (and, where the demo trades, the order stream), and steps the
// demo order: placed on the first second with a bid, cancelled on the next. A stream failure
// is kept and stops the whole demo through the shared AbortController.
import type { Instrument, VenueFeed } from '@venuekit/base';
import { type DemoOrder, describeOrder, placeDemoOrder } from './demo-order.js';
import type { DemoVenue } from './demo-venues.js';
import { LiveView } from './live-view.js';

/** A venue being watched. */
export class VenueRun {
  readonly venue: DemoVenue;
  readonly instrument: Instrument;
  readonly view = new LiveView();
  readonly decimals: { price: number; qty: number };
  readonly #abort: AbortController;
  readonly #print: (line: string) => void;
  readonly #loops: Promise<void>[] = [];
  #failure: unknown;
  #order: DemoOrder | undefined;
  #cancelled = false;
  /** Order ids the order stream reported canceled, and who waits for that. */
  readonly #confirmed = new Set<string>();
  #onConfirmed: (() => void) | undefined;

  private constructor(
    venue: DemoVenue,
    instrument: Instrument,
    abort: AbortController,
    print: (line: string) => void,
  ) {
    this.venue = venue;
    this.instrument = instrument;
    this.decimals = {
      price: Math.min(8, instrument.pricePrecision),
      qty: Math.min(8, instrument.qtyPrecision),
    };
    this.#abort = abort;
    this.#print = print;
  }

  /** Connects `venue`'s feed and finds `symbol` on it (failures carry the venue's label). */
  static async open(
    venue: DemoVenue,
    symbol: string,
    abort: AbortController,
    print: (line: string) => void,
  ): Promise<VenueRun> {
    try {
      await venue.feed.connect();
      return new VenueRun(venue, await findInstrument(venue.feed, symbol), abort, print);
    } catch (error) {
      throw new DemoVenueError(venue.label, error);
    }
  }

  /** The first stream failure, if any. */
  get failure(): unknown {
    return this.#failure;
  }

  /** Whether the demo order was placed and cancelled. */
  get orderRoundTripped(): boolean {
    return this.#cancelled;
  }

  /** Starts following the book, the trades and (where the demo trades) the orders. */
  async start(): Promise<void> {
    const { feed } = this.venue;
    const symbol = this.instrument.symbol;
    const signal = this.#abort.signal;
    this.#watch(async () => {
      for await (const book of feed.watchOrderBook(symbol, { limit: 1, signal })) this.view.onBook(book);
    });
    this.#watch(async () => {
      for await (const trade of feed.watchTrades(symbol, { signal, overflow: 'dropOldest' }))
        this.view.onTrade(trade);
    });
    if (!this.venue.trades) return;
    await this.venue.prepareOrders();
    this.#watch(async () => {
      for await (const order of feed.watchOrders({ signal })) {
        this.#print(`order  ${this.#tag()} user data #${order.id} ${order.status}`);
        if (order.status === 'canceled') {
          this.#confirmed.add(order.id);
          this.#onConfirmed?.();
        }
      }
    });
  }

  /** After a second with `bid`: places the demo order, or cancels the one placed. */
  async stepOrder(bid: number | undefined): Promise<void> {
    if (!this.venue.trades || this.#cancelled) return;
    if (this.#order === undefined) {
      if (bid === undefined) return;
      this.#order = await placeDemoOrder(this.venue.feed, this.instrument, bid);
      this.#print(
        `order  ${this.#tag()} placed ${describeOrder(this.#order.order, this.decimals)} → ${this.#order.order.status}`,
      );
      return;
    }
    const canceled = await this.#order.cancel();
    this.#cancelled = true;
    this.#print(`order  ${this.#tag()} cancel #${this.#order.order.id} → ${canceled.status}`);
  }

  /** Makes sure no demo order is left resting: cancels it now if the run ended before its turn. */
  async cancelLeftover(): Promise<void> {
    if (this.#order !== undefined && !this.#cancelled) await this.stepOrder(undefined);
  }

  /**
   * Waits (at most `timeoutMs`) until the order stream reported the cancelled demo order, so the
   * output shows the whole round trip even when the cancel happened in the last second.
   */
  async confirmCancel(timeoutMs: number): Promise<void> {
    const id = this.#order?.order.id;
    if (id === undefined || !this.#cancelled || this.#confirmed.has(id)) return;
    const signal = this.#abort.signal;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.#onConfirmed = undefined;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.#onConfirmed = () => {
        if (this.#confirmed.has(id)) done();
      };
    });
  }

  /** Resolves when every stream has ended (after the shared AbortController is aborted). */
  async stopped(): Promise<void> {
    await Promise.all(this.#loops);
  }

  /** The venue's summary line after `seconds` of watching. */
  summary(seconds: number): string {
    const t = this.view.totals;
    const order = !this.venue.trades
      ? 'no order (live mode)'
      : this.#cancelled
        ? 'order placed and cancelled'
        : this.#order === undefined
          ? 'no order (the book had no bid)'
          : 'order placed';
    return `${this.#tag()} ${seconds} s: ${t.bookUpdates} book updates, ${t.trades} trades, ${order}`;
  }

  #tag(): string {
    return this.venue.label.padEnd(7);
  }

  #watch(run: () => Promise<void>): void {
    this.#loops.push(
      run().catch((error: unknown) => {
        if (!this.#abort.signal.aborted) this.#failure ??= new DemoVenueError(this.venue.label, error);
        this.#abort.abort();
      }),
    );
  }
}

/** A failure of one venue, naming it; `cause` is the original (typed) error. */
export class DemoVenueError extends Error {
  override readonly name = 'DemoVenueError';
  /** The venue's label (`Binance`, `Bybit`). */
  readonly venue: string;

  constructor(venue: string, cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.venue = venue;
  }
}

async function findInstrument(feed: VenueFeed, symbol: string): Promise<Instrument> {
  const instruments = await feed.getInstruments();
  const found = instruments.find((i) => i.symbol === symbol || i.unifiedSymbol === symbol);
  if (found === undefined) throw new Error(`${feed.id} does not list ${symbol}; try --symbol BTCUSDT`);
  return found;
}
