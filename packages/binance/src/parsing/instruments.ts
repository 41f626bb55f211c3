// Instruments from exchangeInfo. Tick size from PRICE_FILTER, step size / min / max quantity from
// LOT_SIZE, minimum notional from NOTIONAL (Spot) or MIN_NOTIONAL (legacy Spot `minNotional`,
// USD-M `notional`). Unified symbols follow ccxt: Spot `BTC/USDT`; USD-M perpetuals
// `BTC/USDT:USDT` (settled in the margin asset); dated USD-M futures `BTC/USDT:USDT-250627`.
// A filter disabled with a zero step falls back to the asset precision Binance lists.
import { createInstrument, type Instrument, unifiedSymbol, ValidationError } from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import type { ExchangeInfoWire, SymbolFilterWire, SymbolInfoWire } from '../rest/wire-types.js';

/** An instrument with what Binance adds: market, status, the exact grid texts and order types. */
export type BinanceInstrument = Instrument & {
  /** `'spot'` or `'usdm'`. */
  readonly market: BinanceMarket;
  /** Binance's status (`TRADING`, `BREAK`, `HALT`, `SETTLING`, …); `active` is `status === 'TRADING'`. */
  readonly status: string;
  /** The tick size exactly as Binance wrote it (`"0.01000000"`). */
  readonly tickSizeText: string;
  /** The step size exactly as Binance wrote it. */
  readonly stepSizeText: string;
  /** Order types the symbol accepts (`LIMIT`, `MARKET`, `LIMIT_MAKER`, …). */
  readonly orderTypes: readonly string[];
  /** USD-M contract type (`PERPETUAL`, `CURRENT_QUARTER`, …). */
  readonly contractType?: string | undefined;
};

/** Options of {@link parseInstruments}. */
export interface ParseInstrumentsOptions {
  /** Called for each symbol that cannot be turned into an instrument (it is skipped, not fatal). */
  onInvalid?: (symbol: string, error: Error) => void;
}

const PERPETUAL_TYPES: ReadonlySet<string> = new Set([
  'PERPETUAL',
  'PERPETUAL_DELIVERING',
  'TRADIFI_PERPETUAL',
]);

function filter(symbol: SymbolInfoWire, type: string): SymbolFilterWire | undefined {
  for (const f of symbol.filters ?? []) if (f.filterType === type) return f;
  return undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== ''
    ? value
    : typeof value === 'number'
      ? String(value)
      : undefined;
}

/** A grid step: the filter's text when positive, else `10^-precision`. */
function gridStep(value: unknown, precision: unknown, what: string, symbol: string): string {
  const given = text(value);
  if (given !== undefined && Number(given) > 0) return given;
  if (typeof precision === 'number' && Number.isInteger(precision) && precision >= 0 && precision <= 20)
    return precision === 0 ? '1' : `0.${'0'.repeat(precision - 1)}1`;
  throw new ValidationError(`Binance ${symbol}: no usable ${what} (filter missing and no precision listed)`, {
    venue: 'binance',
    details: { symbol },
  });
}

function optionalNumber(value: unknown): number | undefined {
  const t = text(value);
  if (t === undefined) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** The instrument of one exchangeInfo symbol; ValidationError naming the symbol when it is unusable. */
export function parseInstrument(market: BinanceMarket, s: SymbolInfoWire): BinanceInstrument {
  const price = filter(s, 'PRICE_FILTER');
  const lot = filter(s, 'LOT_SIZE');
  const notional = filter(s, 'NOTIONAL') ?? filter(s, 'MIN_NOTIONAL');
  const spot = market === 'spot';
  const tickSizeText = gridStep(
    price?.tickSize,
    spot ? s.quoteAssetPrecision : s.pricePrecision,
    'tick size',
    s.symbol,
  );
  const stepSizeText = gridStep(
    lot?.stepSize,
    spot ? s.baseAssetPrecision : s.quantityPrecision,
    'step size',
    s.symbol,
  );
  const maxQty = optionalNumber(lot?.maxQty);
  const contractType = spot ? undefined : (s.contractType ?? 'PERPETUAL');
  const type = spot ? 'spot' : PERPETUAL_TYPES.has(contractType!) || contractType === '' ? 'perp' : 'future';
  const settle = spot ? undefined : (s.marginAsset ?? s.quoteAsset);
  const expiry = type === 'future' && typeof s.deliveryDate === 'number' ? s.deliveryDate : undefined;
  const base = createInstrument({
    venue: 'binance',
    symbol: s.symbol,
    unifiedSymbol: unifiedSymbol({ base: s.baseAsset, quote: s.quoteAsset, type, settle, expiry }),
    base: s.baseAsset,
    quote: s.quoteAsset,
    settle,
    type,
    tickSize: Number(tickSizeText),
    stepSize: Number(stepSizeText),
    minQty: optionalNumber(lot?.minQty) ?? 0,
    maxQty: maxQty !== undefined && maxQty > 0 ? maxQty : undefined,
    minNotional: optionalNumber(notional?.minNotional ?? notional?.notional) ?? 0,
    expiry,
    active: s.status === 'TRADING' && (!spot || s.isSpotTradingAllowed !== false),
  });
  // One literal with every field (not `{ ...base, … }`: spreading 17 fields and adding 6 builds a
  // ~5 KB dictionary-mode object per symbol, 15 MB of garbage for a 3,000-symbol exchangeInfo).
  return {
    venue: base.venue,
    symbol: base.symbol,
    unifiedSymbol: base.unifiedSymbol,
    base: base.base,
    quote: base.quote,
    settle: base.settle,
    type: base.type,
    tickSize: base.tickSize,
    stepSize: base.stepSize,
    minQty: base.minQty,
    maxQty: base.maxQty,
    minNotional: base.minNotional,
    contractSize: base.contractSize,
    expiry: base.expiry,
    active: base.active,
    pricePrecision: base.pricePrecision,
    qtyPrecision: base.qtyPrecision,
    market,
    status: s.status,
    tickSizeText,
    stepSizeText,
    orderTypes: Array.isArray(s.orderTypes) ? s.orderTypes : [],
    contractType,
  };
}

/**
 * Every instrument of an exchangeInfo answer. A symbol that cannot be parsed is skipped (and
 * reported to `onInvalid`) so one odd listing never hides the others.
 */
export function parseInstruments(
  market: BinanceMarket,
  info: Pick<ExchangeInfoWire, 'symbols'>,
  options: ParseInstrumentsOptions = {},
): BinanceInstrument[] {
  if (!Array.isArray(info?.symbols))
    throw new ValidationError('Binance exchangeInfo: expected a "symbols" array', { venue: 'binance' });
  const out: BinanceInstrument[] = [];
  for (const s of info.symbols) {
    try {
      out.push(parseInstrument(market, s));
    } catch (error) {
      options.onInvalid?.(String(s?.symbol), error as Error);
    }
  }
  return out;
}
