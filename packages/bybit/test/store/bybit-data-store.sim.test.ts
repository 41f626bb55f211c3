// BybitDataStore fed by real sockets to the Bybit simulator: a WebSocketApp passes every public
// frame to `onmessage` (the book follows the simulator through a sequence jump — resynced over the
// same socket — and a `u = 1` restart; trades, merged tickers and klines accumulate), the private
// stream's messages fill orders, executions, positions and wallet, and `initialize` seeds the
// stores from REST responses.
import { WebSocketApp } from '@venuekit/base';
import { BYBIT_SIM_DEFAULT_KEY, startBybitSim } from '@venuekit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { BybitPrivateStream } from '../../src/private/index.js';
import { BybitDataStore } from '../../src/store/index.js';
import { BybitPublicStreams } from '../../src/streams/index.js';
import { signedGet, signedPost } from '../private/signed-rest.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('BybitDataStore', () => {
  it('public frames: the book follows the simulator through a jump and a restart; trades, tickers, klines', async () => {
    const sim = await startBybitSim({ categories: ['linear'] });
    cleanups.push(() => sim.close());
    const store = new BybitDataStore();
    const topics = ['orderbook.50.BTCUSDT', 'publicTrade.BTCUSDT', 'tickers.BTCUSDT', 'kline.1.BTCUSDT'];
    const app = WebSocketApp.connect(sim.urls.publicLinear, {
      send: { op: 'subscribe', args: topics },
      onJson: store.onmessage,
    });
    cleanups.push(() => app.close());
    for (const t of topics) await sim.waitForSubscribers(t, 1, { category: 'linear' });
    const truth = () => {
      const s = sim.bookSnapshot('linear', 'BTCUSDT', 50);
      return JSON.stringify({
        asks: s.asks.map(([p, q]) => [+p, +q]),
        bids: s.bids.map(([p, q]) => [+p, +q]),
      });
    };
    const same = () => JSON.stringify(store.orderbook.sorted({ symbol: 'BTCUSDT' })) === truth();
    sim.market.step(300, 'BTCUSDT');
    await until(same, 'the book');
    // A hidden change outside the top 50 sends nothing, so no `u` is skipped: jump until one shows.
    for (let i = 0; i < 30 && store.resyncs === 0; i++) {
      sim.injectSequenceJump('BTCUSDT', 'linear');
      sim.market.step(5, 'BTCUSDT');
      await until(() => store.book('BTCUSDT')!.live && same(), `the book after jump ${i}`);
    }
    expect(store.resyncs).toBeGreaterThan(0);
    expect(store.book('BTCUSDT')!.stats.gaps).toBe(store.resyncs);
    sim.injectReset('BTCUSDT', 'linear');
    await until(() => store.book('BTCUSDT')!.stats.resets === 1 && same(), 'the u = 1 reset');
    sim.market.step(50, 'BTCUSDT');
    await until(same, 'the book after the reset');
    expect(store.trade.size).toBeGreaterThan(0);
    const bestBid = Number(sim.bookSnapshot('linear', 'BTCUSDT', 1).bids[0]![0]);
    await until(
      () => Number(store.ticker.get({ symbol: 'BTCUSDT' })?.bid1Price) === bestBid,
      'the merged ticker',
    );
    const ticker = store.ticker.get({ symbol: 'BTCUSDT' })!;
    expect(ticker.markPrice).toBeDefined(); // kept from the snapshot though deltas omit it
    expect(store.kline.find({ symbol: 'BTCUSDT', interval: '1' }).length).toBeGreaterThan(0);
  });

  it('fed through BybitPublicStreams, a gap resyncs the book with resubscribe beside other listeners', async () => {
    const sim = await startBybitSim({ categories: ['linear'] });
    cleanups.push(() => sim.close());
    const streams = new BybitPublicStreams({ category: 'linear', url: sim.urls.publicLinear });
    cleanups.push(() => streams.close());
    const store = new BybitDataStore();
    const topic = 'orderbook.50.BTCUSDT';
    let other = 0;
    await streams.subscribe(topic, () => {
      other++;
    });
    await streams.subscribe(topic, (m) => store.onmessage(m, streams));
    const truth = () => {
      const s = sim.bookSnapshot('linear', 'BTCUSDT', 50);
      return JSON.stringify({
        asks: s.asks.map(([p, q]) => [+p, +q]),
        bids: s.bids.map(([p, q]) => [+p, +q]),
      });
    };
    const same = () => JSON.stringify(store.orderbook.sorted({ symbol: 'BTCUSDT' })) === truth();
    // The store joined a live topic: its first delta asks for the snapshot it missed.
    sim.market.step(50, 'BTCUSDT');
    await until(() => store.book('BTCUSDT')?.live === true && same(), 'the book after joining');
    for (let i = 0; i < 30 && store.book('BTCUSDT')!.stats.gaps === 0; i++) {
      sim.injectSequenceJump('BTCUSDT', 'linear');
      sim.market.step(5, 'BTCUSDT');
      await until(() => store.book('BTCUSDT')!.live && same(), `the book after jump ${i}`);
    }
    expect(store.book('BTCUSDT')!.stats.gaps).toBeGreaterThan(0);
    expect(store.resyncs).toBeGreaterThan(1);
    expect(other).toBeGreaterThan(0);
  });

  it('two depths of one symbol on one socket: the book follows the later snapshot, with no resync storm', async () => {
    const sim = await startBybitSim({ categories: ['linear'] });
    cleanups.push(() => sim.close());
    const store = new BybitDataStore();
    const topics = ['orderbook.50.BTCUSDT', 'orderbook.200.BTCUSDT'];
    const app = WebSocketApp.connect(sim.urls.publicLinear, {
      send: { op: 'subscribe', args: topics },
      onJson: store.onmessage,
    });
    cleanups.push(() => app.close());
    for (const t of topics) await sim.waitForSubscribers(t, 1, { category: 'linear' });
    const truth = () => {
      const s = sim.bookSnapshot('linear', 'BTCUSDT', 200);
      return JSON.stringify({
        asks: s.asks.map(([p, q]) => [+p, +q]),
        bids: s.bids.map(([p, q]) => [+p, +q]),
      });
    };
    sim.market.step(300, 'BTCUSDT');
    await until(
      () =>
        store.otherDepthMessages > 0 &&
        JSON.stringify(store.orderbook.sorted({ symbol: 'BTCUSDT' })) === truth(),
      'the 200-level book',
    );
    const book = store.book('BTCUSDT')!;
    expect(book.depth).toBe(200);
    expect(book.live).toBe(true);
    expect(store.resyncs).toBe(0);
    expect(book.stats.gaps + book.stats.resets).toBe(0);
  });

  it('private messages and REST responses fill orders, executions, positions and wallet', async () => {
    const sim = await startBybitSim();
    cleanups.push(() => sim.close());
    const store = new BybitDataStore();
    await store.initialize(
      signedGet(sim.httpUrl, '/v5/account/wallet-balance', 'accountType=UNIFIED'),
      signedGet(sim.httpUrl, '/v5/position/list', 'category=linear&settleCoin=USDT'),
      fetch(`${sim.httpUrl}/v5/market/tickers?category=spot`).then(async (r) => ({
        url: r.url,
        data: await r.json(),
      })),
      fetch(`${sim.httpUrl}/v5/market/kline?category=spot&symbol=BTCUSDT&interval=5&limit=3`).then(
        async (r) => ({
          url: r.url,
          data: await r.json(),
        }),
      ),
    );
    expect(store.wallet.get({ accountType: 'UNIFIED', coin: 'USDT' })).toBeDefined();
    expect(store.ticker.get({ symbol: 'BTCUSDT' })).toBeDefined();
    const klines = store.kline.find({ symbol: 'BTCUSDT', interval: '5' });
    expect(klines).toHaveLength(3);
    expect(klines[0]!.start).toBeLessThan(klines[2]!.start); // REST newest-first, stored oldest-first
    await expect(store.initialize({ path: '/v5/unknown', data: {} })).rejects.toThrow(/no store/);

    const stream = new BybitPrivateStream({
      credentials: { apiKey: BYBIT_SIM_DEFAULT_KEY.apiKey, secret: BYBIT_SIM_DEFAULT_KEY.secret },
      url: sim.urls.private,
    });
    cleanups.push(() => stream.close());
    stream.on('message', (m) => store.onmessage(m));
    await stream.connect();
    const resting = await signedPost(sim.httpUrl, '/v5/order/create', {
      category: 'spot',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.001',
      price: '1000',
      orderLinkId: 'rest-1',
    });
    const orderId = (resting.result as { orderId: string }).orderId;
    await until(() => store.order.get({ orderId }) !== undefined, 'the open order');
    await signedPost(sim.httpUrl, '/v5/order/cancel', { category: 'spot', symbol: 'BTCUSDT', orderId });
    await until(() => store.order.get({ orderId }) === undefined, 'the cancel to remove it');
    const ask = sim.bookSnapshot('linear', 'BTCUSDT', 1).asks[0]![0];
    await signedPost(sim.httpUrl, '/v5/order/create', {
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.01',
      price: ask,
    });
    await until(() => store.execution.size > 0, 'the execution');
    await until(
      () =>
        Number(store.position.get({ category: 'linear', symbol: 'BTCUSDT', positionIdx: 0 })?.size) === 0.01,
      'the position',
    );
  });
});
