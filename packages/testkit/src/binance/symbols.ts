// The instruments a Binance simulator trades: user-facing specs (strings, as exchangeInfo shows
// them), defaults for common symbols, and the resolved form with the scaled integers the book,
// the matching engine and the filters work with.
import { formatUnits, writtenDecimals } from '../shared/decimal/scaled-decimal.js';
import { type InstrumentGrid, requireUniqueSymbols } from '../shared/market/instrument-grid.js';
import { AMOUNT_DECIMALS, decimalsOf, formatScaled, parseScaled, parseScaledBig } from './decimal.js';

/** Which Binance market a simulator part serves: Spot (`/api/v3`) or USDⓈ-M futures (`/fapi`). */
export type BinanceMarketKind = 'spot' | 'usdm';

/** One instrument as a test configures it; every field but `symbol` has a default. */
export interface BinanceSymbolSpec {
  /** Upper-case symbol, e.g. `BTCUSDT`. */
  symbol: string;
  /** Base asset, e.g. `BTC` (default: derived from a known quote suffix). */
  baseAsset?: string;
  /** Quote asset, e.g. `USDT`. */
  quoteAsset?: string;
  /** PRICE_FILTER tickSize, e.g. `"0.01"`. */
  tickSize?: string;
  /** LOT_SIZE stepSize, e.g. `"0.00001"`. */
  stepSize?: string;
  /** LOT_SIZE minQty (default: stepSize). */
  minQty?: string;
  /** LOT_SIZE maxQty. */
  maxQty?: string;
  /** NOTIONAL / MIN_NOTIONAL minimum, in quote asset. */
  minNotional?: string;
  /** Mid price the simulated book starts around (and reverts to). */
  initialPrice?: string;
  /** Price levels per side the simulated book keeps (at most; default 1000). */
  levels?: number;
  /** Symbol status in exchangeInfo (default `TRADING`). */
  status?: string;
}

/** A symbol spec with every field resolved and the scaled integers precomputed. */
export interface SymbolConfig extends InstrumentGrid {
  readonly market: BinanceMarketKind;
  /** Lower-case symbol as used in stream names. */
  readonly lower: string;
  readonly baseAsset: string;
  readonly quoteAsset: string;
  readonly status: string;
  readonly tickSize: string;
  readonly stepSize: string;
  readonly minQty: string;
  readonly maxQty: string;
  readonly minNotional: string;
  /** Decimals prices are printed with (8 on Spot; the tick's on futures, e.g. `"60000.10"`). */
  readonly priceOutDecimals: number;
  /** Decimals quantities are printed with. */
  readonly qtyOutDecimals: number;
}

type Defaults = Required<Omit<BinanceSymbolSpec, 'symbol' | 'baseAsset' | 'quoteAsset'>>;

const SPOT_DEFAULTS: Record<string, Partial<Defaults>> = {
  BTCUSDT: { tickSize: '0.01', stepSize: '0.00001', maxQty: '9000', minNotional: '5', initialPrice: '60000' },
  ETHUSDT: { tickSize: '0.01', stepSize: '0.0001', maxQty: '9000', minNotional: '5', initialPrice: '3000' },
  BNBUSDT: { tickSize: '0.01', stepSize: '0.001', maxQty: '9000', minNotional: '5', initialPrice: '600' },
  SOLUSDT: { tickSize: '0.01', stepSize: '0.001', maxQty: '90000', minNotional: '5', initialPrice: '150' },
  ETHBTC: {
    tickSize: '0.00001',
    stepSize: '0.0001',
    maxQty: '100000',
    minNotional: '0.0001',
    initialPrice: '0.05',
  },
};

const USDM_DEFAULTS: Record<string, Partial<Defaults>> = {
  BTCUSDT: { tickSize: '0.10', stepSize: '0.001', maxQty: '1000', minNotional: '100', initialPrice: '60000' },
  ETHUSDT: { tickSize: '0.01', stepSize: '0.001', maxQty: '10000', minNotional: '20', initialPrice: '3000' },
  BNBUSDT: { tickSize: '0.010', stepSize: '0.01', maxQty: '10000', minNotional: '5', initialPrice: '600' },
  SOLUSDT: { tickSize: '0.0100', stepSize: '1', maxQty: '100000', minNotional: '5', initialPrice: '150' },
};

const GENERIC: Defaults = {
  tickSize: '0.01',
  stepSize: '0.001',
  minQty: '',
  maxQty: '100000',
  minNotional: '5',
  initialPrice: '100',
  levels: 1000,
  status: 'TRADING',
};

const QUOTES = ['USDT', 'USDC', 'FDUSD', 'BUSD', 'BTC', 'ETH', 'BNB', 'EUR', 'TRY'];

/** The symbols a market trades when the test does not say. */
export const DEFAULT_SYMBOLS: readonly string[] = ['BTCUSDT', 'ETHUSDT'];

