import { FakeClock, InsufficientFundsError, silentLogger } from '@venuekit/base';
import {
  BybitClientCache,
  BybitHttpClient,
  BybitRestClient,
  BybitSessionManager,
  parseKlines,
  parseOrder,
} from '@venuekit/bybit/plugin';
import { startBybitSim } from '@venuekit/testkit';

await using sim = await startBybitSim(); // in production: leave baseUrl out (api.bybit.com)
const credentials = { apiKey: 'XXXXXXXXXX', apiSecret: 'test-secret', logger: silentLogger };

// 1. One connection pool for the whole process (optional; without it each client has its own).
BybitSessionManager.setup({ maxConnections: 2000 });

// 2. The aiobybit interface: get/post/put/delete resolve to `result`; retCode ≠ 0 throws a typed error.
await using client = new BybitHttpClient({ ...credentials, baseUrl: sim.httpUrl });
const tickers = await client.get<{ list: Array<{ symbol: string }> }>('/v5/market/tickers', {
  category: 'spot',
});
export const shared = client.usesSharedSession; // true
export let refusedCode: number | string | undefined;
try {
  // Amounts may be numbers: qty, price, triggerPrice, takeProfit and stopLoss are sent as strings.
  await client.post('/v5/order/create', {
    category: 'linear',
    symbol: 'BTCUSDT',
    side: 'Buy',
    orderType: 'Limit',
    qty: 500,
    price: 60000,
  });
} catch (error) {
  if (error instanceof InsufficientFundsError) refusedCode = error.code; // 110007
}

// 3. Typed endpoints. Klines come back oldest first; order acks are asynchronous.
await using rest = new BybitRestClient({ ...credentials, baseUrl: sim.httpUrl });
const rows = await rest.klines('linear', 'BTCUSDT', '1', { limit: 3 });
export const bars = parseKlines(
  rows,
  '1',
  { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT:USDT' },
  await rest.serverTime(),
);
const ack = await rest.placeOrder('spot', { symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.01 });
sim.flushOrders(); // the simulator's matching engine takes the order in (Bybit does this by itself)
const wire = await rest.findOrder({ category: 'spot', symbol: 'BTCUSDT', orderId: ack.orderId }); // realtime, then history
export const order = parseOrder(wire!, { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' }); // filledQuantity 0.01

// 4. Cached clients: one per set of parameters for 10 minutes. The cache never closes a client
//    (a service may still hold it); its holder does, and a closed client is a miss.
const clock = new FakeClock(); // tests only; leave `clock` out in production
const cache = new BybitClientCache({ clock }); // or the static BybitClientCache.getOrCreate(...)
const params = { ...credentials, baseUrl: sim.httpUrl };
let first: BybitHttpClient;
{
  await using cached = cache.getOrCreate(params); // the seed's `async with`
  first = cached;
  await cached.get('/v5/market/time');
} // closed here
export const replaced = cache.getOrCreate(params) !== first; // true: a fresh client
clock.advance(600_000);
export const expired = cache.cleanupExpired(); // 1 (removed, not closed)

export const symbols = tickers.list.length;
await BybitSessionManager.close(); // at shutdown
