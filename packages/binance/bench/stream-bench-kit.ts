// Shared parts of the Binance stream benchmarks: the stream server worker (stream-server.worker.cjs),
// the exchangeInfo it serves (taken once from the testkit's Binance simulator, so ccxt finds a
// real-looking BTCUSDT), and a ccxt `binance` pro instance pointed at the server the way
// shared/anchor-figures.md describes (every URL under `urls.api` rewritten to the loopback
// origin, spot markets only, no currencies, the HTTP proxy agent loaded for plain ws://).
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { startBinanceSim } from '@venuekit/testkit';
import ccxt from 'ccxt';

/** The running server worker. */
export interface StreamServer {
  readonly httpUrl: string;
  readonly wsUrl: string;
  /** The next stream connection gets `n` messages; resolves with the last one's id (depth `u`, trade `t`). */
  plan(n: number): Promise<number>;
  stop(): Promise<void>;
}

async function simExchangeInfo(): Promise<string> {
  await using sim = await startBinanceSim({ market: 'spot', symbols: ['BTCUSDT'] });
  const response = await fetch(`${sim.httpUrl}/api/v3/exchangeInfo`);
  return response.text();
}

/** Starts the server worker serving `kind` messages. */
export async function startStreamServer(kind: 'depth' | 'trade'): Promise<StreamServer> {
  const exchangeInfo = await simExchangeInfo();
  const worker = new Worker(new URL('./stream-server.worker.cjs', import.meta.url), {
    workerData: { kind, exchangeInfo },
  });
  const [{ port }] = (await once(worker, 'message')) as [{ port: number }];
  return {
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    async plan(n) {
      const answer = once(worker, 'message') as Promise<[{ final: number }]>;
      worker.postMessage({ type: 'plan', n });
      return (await answer)[0].final;
    },
    async stop() {
      await worker.terminate();
    },
  };
}

type Ccxt = InstanceType<(typeof ccxt.pro)['binance']>;

function rewrite(node: unknown, http: string, ws: string): unknown {
  if (typeof node === 'string') {
    if (!/^(https?|wss?):\/\//.test(node)) return node;
    const url = new URL(node);
    const origin = url.protocol.startsWith('ws') ? ws : http;
    return `${origin}${url.pathname === '/' ? '' : url.pathname}`;
  }
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = Array.isArray(node) ? ([] as never) : {};
    for (const [key, value] of Object.entries(node)) out[key] = rewrite(value, http, ws);
    return out;
  }
  return node;
}

/** A ccxt pro binance instance talking to `server`, markets loaded. */
export async function ccxtBinance(server: StreamServer): Promise<Ccxt> {
  const exchange = new ccxt.pro.binance({
    options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false },
  });
  exchange.urls.api = rewrite(exchange.urls.api, server.httpUrl, server.wsUrl) as typeof exchange.urls.api;
  await exchange.loadHttpProxyAgent();
  await exchange.loadMarkets();
  return exchange;
}
