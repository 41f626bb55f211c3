import '@venuekit/binance'; // registers BINANCE___SPOT and BINANCE___USDM into the global registry
import { type Order, registry } from '@venuekit/base';
import type { BinanceSpotFeed } from '@venuekit/binance';
import { BINANCE_DOCS_HMAC_KEY, startBinanceSim } from '@venuekit/testkit';

// A local Binance: the simulator of @venuekit/testkit. In production leave out `urls`.
await using sim = await startBinanceSim({ market: 'spot' });
sim.startStreaming({ intervalMs: 10 }); // the simulated market moves every 10 ms

const feed = registry.createFeed<BinanceSpotFeed>('BINANCE___SPOT', {
  urls: { rest: sim.httpUrl, stream: sim.wsUrl, wsApi: `${sim.wsUrl}/ws-api/v3` },
  credentials: { apiKey: BINANCE_DOCS_HMAC_KEY.apiKey, secret: BINANCE_DOCS_HMAC_KEY.secret },
});
await feed.connect(); // syncs the clock with Binance, loads the instruments

// Requests take either symbol form; results carry both.
export const ticker = await feed.getTicker('BTC/USDT');
export const book = await feed.getOrderBook('BTCUSDT', { limit: 5 });

// The local order book: snapshot + diffs, resynced on a gap while the loop goes on.
export const bestBids: number[] = [];
for await (const live of feed.watchOrderBook('BTCUSDT', { limit: 1 })) {
  bestBids.push(live.bids[0]![0]);
  if (bestBids.length === 3) break; // ends the stream and unsubscribes
}

// The account's orders as they change. Streams subscribe when iteration starts.
export const updates: string[] = [];
const following = (async () => {
  for await (const order of feed.watchOrders()) {
    updates.push(order.status);
    if (order.status === 'canceled') break;
  }
})();
await feed.userData(); // the account's stream is live: no update of the order below is missed

// Orders are checked and put on the instrument's grid before anything is sent:
// 0.1 + 0.2 is sent as "0.30000" and a buy at 50000.129 as "50000.12" (never more than asked).
export const placed: Order = await feed.placeOrder({
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'limit',
  quantity: 0.1 + 0.2,
  price: 50_000.129,
});
export const canceled = await feed.cancelOrder('BTC/USDT', placed.id);
await following;

await feed.disconnect(); // ends every stream, closes every socket
