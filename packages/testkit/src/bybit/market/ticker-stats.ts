// The 24-hour statistics behind a simulated symbol's tickers: last price and its tick direction,
// the price 24 h and 1 h ago, high / low, volume and turnover. They start from seeded values (as
// if the market had traded for a day) and move with every public trade.
import type { SeededRandom } from '../../shared/random/seeded-random.js';
import type { BybitSymbolConfig } from '../symbols.js';
import type { TickDirection } from './events.js';
import { ExactSum } from './exact-sum.js';

/** Rolling-day statistics of one symbol, in integer units. */
export class TickerStats {
  lastPrice: number;
  prevPrice24h: number;
  prevPrice1h: number;
  high24h: number;
  low24h: number;
  /** Size units traded (seeded base plus every trade). */
  volume24h: number;
  readonly #turnover: ExactSum;
  tickDirection: TickDirection = 'ZeroPlusTick';
  /** Open interest in size units (linear). */
  openInterest: number;

  /** Seeds the statistics around the symbol's initial price. */
  constructor(cfg: BybitSymbolConfig, rng: SeededRandom) {
    const p = cfg.initialPriceUnits;
    const tick = cfg.tickUnits;
    const onGrid = (v: number) => Math.max(tick, Math.round(v / tick) * tick);
    this.lastPrice = p;
    this.prevPrice24h = onGrid(p * (1 - 0.005 - rng.next() * 0.02));
    this.prevPrice1h = onGrid(p * (1 - 0.002 + rng.next() * 0.004));
    this.high24h = onGrid(p * (1.01 + rng.next() * 0.02));
    this.low24h = Math.min(this.prevPrice24h, onGrid(p * (0.985 - rng.next() * 0.02)));
    const price = p / 10 ** cfg.priceDecimals;
    const base = Math.round(((2e7 * (0.5 + rng.next())) / price) * 10 ** cfg.qtyDecimals);
    this.volume24h = Math.max(cfg.stepUnits, base - (base % cfg.stepUnits));
    this.#turnover = new ExactSum(BigInt(this.volume24h) * BigInt(p));
    this.openInterest = Math.max(
      cfg.stepUnits,
      Math.round(this.volume24h / 3 / cfg.stepUnits) * cfg.stepUnits,
    );
  }

  /** Adds a public trade. */
  record(price: number, size: number): TickDirection {
    if (price > this.lastPrice) this.tickDirection = 'PlusTick';
    else if (price < this.lastPrice) this.tickDirection = 'MinusTick';
    else
      this.tickDirection =
        this.tickDirection === 'PlusTick' || this.tickDirection === 'ZeroPlusTick'
          ? 'ZeroPlusTick'
          : 'ZeroMinusTick';
    this.lastPrice = price;
    if (price > this.high24h) this.high24h = price;
    if (price < this.low24h) this.low24h = price;
    this.volume24h += size;
    this.#turnover.add(price, size);
    return this.tickDirection;
  }

  /** Price × size units traded. */
  get turnover24h(): bigint {
    return this.#turnover.value;
  }

  /** Change since 24 h ago as a fraction, e.g. `0.012345`. */
  change24h(): number {
    return (this.lastPrice - this.prevPrice24h) / this.prevPrice24h;
  }
}
