// BybitBookManager: local order books of one category for any number of symbols. Each tracked
// symbol has its `orderbook.{depth}.{symbol}` topic subscribed through BybitPublicStreams and a
// BybitBookSync applying Bybit's rules to a shared OrderBookStore. On a gap, a malformed message
// or a crossed book the book is discarded and resynced by resubscribing (Bybit answers a
// subscribe with a fresh snapshot); when the connection carrying a book drops, the book is
// discarded until the reconnect's snapshot. Watchers keep iterating meanwhile and simply see the
// next correct book; they read the live book when they pull, so a slow consumer gets the latest
// state and never a backlog, and never a book that is not live.
import {
  type Clock,
  ConfigError,
  EventBus,
  type EventHandler,
  type Logger,
  type OrderBook,
  OrderBookStore,
  type PoolSubscription,
  type Subscription,
  type SubscriptionOverflowPolicy,
  silentLogger,
  addBookUpdateListener,
  watchTrackedBook,
  systemClock,
  ValidationError,
} from '@venuekit/base';
import type { BybitPublicStreams } from '../streams/public-streams.js';
import type { StreamSymbolNames } from '../streams/stream-events.js';
import { ORDERBOOK_DEPTHS, orderbookTopic } from '../streams/topics.js';
import { BookFrameDecoder } from './book-frame.js';
import { type BookData, BybitBookSync, type BybitBookStats } from './book-sync.js';

/** Options of {@link BybitBookManager}. */
export interface BybitBookManagerOptions {
  /** The public streams of the category the books belong to. */
  streams: BybitPublicStreams;
  /** Levels per side: 1, 50 (default), 200 or 1000 — the topic subscribed. */
  depth?: number;
  /** The store books live in (default: a new one). Read it with `sorted`, `best`, `watch`. */
  store?: OrderBookStore;
  /** Names of a Bybit symbol for results (default: the symbol for both). */
  symbolNames?: (symbol: string) => StreamSymbolNames | undefined;
  /** First delay before retrying a failed resubscribe (default 500 ms; doubles up to 30 s). */
  retryInitialMs?: number;
  clock?: Clock;
  logger?: Logger;
}

/** Events of {@link BybitBookManager}. */
export interface BybitBookManagerEvents {
  /** A book went live (first snapshot, a restart's `u = 1` snapshot, or after a resync). */
  live: { symbol: string; updateId: number; reset: boolean };
  /** A book was discarded (gap, malformed message, crossed book, lost connection) and is being resynced. */
  resync: { symbol: string; reason: string };
  /** A resubscribe failed (it is retried), or a stream failed. */
  error: Error;
}

/** Options of {@link BybitBookManager.watchOrderBook}. */
export interface BybitWatchBookOptions {
  /** Levels per side in each result (default: every level held). */
  limit?: number;
  /** Ends the iteration cleanly. */
  signal?: AbortSignal;
  /** Books are read at pull time, so only `'conflate'` makes sense; kept for the feed contract. */
  overflow?: SubscriptionOverflowPolicy;
}

/** A tracked book; release it when done (the topic is unsubscribed when nobody tracks it). */
export interface BybitBookHandle extends AsyncDisposable {
  readonly symbol: string;
  release(): Promise<void>;
}

interface Book {
  readonly symbol: string;
  readonly topic: string;
  readonly names: StreamSymbolNames;
  readonly sync: BybitBookSync;
  readonly listeners: Set<(updateId: number) => void>;
  refs: number;
  /** Send time (`ts`) of the last message applied. */
  time: number;
  subscription: Promise<PoolSubscription | undefined>;
  resyncing: boolean;
  retryMs: number;
  disposed: boolean;
}

/** Local order books kept in sync with Bybit. */
export class BybitBookManager implements AsyncDisposable {
  /** The books (kept sorted); only live books are in it. Do not write to it. */
  readonly store: OrderBookStore;
  /** `live`, `resync` and `error` events. */
  readonly events: EventBus<BybitBookManagerEvents>;
  /** Levels per side. */
  readonly depth: number;
  readonly #streams: BybitPublicStreams;
  readonly #names: (symbol: string) => StreamSymbolNames | undefined;
  readonly #retryInitialMs: number;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #books = new Map<string, Book>();
  readonly #closeListener: Subscription;
  #closed = false;

