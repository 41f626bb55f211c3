// How a simulated book changes between events: size changes, inserts, deletes, trades against
// the top, and a mean-reverting drift of the mid price; the side counts stay near the configured
// depth. Everything is driven by a seeded PRNG, so a seed always gives the same market.
import type { SeededRandom } from '../../shared/random/seeded-random.js';
import type { SymbolConfig } from '../symbols.js';
import type { PriceLevelSide } from '../../shared/market/price-level-side.js';

/** Records a level change for the next event (latest change per price wins). */
export interface ChangeSink {
  change(side: PriceLevelSide, price: number, qty: number): void;
  trade(takerIsBuyer: boolean, price: number, qty: number): void;
}

/** Builds the initial book around the symbol's initial price. */
export function seedBook(
  cfg: SymbolConfig,
  rng: SeededRandom,
  bids: PriceLevelSide,
  asks: PriceLevelSide,
): void {
  const tick = cfg.tickUnits;
  const mid = cfg.initialPriceUnits;
  let bid = mid - tick;
  let ask = mid + tick;
  for (let i = 0; i < cfg.levels; i++) {
    if (bid > 0) bids.set(bid, randomQty(cfg, rng));
    asks.set(ask, randomQty(cfg, rng));
    bid -= tick * gap(rng);
    ask += tick * gap(rng);
  }
}

/** A plausible level size: around 1000 quote units' worth, spread over ~2 orders of magnitude. */
export function randomQty(cfg: SymbolConfig, rng: SeededRandom): number {
  const price = cfg.initialPriceUnits / 10 ** cfg.priceDecimals;
  const typical = (1000 / price) * 10 ** cfg.qtyDecimals;
  const raw = typical * Math.exp((rng.next() * 2 - 1) * 2.5);
  const steps = Math.max(1, Math.round(raw / cfg.stepUnits));
  return Math.max(cfg.minQtyUnits, steps * cfg.stepUnits);
}

/** Applies `changes` random changes to the book, reporting each to `sink`. */
export function evolveBook(
  cfg: SymbolConfig,
  rng: SeededRandom,
  bids: PriceLevelSide,
  asks: PriceLevelSide,
  changes: number,
  sink: ChangeSink,
): void {
  const tick = cfg.tickUnits;
  const minLevels = Math.max(2, Math.floor(cfg.levels * 0.9));
  for (let i = 0; i < changes; i++) {
    const side = rng.chance(0.5) ? bids : asks;
    const other = side === bids ? asks : bids;
    const r = rng.next();
    if (r < 0.5) {
      const p = side.priceAt(biasedIndex(rng, side.size));
      if (p !== undefined) sink.change(side, p, randomQty(cfg, rng));
    } else if (r < 0.7) {
      insertLevel(cfg, rng, side, other, sink);
    } else if (r < 0.86) {
      if (side.size > minLevels) {
        const p = side.priceAt(biasedIndex(rng, side.size));
        if (p !== undefined) sink.change(side, p, 0);
      }
    } else if (r < 0.96) {
      const best = side.best();
      if (best !== undefined && side.size > 2) {
        const have = side.qtyAt(best);
        const want = Math.min(have, randomQty(cfg, rng));
        sink.trade(side === asks, best, want);
        sink.change(side, best, have - want);
      }
    } else {
      drift(cfg, rng, bids, asks, sink);
    }
  }
  tighten(cfg, rng, bids, asks, sink);
  refill(cfg, rng, bids, sink, tick);
  refill(cfg, rng, asks, sink, tick);
}

/** Spread (in ticks) above which new levels are placed inside it: the top is refilled as it is taken. */
const MAX_SPREAD_TICKS = 2;

/** Places levels inside a spread wider than {@link MAX_SPREAD_TICKS}, on a random side each time. */
function tighten(
  cfg: SymbolConfig,
  rng: SeededRandom,
  bids: PriceLevelSide,
  asks: PriceLevelSide,
  sink: ChangeSink,
): void {
  const tick = cfg.tickUnits;
  for (let i = 0; i < 8; i++) {
    const bb = bids.best();
    const ba = asks.best();
    if (bb === undefined || ba === undefined || ba - bb <= MAX_SPREAD_TICKS * tick) return;
    if (rng.chance(0.5)) sink.change(bids, bb + tick, randomQty(cfg, rng));
    else sink.change(asks, ba - tick, randomQty(cfg, rng));
  }
}

function insertLevel(
  cfg: SymbolConfig,
  rng: SeededRandom,
  side: PriceLevelSide,
  other: PriceLevelSide,
  sink: ChangeSink,
): void {
  const tick = cfg.tickUnits;
  const best = side.best();
  const opp = other.best();
  if (best === undefined || opp === undefined) return;
  const dir = side.isBid ? -1 : 1;
  let price: number;
  if (rng.chance(0.15) && Math.abs(opp - best) > tick) {
    price = best - dir * tick; // improve the top inside the spread
  } else {
    const span = Math.max(1, Math.abs((side.worst() ?? best) - best) / tick);
    price = best + dir * tick * (1 + Math.floor(rng.next() ** 2 * span));
  }
  if (price <= 0) return;
  sink.change(side, price, randomQty(cfg, rng));
}

/** Moves the mid one step, biased back towards the initial price. */
function drift(
  cfg: SymbolConfig,
  rng: SeededRandom,
  bids: PriceLevelSide,
  asks: PriceLevelSide,
  sink: ChangeSink,
): void {
  const bb = bids.best();
  const ba = asks.best();
  if (bb === undefined || ba === undefined) return;
  const mid = (bb + ba) / 2;
  const pull = ((cfg.initialPriceUnits - mid) / cfg.initialPriceUnits) * 40;
  const up = rng.chance(Math.min(0.9, Math.max(0.1, 0.5 + pull)));
  const tick = cfg.tickUnits;
  if (up) {
    if (asks.size <= 2) return;
    sink.trade(true, ba, asks.qtyAt(ba));
    sink.change(asks, ba, 0);
    const next = asks.best() ?? ba + tick;
    if (bb + tick < next) sink.change(bids, bb + tick, randomQty(cfg, rng));
  } else {
    if (bids.size <= 2) return;
    sink.trade(false, bb, bids.qtyAt(bb));
    sink.change(bids, bb, 0);
    const next = bids.best() ?? bb - tick;
    if (ba - tick > next && ba - tick > 0) sink.change(asks, ba - tick, randomQty(cfg, rng));
  }
}

/** Keeps a side between 90% and 100% of the configured depth by adding/removing far levels. */
function refill(
  cfg: SymbolConfig,
  rng: SeededRandom,
  side: PriceLevelSide,
  sink: ChangeSink,
  tick: number,
): void {
  while (side.size > cfg.levels) sink.change(side, side.worst()!, 0);
  const target = Math.floor(cfg.levels * 0.9);
  const dir = side.isBid ? -1 : 1;
  while (side.size < target) {
    const worst = side.worst();
    if (worst === undefined) return;
    const price = worst + dir * tick * gap(rng);
    if (price <= 0) return;
    sink.change(side, price, randomQty(cfg, rng));
  }
}

/** Level index biased towards the top of the book. */
function biasedIndex(rng: SeededRandom, size: number): number {
  return Math.floor(rng.next() ** 3 * size);
}

function gap(rng: SeededRandom): number {
  return rng.chance(0.7) ? 1 : rng.range(2, 4);
}
