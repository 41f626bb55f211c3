// OrderBookStore: per-symbol order books that are sorted at every moment, fed by venue packages
// (snapshot from REST or the socket, then deltas) and read by applications (`sorted`, `best`).
// The hot path, applyDelta, takes the venue's own level arrays (`[["65000.5","0.12"], …]` or
// numbers), converts with unary `+`, and allocates nothing per level; change objects for watch()
// are built only while someone watches. Prices and sizes are numbers here: use the venue's
// strings only where exact decimals matter (orders), never for book arithmetic.
import { ValidationError } from '../errors.js';
import {
  BookSide,
  LEVEL_DELETED,
  LEVEL_INSERTED,
  LEVEL_UNCHANGED,
  LEVEL_UPDATED,
  type PriceLevel,
} from './book-side.js';
import { ChangeHub } from './change-hub.js';
import type { ChangeStream, StoreChange, StoreWatchOptions } from './change-stream.js';

export type { PriceLevel } from './book-side.js';

/** Which side of the book: `'bid'` (buy orders) or `'ask'` (sell orders). */
export type BookSideName = 'bid' | 'ask';

/** One price level as an item, for find/get/watch. */
export interface BookLevel {
  readonly symbol: string;
  readonly side: BookSideName;
  readonly price: number;
  readonly size: number;
}

/** Levels as venues send them: `[price, size, …]` per level, numbers or numeric strings. */
export type LevelsInput = ReadonlyArray<ArrayLike<number | string>>;

/** Both sides, best first. */
export interface SortedBook {
  asks: PriceLevel[];
  bids: PriceLevel[];
}

/** Top of book; a side is undefined when empty. */
export interface BestQuote {
  bid: PriceLevel | undefined;
  ask: PriceLevel | undefined;
}

/** Options of {@link OrderBookStore}. */
export interface OrderBookStoreOptions {
  /** A name for logs and collections. */
  name?: string;
}

class Book<M> {
  readonly bids = new BookSide(1);
  readonly asks = new BookSide(-1);
  meta: M | undefined = undefined;
  constructor(readonly symbol: string) {}
}

/**
 * Order books for any number of symbols. Venue packages call `applySnapshot` / `applyDelta`;
 * applications read with `sorted`, `best`, `find`, `get`, `wait` and `watch` (level changes).
 * @typeParam M per-book metadata a venue keeps with the book (e.g. `{ lastUpdateId }`).
 */
export class OrderBookStore<M = Record<string, unknown>> implements Iterable<BookLevel> {
  /** The store's name, if it was given one. */
  readonly name: string | undefined;
  readonly #books = new Map<string, Book<M>>();
  readonly #hub = new ChangeHub<StoreChange<BookLevel>>();
  #badLevel: string | undefined;

  /** Creates an empty store. */
  constructor(options: OrderBookStoreOptions = {}) {
    this.name = options.name;
  }

  /**
   * Replaces `symbol`'s book with these levels (in any order; best first is fastest). Levels of
   * size 0 are skipped; a repeated price keeps its last size (0 removes it). `meta` replaces the book's metadata.
   */
  applySnapshot(symbol: string, bids: LevelsInput, asks: LevelsInput, meta?: M): void {
    const book = this.#book(symbol);
    const watched = this.#hub.watched;
    if (watched) this.#emitAll(book, 'delete');
    book.bids.clear();
    book.asks.clear();
    this.#load(book.bids, 'bid', symbol, bids);
    this.#load(book.asks, 'ask', symbol, asks);
    book.meta = meta;
    if (watched) this.#emitAll(book, 'insert');
    this.#finish();
  }

  /**
   * Applies changed levels to `symbol`'s book (created empty if unknown): size 0 removes the
   * level, any other size sets it. `meta`, when given, replaces the book's metadata. A level that
   * is not a finite price with a finite size ≥ 0 is skipped, the rest applied, and then a
   * ValidationError names it (resync the book from a snapshot).
   */
  applyDelta(symbol: string, bids: LevelsInput | undefined, asks: LevelsInput | undefined, meta?: M): void {
    let book = this.#books.get(symbol);
    if (book === undefined) book = this.#book(symbol);
    const watched = this.#hub.watched;
    if (bids !== undefined) this.#apply(book.bids, 'bid', symbol, bids, watched);
    if (asks !== undefined) this.#apply(book.asks, 'ask', symbol, asks, watched);
    if (meta !== undefined) book.meta = meta;
    this.#finish();
  }

