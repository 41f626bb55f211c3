// BinanceBookManager: local order books for any number of symbols. Each tracked symbol has its
// diff-depth stream subscribed (through BinanceMarketStreams or any DepthSource) and a BookSync
// applying the official algorithm to a shared OrderBookStore; snapshots come from a
// SnapshotFetcher (normally the REST client, whose limiter charges depth by its weight) through
// a SnapshotQueue that caps concurrency and retries. On a gap the book is discarded and resynced
// while watchers keep iterating: they simply see the next correct book. Watchers read the live
// book when they pull, so a slow consumer gets the latest state and never a backlog.
import {
  type Clock,
  ConfigError,
  EventBus,
  type EventHandler,
  type Logger,
  type OrderBook,
  OrderBookStore,
  type Subscription,
  type SubscriptionOverflowPolicy,
  silentLogger,
  subscriptionToAsyncIterable,
  systemClock,
  ValidationError,
} from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import type { SymbolNames } from '../parsing/market.js';
import { type DepthSpeed, depthStreamName } from '../streams/stream-names.js';
import { BookSync, type BookSyncStats, type DepthDiff } from './book-sync.js';
import { checkSnapshotLimit, DEFAULT_SNAPSHOT_LIMIT, type SnapshotFetcher } from './snapshot-fetcher.js';
import { SnapshotQueue } from './snapshot-queue.js';

/** Where diffs come from: BinanceMarketStreams fits. */
export interface DepthSource {
  subscribe(
    streams: string,
    listener: (data: unknown, stream: string) => void,
    options?: { onError?: (error: Error, stream: string) => void },
  ): Promise<{ unsubscribe(): Promise<void> }>;
}

/** Options of {@link BinanceBookManager}. */
export interface BinanceBookManagerOptions {
  /** `'spot'` or `'usdm'`: picks the sequence rules. */
  market: BinanceMarket;
  /** The diff-depth streams (a BinanceMarketStreams of the same market). */
  streams: DepthSource;
  /** Snapshots (e.g. `restSnapshotFetcher(rest)`, which goes through the REST limiter). */
  fetchSnapshot: SnapshotFetcher;
  /** Levels per snapshot (default 1000; Spot 1–5000, USD-M 5/10/20/50/100/500/1000). */
  snapshotLimit?: number;
  /** Diff stream speed (default `'100ms'`). */
  speed?: DepthSpeed;
  /** Snapshot requests running at once (default 4). */
  maxConcurrentSnapshots?: number;
  /** First retry delay after a failed or unusable snapshot (default 250 ms; doubles, up to `retryMaxMs`). */
  retryInitialMs?: number;
  /** Longest retry delay (default 30 000 ms). */
  retryMaxMs?: number;
  /** Diffs held per symbol while waiting for a snapshot (default 10 000). */
  maxBufferedDiffs?: number;
  /** The store books live in (default: a new one). Read it with `sorted`, `best`, `watch`. */
  store?: OrderBookStore;
  /** Names of a Binance symbol for results (default: the symbol for both). */
  symbolNames?: (symbol: string) => SymbolNames | undefined;
  clock?: Clock;
  logger?: Logger;
}

/** Events of {@link BinanceBookManager}. */
export interface BookManagerEvents {
  /** A book went live (first time, or again after a resync). */
  live: { symbol: string; lastUpdateId: number; resync: boolean };
  /** A book was discarded (gap or malformed diff) and is being resynced. */
  resync: { symbol: string; reason: string };
  /** A snapshot failed (it is retried), or a stream failed. */
  error: Error;
}

/** Options of {@link BinanceBookManager.watchOrderBook}. */
export interface WatchBookOptions {
  /** Levels per side in each result (default: every level held). */
  limit?: number;
  /** Ends the iteration cleanly. */
  signal?: AbortSignal;
  /** Books are read at pull time, so only `'conflate'` makes sense; kept for the feed contract. */
  overflow?: SubscriptionOverflowPolicy;
}

