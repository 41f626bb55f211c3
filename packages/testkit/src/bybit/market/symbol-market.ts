// The simulated market of one Bybit symbol: its book, the published windows of its orderbook
// topics (each with its own `u`), the cross sequence `seq`, public trades, ticker statistics and
// candles. A step's level changes and trades are recorded as they happen and turned into depth
// messages and trade events when the step is committed.
import { fnv1a } from '../../shared/random/hash-noise.js';
import { Xoshiro128Random } from '../../shared/random/xoshiro128-random.js';
import type { BybitSymbolConfig } from '../symbols.js';
import { type ChangeSink, evolveBook, seedBook } from './book-evolution.js';
import { PriceLevelSide } from '../../shared/market/price-level-side.js';
import { DepthWindow } from './depth-window.js';
import type { DepthMessage, StepResult, TradeEvent } from './events.js';
import { KlineSeries } from './klines.js';
import { TickerStats } from './ticker-stats.js';

/** Public trades kept per symbol for `/v5/market/recent-trade`. */
export const RECENT_TRADES_KEPT = 1000;
/** Depth of the window behind REST `/v5/market/orderbook` (its `u` is this topic's). */
export const REST_BOOK_DEPTH = 1000;
/** Level-1 snapshots are re-sent with the same `u` after this long without a change. */
export const TOP_RESEND_MS = 3000;

/** One level taken by a taker order. */
export interface TakenLevel {
  readonly price: number;
  readonly size: number;
}

/** Book, sequences, trades, statistics and candles of one symbol. */
export class SymbolMarket implements ChangeSink {
  readonly cfg: BybitSymbolConfig;
  readonly bids = new PriceLevelSide(true);
  readonly asks = new PriceLevelSide(false);
  readonly stats: TickerStats;
  readonly klines: KlineSeries;
  /** Recent public trades, oldest first (at least the last {@link RECENT_TRADES_KEPT}). */
  readonly trades: TradeEvent[] = [];
  /** Cross sequence: grows with every committed step. */
  seq: number;
  /** Time of the last committed step (`cts`). */
  lastTime: number;
  readonly #rng: Xoshiro128Random;
  readonly #salt: number;
  readonly #windows = new Map<number, DepthWindow>();
  readonly #bidBefore = new Map<number, number>();
  readonly #askBefore = new Map<number, number>();
  #pending: Array<{ takerIsBuy: boolean; price: number; size: number }> = [];
  #tradeCount = 0;
  #topSentAt = Number.NEGATIVE_INFINITY;
  readonly #changesPerStep: number;
  /** Trade ids are this prefix and a counter: a UUID shape on linear, 19 digits on spot. */
  readonly #idPrefix: string;

