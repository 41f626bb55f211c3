// Candles of one simulated symbol, for REST `/v5/market/kline` and `kline.{interval}.{symbol}`:
// before the market started, a deterministic price path (smooth waves plus seeded noise, ending
// exactly at the initial price, so every interval agrees and each close is the next open); after
// it, one-minute bars built from the simulator's own public trades.
import { noiseAt } from '../../shared/random/hash-noise.js';
import { ExactSum } from './exact-sum.js';
import type { BybitSymbolConfig } from '../symbols.js';
import {
  type BybitKlineInterval,
  candleStart,
  nextCandleStart,
  previousCandleStart,
} from './kline-intervals.js';

/** One candle in integer units (prices: price units; volume: size units; turnover: price×size units). */
export interface Candle {
  readonly start: number;
  /** Last millisecond of the candle. */
  readonly end: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly turnover: bigint;
}

interface MinuteBar {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  turnover: ExactSum;
}

const MINUTE = 60_000;
/** Oldest candle the simulator serves (its symbols "launched" then). */
export const KLINE_HISTORY_START = Date.UTC(2020, 0, 1);
/** Samples of the synthetic path per candle for its high and low. */
const SAMPLES = 48;

/** Candle history and live candles of one symbol. */
export class KlineSeries {
  readonly #cfg: BybitSymbolConfig;
  readonly #salt: number;
  readonly #startTime: number;
  readonly #startMinute: number;
  readonly #bars = new Map<number, MinuteBar>();
  readonly #barStarts: number[] = [];
  readonly #volumePerMinute: number;

  /** Creates the series; the market started trading at `startTime`. */
  constructor(cfg: BybitSymbolConfig, salt: number, startTime: number) {
    this.#cfg = cfg;
    this.#salt = salt;
    this.#startTime = startTime;
    this.#startMinute = Math.floor(startTime / MINUTE);
    const price = cfg.initialPriceUnits / 10 ** cfg.priceDecimals;
    this.#volumePerMinute = Math.max(
      cfg.stepUnits,
      Math.round(((40_000 / price) * 10 ** cfg.qtyDecimals) / cfg.stepUnits) * cfg.stepUnits,
    );
  }

  /** Oldest candle time served. */
  get historyStart(): number {
    return Math.min(KLINE_HISTORY_START, this.#startTime);
  }

  /** Adds a public trade to the live bars. */
  record(price: number, size: number, time: number): void {
    const minute = Math.floor(time / MINUTE) * MINUTE;
    let bar = this.#bars.get(minute);
    if (bar === undefined) {
      bar = { open: price, high: price, low: price, close: price, volume: 0, turnover: new ExactSum() };
      this.#bars.set(minute, bar);
      const starts = this.#barStarts;
      if (starts.length === 0 || starts[starts.length - 1]! < minute) starts.push(minute);
      else starts.splice(lowerBound(starts, minute), 0, minute);
    }
    bar.high = Math.max(bar.high, price);
    bar.low = Math.min(bar.low, price);
    bar.close = price;
    bar.volume += size;
    bar.turnover.add(price, size);
  }

  /** The candle of `interval` starting at `start` as of `now` (partial when still open). */
  candle(interval: BybitKlineInterval, start: number, now: number): Candle {
    const next = nextCandleStart(interval, start);
    let open: number;
    let high: number;
    let low: number;
    let close: number;
    let volume = 0;
    let turnover = 0n;
    if (start < this.#startTime) {
      const until = Math.min(next, this.#startTime);
      const synthetic = this.#synthetic(start, until);
      ({ open, high, low, close } = synthetic);
      volume = synthetic.volume;
      turnover = synthetic.turnover;
    } else {
      open = this.#priceBefore(start);
      high = open;
      low = open;
      close = open;
    }
    const from = Math.max(start, this.#startTime);
    const to = Math.min(next, now + 1);
    if (from < to) {
      const starts = this.#barStarts;
      for (
        let i = lowerBound(starts, Math.floor(from / MINUTE) * MINUTE);
        i < starts.length && starts[i]! < to;
        i++
      ) {
        const bar = this.#bars.get(starts[i]!)!;
        high = Math.max(high, bar.high);
        low = Math.min(low, bar.low);
        close = bar.close;
        volume += bar.volume;
        turnover += bar.turnover.value;
      }
    }
    return { start, end: next - 1, open, high, low, close, volume, turnover };
  }

  /** Candles with start in [start, end] (end defaults to `now`), newest first, at most `limit`. */
  recent(interval: BybitKlineInterval, now: number, limit: number, start?: number, end?: number): Candle[] {
    const out: Candle[] = [];
    const floor = Math.max(start ?? Number.NEGATIVE_INFINITY, this.historyStart);
    let at = candleStart(interval, Math.min(end ?? now, now));
    while (out.length < limit && at >= floor) {
      out.push(this.candle(interval, at, now));
      at = previousCandleStart(interval, at);
    }
    return out;
  }

  /** Last traded price before `time` (the initial price before any trade). */
  #priceBefore(time: number): number {
    const starts = this.#barStarts;
    const i = lowerBound(starts, time) - 1;
    return i >= 0 ? this.#bars.get(starts[i]!)!.close : this.#cfg.initialPriceUnits;
  }

  /** The synthetic candle over [from, until) before the market started. */
  #synthetic(from: number, until: number): Omit<Candle, 'start' | 'end'> {
    const open = this.#pathPrice(Math.floor(from / MINUTE));
    const close = this.#pathPrice(Math.floor(until / MINUTE));
    let high = Math.max(open, close);
    let low = Math.min(open, close);
    const minutes = Math.max(1, Math.round((until - from) / MINUTE));
    const stride = Math.max(1, Math.floor(minutes / SAMPLES));
    for (let k = Math.floor(from / MINUTE); k * MINUTE < until; k += stride) {
      const p = this.#pathPrice(k);
      if (p > high) high = p;
      if (p < low) low = p;
    }
    const wiggle = Math.round(
      (Math.abs(noiseAt(this.#salt ^ 0x51ed, Math.floor(from / MINUTE))) * open) / 2000,
    );
    const tick = this.#cfg.tickUnits;
    high += Math.ceil(wiggle / tick) * tick;
    low = Math.max(tick, low - Math.ceil(wiggle / tick) * tick);
    const step = this.#cfg.stepUnits;
    const perMinute =
      this.#volumePerMinute * (0.5 + Math.abs(noiseAt(this.#salt ^ 0x7a11, Math.floor(from / MINUTE))));
    const volume = Math.max(step, Math.round((perMinute * minutes) / step) * step);
    return { open, high, low, close, volume, turnover: (BigInt(open + close) * BigInt(volume)) / 2n };
  }

  /** The synthetic price (units, on the tick grid) at minute `k`; equals the initial price at the start. */
  #pathPrice(k: number): number {
    const wave = (m: number) =>
      0.012 * Math.sin((2 * Math.PI * m) / 2880 + (this.#salt % 7)) +
      0.004 * Math.sin((2 * Math.PI * m) / 97 + (this.#salt % 5)) +
      0.001 * noiseAt(this.#salt, m);
    const factor = Math.exp(wave(k) - wave(this.#startMinute));
    const tick = this.#cfg.tickUnits;
    return Math.max(tick, Math.round((this.#cfg.initialPriceUnits * factor) / tick) * tick);
  }
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
