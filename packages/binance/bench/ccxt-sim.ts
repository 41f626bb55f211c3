// ccxt's Binance pointed at a local simulator, for side-by-side benchmarks (see
// shared/anchor-figures.md): every string under `urls.api` gets the simulator's origin with its
// path kept, and loadMarkets asks only `GET /api/v3/exchangeInfo` (spot markets, no currencies,
// no margin pairs).
import ccxt from 'ccxt';

/** The ccxt Binance exchange class. */
export type CcxtBinance = InstanceType<typeof ccxt.binance>;

/** Rewrites every URL under `node` (nested objects included) to `origin`, keeping the path. */
function pointAt(node: Record<string, unknown>, httpOrigin: string, wsOrigin: string): void {
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && /^(https?|wss?):\/\//.test(value)) {
      const url = new URL(value);
      const origin = url.protocol.startsWith('ws') ? wsOrigin : httpOrigin;
      node[key] = `${origin}${url.pathname}${url.search}`.replace(/\/$/, '');
    } else if (value !== null && typeof value === 'object') {
      pointAt(value as Record<string, unknown>, httpOrigin, wsOrigin);
    }
  }
}

/** A ccxt binance instance whose REST and WS URLs point at the simulator at `httpUrl`. */
export function ccxtBinanceAt(httpUrl: string, options: { enableRateLimit: boolean }): CcxtBinance {
  const exchange = new ccxt.binance({
    enableRateLimit: options.enableRateLimit,
    options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false },
  });
  pointAt(exchange.urls.api as Record<string, unknown>, httpUrl, httpUrl.replace(/^http/, 'ws'));
  return exchange;
}