  /** Seeds the symbol's book; `startTime` is when its market opened. */
  constructor(cfg: BybitSymbolConfig, seed: string, startTime: number, changesPerStep: number) {
    this.cfg = cfg;
    const key = `${seed}:${cfg.category}:${cfg.symbol}`;
    this.#rng = new Xoshiro128Random(key);
    this.#salt = fnv1a(key);
    this.#changesPerStep = changesPerStep;
    seedBook(cfg, this.#rng, this.bids, this.asks);
    this.stats = new TickerStats(cfg, this.#rng);
    this.klines = new KlineSeries(cfg, this.#salt, startTime);
    this.seq = 7_000_000_000 + (this.#salt % 900_000_000);
    this.lastTime = startTime;
    const h = this.#salt.toString(16).padStart(8, '0');
    this.#idPrefix =
      cfg.category === 'spot'
        ? `229${String(this.#salt % 10_000_000).padStart(7, '0')}`
        : `${h}-${h.slice(0, 4)}-5${h.slice(5, 8)}-9${h.slice(1, 4)}-`;
    this.window(REST_BOOK_DEPTH);
  }

  /**
   * The published window of `depth` levels, created (at the current book) on first use; `now` is
   * when its first snapshot goes out (level 1 re-sends an unchanged snapshot 3 s after that).
   */
  window(depth: number, now = this.lastTime): DepthWindow {
    let w = this.#windows.get(depth);
    if (w === undefined) {
      const u = 1_000_000 + (fnv1a(`${this.#salt}:${depth}`) % 50_000_000);
      w = new DepthWindow(depth, this.bids, this.asks, u);
      this.#windows.set(depth, w);
      if (depth === 1) this.#topSentAt = now;
    }
    return w;
  }

  /** ChangeSink: applies a level change and remembers the level's size before the step. */
  change(side: PriceLevelSide, price: number, size: number): void {
    const before = side.isBid ? this.#bidBefore : this.#askBefore;
    if (!before.has(price)) before.set(price, side.qtyAt(price));
    side.set(price, size);
  }

  /** ChangeSink: records a trade printed by the next commit. */
  trade(takerIsBuy: boolean, price: number, size: number): void {
    if (size > 0) this.#pending.push({ takerIsBuy, price, size });
  }

  /** One random evolution of the book (committed by the caller). */
  evolve(): void {
    evolveBook(this.cfg, this.#rng, this.bids, this.asks, 1 + this.#rng.int(this.#changesPerStep), this);
    if (this.#bidBefore.size + this.#askBefore.size === 0) {
      const best = this.bids.best();
      if (best !== undefined) this.change(this.bids, best, this.bids.qtyAt(best) + this.cfg.stepUnits);
    }
  }

  /**
   * Takes liquidity like a taker: walks the opposite side from the best price while within
   * `limitPrice` (if given), up to `maxSize` size units and `maxQuote` price×size units (if given).
   */
  take(
    takerIsBuy: boolean,
    limitPrice: number | undefined,
    maxSize: number,
    maxQuote?: bigint,
  ): TakenLevel[] {
    const side = takerIsBuy ? this.asks : this.bids;
    const out: TakenLevel[] = [];
    let left = maxSize;
    let quoteLeft = maxQuote;
    const step = this.cfg.stepUnits;
    while (left > 0) {
      const price = side.best();
      if (price === undefined) break;
      if (limitPrice !== undefined && (takerIsBuy ? price > limitPrice : price < limitPrice)) break;
      const have = side.qtyAt(price);
      let size = Math.min(have, left);
      if (quoteLeft !== undefined) {
        const affordable = Number(quoteLeft / BigInt(price));
        size = Math.min(size, affordable - (affordable % step));
        if (size <= 0) break;
        quoteLeft -= BigInt(price) * BigInt(size);
      }
      out.push({ price, size });
      left -= size;
      this.trade(takerIsBuy, price, size);
      this.change(side, price, have - size);
    }
    return out;
  }

  /** Records a trade that did not touch the book (a resting simulator order filled). */
  printTrade(takerIsBuy: boolean, price: number, size: number): void {
    this.trade(takerIsBuy, price, size);
  }

  /**
   * Commits the recorded changes and trades at `time`: every window moves, each visible change
   * takes the window's next `u`. With `hidden`, the ids are consumed but no depth message is made
   * (subscribers then see `u` jump). Returns undefined when the step produced nothing.
   */
  commit(time: number, hidden: boolean): StepResult | undefined {
    const changed = this.#bidBefore.size + this.#askBefore.size > 0;
    if (!changed && this.#pending.length === 0 && !this.#topDue(time)) return undefined;
    this.seq += 1;
    this.lastTime = time;
    const trades = this.#flushTrades(time);
    const depth: DepthMessage[] = [];
    const changes = { bids: this.#bidBefore, asks: this.#askBefore };
    for (const w of this.#windows.values()) {
      const delta = changed ? w.advance(this.bids, this.asks, changes) : undefined;
      if (delta !== undefined) w.u++;
      if (hidden) continue;
      if (w.depth === 1) {
        if (delta !== undefined || this.#topDue(time)) {
          this.#topSentAt = time;
          depth.push(this.snapshotMessage(w));
        }
      } else if (delta !== undefined) {
        depth.push({ window: w, type: 'delta', u: w.u, bids: delta.bids, asks: delta.asks });
      }
    }
    this.#bidBefore.clear();
    this.#askBefore.clear();
    return { market: this, time, seq: this.seq, depth, trades };
  }

  /**
   * A service restart: every window restarts at `u = 1` with a snapshot of the current book.
   * Returns the step carrying those snapshots.
   */
  restart(time: number): StepResult {
    this.seq += 1;
    this.lastTime = time;
    const depth: DepthMessage[] = [];
    for (const w of this.#windows.values()) {
      w.rebase(this.bids, this.asks);
      w.u = 1;
      depth.push(this.snapshotMessage(w));
    }
    return { market: this, time, seq: this.seq, depth, trades: [] };
  }

  /** A snapshot message of window `w` (its current `u`, the book's top `w.depth` levels). */
  snapshotMessage(w: DepthWindow): DepthMessage {
    return {
      window: w,
      type: 'snapshot',
      u: w.u,
      bids: flatTop(this.bids, w.depth),
      asks: flatTop(this.asks, w.depth),
    };
  }

  #topDue(time: number): boolean {
    return this.#windows.has(1) && time - this.#topSentAt >= TOP_RESEND_MS;
  }

  #flushTrades(time: number): TradeEvent[] {
    if (this.#pending.length === 0) return NO_TRADES;
    const out: TradeEvent[] = [];
    for (const t of this.#pending) {
      const n = this.#tradeCount++;
      const id =
        this.cfg.category === 'spot'
          ? this.#idPrefix + String(n).padStart(9, '0')
          : this.#idPrefix + n.toString(16).padStart(12, '0');
      const tickDirection = this.stats.record(t.price, t.size);
      if (this.cfg.category === 'linear')
        this.stats.openInterest +=
          n % 2 === 0 ? t.size : -Math.min(t.size, this.stats.openInterest - this.cfg.stepUnits);
      const ev: TradeEvent = {
        cfg: this.cfg,
        id,
        price: t.price,
        size: t.size,
        time,
        takerIsBuy: t.takerIsBuy,
        seq: this.seq,
        tickDirection,
      };
      out.push(ev);
      this.trades.push(ev);
      this.klines.record(t.price, t.size, time);
    }
    // Trimmed in chunks: a splice per trade would cost O(kept) on the hot path.
    if (this.trades.length > 2 * RECENT_TRADES_KEPT)
      this.trades.splice(0, this.trades.length - RECENT_TRADES_KEPT);
    this.#pending = [];
    return out;
  }
}

const NO_TRADES: TradeEvent[] = [];

function flatTop(side: PriceLevelSide, depth: number): number[] {
  const n = Math.min(depth, side.size);
  const out: number[] = new Array(n * 2);
  for (let i = 0; i < n; i++) {
    const p = side.priceAt(i)!;
    out[2 * i] = p;
    out[2 * i + 1] = side.qtyAt(p);
  }
  return out;
}
