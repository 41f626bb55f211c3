// The example of docs/bybit.md (REST, sessions and the client cache), run against the Bybit
// simulator so it cannot go stale. Keep it in step with the document.
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
import { expect, it } from 'vitest';

it('docs/bybit.md example runs', async () => {
  const logged: unknown[][] = [];
  const console = { log: (...args: unknown[]) => logged.push(args) };
  // --- example start ---
  await using sim = await startBybitSim(); // in production: leave baseUrl out (api.bybit.com)
  const credentials = { apiKey: 'XXXXXXXXXX', apiSecret: 'test-secret' };

  // 1. One connection pool for the whole process (optional; without it each client has its own).
  BybitSessionManager.setup({ maxConnections: 2000 });

  // 2. The aiobybit interface: get/post resolve to `result`; retCode ≠ 0 throws a typed error.
  await using client = new BybitHttpClient({ ...credentials, baseUrl: sim.httpUrl, logger: silentLogger });
  const tickers = await client.get<{ list: Array<{ symbol: string }> }>('/v5/market/tickers', {
    category: 'spot',
  });
  console.log(tickers.list.length > 0, client.usesSharedSession); // true true
  try {
    await client.post('/v5/order/create', {
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '500',
      price: '60000',
    });
  } catch (error) {
    if (error instanceof InsufficientFundsError) console.log(error.code); // 110007
  }

  // 3. Typed endpoints. Klines come back oldest first; order acks are asynchronous.
  await using rest = new BybitRestClient({ ...credentials, baseUrl: sim.httpUrl, logger: silentLogger });
  const rows = await rest.klines('linear', 'BTCUSDT', '1', { limit: 3 });
  const bars = parseKlines(
    rows,
    '1',
    { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT:USDT' },
    await rest.serverTime(),
  );
  console.log(bars.length, bars[0]!.openTime < bars[2]!.openTime); // 3 true
  const ack = await rest.placeOrder('spot', {
    symbol: 'BTCUSDT',
    side: 'buy',
    type: 'market',
    quantity: 0.01,
  });
  sim.flushOrders(); // the simulator's matching engine takes the order in (Bybit does this by itself)
  const order = await rest.getOrder({ category: 'spot', symbol: 'BTCUSDT', orderId: ack.orderId });
  console.log(parseOrder(order!, { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' }).filledQuantity); // 0.01

  // 4. Cached clients: one per set of parameters for 10 minutes, closed when they expire.
  const clock = new FakeClock(); // tests only; leave `clock` out in production
  const cache = new BybitClientCache({ clock }); // or the static BybitClientCache.getOrCreate(...)
  const a = cache.getOrCreate({ ...credentials, testnet: true });
  console.log(a === cache.getOrCreate({ ...credentials, testnet: true })); // true
  clock.advance(600_000);
  console.log(cache.cleanupExpired(), a.closed); // 1 true

  await BybitSessionManager.close(); // at shutdown
  // --- example end ---
  expect(logged).toEqual([[true, true], [110007], [3, true], [0.01], [true], [1, true]]);
});