/** A tracked book; release it when done (the stream is unsubscribed when nobody tracks it). */
export interface BookHandle extends AsyncDisposable {
  readonly symbol: string;
  release(): Promise<void>;
}

interface Book {
  readonly symbol: string;
  readonly names: SymbolNames;
  readonly sync: BookSync;
  readonly listeners: Set<(lastUpdateId: number) => void>;
  refs: number;
  everLive: boolean;
  /** Event time of the last diff (ms), or of the snapshot. */
  eventTime: number;
  subscribed: Promise<{ unsubscribe(): Promise<void> }>;
}

/** Local order books kept in sync with Binance. */
export class BinanceBookManager implements AsyncDisposable {
  /** The books (kept sorted); only live books are in it. Do not write to it. */
  readonly store: OrderBookStore;
  /** `live`, `resync` and `error` events. */
  readonly events: EventBus<BookManagerEvents>;
  readonly market: BinanceMarket;
  readonly #streams: DepthSource;
  readonly #fetch: SnapshotFetcher;
  readonly #limit: number;
  readonly #speed: DepthSpeed;
  readonly #maxBuffered: number;
  readonly #names: (symbol: string) => SymbolNames | undefined;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #queue: SnapshotQueue;
  readonly #books = new Map<string, Book>();
  #closed = false;

