import {
  type Balance,
  type Bar,
  ExchangeRegistry,
  type Order,
  silentLogger,
  type Ticker,
  type Trade,
} from '@venuekit/base';
import { type BybitFeedOptions, bybitPlugin } from '@venuekit/bybit/plugin';
import { startBybitSim } from '@venuekit/testkit';

await using sim = await startBybitSim(); // in production: leave `urls` out
sim.startStreaming({ intervalMs: 10 });
const registry = ExchangeRegistry.createIsolated().use(bybitPlugin); // or `import '@venuekit/bybit'`
const options: BybitFeedOptions = {
  credentials: { apiKey: 'XXXXXXXXXX', secret: 'test-secret' },
  urls: { ...sim.urls },
  logger: silentLogger,
  bookDepth: 200, // the local books behind watchOrderBook: 1, 50 (default), 200 or 1000 levels
};
await using feed = registry.createFeed('BYBIT___SPOT', options);

// Public: each iterable subscribes when iteration starts and unsubscribes on break / return / signal.
let ticker: Ticker | undefined;
for await (ticker of feed.watchTicker('BTC/USDT')) break; // spot: no bid / ask; linear: deltas merged
const abort = new AbortController();
const trades: Trade[] = [];
for await (const trade of feed.watchTrades('BTCUSDT', { signal: abort.signal, overflow: 'dropOldest' })) {
  if (trades.push(trade) === 3) abort.abort(); // a signal ends the loop cleanly too
}
let bar: Bar | undefined;
for await (bar of feed.watchKlines('BTCUSDT', '1')) break; // the running candle: closed === false

// Private: the stream authenticates (and re-authenticates after every reconnect) by itself.
const balances: AsyncIterator<Balance[]> = feed.watchBalances()[Symbol.asyncIterator]();
const before = (await balances.next()).value; // first from REST (Bybit pushes no wallet snapshot)
const orders: AsyncIterator<Order> = feed.watchOrders()[Symbol.asyncIterator]();
const first = orders.next(); // listens at once: the stream is already up (watchBalances opened it)
const price = Math.round(ticker!.last! * 1.01); // 1% above the last price: fills at once
const placed = await feed.placeOrder({
  symbol: 'BTCUSDT',
  side: 'buy',
  type: 'limit',
  quantity: 0.01,
  price,
});
const update: Order = (await first).value; // the order as the matching engine took it in
const after = (await balances.next()).value; // the wallet after the fill (only the coins that changed)
await Promise.all([orders.return?.(), balances.return?.()]);
sim.stopStreaming();

export { after, bar, before, placed, ticker, trades, update };
