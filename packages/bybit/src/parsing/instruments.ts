// Instruments from `GET /v5/market/instruments-info`. Spot: tick size from priceFilter, quantity
// step from lotSizeFilter.basePrecision, minimum amount (quote) from minOrderAmt. Linear: qtyStep,
// minOrderQty / maxOrderQty, minNotionalValue; perpetuals (`LinearPerpetual`) are `perp`,
// `LinearFutures` are `future` expiring at deliveryTime. Unified symbols follow ccxt: spot
// `BTC/USDT`, perpetuals `BTC/USDT:USDT`, futures `BTC/USDT:USDT-250627`.
import {
  createInstrument,
  type Instrument,
  type InstrumentType,
  unifiedSymbol,
  ValidationError,
} from '@venuekit/base';
import type { BybitCategory, InstrumentWire } from '../rest/wire-types.js';
import { positiveOrUndefined, timeField } from './decimal-fields.js';

/** An instrument with what Bybit adds: its category, status and the exact grid texts. */
export type BybitInstrument = Instrument & {
  /** `'spot'`, `'linear'`, … */
  readonly category: BybitCategory;
  /** Bybit's status (`Trading`, `PreLaunch`, `Delivering`, `Closed`); `active` is `status === 'Trading'`. */
  readonly status: string;
  /** The tick size exactly as Bybit wrote it. */
  readonly tickSizeText: string;
  /** The quantity step exactly as Bybit wrote it. */
  readonly stepSizeText: string;
};

function required(value: string | undefined, field: string, symbol: string): string {
  if (value === undefined || value === '' || !(Number(value) > 0))
    throw new ValidationError(`Bybit ${symbol}: ${field} is missing or not positive`, {
      venue: 'bybit',
      details: { symbol, field },
    });
  return value;
}

/** One instrument of `category`; ValidationError for an item that cannot be one. */
export function parseInstrument(item: InstrumentWire, category: BybitCategory): BybitInstrument {
  const symbol = item.symbol;
  const lot = item.lotSizeFilter ?? {};
  const tickSizeText = required(item.priceFilter?.tickSize, 'priceFilter.tickSize', symbol);
  const spot = category === 'spot';
  const stepSizeText = required(
    spot ? lot.basePrecision : lot.qtyStep,
    spot ? 'lotSizeFilter.basePrecision' : 'lotSizeFilter.qtyStep',
    symbol,
  );
  let type: InstrumentType = 'spot';
  let expiry: number | undefined;
  if (!spot) {
    const delivery =
      item.deliveryTime === undefined ? 0 : timeField(item.deliveryTime, `${symbol}.deliveryTime`);
    type =
      item.contractType === 'LinearFutures' || item.contractType === 'InverseFutures' || delivery > 0
        ? 'future'
        : 'perp';
    if (type === 'future' && delivery > 0) expiry = delivery;
  }
  const settle = spot ? undefined : item.settleCoin || item.quoteCoin;
  const instrument = createInstrument({
    venue: 'bybit',
    symbol,
    unifiedSymbol: unifiedSymbol({ base: item.baseCoin, quote: item.quoteCoin, type, settle, expiry }),
    base: item.baseCoin,
    quote: item.quoteCoin,
    settle,
    type,
    tickSize: Number(tickSizeText),
    stepSize: Number(stepSizeText),
    minQty: positiveOrUndefined(lot.minOrderQty, `${symbol}.minOrderQty`) ?? 0,
    maxQty: positiveOrUndefined(lot.maxOrderQty, `${symbol}.maxOrderQty`),
    minNotional:
      positiveOrUndefined(spot ? lot.minOrderAmt : lot.minNotionalValue, `${symbol}.minNotional`) ?? 0,
    expiry,
    active: item.status === 'Trading',
  });
  return Object.freeze({ ...instrument, category, status: item.status, tickSizeText, stepSizeText });
}

/** Every usable instrument of a list; items that cannot be parsed are reported and skipped. */
export function parseInstruments(
  list: readonly InstrumentWire[],
  category: BybitCategory,
  onInvalid?: (symbol: string, error: Error) => void,
): BybitInstrument[] {
  const out: BybitInstrument[] = [];
  for (const item of list) {
    try {
      out.push(parseInstrument(item, category));
    } catch (error) {
      onInvalid?.(String(item?.symbol), error as Error);
    }
  }
  return out;
}
