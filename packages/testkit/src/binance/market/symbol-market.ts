// The simulated market of one symbol: its book, its update-id sequence, its trades and candles.
// Each change batch becomes one depth event with Binance's ids: Spot `U` = previous `u` + 1;
// USDⓈ-M `pu` = previous `u`, with `U` sometimes jumping ahead (normal on futures).
import { Sfc32Random } from '../../shared/random/sfc32-random.js';
import type { SymbolConfig } from '../symbols.js';
import { type ChangeSink, evolveBook, seedBook } from './book-evolution.js';
import type { DepthEvent, Fill, TradeEvent } from './events.js';
import { KlineSeries } from './klines.js';
import { PriceLevelSide } from '../../shared/market/price-level-side.js';

/** Recent public trades kept per symbol (for `/trades`). */
export const RECENT_TRADES_KEPT = 1000;

/** Book, sequence numbers, trades and candles of one symbol. */
export class SymbolMarket implements ChangeSink {
  readonly cfg: SymbolConfig;
  readonly bids = new PriceLevelSide(true);
  readonly asks = new PriceLevelSide(false);
  readonly klines: KlineSeries;
  /** `u` of the last change batch applied to the book (published or hidden). */
  lastUpdateId: number;
  /** `u` of the last published depth event. */
  lastPublishedUpdateId: number;
  /** Recent trades, oldest first. */
  readonly trades: TradeEvent[] = [];
  readonly #rng: Sfc32Random;
  readonly #bidChanges = new Map<number, number>();
  readonly #askChanges = new Map<number, number>();
  #pendingTrades: Array<{ takerIsBuyer: boolean; price: number; qty: number }> = [];
  #nextTradeId: number;
  #nextAggId: number;
  readonly #changesPerEvent: number;

