// Candles of one simulated symbol: live candles built from the simulated trades, preceded by a
// deterministic synthetic history so `klines?limit=500` returns full, plausible data from the
// first request on. Also the rolling 24-hour statistics behind the 24hr tickers.
import { Sfc32Random } from '../../shared/random/sfc32-random.js';
import type { SymbolConfig } from '../symbols.js';
import { KLINE_INTERVALS, nextOpenTime, nominalMs, openTimeOf, prevOpenTime } from './kline-intervals.js';

/**
 * One candle; prices and volume in the symbol's units, quote volumes in price×quantity units
 * (numbers: exact while below 2^53, see {@link formatQuoteUnits}).
 */
export interface Kline {
  openTime: number;
  closeTime: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  quoteVolume: number;
  trades: number;
  takerBuyVolume: number;
  takerBuyQuoteVolume: number;
  firstTradeId: number;
  lastTradeId: number;
}

/** Rolling 24-hour statistics (what the 24hr ticker reports). */
export interface DayStats {
  openTime: number;
  open: number;
  high: number;
  low: number;
  volume: number;
  quoteVolume: number;
  trades: number;
}

/** Synthetic candles generated per interval before the simulator started. */
export const KLINE_HISTORY = 1500;
const LIVE_KEEP = 1500;
const DAY_MS = 86_400_000;

