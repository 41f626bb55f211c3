// The local order book algorithm of one symbol (protocols/binance.md §6, binance-usdm.md §5):
// diffs are buffered until a REST snapshot arrives; buffered diffs the snapshot already contains
// are dropped (Spot `u ≤ lastUpdateId`, USD-M `u < lastUpdateId`); the first one kept must
// bridge the snapshot (Spot `U ≤ lastUpdateId+1 ≤ u`, USD-M `U ≤ lastUpdateId ≤ u`), otherwise
// the snapshot is too old and another is needed; from then on every diff must continue the last
// one (Spot `U ≤ previous u + 1`, USD-M `pu == previous u`) or the book is discarded — cleared
// from the target, so a book built across a gap is never served — and buffering starts again
// with the diff that revealed the gap. Diffs already contained in the book (`u ≤` its id) are
// ignored, which makes duplicates harmless. This file is pure logic over a BookTarget (an
// OrderBookStore); fetching snapshots is the caller's job (BinanceBookManager, BinanceDataStore).
import { type LevelsInput, ValidationError } from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';

/** A `depthUpdate` payload as Binance sends it (only the fields the algorithm reads). */
export interface DepthDiff {
  /** First update id in the event. */
  readonly U: number;
  /** Final update id in the event. */
  readonly u: number;
  /** USD-M: final update id of the previous event of the stream. */
  readonly pu?: number;
  /** Changed bids `[price, quantity]` (quantity "0" deletes). */
  readonly b: LevelsInput;
  /** Changed asks. */
  readonly a: LevelsInput;
}

/** A `GET /depth` answer. */
export interface DepthSnapshot {
  readonly lastUpdateId: number;
  readonly bids: LevelsInput;
  readonly asks: LevelsInput;
}

/** Where the book lives (an OrderBookStore fits). */
export interface BookTarget {
  applySnapshot(symbol: string, bids: LevelsInput, asks: LevelsInput): void;
  applyDelta(symbol: string, bids: LevelsInput | undefined, asks: LevelsInput | undefined): void;
  clear(symbol?: string): void;
}

/**
 * What a diff did: `applied` to the live book; `buffered` while waiting for a snapshot; `stale`
 * (already in the book) and ignored; `gap` — the book was discarded and a new snapshot is needed;
 * `invalid` — the diff was malformed, the book was discarded and a new snapshot is needed.
 */
export type DiffOutcome = 'applied' | 'buffered' | 'stale' | 'gap' | 'invalid';

/**
 * What a snapshot did: `live` — the book is live (buffered diffs replayed); `tooOld` — it ends
 * before the first buffered diff begins, fetch another; `gap` — the buffered diffs have a hole
 * after it, fetch another (the book was not kept).
 */
export type SnapshotOutcome = 'live' | 'tooOld' | 'gap';

/** Counters of one book's life. */
export interface BookSyncStats {
  applied: number;
  stale: number;
  gaps: number;
  invalid: number;
  snapshots: number;
  tooOld: number;
  /** Buffered diffs dropped because the buffer was full (the snapshot check catches the hole). */
  overflowed: number;
}

/** The snapshot-and-diff state machine of one symbol's book. */
export class BookSync {
  readonly symbol: string;
  readonly market: BinanceMarket;
  readonly stats: BookSyncStats = {
    applied: 0,
    stale: 0,
    gaps: 0,
    invalid: 0,
    snapshots: 0,
    tooOld: 0,
    overflowed: 0,
  };
  readonly #target: BookTarget;
  readonly #spot: boolean;
  readonly #maxBuffered: number;
  #buffer: DepthDiff[] = [];
  #head = 0;
  #live = false;
  #id = 0;
  /** USD-M: the next diff is the first after the snapshot (the bridging rule applies). */
  #first = false;
  #lastError: string | undefined;

  /**
   * @param maxBuffered diffs held while waiting for a snapshot; beyond it the oldest go (a
   *   snapshot older than what is left is then refused as too old, never applied across the hole)
   */
  constructor(symbol: string, market: BinanceMarket, target: BookTarget, maxBuffered = 10_000) {
    this.symbol = symbol;
    this.market = market;
    this.#target = target;
    this.#spot = market === 'spot';
    this.#maxBuffered = maxBuffered;
  }

  /** True while the target holds a correct book at {@link lastUpdateId}. */
  get live(): boolean {
    return this.#live;
  }

  /** Update id the live book is at (0 before the first snapshot). */
  get lastUpdateId(): number {
    return this.#id;
  }

  /** Diffs waiting for a snapshot. */
  get buffered(): number {
    return this.#buffer.length - this.#head;
  }

  /** Why the book was last discarded (gap or malformed diff), for logs and errors. */
  get lastError(): string | undefined {
    return this.#lastError;
  }