  /** Creates the symbol's market and seeds its book. */
  constructor(cfg: SymbolConfig, seed: string, startTime: number, changesPerEvent: number) {
    this.cfg = cfg;
    this.#rng = new Sfc32Random(`${seed}:${cfg.market}:${cfg.symbol}`);
    this.#changesPerEvent = changesPerEvent;
    seedBook(cfg, this.#rng, this.bids, this.asks);
    this.klines = new KlineSeries(cfg, `${seed}:${cfg.market}`, startTime);
    this.lastUpdateId = 1_000_000 + this.#rng.int(1_000_000);
    this.lastPublishedUpdateId = this.lastUpdateId;
    this.#nextTradeId = 100_000_000 + this.#rng.int(1_000_000);
    this.#nextAggId = 50_000_000 + this.#rng.int(1_000_000);
  }

  /** Id the next public trade will get. */
  get nextTradeId(): number {
    return this.#nextTradeId;
  }

  /** ChangeSink: applies a level change to the book and records it for the next event. */
  change(side: PriceLevelSide, price: number, qty: number): void {
    side.set(price, qty);
    (side.isBid ? this.#bidChanges : this.#askChanges).set(price, Math.max(qty, 0));
  }

  /** ChangeSink: records a trade printed by the next commit. */
  trade(takerIsBuyer: boolean, price: number, qty: number): void {
    if (qty > 0) this.#pendingTrades.push({ takerIsBuyer, price, qty });
  }

  /** One random evolution of the book (not yet committed); always changes at least one level. */
  evolve(): void {
    evolveBook(this.cfg, this.#rng, this.bids, this.asks, 1 + this.#rng.int(this.#changesPerEvent), this);
    if (this.#bidChanges.size + this.#askChanges.size === 0) {
      const side = this.#rng.chance(0.5) ? this.bids : this.asks;
      const best = side.best();
      if (best !== undefined) this.change(side, best, side.qtyAt(best) + this.cfg.stepUnits);
    }
  }

  /**
   * Consumes liquidity like a taker order: walks the opposite side from the best price while the
   * price is within `limitPrice` (if given) and until `maxQty` units or `maxQuote` (price×qty
   * units, a bigint at price+qty decimals) are used. Returns the fills; commit to publish them.
   */
  take(takerIsBuyer: boolean, limitPrice: number | undefined, maxQty: number, maxQuote?: bigint): Fill[] {
    const side = takerIsBuyer ? this.asks : this.bids;
    const fills: Fill[] = [];
    let left = maxQty;
    let quoteLeft = maxQuote;
    const step = this.cfg.stepUnits;
    for (let i = 0; left > 0 && i < side.size; ) {
      const price = side.priceAt(i)!;
      if (limitPrice !== undefined && (takerIsBuyer ? price > limitPrice : price < limitPrice)) break;
      const have = side.qtyAt(price);
      let qty = Math.min(have, left);
      if (quoteLeft !== undefined) {
        const affordable = Number(quoteLeft / BigInt(price));
        qty = Math.min(qty, affordable - (affordable % step));
        if (qty <= 0) break;
        quoteLeft -= BigInt(price) * BigInt(qty);
      }
      fills.push({ price, qty });
      left -= qty;
      this.trade(takerIsBuyer, price, qty);
      this.change(side, price, have - qty);
      if (have - qty > 0) i++;
    }
    return fills;
  }

  /**
   * Turns the recorded changes into a depth event with the next update ids (or consumes the ids
   * silently when `hidden`, which is how a sequence gap is made) and the recorded trades into
   * trade events. Returns undefined for the depth event when nothing changed.
   */
  commit(time: number, hidden: boolean): { depth: DepthEvent | undefined; trades: TradeEvent[] } {
    const trades = this.#flushTrades(time);
    const changes = this.#bidChanges.size + this.#askChanges.size;
    if (changes === 0) return { depth: undefined, trades };
    const prev = this.lastUpdateId;
    const skip = this.cfg.market === 'usdm' && this.#rng.chance(0.1) ? this.#rng.range(1, 3) : 0;
    const first = prev + 1 + skip;
    const final = first + changes - 1;
    this.lastUpdateId = final;
    const bids = flatten(this.#bidChanges);
    const asks = flatten(this.#askChanges);
    this.#bidChanges.clear();
    this.#askChanges.clear();
    if (hidden) return { depth: undefined, trades };
    const depth: DepthEvent = {
      cfg: this.cfg,
      firstUpdateId: first,
      finalUpdateId: final,
      prevFinalUpdateId: this.cfg.market === 'usdm' ? prev : this.lastPublishedUpdateId,
      time,
      bids,
      asks,
    };
    this.lastPublishedUpdateId = final;
    return { depth, trades };
  }

  /** Records a trade that did not touch the public book (a resting simulator order being filled). */
  printTrade(time: number, takerIsBuyer: boolean, price: number, qty: number): TradeEvent {
    this.#pendingTrades.push({ takerIsBuyer, price, qty });
    return this.#flushTrades(time)[0]!;
  }

  #flushTrades(time: number): TradeEvent[] {
    if (this.#pendingTrades.length === 0) return EMPTY;
    const out: TradeEvent[] = [];
    for (const t of this.#pendingTrades) {
      const ev: TradeEvent = {
        cfg: this.cfg,
        id: this.#nextTradeId++,
        aggId: this.#nextAggId++,
        price: t.price,
        qty: t.qty,
        time,
        isBuyerMaker: t.takerIsBuyer === false,
      };
      out.push(ev);
      this.trades.push(ev);
      this.klines.record(ev.id, ev.price, ev.qty, time, ev.isBuyerMaker);
    }
    if (this.trades.length > RECENT_TRADES_KEPT)
      this.trades.splice(0, this.trades.length - RECENT_TRADES_KEPT);
    this.#pendingTrades = [];
    return out;
  }
}

const EMPTY: TradeEvent[] = [];

function flatten(changes: Map<number, number>): number[] {
  const out: number[] = new Array(changes.size * 2);
  let i = 0;
  for (const [price, qty] of changes) {
    out[i++] = price;
    out[i++] = qty;
  }
  return out;
}
