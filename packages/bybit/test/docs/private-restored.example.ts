import { BybitPrivateStream, BybitRestClient } from '@venuekit/bybit/plugin';
import { startBybitSim } from '@venuekit/testkit';

await using sim = await startBybitSim({ categories: ['spot'] }); // in production: leave the URLs out
const credentials = { apiKey: 'XXXXXXXXXX', secret: 'test-secret' };
await using rest = new BybitRestClient({
  apiKey: credentials.apiKey,
  apiSecret: credentials.secret,
  baseUrl: sim.httpUrl,
});
await using stream = new BybitPrivateStream({
  credentials,
  url: sim.urls.private,
  reconnect: { initialDelayMs: 200, jitter: 0 }, // the default waits 3 s before the first retry
});
const events: string[] = [];
stream.on('connectionClose', ({ code }) => events.push(`connectionClose ${code}`));
stream.on('authenticated', ({ count }) => events.push(`authenticated ${count}`));
stream.on('restored', ({ topicCount }) => events.push(`restored ${topicCount} topics`));
await stream.connect();

// While the socket is down nothing is pushed: orders may be placed (by another program), fill or be
// canceled unseen. `restored` comes once a reconnect has authenticated again and every topic is
// subscribed again; reconcile over REST then: open orders, executions since `downSince`, wallet.
const restored = new Promise<{ downSince: number; downtimeMs: number }>((resolve) =>
  stream.events.once('restored', resolve),
);
sim.faults.dropAll(); // the connection drops (a network blip, a Bybit restart)
await rest.placeOrder('spot', {
  symbol: 'BTCUSDT',
  side: 'buy',
  type: 'limit',
  quantity: 0.001,
  price: 40_000,
  clientOrderId: 'while-down',
}); // the stream is down: its order event is never pushed
const { downSince, downtimeMs } = await restored;
const open = await rest.orders({ category: 'spot' }); // GET /v5/order/realtime: what is open now
const missed = open.list.filter((o) => o.orderLinkId === 'while-down');
const seen = [...events]; // before `await using` closes the stream

export { downSince, downtimeMs, missed, seen };