  /** Sets one level (size 0 removes it): for venues that send one level per message. */
  applyLevel(symbol: string, side: BookSideName, price: number, size: number): void {
    let book = this.#books.get(symbol);
    if (book === undefined) book = this.#book(symbol);
    const bookSide = side === 'bid' ? book.bids : book.asks;
    if (price - price === 0 && size >= 0 && size < Number.POSITIVE_INFINITY) {
      const code = bookSide.set(price, size);
      if (code !== LEVEL_UNCHANGED && this.#hub.watched)
        this.#emitLevel(symbol, side, code, price, size, bookSide.lastSize);
    } else this.#badLevel = `${side} [${String(price)}, ${String(size)}] for ${symbol}`;
    this.#finish();
  }

  /**
   * Removes `side` levels better than `price` (higher bids, lower asks), and the level at
   * `price` too when `inclusive`. For venues that prune crossed levels around a mid price
   * (bitFlyer: bids above mid go, asks at or below mid go). Returns how many were removed.
   */
  removeBetterThan(
    symbol: string,
    side: BookSideName,
    price: number,
    options: { inclusive?: boolean } = {},
  ): number {
    const book = this.#books.get(symbol);
    if (book === undefined) return 0;
    const watched = this.#hub.watched;
    const removed = (side === 'bid' ? book.bids : book.asks).removeBetterThan(
      price,
      options.inclusive === true,
      watched ? (p, s) => this.#emitLevel(symbol, side, LEVEL_DELETED, p, 0, s) : undefined,
    );
    if (removed > 0) this.#hub.notify();
    return removed;
  }

  /** Removes `symbol`'s book, or every book without a symbol, emitting deletes when watched. */
  clear(symbol?: string): void {
    const books = symbol === undefined ? [...this.#books.values()] : [this.#books.get(symbol)];
    let changed = false;
    for (const book of books) {
      if (book === undefined) continue;
      if (this.#hub.watched) this.#emitAll(book, 'delete');
      this.#books.delete(book.symbol);
      changed = true;
    }
    if (changed) this.#hub.notify();
  }

  /**
   * Both sides best first, read from the kept-sorted book (no sorting). `symbol` may be left out
   * when the store holds a single book; `limit` caps each side (default: all levels).
   */
  sorted(query: { symbol?: string; limit?: number } = {}): SortedBook {
    const limit = Math.floor(query.limit ?? Number.POSITIVE_INFINITY);
    if (!(limit >= 0)) throw new ValidationError(`sorted(): limit must be ≥ 0, got ${String(query.limit)}`);
    const book = this.#pick(query.symbol);
    if (book === undefined) return { asks: [], bids: [] };
    return { asks: book.asks.read(limit), bids: book.bids.read(limit) };
  }

  /** Best bid and best ask of `symbol`. */
  best(symbol: string): BestQuote {
    const book = this.#books.get(symbol);
    const bids = book?.bids;
    const asks = book?.asks;
    return {
      bid: bids && bids.count > 0 ? [bids.priceAt(0), bids.sizeAt(0)] : undefined,
      ask: asks && asks.count > 0 ? [asks.priceAt(0), asks.sizeAt(0)] : undefined,
    };
  }

  /** True when `symbol`'s best bid is at or above its best ask (a book that cannot be real). */
  isCrossed(symbol: string): boolean {
    const book = this.#books.get(symbol);
    if (book === undefined || book.bids.count === 0 || book.asks.count === 0) return false;
    return book.bids.priceAt(0) >= book.asks.priceAt(0);
  }

  /** The metadata last given with a snapshot or delta of `symbol`. */
  meta(symbol: string): M | undefined {
    return this.#books.get(symbol)?.meta;
  }

  /** Symbols that have a book, in the order they first appeared. */
  symbols(): string[] {
    return [...this.#books.keys()];
  }

  /** Number of levels on one side of `symbol`'s book (0 when there is no book). */
  depth(symbol: string, side: BookSideName): number {
    const book = this.#books.get(symbol);
    return book === undefined ? 0 : (side === 'bid' ? book.bids : book.asks).count;
  }

  /** Number of price levels across all books and sides. */
  get size(): number {
    let n = 0;
    for (const book of this.#books.values()) n += book.bids.count + book.asks.count;
    return n;
  }

  /** The level at `{ symbol, side, price }`, or undefined. */
  get(query: { symbol: string; side: BookSideName; price: number }): BookLevel | undefined {
    const book = this.#books.get(query.symbol);
    const size = book && (query.side === 'bid' ? book.bids : book.asks).sizeOf(query.price);
    return size === undefined
      ? undefined
      : { symbol: query.symbol, side: query.side, price: query.price, size };
  }

  /**
   * Levels matching every field of `query` (all without one): per book in first-seen order,
   * bids best first, then asks best first. Builds level objects: for display, not per message.
   */
  find(query: Partial<BookLevel> = {}): BookLevel[] {
    const out: BookLevel[] = [];
    const books = query.symbol === undefined ? this.#books.values() : [this.#books.get(query.symbol)];
    for (const book of books) {
      if (book === undefined) continue;
      for (const name of ['bid', 'ask'] as const) {
        if (query.side !== undefined && query.side !== name) continue;
        const side = name === 'bid' ? book.bids : book.asks;
        for (let r = 0; r < side.count; r++) {
          const price = side.priceAt(r);
          const size = side.sizeAt(r);
          if (query.price !== undefined && query.price !== price) continue;
          if (query.size !== undefined && query.size !== size) continue;
          out.push({ symbol: book.symbol, side: name, price, size });
        }
      }
    }
    return out;
  }

  /** Iterates every level, as {@link find} orders them. */
  [Symbol.iterator](): IterableIterator<BookLevel> {
    return this.find()[Symbol.iterator]();
  }

  /** Resolves after the next snapshot, delta or removal; rejects if `signal` aborts first. */
  wait(signal?: AbortSignal): Promise<void> {
    return this.#hub.wait(signal);
  }

  /**
   * Level changes from now on: `insert` (new level), `update` (size changed) and `delete`
   * (`data` is the removed level with its last size). Snapshots emit deletes for the old book
   * and inserts for the new one. Watching makes applyDelta allocate one change per level.
   */
  watch(options?: StoreWatchOptions): ChangeStream<StoreChange<BookLevel>> {
    return this.#hub.watch(options);
  }

  #book(symbol: string): Book<M> {
    let book = this.#books.get(symbol);
    if (book === undefined) {
      if (typeof symbol !== 'string' || symbol === '')
        throw new ValidationError(`OrderBookStore: symbol must be a non-empty string, got ${String(symbol)}`);
      book = new Book<M>(symbol);
      this.#books.set(symbol, book);
    }
    return book;
  }

  #pick(symbol: string | undefined): Book<M> | undefined {
    if (symbol !== undefined) return this.#books.get(symbol);
    if (this.#books.size > 1)
      throw new ValidationError(
        `sorted(): this store holds ${this.#books.size} books; pass { symbol } (one of ${this.symbols().join(', ')})`,
      );
    return this.#books.values().next().value;
  }

  #apply(side: BookSide, name: BookSideName, symbol: string, levels: LevelsInput, watched: boolean): void {
    for (let i = 0, n = levels.length; i < n; i++) {
      const level = levels[i]!;
      const price = +level[0]!;
      const size = +level[1]!;
      if (!(price - price === 0 && size >= 0 && size < Number.POSITIVE_INFINITY)) {
        this.#badLevel ??= `${name} [${String(level[0])}, ${String(level[1])}] for ${symbol}`;
        continue;
      }
      const code = side.set(price, size);
      if (watched && code !== LEVEL_UNCHANGED)
        this.#emitLevel(symbol, name, code, price, size, side.lastSize);
    }
  }

  #load(side: BookSide, name: BookSideName, symbol: string, levels: LevelsInput): void {
    for (let i = 0, n = levels.length; i < n; i++) {
      const level = levels[i]!;
      const price = +level[0]!;
      const size = +level[1]!;
      if (!(price - price === 0 && size >= 0 && size < Number.POSITIVE_INFINITY)) {
        this.#badLevel ??= `${name} [${String(level[0])}, ${String(level[1])}] for ${symbol}`;
        continue;
      }
      side.append(price, size);
    }
    side.finishLoad();
  }

  /** Wakes waiters, then reports the first malformed level of the call, if any. */
  #finish(): void {
    this.#hub.notify();
    const bad = this.#badLevel;
    if (bad === undefined) return;
    this.#badLevel = undefined;
    throw new ValidationError(
      `OrderBookStore: skipped level ${bad}: expected [price, size] with a finite price and a finite size ≥ 0; resync this book from a snapshot`,
    );
  }

  #emitLevel(
    symbol: string,
    side: BookSideName,
    code: number,
    price: number,
    size: number,
    previous: number,
  ): void {
    if (code === LEVEL_INSERTED) {
      this.#hub.emit({ operation: 'insert', data: { symbol, side, price, size }, source: null });
    } else if (code === LEVEL_UPDATED) {
      const level = { symbol, side, price, size };
      this.#hub.emit({ operation: 'update', data: level, source: level });
    } else {
      this.#hub.emit({
        operation: 'delete',
        data: { symbol, side, price, size: previous },
        source: { symbol, side, price, size: 0 },
      });
    }
  }

  #emitAll(book: Book<M>, operation: 'insert' | 'delete'): void {
    for (const [name, side] of [
      ['bid', book.bids],
      ['ask', book.asks],
    ] as const) {
      for (let r = 0; r < side.count; r++) {
        const data: BookLevel = {
          symbol: book.symbol,
          side: name,
          price: side.priceAt(r),
          size: side.sizeAt(r),
        };
        this.#hub.emit({ operation, data, source: null });
      }
    }
  }
}
