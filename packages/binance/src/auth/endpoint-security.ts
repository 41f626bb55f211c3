// What authentication a Binance REST path needs, by Binance's security types: public market data
// (NONE / MARKET_DATA: nothing to sign), user-stream key management (USER_STREAM: the API key
// header only — signing it is a known client bug, pybotters#190/#192), and everything else
// (TRADE / USER_DATA: timestamp and signature). Unknown paths are treated as signed, which is what
// every private endpoint needs.

/** How a request to a path is authenticated. */
export type EndpointSecurity = 'public' | 'key' | 'signed';

/** Paths under these prefixes whose last part names a public endpoint (Spot, USD-M, COIN-M). */
const PUBLIC_PREFIXES = ['/api/v3/', '/fapi/v1/', '/fapi/v2/', '/dapi/v1/'] as const;

/** Public market-data endpoints, relative to the prefixes above. */
const PUBLIC_ENDPOINTS: ReadonlySet<string> = new Set([
  'ping',
  'time',
  'exchangeInfo',
  'depth',
  'trades',
  'historicalTrades',
  'aggTrades',
  'klines',
  'uiKlines',
  'continuousKlines',
  'indexPriceKlines',
  'markPriceKlines',
  'premiumIndexKlines',
  'avgPrice',
  'premiumIndex',
  'fundingRate',
  'fundingInfo',
  'openInterest',
  'constituents',
  'indexInfo',
  'assetIndex',
  'ticker',
  'ticker/24hr',
  'ticker/tradingDay',
  'ticker/price',
  'ticker/bookTicker',
]);

/** USER_STREAM paths: Spot/margin `userDataStream` (legacy), futures `listenKey`, `listen-key`. */
const USER_STREAM_PATH = /\/(?:userDataStream|listenKey|listen-key)(?:\/|$)/;

/** The security a REST path needs (`'public'`, `'key'` for USER_STREAM, else `'signed'`). */
export function endpointSecurity(path: string): EndpointSecurity {
  if (USER_STREAM_PATH.test(path)) return 'key';
  if (path.startsWith('/futures/data/')) return 'public';
  for (const prefix of PUBLIC_PREFIXES) {
    if (path.startsWith(prefix)) return PUBLIC_ENDPOINTS.has(path.slice(prefix.length)) ? 'public' : 'signed';
  }
  return 'signed';
}
