import { WebSocketApp } from '@venuekit/base';
import { BinanceDataStore, BinanceRestClient, restSnapshotFetcher } from '@venuekit/binance/plugin';
import { BINANCE_DOCS_HMAC_KEY, startBinanceSim } from '@venuekit/testkit';

await using sim = await startBinanceSim({ market: 'spot' });
sim.startStreaming({ intervalMs: 10 });
const rest = new BinanceRestClient({ baseUrl: sim.httpUrl, credentials: BINANCE_DOCS_HMAC_KEY });

// Books fetch their own snapshots (through the REST limiter) and resync by themselves after a gap.
const store = new BinanceDataStore({ market: 'spot', fetchSnapshot: restSnapshotFetcher(rest) });

// Seed from REST (routed by path), then feed it every message of a socket.
await store.initialize({ path: '/api/v3/account', data: await rest.spotAccount() });
const streams = 'btcusdt@depth@100ms/btcusdt@trade/btcusdt@bookTicker/btcusdt@ticker';
await using socket = WebSocketApp.connect(`${sim.wsUrl}/stream?streams=${streams}`, {
  onJson: store.onmessage,
});
await socket.opened();

// Read with get / find / sorted; wait() resolves on the next change.
while (!store.isLive('BTCUSDT')) await store.book.wait();
export const top = store.book.sorted({ symbol: 'BTCUSDT', limit: 1 });
while (store.trades.size < 3) await store.trades.wait();
export const lastTrade = store.trades.find().at(-1);
export const usdt = store.balances.get({ asset: 'USDT' });

store.close();
await rest.close();
