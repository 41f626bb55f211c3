// How a simulated Bybit book changes from one step to the next: resized levels, new and removed
// levels, taker trades against the top, and a mid price that wanders but is pulled back to the
// symbol's initial price. Level counts stay near the configured depth and the book never crosses.
// Everything is driven by the symbol's seeded generator, so a seed always gives the same market.
import type { SeededRandom } from '../../shared/random/seeded-random.js';
import type { BybitSymbolConfig } from '../symbols.js';
import type { PriceLevelSide } from '../../shared/market/price-level-side.js';

/** Receives every level change and trade an evolution makes (applied by the sink). */
export interface ChangeSink {
  change(side: PriceLevelSide, price: number, size: number): void;
  trade(takerIsBuy: boolean, price: number, size: number): void;
}

/** Widest spread, in ticks, the evolution leaves: wider spreads are refilled from inside. */
const MAX_SPREAD_TICKS = 3;

/** Builds the starting book around the initial price (not reported to any sink). */
export function seedBook(
  cfg: BybitSymbolConfig,
  rng: SeededRandom,
  bids: PriceLevelSide,
  asks: PriceLevelSide,
): void {
  const tick = cfg.tickUnits;
  let bid = cfg.initialPriceUnits - tick;
  let ask = cfg.initialPriceUnits + tick;
  for (let i = 0; i < cfg.levels; i++) {
    if (bid > 0) bids.set(bid, randomSize(cfg, rng));
    asks.set(ask, randomSize(cfg, rng));
    bid -= tick * spacing(rng);
    ask += tick * spacing(rng);
  }
}

/** A plausible level size: about 2000 quote units' worth, spread over two orders of magnitude. */
export function randomSize(cfg: BybitSymbolConfig, rng: SeededRandom): number {
  const price = cfg.initialPriceUnits / 10 ** cfg.priceDecimals;
  const typical = (2000 / price) * 10 ** cfg.qtyDecimals;
  const steps = Math.max(1, Math.round((typical * Math.exp((rng.next() * 2 - 1) * 2.3)) / cfg.stepUnits));
  return Math.max(cfg.minQtyUnits, steps * cfg.stepUnits);
}

/** Applies `changes` random changes, then restores the spread and the level counts. */
export function evolveBook(
  cfg: BybitSymbolConfig,
  rng: SeededRandom,
  bids: PriceLevelSide,
  asks: PriceLevelSide,
  changes: number,
  sink: ChangeSink,
): void {
  const floor = Math.max(3, Math.floor(cfg.levels * 0.9));
  for (let i = 0; i < changes; i++) {
    const side = rng.chance(0.5) ? bids : asks;
    const r = rng.next();
    if (r < 0.45) {
      const p = side.priceAt(nearTop(rng, side.size));
      if (p !== undefined) sink.change(side, p, randomSize(cfg, rng));
    } else if (r < 0.65) {
      addLevel(cfg, rng, side, side === bids ? asks : bids, sink);
    } else if (r < 0.8) {
      const p = side.priceAt(nearTop(rng, side.size));
      if (p !== undefined && side.size > floor) sink.change(side, p, 0);
    } else if (r < 0.95) {
      const best = side.best();
      if (best !== undefined && side.size > 3) {
        const have = side.qtyAt(best);
        const take = Math.min(have, randomSize(cfg, rng));
        sink.trade(side === asks, best, take);
        sink.change(side, best, have - take);
      }
    } else {
      moveMid(cfg, rng, bids, asks, sink);
    }
  }
  narrowSpread(cfg, rng, bids, asks, sink);
  keepDepth(cfg, rng, bids, sink);
  keepDepth(cfg, rng, asks, sink);
}

function addLevel(
  cfg: BybitSymbolConfig,
  rng: SeededRandom,
  side: PriceLevelSide,
  other: PriceLevelSide,
  sink: ChangeSink,
): void {
  const best = side.best();
  const opposite = other.best();
  if (best === undefined || opposite === undefined) return;
  const tick = cfg.tickUnits;
  const away = side.isBid ? -1 : 1;
  let price: number;
  if (rng.chance(0.2) && Math.abs(opposite - best) > tick) {
    price = best - away * tick;
  } else {
    const span = Math.max(1, Math.abs((side.worst() ?? best) - best) / tick);
    price = best + away * tick * (1 + Math.floor(rng.next() ** 2 * span));
  }
  if (price > 0) sink.change(side, price, randomSize(cfg, rng));
}

/** Sweeps the top level of one side (a trade) and follows with the other side, biased home. */
function moveMid(
  cfg: BybitSymbolConfig,
  rng: SeededRandom,
  bids: PriceLevelSide,
  asks: PriceLevelSide,
  sink: ChangeSink,
): void {
  const bb = bids.best();
  const ba = asks.best();
  if (bb === undefined || ba === undefined) return;
  const mid = (bb + ba) / 2;
  const pull = ((cfg.initialPriceUnits - mid) / cfg.initialPriceUnits) * 50;
  const up = rng.chance(Math.min(0.9, Math.max(0.1, 0.5 + pull)));
  const tick = cfg.tickUnits;
  if (up && asks.size > 3) {
    sink.trade(true, ba, asks.qtyAt(ba));
    sink.change(asks, ba, 0);
    const nextAsk = asks.best() ?? ba + tick;
    if (bb + tick < nextAsk) sink.change(bids, bb + tick, randomSize(cfg, rng));
  } else if (!up && bids.size > 3) {
    sink.trade(false, bb, bids.qtyAt(bb));
    sink.change(bids, bb, 0);
    const nextBid = bids.best() ?? bb - tick;
    if (ba - tick > nextBid) sink.change(asks, ba - tick, randomSize(cfg, rng));
  }
}

function narrowSpread(
  cfg: BybitSymbolConfig,
  rng: SeededRandom,
  bids: PriceLevelSide,
  asks: PriceLevelSide,
  sink: ChangeSink,
): void {
  const tick = cfg.tickUnits;
  for (let i = 0; i < 10; i++) {
    const bb = bids.best();
    const ba = asks.best();
    if (bb === undefined || ba === undefined || ba - bb <= MAX_SPREAD_TICKS * tick) return;
    if (rng.chance(0.5)) sink.change(bids, bb + tick, randomSize(cfg, rng));
    else sink.change(asks, ba - tick, randomSize(cfg, rng));
  }
}

/** Keeps a side between 90% and 100% of the configured depth with far levels. */
function keepDepth(cfg: BybitSymbolConfig, rng: SeededRandom, side: PriceLevelSide, sink: ChangeSink): void {
  while (side.size > cfg.levels) sink.change(side, side.worst()!, 0);
  const target = Math.floor(cfg.levels * 0.9);
  const away = side.isBid ? -1 : 1;
  while (side.size < target) {
    const worst = side.worst();
    if (worst === undefined) return;
    const price = worst + away * cfg.tickUnits * spacing(rng);
    if (price <= 0) return;
    sink.change(side, price, randomSize(cfg, rng));
  }
}

/** A level index biased towards the top of the book. */
function nearTop(rng: SeededRandom, size: number): number {
  return Math.floor(rng.next() ** 3 * size);
}

function spacing(rng: SeededRandom): number {
  return rng.chance(0.75) ? 1 : rng.range(2, 4);
}
