// BinanceBookManager: local order books for any number of symbols. Each tracked symbol has its
// diff-depth stream subscribed (through BinanceMarketStreams or any DepthSource) and a BookSync
// applying the official algorithm to a shared OrderBookStore; snapshots come from a
// SnapshotFetcher (normally the REST client, whose limiter charges depth by its weight) through
// a SnapshotQueue that caps concurrency and retries. On a gap the book is discarded and resynced
// while watchers keep iterating: they simply see the next correct book. Watchers read the live
// book when they pull, so a slow consumer gets the latest state and never a backlog.
import {
  EventBus,
  type EventHandler,
  type OrderBook,
  type OrderBookStore,
  type Subscription,
  addBookUpdateListener,
  watchTrackedBook,
  type TimerHandle,
  ValidationError,
} from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import { depthStreamName } from '../streams/stream-names.js';
import {
  type BinanceBookManagerOptions,
  type BookHandle,
  type BookManagerEvents,
  checkSymbol,
  type ResolvedBookManagerOptions,
  type TrackedBook as Book,
  resolveBookManagerOptions,
  type WatchBookOptions,
} from './book-manager-options.js';
import { BookSync, type BookSyncStats, type DepthDiff } from './book-sync.js';
import { DepthFrameDecoder } from './depth-frame.js';

import { SnapshotQueue } from './snapshot-queue.js';

/** A book's stream handlers: decoded diffs, and frames decoded from bytes. */
interface DiffHandlers {
  onDiff(data: unknown): void;
  onFrame(frame: Buffer): boolean;
}

export type {
  BinanceBookManagerOptions,
  BookHandle,
  BookManagerEvents,
  DepthSource,
  WatchBookOptions,
} from './book-manager-options.js';

/** Local order books kept in sync with Binance. */
export class BinanceBookManager implements AsyncDisposable {
  /** The books (kept sorted); only live books are in it. Do not write to it. */
  readonly store: OrderBookStore;
  /** `live`, `resync` and `error` events. */
  readonly events: EventBus<BookManagerEvents>;
  readonly market: BinanceMarket;
  readonly #o: ResolvedBookManagerOptions;
  readonly #queue: SnapshotQueue;
  readonly #books = new Map<string, Book>();
  readonly #timers = new Set<TimerHandle>();
  readonly #watches: Array<{ unsubscribe(): void } | undefined>;
  #closed = false;

