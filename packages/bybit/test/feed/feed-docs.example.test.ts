// The feed example of docs/bybit.md, run against the Bybit simulator so it cannot go stale. Keep
// it in step with the document.
import { silentLogger } from '@venuekit/base';
import { bybitPlugin } from '@venuekit/bybit/plugin';
import { ExchangeRegistry } from '@venuekit/base';
import { startBybitSim } from '@venuekit/testkit';
import { expect, it } from 'vitest';

it('docs/bybit.md feed example runs', async () => {
  const logged: unknown[][] = [];
  const console = { log: (...args: unknown[]) => logged.push(args) };
  // --- example start ---
  await using sim = await startBybitSim(); // in production: leave `urls` out
  sim.startStreaming({ intervalMs: 20 });
  const registry = ExchangeRegistry.createIsolated().use(bybitPlugin); // or `import '@venuekit/bybit'` and the global registry
  const feed = registry.createFeed('BYBIT___SPOT', {
    credentials: { apiKey: 'XXXXXXXXXX', secret: 'test-secret' },
    urls: { ...sim.urls },
    logger: silentLogger,
  });

  const ticker = await feed.getTicker('BTC/USDT'); // venue (BTCUSDT) or unified symbols
  console.log(ticker.symbol, ticker.bid! < ticker.ask!); // BTCUSDT true

  for await (const book of feed.watchOrderBook('BTC/USDT', { limit: 5 })) {
    console.log(book.bids.length, book.asks.length); // 5 5
    break; // ends the stream cleanly
  }

  // placeOrder resolves on Bybit's (asynchronous) acknowledgement: status 'open', nothing filled yet.
  const order = await feed.placeOrder({ symbol: 'BTC/USDT', side: 'buy', type: 'market', quantity: 0.01 });
  console.log(order.status, order.filledQuantity); // open 0
  sim.flushOrders(); // the simulator's matching engine takes the order in (Bybit does this by itself)
  const final = await feed.getOrder('BTC/USDT', order.id);
  console.log(final.status, final.filledQuantity); // filled 0.01
  sim.stopStreaming();
  await feed.disconnect(); // ends every stream, closes sockets and the REST client
  // --- example end ---
  expect(logged).toEqual([
    ['BTCUSDT', true],
    [5, 5],
    ['open', 0],
    ['filled', 0.01],
  ]);
});