/** Candles and 24h statistics of one symbol. */
export class KlineSeries {
  readonly #cfg: SymbolConfig;
  readonly #seed: string;
  readonly #startTime: number;
  /** Live candles per interval, indexed like KLINE_INTERVALS (an array: record() is hot). */
  readonly #liveLists: Kline[][] = KLINE_INTERVALS.map(() => []);
  readonly #live = new Map<string, Kline[]>(
    KLINE_INTERVALS.map((interval, i) => [interval, this.#liveLists[i]!]),
  );
  readonly #history = new Map<string, Kline[]>();
  #dayCacheKey = Number.NaN;
  #dayCache: DayStats | undefined;

  /** Creates the series; `startTime` is the simulator's time when the market was created. */
  constructor(cfg: SymbolConfig, seed: string, startTime: number) {
    this.#cfg = cfg;
    this.#seed = seed;
    this.#startTime = startTime;
  }

  /** Adds one trade to the current candle of every interval. */
  record(id: number, price: number, qty: number, time: number, isBuyerMaker: boolean): void {
    const quote = price * qty;
    const t = Math.max(time, this.#startTime);
    for (let i = 0; i < KLINE_INTERVALS.length; i++) {
      const list = this.#liveLists[i]!;
      let k = list[list.length - 1];
      if (k === undefined || t > k.closeTime) {
        const interval = KLINE_INTERVALS[i]!;
        const open = openTimeOf(interval, t);
        const prevClose = k?.close ?? this.#lastHistoricClose(interval);
        k = emptyKline(open, nextOpenTime(interval, open) - 1, prevClose);
        list.push(k);
        if (list.length > LIVE_KEEP) list.shift();
      } else if (t < k.openTime) {
        continue; // the clock moved back: keep candles monotonic
      }
      if (k.trades === 0) {
        k.open = price;
        k.high = price;
        k.low = price;
        k.firstTradeId = id;
      }
      if (price > k.high) k.high = price;
      if (price < k.low) k.low = price;
      k.close = price;
      k.volume += qty;
      k.quoteVolume += quote;
      k.trades++;
      k.lastTradeId = id;
      if (!isBuyerMaker) {
        k.takerBuyVolume += qty;
        k.takerBuyQuoteVolume += quote;
      }
    }
  }

  /** The candle of `interval` containing `now` (a flat one when nothing traded in it yet). */
  current(interval: string, now: number): Kline {
    const open = openTimeOf(interval, now);
    return this.#candleAt(interval, open);
  }

  /**
   * Candles like `GET /api/v3/klines`: from `startTime` forward when given, else the latest
   * `limit` candles ending at `endTime` (or `now`). Never returns candles after `now`.
   */
  query(interval: string, now: number, limit: number, startTime?: number, endTime?: number): Kline[] {
    const last = openTimeOf(interval, Math.min(endTime ?? now, now));
    const out: Kline[] = [];
    if (startTime !== undefined) {
      let t = openTimeOf(interval, startTime);
      if (t < startTime) t = nextOpenTime(interval, t);
      const oldest = this.#oldestOpen(interval);
      if (t < oldest) t = oldest;
      for (; t <= last && out.length < limit; t = nextOpenTime(interval, t))
        out.push(this.#candleAt(interval, t));
      return out;
    }
    const oldest = this.#oldestOpen(interval);
    for (let t = last; t >= oldest && out.length < limit; t = prevOpenTime(interval, t)) {
      out.push(this.#candleAt(interval, t));
    }
    return out.reverse();
  }

  /** Rolling 24h statistics at `now`, from 1m candles (cached per minute). */
  dayStats(now: number): DayStats {
    const minute = openTimeOf('1m', now);
    if (this.#dayCacheKey !== minute || this.#dayCache === undefined) {
      this.#dayCacheKey = minute;
      const from = minute - DAY_MS + 60_000;
      this.#dayCache = aggregate(this.query('1m', minute - 1, 1440, from), from);
    }
    const base = this.#dayCache;
    const cur = this.current('1m', now);
    if (cur.trades === 0) return { ...base };
    return {
      openTime: base.openTime,
      open: base.open,
      high: Math.max(base.high, cur.high),
      low: Math.min(base.low, cur.low),
      volume: base.volume + cur.volume,
      quoteVolume: base.quoteVolume + cur.quoteVolume,
      trades: base.trades + cur.trades,
    };
  }

  #candleAt(interval: string, open: number): Kline {
    const startOpen = openTimeOf(interval, this.#startTime);
    if (open < startOpen) {
      const hist = this.#historyOf(interval);
      let back = 1;
      if (interval === '1M') {
        for (let t = prevOpenTime(interval, startOpen); t > open && back < hist.length; back++) {
          t = prevOpenTime(interval, t);
        }
      } else {
        back = Math.round((startOpen - open) / nominalMs(interval));
      }
      return hist[Math.max(0, hist.length - back)]!;
    }
    const list = this.#live.get(interval)!;
    let prevClose = this.#lastHistoricClose(interval);
    for (let i = list.length - 1; i >= 0; i--) {
      const k = list[i]!;
      if (k.openTime === open) return k;
      if (k.openTime < open) {
        prevClose = k.close;
        break;
      }
    }
    return emptyKline(open, nextOpenTime(interval, open) - 1, prevClose);
  }

  #oldestOpen(interval: string): number {
    return this.#historyOf(interval)[0]!.openTime;
  }

  /** Close of the last synthetic candle: the history is generated to end at the initial price. */
  #lastHistoricClose(_interval: string): number {
    return this.#cfg.initialPriceUnits;
  }

  /** Synthetic candles before the start, generated backwards from the initial price. */
  #historyOf(interval: string): Kline[] {
    const cached = this.#history.get(interval);
    if (cached !== undefined) return cached;
    const cfg = this.#cfg;
    const rng = new Sfc32Random(`${this.#seed}:klines:${cfg.symbol}:${interval}`);
    const vol = 0.0008 * Math.sqrt(nominalMs(interval) / 60_000);
    const tick = cfg.tickUnits;
    const roundTick = (p: number): number => Math.max(tick, Math.round(p / tick) * tick);
    const out: Kline[] = new Array(KLINE_HISTORY);
    let open = openTimeOf(interval, this.#startTime);
    let close = cfg.initialPriceUnits;
    for (let i = KLINE_HISTORY - 1; i >= 0; i--) {
      open = prevOpenTime(interval, open);
      const o = roundTick(close * (1 + (rng.next() - 0.5) * 2 * vol));
      const hi = roundTick(Math.max(o, close) * (1 + rng.next() * vol));
      const lo = roundTick(Math.min(o, close) * (1 - rng.next() * vol));
      const volume = Math.max(cfg.stepUnits, Math.round((rng.next() * 40 + 1) * cfg.minQtyUnits * 10));
      const trades = 1 + rng.int(50);
      const mid = Math.round((hi + lo) / 2);
      const takerBuy = Math.round(volume * rng.next());
      out[i] = {
        openTime: open,
        closeTime: nextOpenTime(interval, open) - 1,
        open: o,
        high: hi,
        low: lo,
        close,
        volume,
        quoteVolume: mid * volume,
        trades,
        takerBuyVolume: takerBuy,
        takerBuyQuoteVolume: mid * takerBuy,
        firstTradeId: -1,
        lastTradeId: -1,
      };
      close = o;
    }
    this.#history.set(interval, out);
    return out;
  }
}

function emptyKline(openTime: number, closeTime: number, price: number): Kline {
  return {
    openTime,
    closeTime,
    open: price,
    high: price,
    low: price,
    close: price,
    volume: 0,
    quoteVolume: 0,
    trades: 0,
    takerBuyVolume: 0,
    takerBuyQuoteVolume: 0,
    firstTradeId: -1,
    lastTradeId: -1,
  };
}

function aggregate(list: Kline[], from: number): DayStats {
  const first = list[0];
  if (first === undefined) {
    return { openTime: from, open: 0, high: 0, low: 0, volume: 0, quoteVolume: 0, trades: 0 };
  }
  const s: DayStats = {
    openTime: first.openTime,
    open: first.open,
    high: first.high,
    low: first.low,
    volume: 0,
    quoteVolume: 0,
    trades: 0,
  };
  for (const k of list) {
    if (k.high > s.high) s.high = k.high;
    if (k.low < s.low) s.low = k.low;
    s.volume += k.volume;
    s.quoteVolume += k.quoteVolume;
    s.trades += k.trades;
  }
  return s;
}
