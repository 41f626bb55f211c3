// The feeds' private side against the Bybit simulator: watchOrders yields this category's order
// updates for an order placed over REST (and not the other category's), watchBalances starts with
// the REST snapshot and then follows the wallet after a fill; both need credentials.
import { type Balance, ConfigError, ExchangeRegistry, silentLogger, type VenueFeed } from '@venuekit/base';
import { bybitPlugin } from '@venuekit/bybit/plugin';
import { BYBIT_SIM_DEFAULT_KEY, type BybitSim, startBybitSim } from '@venuekit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sim: BybitSim;

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
let spot: VenueFeed;
let linear: VenueFeed;
const registry = ExchangeRegistry.createIsolated().use(bybitPlugin);

beforeAll(async () => {
  sim = await startBybitSim();
  sim.market.step(20);
  const credentials = { apiKey: BYBIT_SIM_DEFAULT_KEY.apiKey, secret: BYBIT_SIM_DEFAULT_KEY.secret };
  spot = registry.createFeed('BYBIT___SPOT', { credentials, urls: { ...sim.urls }, logger: silentLogger });
  linear = registry.createFeed('BYBIT___LINEAR', {
    credentials,
    urls: { ...sim.urls },
    logger: silentLogger,
  });
});
afterAll(async () => {
  await spot.disconnect();
  await linear.disconnect();
  await sim.close();
});

describe('private streams of the feeds', () => {
  it('watchOrders yields this category’s order updates only', async () => {
    const seen: string[] = [];
    const iterator = spot.watchOrders()[Symbol.asyncIterator]();
    const first = iterator.next();
    // Auth ack and subscribe ack sent: the simulator now routes this account's order events.
    const sentBefore = sim.stats.wsMessagesSent;
    await until(() => sim.stats.openWsConnections === 1 && sim.stats.wsMessagesSent >= sentBefore + 2);
    await linear.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.001 });
    const placed = await spot.placeOrder({
      symbol: 'BTC/USDT',
      side: 'buy',
      type: 'market',
      quantity: 0.001,
      clientOrderId: 'watched-1',
    });
    sim.flushOrders();
    let next = await first;
    while (!next.done) {
      seen.push(`${next.value.symbol}:${next.value.id}:${next.value.status}`);
      expect(next.value.id).toBe(placed.id);
      if (next.value.status === 'filled') break;
      next = await iterator.next();
    }
    await iterator.return?.();
    expect(seen.at(-1)).toBe(`BTCUSDT:${placed.id}:filled`);
  });

  it('watchBalances starts from the REST snapshot, then follows the wallet', async () => {
    const iterator = spot.watchBalances()[Symbol.asyncIterator]();
    const snapshot = await iterator.next();
    const usdtBefore = (snapshot.value as Balance[]).find((b) => b.asset === 'USDT')!.total;
    await spot.placeOrder({ symbol: 'BTCUSDT', side: 'buy', type: 'market', quantity: 0.002 });
    sim.flushOrders();
    const change = await iterator.next();
    const usdt = (change.value as Balance[]).find((b) => b.asset === 'USDT');
    expect(usdt!.total).toBeLessThan(usdtBefore);
    await iterator.return?.();
  });

  it('needs credentials', () => {
    const anonymous = registry.createFeed('BYBIT___SPOT', { urls: { ...sim.urls }, logger: silentLogger });
    expect(() => anonymous.watchOrders()).toThrow(ConfigError);
    expect(() => anonymous.watchBalances()).toThrow(ConfigError);
  });
});
