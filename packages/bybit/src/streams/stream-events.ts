// Public stream payloads into venuekit models (bybit.md §5), once per message with unary `+` and
// no intermediate objects: publicTrade items → Trade, tickers (spot snapshots; linear snapshot
// then deltas where an absent field is unchanged, merged by TickerMerger) → Ticker, kline items
// → Bar. A payload missing a required field throws ValidationError naming it.
import { type Bar, type Ticker, type Trade, ValidationError } from '@venuekit/base';

/** A venue symbol and its unified name, as results carry them. */
export interface StreamSymbolNames {
  readonly symbol: string;
  readonly unifiedSymbol: string;
}

/** One `publicTrade` item as Bybit sends it (the fields read). */
export interface TradeWire {
  T: number;
  s: string;
  S: 'Buy' | 'Sell';
  v: string;
  p: string;
  i: string;
}

/** One `kline` item as Bybit sends it. */
export interface KlineWire {
  start: number;
  end: number;
  interval: string;
  open: string;
  close: string;
  high: string;
  low: string;
  volume: string;
  turnover: string;
  confirm: boolean;
  timestamp: number;
}

function bad(what: string, value: unknown): never {
  throw new ValidationError(
    `Bybit stream: ${what} is missing or not a number (got ${JSON.stringify(value)})`,
    {
      venue: 'bybit',
    },
  );
}

function num(value: unknown, what: string): number {
  const n = +(value as string);
  if (value === undefined || value === null || value === '' || Number.isNaN(n)) bad(what, value);
  return n;
}

/** A positive number or undefined (absent, empty, or 0 — Bybit's "no quote"). */
function optional(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = +(value as string);
  return n > 0 ? n : undefined;
}

/** A nonnegative amount or undefined. */
function amount(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = +(value as string);
  return n >= 0 ? n : undefined;
}

/** One publicTrade item as a Trade. */
export function tradeFromWire(t: TradeWire, names: StreamSymbolNames): Trade {
  const side = t.S === 'Buy' ? 'buy' : t.S === 'Sell' ? 'sell' : bad('publicTrade.S', t.S);
  if (typeof t.i !== 'string' || t.i === '') bad('publicTrade.i', t.i);
  return {
    venue: 'bybit',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    id: t.i,
    price: num(t.p, 'publicTrade.p'),
    quantity: num(t.v, 'publicTrade.v'),
    side,
    timestamp: num(t.T, 'publicTrade.T'),
  };
}

/** Every trade of a publicTrade message's `data` (oldest first), handed to `push` one by one. */
export function eachTrade(data: unknown, names: StreamSymbolNames, push: (trade: Trade) => void): void {
  if (!Array.isArray(data)) bad('publicTrade data', data);
  for (let i = 0; i < data.length; i++) push(tradeFromWire(data[i] as TradeWire, names));
}

/** One kline item as a Bar; `interval` is the name the caller used. */
export function barFromWire(k: KlineWire, names: StreamSymbolNames, interval: string): Bar {
  return {
    venue: 'bybit',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    interval,
    openTime: num(k.start, 'kline.start'),
    closeTime: num(k.end, 'kline.end'),
    open: num(k.open, 'kline.open'),
    high: num(k.high, 'kline.high'),
    low: num(k.low, 'kline.low'),
    close: num(k.close, 'kline.close'),
    volume: num(k.volume, 'kline.volume'),
    quoteVolume: amount(k.turnover),
    closed: k.confirm === true,
  };
}

/**
 * The ticker of one symbol from its stream: a snapshot replaces what is known, a delta (linear)
 * overwrites only the fields it carries. Until the first snapshot, deltas are merged into an
 * empty state (Bybit sends the snapshot first on subscribe — but not to a listener that joins a
 * topic already subscribed on the connection: check {@link TickerMerger.hasSnapshot}).
 */
export class TickerMerger {
  readonly #names: StreamSymbolNames;
  readonly #fields: Record<string, unknown> = {};
  #snapshot = false;

  /** True once a snapshot was applied: the merged ticker is complete. */
  get hasSnapshot(): boolean {
    return this.#snapshot;
  }

  constructor(names: StreamSymbolNames) {
    this.#names = names;
  }

  /** The merged wire fields (strings as Bybit sent them). Do not mutate. */
  get fields(): Readonly<Record<string, unknown>> {
    return this.#fields;
  }

  /** Applies one `tickers` message (`type` snapshot | delta, `data` an object) and returns the Ticker. */
  apply(type: string | undefined, data: unknown, ts: number | undefined): Ticker {
    if (data === null || typeof data !== 'object' || Array.isArray(data)) bad('tickers data', data);
    const f = this.#fields;
    if (type === 'snapshot') {
      for (const k of Object.keys(f)) delete f[k];
      this.#snapshot = true;
    }
    Object.assign(f, data);
    return {
      venue: 'bybit',
      symbol: this.#names.symbol,
      unifiedSymbol: this.#names.unifiedSymbol,
      bid: optional(f.bid1Price),
      bidSize: amount(f.bid1Size),
      ask: optional(f.ask1Price),
      askSize: amount(f.ask1Size),
      last: optional(f.lastPrice),
      open: optional(f.prevPrice24h),
      high: optional(f.highPrice24h),
      low: optional(f.lowPrice24h),
      baseVolume: amount(f.volume24h),
      quoteVolume: amount(f.turnover24h),
      timestamp: typeof ts === 'number' ? ts : 0,
    };
  }
}