  constructor(options: BinanceBookManagerOptions) {
    const o = resolveBookManagerOptions(options);
    this.#o = o;
    this.market = o.market;
    this.store = o.store;
    this.events = new EventBus<BookManagerEvents>({ logger: o.logger });
    this.#queue = new SnapshotQueue((symbol, signal) => this.#snapshot(symbol, signal), {
      concurrency: o.maxConcurrentSnapshots,
      initialRetryMs: o.retryInitialMs,
      maxRetryMs: o.retryMaxMs,
      clock: o.clock,
      logger: o.logger,
      onError: (symbol, error) => this.#error(error, `snapshot of ${symbol} failed (retrying)`),
    });
    this.#watches = [
      o.streams.on?.('connectionClose', (e) => this.#connectionLost(e.streams)),
      o.streams.on?.('restored', (e) => this.#streamsRestored(e.streams)),
    ];
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
    return addBookUpdateListener(
      this.#books.get(checkSymbol(symbol))?.listeners,
      listener,
      symbol,
      'binance',
    );
  }

  /**
   * `symbol`'s book as an async iterable: each value is the live book when the consumer pulls
   * (first the current one, then one per pull once it changed). During a resync nothing is
   * yielded; the loop carries on with the resynced book. Ends on `break` or `signal`.
   */
  watchOrderBook(symbol: string, options: WatchBookOptions = {}): AsyncIterable<OrderBook> {
    const key = checkSymbol(symbol);
    return watchTrackedBook({
      venue: 'binance',
      symbol: key,
      track: () => this.track(key),
      listeners: () => this.#books.get(key)!.listeners,
      live: () => this.#books.get(key)?.sync.live === true,
      read: () => this.orderBook(key, options.limit),
      signal: options.signal,
    });
  }

  /** Stops every book and unsubscribes every stream. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const watch of this.#watches) watch?.unsubscribe();
    this.#queue.close();
    for (const timer of this.#timers) this.#o.clock.clearTimeout(timer);
    this.#timers.clear();
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
      names: this.#o.symbolNames(symbol) ?? { symbol, unifiedSymbol: symbol },
      sync: new BookSync(symbol, this.market, this.store, this.#o.maxBufferedDiffs),
      listeners: new Set(),
      refs: 0,
      everLive: false,
      disconnected: false,
      eventTime: 0,
      subscribed: Promise.resolve({ unsubscribe: async () => {} }),
    };
    const onDiff = (data: unknown, reused = false): void => {
      const outcome = book.sync.onDiff(data as DepthDiff, reused);
      if (outcome === 'applied') {
        const time = (data as { E?: unknown }).E;
        if (typeof time === 'number') book.eventTime = time;
        if (book.listeners.size > 0) this.#notify(book);
      } else if (outcome === 'gap' || outcome === 'invalid') this.#resync(book);
      else if (book.disconnected && outcome === 'buffered') {
        book.disconnected = false; // diffs again before the restore was reported
        this.#queue.request(symbol);
      }
    };
    // Frames are decoded from their bytes; a frame of any other form arrives decoded as JSON.
    const decoder = new DepthFrameDecoder();
    const onFrame = (frame: Buffer): boolean => {
      if (!decoder.decode(frame)) return false;
      onDiff(decoder.diff, true);
      return true;
    };
    this.#books.set(symbol, book);
    this.#subscribe(book, { onDiff, onFrame }, this.#o.retryInitialMs);
    return book;
  }

  /**
   * Subscribes the book's diff stream and asks for its snapshot once it is acknowledged. If the
   * stream later fails for good (its resubscription after a reconnect was refused), the book is
   * discarded — it would go stale silently — and the stream subscribed again after a backoff.
   */
  #subscribe(book: Book, handlers: DiffHandlers, retryMs: number): void {
    const symbol = book.symbol;
    const onError = (error: Error): void => {
      this.#error(error, `depth stream of ${symbol} failed; resubscribing`);
      book.sync.reset();
      this.#queue.cancel(symbol);
      const timer = this.#o.clock.setTimeout(() => {
        this.#timers.delete(timer);
        if (this.#books.get(symbol) === book)
          this.#subscribe(book, handlers, Math.min(retryMs * 2, this.#o.retryMaxMs));
      }, retryMs);
      this.#timers.add(timer);
    };
    book.subscribed = this.#o.streams
      .subscribe(depthStreamName(symbol, this.#o.speed), handlers.onDiff, {
        onError,
        onFrame: handlers.onFrame,
      })
      .then((subscription) => {
        if (this.#books.get(symbol) === book) this.#queue.request(symbol);
        return subscription;
      });
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

  /**
   * Depth streams whose connection closed (it reconnects and resubscribes): diffs sent while it
   * is down are lost, and a quiet market might not reveal the hole for a long time, so their
   * books stop being served until the streams are restored and a fresh snapshot fits.
   */
  #connectionLost(streams: readonly string[]): void {
    for (const book of this.#booksOf(streams)) {
      this.#queue.cancel(book.symbol);
      book.disconnected = true;
      if (!book.sync.live) continue;
      book.sync.reset();
      this.events.emit('resync', {
        symbol: book.symbol,
        reason: 'the connection closed: changes made while it was down are unknown',
      });
    }
  }

  /** The streams are subscribed again: their books take a snapshot now. */
  #streamsRestored(streams: readonly string[]): void {
    for (const book of this.#booksOf(streams)) {
      book.disconnected = false;
      this.#queue.request(book.symbol);
    }
  }

  #booksOf(streams: readonly string[]): Book[] {
    if (streams.length === 0) return [];
    const named = new Set(streams);
    return [...this.#books.values()].filter((b) => named.has(depthStreamName(b.symbol, this.#o.speed)));
  }

  #resync(book: Book): void {
    this.events.emit('resync', { symbol: book.symbol, reason: book.sync.lastError ?? 'gap' });
    this.#queue.request(book.symbol);
  }

  async #snapshot(symbol: string, signal: AbortSignal): Promise<boolean> {
    const book = this.#books.get(symbol);
    if (book === undefined) return true;
    if (book.sync.live) return true;
    const snapshot = await this.#o.fetchSnapshot(symbol, this.#o.snapshotLimit, signal);
    if (signal.aborted || this.#books.get(symbol) !== book) return true;
    const outcome = book.sync.onSnapshot(snapshot);
    if (outcome !== 'live') return false;
    const time = (snapshot as { T?: unknown; E?: unknown }).T ?? (snapshot as { E?: unknown }).E;
    if (book.eventTime === 0 || typeof time === 'number')
      book.eventTime = typeof time === 'number' ? time : this.#o.clock.now();
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
    else this.#o.logger.warn(`${context}: ${e.message}`, { error: e.name });
  }
}
