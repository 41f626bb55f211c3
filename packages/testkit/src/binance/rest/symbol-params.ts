// Reading symbols out of request parameters: `symbol=BTCUSDT` or `symbols=["BTCUSDT","ETHUSDT"]`
// (a JSON array, URL-encoded), answering -1121 for unknown symbols as Binance does.
import { BinanceApiError, BinanceErrors } from '../errors.js';
import type { SymbolMarket } from '../market/symbol-market.js';
import type { RequestParams } from '../params.js';
import type { VenueContext } from '../venue-context.js';

/** The market of the mandatory `symbol` parameter. */
export function requireSymbolMarket(venue: VenueContext, p: RequestParams): SymbolMarket {
  const m = venue.market.get(p.required('symbol'));
  if (m === undefined) throw BinanceErrors.badSymbol();
  return m;
}

/** The markets named by `symbol` or `symbols`, or undefined when neither was sent. */
export function selectedSymbols(venue: VenueContext, p: RequestParams): SymbolMarket[] | undefined {
  const one = p.get('symbol');
  const many = p.get('symbols');
  if (one !== undefined && many !== undefined) {
    throw new BinanceApiError(-1128, 'Combination of optional parameters invalid.');
  }
  if (one !== undefined) return [requireSymbolMarket(venue, p)];
  if (many === undefined) return undefined;
  let names: unknown;
  try {
    names = JSON.parse(many);
  } catch {
    throw new BinanceApiError(
      -1100,
      'Illegal characters found in parameter \'symbols\'; legal range is \'^\\[("[A-Z0-9-_.]{1,20}"(,"[A-Z0-9-_.]{1,20}"){0,}){0,1}\\]$\'.',
    );
  }
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string'))
    throw BinanceErrors.invalidParam('symbols');
  if (new Set(names).size !== names.length)
    throw new BinanceApiError(-1151, 'Symbol is present multiple times in the list.');
  return (names as string[]).map((n) => {
    const m = venue.market.get(n);
    if (m === undefined) throw BinanceErrors.badSymbol();
    return m;
  });
}

/** Number of symbols a request names (for weights): 0 when none. */
export function symbolCount(p: RequestParams): number {
  if (p.get('symbol') !== undefined) return 1;
  const many = p.get('symbols');
  if (many === undefined) return 0;
  try {
    const v = JSON.parse(many);
    return Array.isArray(v) ? v.length : 1;
  } catch {
    return 1;
  }
}
