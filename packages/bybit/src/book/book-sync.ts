// The local order book algorithm of one Bybit `orderbook.{depth}.{symbol}` topic (bybit.md §6):
// a `snapshot` — or any message with `u = 1`, which is what a service restart sends — replaces the
// book; a `delta` applies its levels (size "0" deletes, any other size sets the level) and must
// carry the next update id (`u` = previous `u` + 1). A delta before the first snapshot, a jump or
// repeat in `u`, a malformed message or a crossed book (best bid ≥ best ask) discards the book —
// cleared from the target, so a book built across a gap is never served — and asks the caller to
// resync (resubscribe, which makes Bybit send a fresh snapshot). After each message the book is
// trimmed to the subscribed depth. Pure logic over a BookTarget (an OrderBookStore fits).
import type { BookSideName, LevelsInput, PriceLevel } from '@venuekit/base';

/** The `data` of an orderbook message (the fields the algorithm reads). */
export interface BookData {
  /** Symbol. */
  readonly s?: string;
  /** Changed (delta) or all (snapshot) bids `[price, size]`, strings. */
  readonly b: LevelsInput;
  /** Changed or all asks. */
  readonly a: LevelsInput;
  /** Update id: +1 per message of the topic; 1 after a service restart. */
  readonly u: number;
  /** Cross sequence, comparable across depths. */
  readonly seq?: number;
}

/** Where the book lives (an OrderBookStore fits). */
export interface BybitBookTarget {
  applySnapshot(symbol: string, bids: LevelsInput, asks: LevelsInput): void;
  applyDelta(symbol: string, bids: LevelsInput | undefined, asks: LevelsInput | undefined): void;
  applyLevel(symbol: string, side: BookSideName, price: number, size: number): void;
  clear(symbol?: string): void;
  depth(symbol: string, side: BookSideName): number;
  isCrossed(symbol: string): boolean;
  sorted(query: { symbol?: string; limit?: number }): { bids: PriceLevel[]; asks: PriceLevel[] };
}

/**
 * What a message did: `snapshot` — the book was replaced and is live; `reset` — the same, for a
 * `u = 1` restart; `applied` — a delta went into the live book; `waiting` — a delta before any
 * snapshot, ignored; `gap` — `u` did not follow, the book was discarded; `invalid` — the message
 * was malformed or left the book crossed, the book was discarded.
 */
export type BookOutcome = 'snapshot' | 'reset' | 'applied' | 'waiting' | 'gap' | 'invalid';

/** Counters of one book's life. */
export interface BybitBookStats {
  snapshots: number;
  resets: number;
  applied: number;
  waiting: number;
  gaps: number;
  invalid: number;
}

/** The snapshot-and-delta state machine of one symbol's book at one depth. */
export class BybitBookSync {
  readonly symbol: string;
  /** Levels per side kept (the subscribed depth). */
  readonly depth: number;
  readonly stats: BybitBookStats = { snapshots: 0, resets: 0, applied: 0, waiting: 0, gaps: 0, invalid: 0 };
  readonly #target: BybitBookTarget;
  #live = false;
  #u = 0;
  #seq = 0;
  #lastError: string | undefined;

  constructor(symbol: string, depth: number, target: BybitBookTarget) {
    this.symbol = symbol;
    this.depth = depth;
    this.#target = target;
  }

  /** True while the target holds a correct book at {@link updateId}. */
  get live(): boolean {
    return this.#live;
  }

  /** Update id `u` of the last message applied (0 before the first snapshot). */
  get updateId(): number {
    return this.#u;
  }

  /** Cross sequence `seq` of the last message applied, when Bybit sent one. */
  get sequence(): number {
    return this.#seq;
  }

  /** Why the book was last discarded, for logs and errors. */
  get lastError(): string | undefined {
    return this.#lastError;
  }

  /** Feeds one orderbook message: its `type` (`snapshot` | `delta`) and `data`. */
  onMessage(type: string | undefined, data: BookData): BookOutcome {
    if (data === null || typeof data !== 'object' || !Array.isArray(data.b) || !Array.isArray(data.a))
      return this.#invalid(`malformed orderbook message for ${this.symbol}`);
    const u = data.u;
    if (typeof u !== 'number' || !Number.isSafeInteger(u) || u < 1)
      return this.#invalid(`orderbook message for ${this.symbol} without a valid u (${String(u)})`);
    if (type === 'snapshot' || u === 1) return this.#snapshot(data, u === 1);
    if (type !== 'delta')
      return this.#invalid(`orderbook message for ${this.symbol} of type ${String(type)}`);
    if (!this.#live) {
      this.stats.waiting++;
      return 'waiting';
    }
    if (u !== this.#u + 1) {
      this.stats.gaps++;
      this.#discard(`gap in ${this.symbol}: book at u=${this.#u}, next delta u=${u}`);
      return 'gap';
    }
    try {
      this.#target.applyDelta(this.symbol, data.b, data.a);
    } catch (error) {
      return this.#invalid(`bad level in ${this.symbol} delta u=${u}: ${(error as Error).message}`);
    }
    this.#u = u;
    if (typeof data.seq === 'number') this.#seq = data.seq;
    if (!this.#settle()) return 'invalid';
    this.stats.applied++;
    return 'applied';
  }

  /** Discards the book (cleared from the target): back to waiting for a snapshot. */
  reset(reason = 'reset'): void {
    this.#discard(reason);
  }

  #snapshot(data: BookData, restart: boolean): BookOutcome {
    try {
      this.#target.applySnapshot(this.symbol, data.b, data.a);
    } catch (error) {
      return this.#invalid(`bad level in ${this.symbol} snapshot u=${data.u}: ${(error as Error).message}`);
    }
    this.#live = true;
    this.#u = data.u;
    if (typeof data.seq === 'number') this.#seq = data.seq;
    if (!this.#settle()) return 'invalid';
    if (restart) this.stats.resets++;
    else this.stats.snapshots++;
    return restart ? 'reset' : 'snapshot';
  }

  /** Trims to the depth and checks the book is not crossed; false (and discarded) if it is. */
  #settle(): boolean {
    const target = this.#target;
    const symbol = this.symbol;
    if (target.depth(symbol, 'bid') > this.depth || target.depth(symbol, 'ask') > this.depth) this.#trim();
    if (!target.isCrossed(symbol)) return true;
    this.#invalid(`crossed book for ${symbol} at u=${this.#u}`);
    return false;
  }

  /** Removes levels beyond the subscribed depth (Bybit normally deletes them itself). */
  #trim(): void {
    const { bids, asks } = this.#target.sorted({ symbol: this.symbol });
    for (let i = this.depth; i < bids.length; i++)
      this.#target.applyLevel(this.symbol, 'bid', bids[i]![0], 0);
    for (let i = this.depth; i < asks.length; i++)
      this.#target.applyLevel(this.symbol, 'ask', asks[i]![0], 0);
  }

  #invalid(reason: string): BookOutcome {
    this.stats.invalid++;
    this.#discard(reason);
    return 'invalid';
  }

  #discard(reason: string): void {
    this.#lastError = reason;
    // Also when not live: a snapshot that failed half-way may have left levels behind.
    this.#target.clear(this.symbol);
    this.#live = false;
  }
}
