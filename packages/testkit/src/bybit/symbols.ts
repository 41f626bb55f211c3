// The instruments a Bybit simulator trades, per category: the specs a test gives (strings, as
// instruments-info shows them), defaults close to Bybit's for common symbols, and the resolved
// form with the integer units the book, the matching engine and the order checks work in.
import { type InstrumentGrid, requireUniqueSymbols } from '../shared/market/instrument-grid.js';
import { AMOUNT_DECIMALS, parseUnits, parseUnitsBig, writtenDecimals } from './decimal.js';

/** The Bybit v5 categories the simulator serves. */
export type BybitCategory = 'spot' | 'linear';

/** Every category the simulator can serve, in the order they are listed. */
export const BYBIT_CATEGORIES: readonly BybitCategory[] = ['spot', 'linear'];

/** One instrument as a test configures it; every field but `symbol` has a default. */
export interface BybitSymbolSpec {
  /** Upper-case symbol, e.g. `BTCUSDT`. */
  symbol: string;
  /** Base coin (default: the symbol minus a known quote suffix). */
  baseCoin?: string;
  /** Quote coin (default: a known suffix such as USDT or USDC). */
  quoteCoin?: string;
  /** priceFilter.tickSize, e.g. `"0.10"`; prices print with as many decimals as written here. */
  tickSize?: string;
  /** Size step: lotSizeFilter.basePrecision (spot) or qtyStep (linear). */
  qtyStep?: string;
  /** lotSizeFilter.minOrderQty (default: the step). */
  minOrderQty?: string;
  /** lotSizeFilter.maxOrderQty. */
  maxOrderQty?: string;
  /** Smallest order value in the quote coin: minOrderAmt (spot) / minNotionalValue (linear). */
  minNotional?: string;
  /** Price the simulated book starts around and reverts to. */
  initialPrice?: string;
  /** Price levels per side of the simulated book (10-5000, default 500). */
  levels?: number;
  /** Instrument status (default `Trading`). */
  status?: string;
}

/** A spec with every field resolved and its integer units precomputed. */
export interface BybitSymbolConfig extends InstrumentGrid {
  readonly category: BybitCategory;
  readonly baseCoin: string;
  readonly quoteCoin: string;
  /** Settlement coin: the quote coin (linear); '' on spot. */
  readonly settleCoin: string;
  readonly status: string;
  readonly tickSize: string;
  readonly qtyStep: string;
  readonly minOrderQty: string;
  readonly maxOrderQty: string;
  readonly minNotional: string;
}

type Known = Partial<Omit<BybitSymbolSpec, 'symbol'>>;

const SPOT_KNOWN: Record<string, Known> = {
  BTCUSDT: {
    tickSize: '0.01',
    qtyStep: '0.000001',
    minOrderQty: '0.000048',
    maxOrderQty: '71.73956',
    initialPrice: '60000',
  },
  ETHUSDT: {
    tickSize: '0.01',
    qtyStep: '0.00001',
    minOrderQty: '0.00062',
    maxOrderQty: '1000',
    initialPrice: '3000',
  },
  SOLUSDT: {
    tickSize: '0.01',
    qtyStep: '0.001',
    minOrderQty: '0.011',
    maxOrderQty: '20000',
    initialPrice: '150',
  },
  XRPUSDT: {
    tickSize: '0.0001',
    qtyStep: '0.01',
    minOrderQty: '1.9',
    maxOrderQty: '2000000',
    initialPrice: '0.6',
  },
  ETHBTC: {
    tickSize: '0.000001',
    qtyStep: '0.00001',
    minOrderQty: '0.0001',
    maxOrderQty: '1000',
    minNotional: '0.00001',
    initialPrice: '0.05',
  },
};

const LINEAR_KNOWN: Record<string, Known> = {
  BTCUSDT: {
    tickSize: '0.10',
    qtyStep: '0.001',
    minOrderQty: '0.001',
    maxOrderQty: '1190',
    initialPrice: '60000',
  },
  ETHUSDT: {
    tickSize: '0.01',
    qtyStep: '0.01',
    minOrderQty: '0.01',
    maxOrderQty: '7240',
    initialPrice: '3000',
  },
  SOLUSDT: {
    tickSize: '0.010',
    qtyStep: '0.1',
    minOrderQty: '0.1',
    maxOrderQty: '79770',
    initialPrice: '150',
  },
  XRPUSDT: {
    tickSize: '0.0001',
    qtyStep: '1',
    minOrderQty: '1',
    maxOrderQty: '3140000',
    initialPrice: '0.6',
  },
};

const GENERIC = {
  tickSize: '0.01',
  qtyStep: '0.001',
  maxOrderQty: '100000',
  initialPrice: '100',
  levels: 500,
  status: 'Trading',
};

