// The integer grid an instrument trades on, as every simulator's book, matching engine and order
// checks use it: prices and quantities in units of 10^-decimals, tick and step in those units,
// the minimum notional as an amount at 8 decimals. How a venue derives it from its own specs
// (which decimals count, what the defaults are) stays with the venue.

/** An instrument's resolved integer grid. */
export interface InstrumentGrid {
  /** Upper-case symbol, e.g. `BTCUSDT`. */
  readonly symbol: string;
  /** Prices are integers in units of 10^-priceDecimals. */
  readonly priceDecimals: number;
  /** Quantities are integers in units of 10^-qtyDecimals. */
  readonly qtyDecimals: number;
  /** Tick in price units. */
  readonly tickUnits: number;
  /** Step in quantity units. */
  readonly stepUnits: number;
  /** Smallest order quantity in quantity units. */
  readonly minQtyUnits: number;
  /** Largest order quantity in quantity units. */
  readonly maxQtyUnits: number;
  /** Minimum notional as an amount at 8 decimals. */
  readonly minNotionalAmount: bigint;
  /** Where the simulated book starts, in price units. */
  readonly initialPriceUnits: number;
  /** Price levels per side the simulated book keeps. */
  readonly levels: number;
}

/**
 * Returns `list` when it is non-empty and names each symbol once; otherwise throws a TypeError
 * (`where` names the list in the message, e.g. `' for spot'`).
 */
export function requireUniqueSymbols<T extends { readonly symbol: string }>(list: T[], where = ''): T[] {
  if (list.length === 0) throw new TypeError(`symbols: at least one symbol is required${where}`);
  const seen = new Set<string>();
  for (const s of list) {
    if (seen.has(s.symbol)) throw new TypeError(`symbols: '${s.symbol}' is listed twice${where}`);
    seen.add(s.symbol);
  }
  return list;
}
