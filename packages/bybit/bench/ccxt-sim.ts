// ccxt's Bybit pointed at the local simulator, for side-by-side benchmarks (see
// shared/anchor-figures.md): every string under `urls.api` (REST hosts and `ws.public.*`) gets the
// simulator's origin with its path kept; loadMarkets asks only for the categories given.
import ccxt from 'ccxt';

/** The ccxt pro Bybit exchange class. */
export type CcxtBybit = InstanceType<typeof ccxt.pro.bybit>;

function pointAt(node: Record<string, unknown>, httpOrigin: string, wsOrigin: string): void {
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && /^(https?|wss?):\/\//.test(value)) {
      const url = new URL(value.replace('{hostname}', 'bybit.com'));
      const origin = url.protocol.startsWith('ws') ? wsOrigin : httpOrigin;
      node[key] = `${origin}${url.pathname}${url.search}`.replace(/\/$/, '');
    } else if (value !== null && typeof value === 'object') {
      pointAt(value as Record<string, unknown>, httpOrigin, wsOrigin);
    }
  }
}

/**
 * A ccxt pro bybit instance whose REST and WS URLs point at the simulator at `httpUrl`, with the
 * markets of `types` loaded (default linear).
 */
export async function ccxtBybitAt(
  httpUrl: string,
  types: ReadonlyArray<'spot' | 'linear'> = ['linear'],
): Promise<CcxtBybit> {
  const exchange = new ccxt.pro.bybit({
    enableRateLimit: false,
    options: { fetchMarkets: { types: [...types] }, fetchCurrencies: false, loadAllOptions: false },
  });
  pointAt(exchange.urls.api as Record<string, unknown>, httpUrl, httpUrl.replace(/^http/, 'ws'));
  await exchange.loadHttpProxyAgent();
  await exchange.loadMarkets();
  return exchange;
}