  /**
   * Feeds one diff. `reused`: the caller reuses the diff's object and arrays for the next one (a
   * decoder's scratch), so a diff that must be kept (buffered) is copied first.
   */
  onDiff(diff: DepthDiff, reused = false): DiffOutcome {
    if (!isDiff(diff)) return this.#invalid(`malformed depthUpdate for ${this.symbol}`);
    if (!this.#live) {
      this.#buffer.push(reused ? copyDiff(diff) : diff);
      if (this.#buffer.length - this.#head > this.#maxBuffered) {
        this.#head++;
        this.stats.overflowed++;
        if (this.#head > 1024 && this.#head * 2 > this.#buffer.length) this.#compact();
      }
      return 'buffered';
    }
    return this.#apply(diff, reused);
  }

  /** Feeds a REST snapshot; ignored (`live`) while the book is live. */
  onSnapshot(snapshot: DepthSnapshot): SnapshotOutcome {
    if (this.#live) return 'live';
    const last = snapshot.lastUpdateId;
    if (
      typeof last !== 'number' ||
      !Number.isSafeInteger(last) ||
      !Array.isArray(snapshot.bids) ||
      !Array.isArray(snapshot.asks)
    )
      throw new ValidationError(
        `Binance depth snapshot for ${this.symbol}: expected {lastUpdateId, bids, asks}`,
        {
          venue: 'binance',
          details: { symbol: this.symbol },
        },
      );
    const spot = this.#spot;
    // Drop what the snapshot already contains.
    while (this.#head < this.#buffer.length) {
      const u = this.#buffer[this.#head]!.u;
      if (spot ? u <= last : u < last) this.#head++;
      else break;
    }
    const first = this.#buffer[this.#head];
    if (first !== undefined && !this.#bridges(first, last)) {
      this.stats.tooOld++;
      return 'tooOld';
    }
    try {
      this.#target.applySnapshot(this.symbol, snapshot.bids, snapshot.asks);
    } catch (error) {
      this.#target.clear(this.symbol);
      throw error;
    }
    this.stats.snapshots++;
    this.#live = true;
    this.#id = last;
    this.#first = true;
    const pending = this.#buffer;
    const start = this.#head;
    this.#buffer = [];
    this.#head = 0;
    for (let i = start; i < pending.length; i++) {
      const outcome = this.#apply(pending[i]!);
      if (outcome === 'gap' || outcome === 'invalid') {
        // #apply buffered the offending diff; keep the ones after it too.
        for (let j = i + 1; j < pending.length; j++) this.#buffer.push(pending[j]!);
        return 'gap';
      }
    }
    return 'live';
  }

  /** Discards the book (cleared from the target) and the buffer: back to waiting for diffs and a snapshot. */
  reset(): void {
    if (this.#live) this.#target.clear(this.symbol);
    this.#live = false;
    this.#buffer = [];
    this.#head = 0;
  }

  /** Does `diff` continue a book at `id`? (the first diff after a snapshot, or any later one) */
  #bridges(diff: DepthDiff, id: number): boolean {
    if (this.#spot) return diff.U <= id + 1 && id + 1 <= diff.u;
    // USD-M: the documented rule, or `pu` naming the snapshot's id (the diff starts right after it).
    return (diff.U <= id && id <= diff.u) || diff.pu === id;
  }

  #apply(diff: DepthDiff, reused = false): DiffOutcome {
    const id = this.#id;
    const u = diff.u;
    let continues: boolean;
    if (this.#spot) {
      if (u <= id) return this.#stale();
      continues = diff.U <= id + 1;
    } else if (this.#first) {
      if (u < id) return this.#stale();
      continues = this.#bridges(diff, id);
    } else {
      if (u <= id) return this.#stale();
      continues = diff.pu === id;
    }
    if (!continues) {
      this.#discard(
        `gap in ${this.symbol}: book at ${id}, next diff U=${diff.U} u=${u}${diff.pu === undefined ? '' : ` pu=${diff.pu}`}`,
      );
      this.stats.gaps++;
      this.#buffer.push(reused ? copyDiff(diff) : diff);
      return 'gap';
    }
    try {
      this.#target.applyDelta(this.symbol, diff.b, diff.a);
    } catch (error) {
      return this.#invalid(`bad level in ${this.symbol} diff u=${u}: ${(error as Error).message}`);
    }
    this.#id = u;
    this.#first = false;
    this.stats.applied++;
    return 'applied';
  }

  #stale(): DiffOutcome {
    this.stats.stale++;
    return 'stale';
  }

  #invalid(reason: string): DiffOutcome {
    this.stats.invalid++;
    this.#discard(reason);
    return 'invalid';
  }

  #discard(reason: string): void {
    this.#lastError = reason;
    if (this.#live) this.#target.clear(this.symbol);
    this.#live = false;
  }

  #compact(): void {
    this.#buffer = this.#buffer.slice(this.#head);
    this.#head = 0;
  }
}

/** A diff that owns its level arrays. */
function copyDiff(d: DepthDiff): DepthDiff {
  const levels = (side: DepthDiff['b']) => Array.from(side, (level) => [level[0]!, level[1]!]);
  return { U: d.U, u: d.u, pu: d.pu, b: levels(d.b), a: levels(d.a) };
}

function isDiff(d: DepthDiff): boolean {
  return (
    d !== null &&
    typeof d === 'object' &&
    typeof d.U === 'number' &&
    typeof d.u === 'number' &&
    d.U <= d.u &&
    Array.isArray(d.b) &&
    Array.isArray(d.a) &&
    (d.pu === undefined || typeof d.pu === 'number')
  );
}