/** Resolves a spec (or a bare symbol name) into a {@link SymbolConfig} for `market`. */
export function resolveSymbol(market: BinanceMarketKind, spec: string | BinanceSymbolSpec): SymbolConfig {
  const input: BinanceSymbolSpec = typeof spec === 'string' ? { symbol: spec } : spec;
  const symbol = input.symbol;
  if (!/^[A-Z0-9]{2,20}$/.test(symbol)) {
    throw new TypeError(
      `symbols: '${symbol}' is not a Binance symbol (upper-case letters/digits, e.g. BTCUSDT)`,
    );
  }
  const known = (market === 'spot' ? SPOT_DEFAULTS : USDM_DEFAULTS)[symbol] ?? {};
  const d: Defaults = { ...GENERIC, ...known };
  const quoteAsset = input.quoteAsset ?? QUOTES.find((q) => symbol.endsWith(q) && symbol.length > q.length);
  if (quoteAsset === undefined) {
    throw new TypeError(
      `symbols: cannot tell the quote asset of '${symbol}'; pass { symbol, baseAsset, quoteAsset }`,
    );
  }
  const baseAsset = input.baseAsset ?? symbol.slice(0, symbol.length - quoteAsset.length);
  const tickSize = input.tickSize ?? d.tickSize;
  const stepSize = input.stepSize ?? d.stepSize;
  const minQty = input.minQty ?? (d.minQty || stepSize);
  const maxQty = input.maxQty ?? d.maxQty;
  const minNotional = input.minNotional ?? d.minNotional;
  const initialPrice = input.initialPrice ?? d.initialPrice;
  const priceDecimals = decimalsOf(tickSize);
  const qtyDecimals = decimalsOf(stepSize);
  if (priceDecimals > 8 || qtyDecimals > 8) {
    throw new RangeError(`symbols: ${symbol} tickSize and stepSize may have at most 8 decimals`);
  }
  const need = (name: string, text: string, decimals: number): number => {
    const v = parseScaled(text, decimals);
    if (v === undefined)
      throw new TypeError(`symbols: ${symbol}.${name} '${text}' does not fit the tick/step`);
    return v;
  };
  const tickUnits = need('tickSize', tickSize, priceDecimals);
  const stepUnits = need('stepSize', stepSize, qtyDecimals);
  const rawInitial = need('initialPrice', initialPrice, priceDecimals);
  const levels = input.levels ?? d.levels;
  if (!Number.isInteger(levels) || levels < 10 || levels > 20000) {
    throw new RangeError(`symbols: ${symbol}.levels must be an integer 10-20000, got ${levels}`);
  }
  const minNotionalAmount = parseScaledBig(minNotional, AMOUNT_DECIMALS);
  if (minNotionalAmount === undefined) throw new TypeError(`symbols: ${symbol}.minNotional '${minNotional}'`);
  return {
    market,
    symbol,
    lower: symbol.toLowerCase(),
    baseAsset,
    quoteAsset,
    status: input.status ?? d.status,
    tickSize,
    stepSize,
    minQty,
    maxQty,
    minNotional,
    priceDecimals,
    qtyDecimals,
    tickUnits,
    stepUnits,
    minQtyUnits: need('minQty', minQty, qtyDecimals),
    maxQtyUnits: need('maxQty', maxQty, qtyDecimals),
    minNotionalAmount,
    initialPriceUnits: Math.max(tickUnits, Math.round(rawInitial / tickUnits) * tickUnits),
    levels,
    priceOutDecimals: market === 'spot' ? 8 : writtenDecimals(tickSize),
    qtyOutDecimals: market === 'spot' ? 8 : writtenDecimals(stepSize),
  };
}

/** Resolves the symbol list of a market, rejecting duplicates. */
export function resolveSymbols(
  market: BinanceMarketKind,
  specs: ReadonlyArray<string | BinanceSymbolSpec> | undefined,
): SymbolConfig[] {
  return requireUniqueSymbols((specs ?? DEFAULT_SYMBOLS).map((s) => resolveSymbol(market, s)));
}

/** Formats price units of `cfg` the way its market prints prices. */
export function formatPrice(cfg: SymbolConfig, units: number): string {
  return formatUnits(units, cfg.priceDecimals, cfg.priceOutDecimals);
}

/** Formats quantity units of `cfg` the way its market prints quantities. */
export function formatQty(cfg: SymbolConfig, units: number): string {
  return formatUnits(units, cfg.qtyDecimals, cfg.qtyOutDecimals);
}

/** Formats a quote amount given in price×quantity units of `cfg` with 8 decimals. */
export function formatQuoteUnits(cfg: SymbolConfig, units: number): string {
  const decimals = cfg.priceDecimals + cfg.qtyDecimals;
  if (Number.isSafeInteger(units)) return formatScaled(units, decimals, 8);
  return (units / 10 ** decimals).toFixed(8);
}
