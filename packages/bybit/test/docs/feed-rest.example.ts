import { ExchangeRegistry, silentLogger } from '@venuekit/base';
import { bybitPlugin } from '@venuekit/bybit/plugin';
import { startBybitSim } from '@venuekit/testkit';

await using sim = await startBybitSim(); // in production: leave `urls` out
sim.startStreaming({ intervalMs: 20 });
const registry = ExchangeRegistry.createIsolated().use(bybitPlugin); // or `import '@venuekit/bybit'`
await using feed = registry.createFeed('BYBIT___SPOT', {
  credentials: { apiKey: 'XXXXXXXXXX', secret: 'test-secret' },
  urls: { ...sim.urls },
  logger: silentLogger,
});

export const ticker = await feed.getTicker('BTC/USDT'); // venue (BTCUSDT) or unified symbols
export const bars = await feed.getKlines('BTC/USDT', '1h', { limit: 3 }); // or Bybit's '60'

export let bookDepth = 0;
for await (const book of feed.watchOrderBook('BTC/USDT', { limit: 5 })) {
  bookDepth = Math.min(book.bids.length, book.asks.length); // 5
  break; // ends the stream cleanly
}

// placeOrder resolves on Bybit's (asynchronous) acknowledgement: status 'open', nothing filled yet.
// Every order carries an orderLinkId (yours, or a generated `vk…` one): getOrder / cancelOrder take
// it as well as Bybit's orderId.
export const order = await feed.placeOrder({
  symbol: 'BTC/USDT',
  side: 'buy',
  type: 'market',
  quantity: 0.01,
});
sim.flushOrders(); // the simulator's matching engine takes the order in (Bybit does this by itself)
export const final = await feed.getOrder('BTC/USDT', order.clientOrderId!); // status 'filled'
sim.stopStreaming();