const QUOTES = ['USDT', 'USDC', 'BTC', 'ETH', 'EUR'];

/** Symbols each category trades when the test does not say. */
export const DEFAULT_BYBIT_SYMBOLS: readonly string[] = ['BTCUSDT', 'ETHUSDT'];

/** Resolves a spec (or a bare symbol) into a {@link BybitSymbolConfig} of `category`. */
export function resolveBybitSymbol(
  category: BybitCategory,
  spec: string | BybitSymbolSpec,
): BybitSymbolConfig {
  const input: BybitSymbolSpec = typeof spec === 'string' ? { symbol: spec } : spec;
  const symbol = input.symbol;
  if (typeof symbol !== 'string' || !/^[A-Z0-9]{2,25}$/.test(symbol)) {
    throw new TypeError(
      `symbols: '${String(symbol)}' is not a Bybit symbol (upper-case letters/digits, e.g. BTCUSDT)`,
    );
  }
  const known = (category === 'spot' ? SPOT_KNOWN : LINEAR_KNOWN)[symbol] ?? {};
  const d = { ...GENERIC, ...known };
  const quoteCoin = input.quoteCoin ?? QUOTES.find((q) => symbol.endsWith(q) && symbol.length > q.length);
  if (quoteCoin === undefined) {
    throw new TypeError(
      `symbols: cannot tell the quote coin of '${symbol}'; pass { symbol, baseCoin, quoteCoin }`,
    );
  }
  const baseCoin = input.baseCoin ?? symbol.slice(0, symbol.length - quoteCoin.length);
  const tickSize = input.tickSize ?? d.tickSize;
  const qtyStep = input.qtyStep ?? d.qtyStep;
  const priceDecimals = writtenDecimals(tickSize);
  const qtyDecimals = writtenDecimals(qtyStep);
  if (priceDecimals > AMOUNT_DECIMALS || qtyDecimals > AMOUNT_DECIMALS) {
    throw new RangeError(
      `symbols: ${symbol} tickSize and qtyStep may have at most ${AMOUNT_DECIMALS} decimals`,
    );
  }
  const units = (name: string, text: string, decimals: number): number => {
    const v = parseUnits(text, decimals);
    if (v === undefined || (name !== 'initialPrice' && name !== 'minOrderQty' && v <= 0)) {
      throw new TypeError(
        `symbols: ${symbol}.${name} '${text}' is not a positive decimal on the tick/step grid`,
      );
    }
    return v;
  };
  const tickUnits = units('tickSize', tickSize, priceDecimals);
  const stepUnits = units('qtyStep', qtyStep, qtyDecimals);
  const minOrderQty = input.minOrderQty ?? d.minOrderQty ?? qtyStep;
  const maxOrderQty = input.maxOrderQty ?? d.maxOrderQty;
  const minNotional = input.minNotional ?? d.minNotional ?? (category === 'spot' ? '1' : '5');
  const minNotionalAmount = parseUnitsBig(minNotional, AMOUNT_DECIMALS);
  if (minNotionalAmount === undefined) throw new TypeError(`symbols: ${symbol}.minNotional '${minNotional}'`);
  const initial = units('initialPrice', input.initialPrice ?? d.initialPrice, priceDecimals);
  const levels = input.levels ?? d.levels;
  if (!Number.isInteger(levels) || levels < 10 || levels > 5000) {
    throw new RangeError(`symbols: ${symbol}.levels must be an integer 10-5000, got ${levels}`);
  }
  return {
    category,
    symbol,
    baseCoin,
    quoteCoin,
    settleCoin: category === 'linear' ? quoteCoin : '',
    status: input.status ?? d.status,
    tickSize,
    qtyStep,
    minOrderQty,
    maxOrderQty,
    minNotional,
    priceDecimals,
    qtyDecimals,
    tickUnits,
    stepUnits,
    minQtyUnits: units('minOrderQty', minOrderQty, qtyDecimals),
    maxQtyUnits: units('maxOrderQty', maxOrderQty, qtyDecimals),
    minNotionalAmount,
    initialPriceUnits: Math.max(tickUnits * 20, Math.round(initial / tickUnits) * tickUnits),
    levels,
  };
}

/** Resolves the symbols of one category, rejecting duplicates and empty lists. */
export function resolveBybitSymbols(
  category: BybitCategory,
  specs: ReadonlyArray<string | BybitSymbolSpec> | undefined,
): BybitSymbolConfig[] {
  const list = (specs ?? DEFAULT_BYBIT_SYMBOLS).map((s) => resolveBybitSymbol(category, s));
  return requireUniqueSymbols(list, ` for ${category}`);
}
