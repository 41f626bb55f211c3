import { type Order, WebSocketApp } from '@venuekit/base';
import { BybitDataStore, BybitPrivateStream, BybitRestClient } from '@venuekit/bybit/plugin';
import { startBybitSim } from '@venuekit/testkit';

await using sim = await startBybitSim({ categories: ['spot'] }); // in production: leave the URLs out
const credentials = { apiKey: 'XXXXXXXXXX', secret: 'test-secret' };
await using rest = new BybitRestClient({
  apiKey: credentials.apiKey,
  apiSecret: credentials.secret,
  baseUrl: sim.httpUrl,
});

// 1. The private stream: every (re)connect sends `auth` (expires + HMAC of "GET/realtime" + expires)
//    before the topics are (re)subscribed. A refused key rejects connect() with AuthenticationError.
await using stream = new BybitPrivateStream({
  credentials,
  url: sim.urls.private, // or environment: 'testnet' | 'demo'
  topics: ['order', 'execution', 'wallet'], // default: order, execution, wallet, position
  reconnect: { initialDelayMs: 10 }, // the default waits 3 s before the first retry
});
const authentications: number[] = [];
stream.on('authenticated', ({ count }) => authentications.push(count));
await stream.connect();
const orders = stream.watchOrders()[Symbol.asyncIterator](); // also watchFills, watchBalances, watchPositions

// 2. A store of everything the streams say (after pybotters): fed by the private stream's raw
//    messages and by a public socket, seeded from REST with initialize().
const store = new BybitDataStore();
stream.on('message', (message) => store.onmessage(message));
await store.initialize({ path: '/v5/order/realtime', data: await rest.orders({ category: 'spot' }) });
const market = WebSocketApp.connect(sim.urls.publicSpot, {
  send: { op: 'subscribe', args: ['orderbook.50.BTCUSDT', 'publicTrade.BTCUSDT'] },
  onJson: store.onmessage, // with the socket given, a gap in `u` resubscribes the book topic
});
await sim.waitForSubscribers('orderbook.50.BTCUSDT', 1, { category: 'spot' }); // tests only
sim.market.step(20); // the simulator's market moves (Bybit's does by itself)

// 3. An order's life on the stream. Acknowledgements are asynchronous: the event is the truth.
const ack = await rest.placeOrder('spot', {
  symbol: 'BTCUSDT',
  side: 'buy',
  type: 'limit',
  quantity: 0.001,
  price: 50_000,
});
const placed: Order = (await orders.next()).value;
const restingInStore = store.order.get({ orderId: ack.orderId }) !== undefined;

// 4. Bybit drops the connection: the stream reconnects, authenticates again, then resubscribes.
sim.disconnectAll();
await new Promise((resolve) => stream.events.once('authenticated', resolve));
await rest.cancelOrder({ category: 'spot', symbol: 'BTCUSDT', orderId: ack.orderId });
const canceled: Order = (await orders.next()).value;
const bestBid = store.orderbook.best('BTCUSDT').bid;
await orders.return?.();
await market.close();

export { authentications, bestBid, canceled, placed, restingInStore, store };