  constructor(options: BybitBookManagerOptions) {
    if (typeof options?.streams?.subscribe !== 'function')
      throw new ConfigError('streams must be a BybitPublicStreams', { venue: 'bybit' });
    const depth = options.depth ?? 50;
    if (!ORDERBOOK_DEPTHS.includes(depth))
      throw new ConfigError(`depth must be one of ${ORDERBOOK_DEPTHS.join(', ')}, got ${String(depth)}`, {
        venue: 'bybit',
      });
    this.depth = depth;
    this.#streams = options.streams;
    this.#names = options.symbolNames ?? (() => undefined);
    this.#retryInitialMs = options.retryInitialMs ?? 500;
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? silentLogger;
    this.store = options.store ?? new OrderBookStore({ name: `bybit-${options.streams.category}-books` });
    this.events = new EventBus<BybitBookManagerEvents>({ logger: this.#logger });
    this.#closeListener = options.streams.on('connectionClose', ({ connection }) =>
      this.#connectionLost(connection),
    );
  }

  /** Calls `handler` on every `event` until the returned subscription is disposed. */
  on<E extends keyof BybitBookManagerEvents>(
    event: E,
    handler: EventHandler<BybitBookManagerEvents[E]>,
  ): Subscription {
    return this.events.on(event, handler);
  }

  /** Symbols being tracked. */
  symbols(): string[] {
    return [...this.#books.keys()];
  }

  /** Starts keeping `symbol`'s book (or adds a reference) and resolves once its topic is subscribed. */
  async track(symbol: string): Promise<BybitBookHandle> {
    if (this.#closed) throw new ValidationError('BybitBookManager is closed', { venue: 'bybit' });
    const key = checkSymbol(symbol);
    let book = this.#books.get(key);
    if (book === undefined) book = this.#open(key);
    book.refs++;
    const held = book;
    try {
      const subscription = await held.subscription;
      if (subscription === undefined)
        throw new ValidationError(`the book of ${key} was closed`, { venue: 'bybit' });
    } catch (error) {
      await this.#unref(held);
      throw error;
    }
    let released: Promise<void> | undefined;
    const release = (): Promise<void> => (released ??= this.#unref(held));
    return { symbol: key, release, [Symbol.asyncDispose]: release };
  }

  /** True while `symbol`'s book is live. */
  isLive(symbol: string): boolean {
    return this.#books.get(checkSymbol(symbol))?.sync.live === true;
  }

  /** Update id `u` of `symbol`'s live book, or undefined while it is not live. */
  updateId(symbol: string): number | undefined {
    const sync = this.#books.get(checkSymbol(symbol))?.sync;
    return sync?.live ? sync.updateId : undefined;
  }

  /** Cross sequence `seq` of the last message applied to `symbol`'s live book, or undefined while it is not live. */
  sequence(symbol: string): number | undefined {
    const sync = this.#books.get(checkSymbol(symbol))?.sync;
    return sync?.live ? sync.sequence : undefined;
  }

  /** Counters of `symbol`'s book. */
  stats(symbol: string): Readonly<BybitBookStats> | undefined {
    return this.#books.get(checkSymbol(symbol))?.sync.stats;
  }

  /** `symbol`'s live book, best first (`limit` levels per side), or undefined while it is not live. */
  orderBook(symbol: string, limit?: number): OrderBook | undefined {
    const key = checkSymbol(symbol);
    const book = this.#books.get(key);
    if (book === undefined || !book.sync.live) return undefined;
    const { bids, asks } = this.store.sorted({ symbol: key, limit });
    return {
      venue: 'bybit',
      symbol: book.names.symbol,
      unifiedSymbol: book.names.unifiedSymbol,
      bids,
      asks,
      timestamp: book.time,
      sequence: book.sync.updateId,
    };
  }

  /** Calls `listener` with the update id after every change of `symbol`'s live book. Returns the remover. */
  onUpdate(symbol: string, listener: (updateId: number) => void): () => void {
    return addBookUpdateListener(this.#books.get(checkSymbol(symbol))?.listeners, listener, symbol, 'bybit');
  }

  /**
   * `symbol`'s book as an async iterable: each value is the live book when the consumer pulls
   * (first the current one, then one per pull once it changed). During a resync nothing is
   * yielded. Ends on `break` or `signal`.
   */
  watchOrderBook(symbol: string, options: BybitWatchBookOptions = {}): AsyncIterable<OrderBook> {
    const key = checkSymbol(symbol);
    return watchTrackedBook({
      venue: 'bybit',
      symbol: key,
      track: () => this.track(key),
      listeners: () => this.#books.get(key)!.listeners,
      live: () => this.#books.get(key)?.sync.live === true,
      read: () => this.orderBook(key, options.limit),
      signal: options.signal,
    });
  }

  /** Stops every book and unsubscribes every topic. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#closeListener.unsubscribe();
    const books = [...this.#books.values()];
    this.#books.clear();
    await Promise.all(books.map((b) => this.#dispose(b)));
  }

  /** `await using books = new BybitBookManager(…)`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #open(symbol: string): Book {
    const book: Book = {
      symbol,
      topic: orderbookTopic(symbol, this.depth),
      names: this.#names(symbol) ?? { symbol, unifiedSymbol: symbol },
      sync: new BybitBookSync(symbol, this.depth, this.store),
      listeners: new Set(),
      refs: 0,
      time: 0,
      subscription: Promise.resolve(undefined),
      resyncing: false,
      retryMs: this.#retryInitialMs,
      disposed: false,
    };
    book.subscription = this.#subscribe(book);
    this.#books.set(symbol, book);
    return book;
  }

  #subscribe(book: Book): Promise<PoolSubscription> {
    // Frames are decoded from their bytes; a frame of any other form arrives decoded as JSON.
    const decoder = new BookFrameDecoder();
    return this.#streams.subscribe(
      book.topic,
      (message) => this.#apply(book, message.type, message.data as BookData, message.ts),
      {
        onFrame: (frame) => {
          if (!decoder.decode(frame)) return false;
          this.#apply(book, decoder.type, decoder.data, decoder.ts);
          return true;
        },
        onError: (error) => {
          this.#error(error, `orderbook topic of ${book.symbol} failed`);
          book.sync.reset('topic failed');
          if (!book.disposed) book.subscription = Promise.resolve(undefined);
          this.#resync(book);
        },
      },
    );
  }

  /** One orderbook message into the book: events on going live, listeners on a change, resync on trouble. */
  #apply(book: Book, type: string | undefined, data: BookData, ts: unknown): void {
    const sync = book.sync;
    const wasLive = sync.live;
    const outcome = sync.onMessage(type, data);
    if (outcome === 'applied' || outcome === 'snapshot' || outcome === 'reset') {
      if (typeof ts === 'number') book.time = ts;
      if (!wasLive || outcome === 'reset')
        this.events.emit('live', {
          symbol: book.symbol,
          updateId: sync.updateId,
          reset: outcome === 'reset',
        });
      if (book.listeners.size > 0) this.#notify(book);
    } else if (outcome === 'gap' || outcome === 'invalid' || outcome === 'waiting') this.#resync(book);
  }

  /**
   * Discards the book and asks Bybit for a fresh snapshot: the topic is resubscribed on the wire
   * for every listener (others sharing it — another manager, a store — get the snapshot too and
   * two resyncs at once are one), or subscribed anew if it failed.
   */
  #resync(book: Book): void {
    if (book.resyncing || book.disposed) return;
    book.resyncing = true;
    book.sync.reset(book.sync.lastError);
    this.events.emit('resync', { symbol: book.symbol, reason: book.sync.lastError ?? 'resync' });
    const run = async (): Promise<void> => {
      const current = await book.subscription.catch(() => undefined);
      if (book.disposed) return;
      if (current !== undefined) return this.#streams.resubscribe(book.topic);
      const next = this.#subscribe(book);
      book.subscription = next;
      await next;
    };
    run().then(
      () => {
        book.resyncing = false;
        book.retryMs = this.#retryInitialMs;
      },
      (error: unknown) => {
        if (book.disposed) return;
        this.#error(error, `resubscribing the book of ${book.symbol} failed (retrying)`);
        book.subscription = Promise.resolve(undefined);
        const delay = book.retryMs;
        book.retryMs = Math.min(delay * 2, 30_000);
        this.#clock.setTimeout(() => {
          book.resyncing = false;
          if (!book.disposed) this.#resync(book);
        }, delay);
      },
    );
  }

  /** A connection dropped: its books are stale until the reconnect's snapshot. */
  #connectionLost(connection: number): void {
    const info = this.#streams.pool.connections.find((c) => c.id === connection);
    if (info === undefined) return;
    for (const book of this.#books.values()) {
      if (!book.sync.live || !info.topics.includes(book.topic)) continue;
      book.sync.reset(`connection ${connection} closed`);
      this.events.emit('resync', { symbol: book.symbol, reason: `connection ${connection} closed` });
    }
  }

  async #unref(book: Book): Promise<void> {
    if (--book.refs > 0 || this.#books.get(book.symbol) !== book) return;
    this.#books.delete(book.symbol);
    await this.#dispose(book);
  }

  async #dispose(book: Book): Promise<void> {
    book.disposed = true;
    book.sync.reset('released');
    book.listeners.clear();
    const subscription = await book.subscription.catch(() => undefined);
    await subscription?.unsubscribe().catch((error: unknown) => this.#error(error, 'unsubscribe failed'));
  }

  #notify(book: Book): void {
    const id = book.sync.updateId;
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
  if (typeof symbol !== 'string' || !/^[A-Za-z0-9-]{2,40}$/.test(symbol))
    throw new ValidationError(
      `symbol: expected a Bybit symbol such as "BTCUSDT", got ${JSON.stringify(symbol)}`,
      {
        venue: 'bybit',
        details: { field: 'symbol' },
      },
    );
  return symbol.toUpperCase();
}