  constructor(options: BinanceBookManagerOptions) {
    const market = options?.market;
    if (market !== 'spot' && market !== 'usdm')
      throw new ConfigError(`market must be 'spot' or 'usdm', got ${JSON.stringify(market)}`, {
        venue: 'binance',
      });
    if (typeof options.fetchSnapshot !== 'function')
      throw new ConfigError('fetchSnapshot must be a function (symbol, limit, signal) => Promise<snapshot>', {
        venue: 'binance',
      });
    if (typeof options.streams?.subscribe !== 'function')
      throw new ConfigError('streams must be a BinanceMarketStreams (or anything with subscribe())', {
        venue: 'binance',
      });
    const limit = options.snapshotLimit ?? DEFAULT_SNAPSHOT_LIMIT;
    if (!checkSnapshotLimit(market, limit))
      throw new ConfigError(
        `snapshotLimit ${String(limit)} is not a depth Binance serves for ${market} (Spot 1–5000; USD-M 5, 10, 20, 50, 100, 500, 1000)`,
        { venue: 'binance', details: { field: 'snapshotLimit' } },
      );
    this.market = market;
    this.#streams = options.streams;
    this.#fetch = options.fetchSnapshot;
    this.#limit = limit;
    this.#speed = options.speed ?? '100ms';
    this.#maxBuffered = options.maxBufferedDiffs ?? 10_000;
    this.#names = options.symbolNames ?? (() => undefined);
    this.#clock = options.clock ?? systemClock;
    const logger = options.logger ?? silentLogger;
    this.#logger = logger;
    this.store = options.store ?? new OrderBookStore({ name: `binance-${market}-books` });
    this.events = new EventBus<BookManagerEvents>({ logger });
    this.#queue = new SnapshotQueue((symbol, signal) => this.#snapshot(symbol, signal), {
      concurrency: options.maxConcurrentSnapshots ?? 4,
      initialRetryMs: options.retryInitialMs ?? 250,
      maxRetryMs: options.retryMaxMs ?? 30_000,
      clock: this.#clock,
      logger,
      onError: (symbol, error) => this.#error(error, `snapshot of ${symbol} failed (retrying)`),
    });
  }

  /** Calls `handler` on every `event` until the returned subscription is disposed. */
  on<E extends keyof BookManagerEvents>(event: E, handler: EventHandler<BookManagerEvents[E]>): Subscription {
    return this.events.on(event, handler);
  }

  /** Symbols being tracked. */
  symbols(): string[] {
    return [...this.#books.keys()];
  }

  /**
   * Starts keeping `symbol`'s book (or adds a reference to it) and resolves once its diff stream
   * is subscribed; the book goes live when its snapshot fits (see `live` events, `isLive`).
   */
  async track(symbol: string): Promise<BookHandle> {
    if (this.#closed) throw new ValidationError('BinanceBookManager is closed', { venue: 'binance' });
    const key = checkSymbol(symbol);
    let book = this.#books.get(key);
    if (book === undefined) book = this.#open(key);
    book.refs++;
    const held = book;
    try {
      await held.subscribed;
    } catch (error) {
      await this.#unref(held);
      throw error;
    }
    let released: Promise<void> | undefined;
    const release = (): Promise<void> => (released ??= this.#unref(held));
    return { symbol: key, release, [Symbol.asyncDispose]: release };
  }

  /** True while `symbol`'s book is live (correct at its last update id). */
  isLive(symbol: string): boolean {
    return this.#books.get(checkSymbol(symbol))?.sync.live === true;
  }

  /** The update id `symbol`'s live book is at, or undefined while it is not live. */
  lastUpdateId(symbol: string): number | undefined {
    const sync = this.#books.get(checkSymbol(symbol))?.sync;
    return sync?.live ? sync.lastUpdateId : undefined;
  }

  /** Counters of `symbol`'s book (applied diffs, gaps, snapshots…). */
  stats(symbol: string): Readonly<BookSyncStats> | undefined {
    return this.#books.get(checkSymbol(symbol))?.sync.stats;
  }

  /** `symbol`'s live book, best first (`limit` levels per side), or undefined while it is not live. */
  orderBook(symbol: string, limit?: number): OrderBook | undefined {
    const key = checkSymbol(symbol);
    const book = this.#books.get(key);
    if (book === undefined || !book.sync.live) return undefined;
    const { bids, asks } = this.store.sorted({ symbol: key, limit });
    return {
      venue: 'binance',
      symbol: book.names.symbol,
      unifiedSymbol: book.names.unifiedSymbol,
      bids,
      asks,
      timestamp: book.eventTime,
      sequence: book.sync.lastUpdateId,
    };
  }

  /**
   * Calls `listener` with the update id after every change of `symbol`'s live book (each applied
   * diff, each snapshot going live), synchronously. Returns the function that removes it.
   */
  onUpdate(symbol: string, listener: (lastUpdateId: number) => void): () => void {
    const book = this.#books.get(checkSymbol(symbol));
    if (book === undefined)
      throw new ValidationError(
        `onUpdate: ${symbol} is not tracked; call track(${JSON.stringify(symbol)}) first`,
        {
          venue: 'binance',
        },
      );
    book.listeners.add(listener);
    return () => book.listeners.delete(listener);
  }

  /**
   * `symbol`'s book as an async iterable: each value is the live book when the consumer pulls
   * (first the current one, then one per pull once it changed). During a resync nothing is
   * yielded; the loop carries on with the resynced book. Ends on `break` or `signal`.
   */
  watchOrderBook(symbol: string, options: WatchBookOptions = {}): AsyncIterable<OrderBook> {
    const key = checkSymbol(symbol);
    const ticks = subscriptionToAsyncIterable<number>(
      async (push) => {
        const handle = await this.track(key);
        const book = this.#books.get(key)!;
        book.listeners.add(push);
        if (book.sync.live) push(book.sync.lastUpdateId);
        return () => {
          book.listeners.delete(push);
          return handle.release();
        };
      },
      {
        signal: options.signal,
        capacity: 1,
        overflow: 'conflate',
        label: `binance watchOrderBook ${key}`,
        venue: 'binance',
      },
    );
    const read = (): OrderBook | undefined => this.orderBook(key, options.limit);
    return {
      async *[Symbol.asyncIterator]() {
        for await (const _tick of ticks) {
          const book = read();
          if (book !== undefined) yield book;
        }
      },
    };
  }

  /** Stops every book and unsubscribes every stream. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue.close();
    const books = [...this.#books.values()];
    this.#books.clear();
    await Promise.all(books.map((b) => this.#dispose(b)));
  }

  /** `await using books = new BinanceBookManager(…)`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #open(symbol: string): Book {
    const book: Book = {
      symbol,
      names: this.#names(symbol) ?? { symbol, unifiedSymbol: symbol },
      sync: new BookSync(symbol, this.market, this.store, this.#maxBuffered),
      listeners: new Set(),
      refs: 0,
      everLive: false,
      eventTime: 0,
      subscribed: Promise.resolve({ unsubscribe: async () => {} }),
    };
    const onDiff = (data: unknown): void => {
      const outcome = book.sync.onDiff(data as DepthDiff);
      if (outcome === 'applied') {
        const time = (data as { E?: unknown }).E;
        if (typeof time === 'number') book.eventTime = time;
        if (book.listeners.size > 0) this.#notify(book);
      } else if (outcome === 'gap' || outcome === 'invalid') this.#resync(book);
    };
    book.subscribed = this.#streams
      .subscribe(depthStreamName(symbol, this.#speed), onDiff, {
        onError: (error) => this.#error(error, `depth stream of ${symbol} failed`),
      })
      .then((subscription) => {
        if (this.#books.get(symbol) === book) this.#queue.request(symbol);
        return subscription;
      });
    this.#books.set(symbol, book);
    return book;
  }

  async #unref(book: Book): Promise<void> {
    if (--book.refs > 0 || this.#books.get(book.symbol) !== book) return;
    this.#books.delete(book.symbol);
    await this.#dispose(book);
  }

  async #dispose(book: Book): Promise<void> {
    this.#queue.cancel(book.symbol);
    book.sync.reset();
    book.listeners.clear();
    const subscription = await book.subscribed.catch(() => undefined);
    await subscription?.unsubscribe().catch((error: unknown) => this.#error(error, 'unsubscribe failed'));
  }

  #resync(book: Book): void {
    this.events.emit('resync', { symbol: book.symbol, reason: book.sync.lastError ?? 'gap' });
    this.#queue.request(book.symbol);
  }

  async #snapshot(symbol: string, signal: AbortSignal): Promise<boolean> {
    const book = this.#books.get(symbol);
    if (book === undefined) return true;
    if (book.sync.live) return true;
    const snapshot = await this.#fetch(symbol, this.#limit, signal);
    if (signal.aborted || this.#books.get(symbol) !== book) return true;
    const outcome = book.sync.onSnapshot(snapshot);
    if (outcome !== 'live') return false;
    const time = (snapshot as { T?: unknown; E?: unknown }).T ?? (snapshot as { E?: unknown }).E;
    if (book.eventTime === 0 || typeof time === 'number')
      book.eventTime = typeof time === 'number' ? time : this.#clock.now();
    this.events.emit('live', { symbol, lastUpdateId: book.sync.lastUpdateId, resync: book.everLive });
    book.everLive = true;
    this.#notify(book);
    return true;
  }

  #notify(book: Book): void {
    const id = book.sync.lastUpdateId;
    for (const listener of book.listeners) {
      try {
        listener(id);
      } catch (error) {
        this.#error(error, `an onUpdate listener of ${book.symbol} threw`);
      }
    }
  }

  #error(error: unknown, context: string): void {
    const e = error instanceof Error ? error : new Error(String(error));
    if (this.events.hasListeners('error')) this.events.emit('error', e);
    else this.#logger.warn(`${context}: ${e.message}`, { error: e.name });
  }
}

function checkSymbol(symbol: string): string {
  if (typeof symbol !== 'string' || !/^[A-Za-z0-9_-]{2,32}$/.test(symbol))
    throw new ValidationError(
      `symbol: expected a Binance symbol such as "BTCUSDT", got ${JSON.stringify(symbol)}`,
      {
        venue: 'binance',
        details: { field: 'symbol' },
      },
    );
  return symbol.toUpperCase();
}
