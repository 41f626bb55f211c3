// The simulator's order and position queries as Bybit pages them: `/v5/position/list` serves
// `limit` positions a page (20 by default) with `nextPageCursor`; `/v5/order/realtime` lists
// closed orders only among the 500 most recent, `/v5/order/history` lists older ones too.
import { type BybitSim, startBybitSim } from '@venuekit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Json, manualClock, signedGet, signedPost } from './helpers.js';

describe('Bybit simulator paging of positions and orders', () => {
  const clock = manualClock(Date.UTC(2026, 6, 1, 9));
  let sim: BybitSim;
  const create = (body: object) => signedPost(sim.httpUrl, '/v5/order/create', body, clock.now());
  const list = async (path: string, query: string): Promise<Json> =>
    (await signedGet(sim.httpUrl, path, query, clock.now())).body.result;

  beforeAll(async () => {
    sim = await startBybitSim({
      clock,
      symbols: [{ symbol: 'BTCUSDT' }, { symbol: 'ETHUSDT' }, { symbol: 'SOLUSDT' }],
      balances: { USDT: '10000000', BTC: '100' },
      limits: { enabled: false },
      orderAckDelayMs: 60_000,
    });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('pages open positions of a settle coin by limit and cursor', async () => {
    for (const symbol of ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'])
      await create({ category: 'linear', symbol, side: 'Buy', orderType: 'Market', qty: '1' });
    sim.flushOrders();
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 5; page++) {
      const r = await list(
        '/v5/position/list',
        `category=linear&settleCoin=USDT&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(r.list.length).toBeLessThanOrEqual(2);
      seen.push(...r.list.map((p: Json) => p.symbol));
      cursor = r.nextPageCursor;
      if (cursor === '') break;
    }
    expect(seen.sort()).toEqual(['BTCUSDT', 'ETHUSDT', 'SOLUSDT']);
    const all = await list('/v5/position/list', 'category=linear&settleCoin=USDT&limit=200');
    expect([all.list.length, all.nextPageCursor]).toEqual([3, '']);
  });

  it('realtime shows the 500 most recent closed orders; history has the older ones', async () => {
    const first = await create({
      category: 'spot',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Market',
      qty: '0.1',
      marketUnit: 'baseCoin',
      orderLinkId: 'first',
    });
    expect(first.body.retCode).toBe(0);
    for (let n = 0; n < 500; n++)
      await create({
        category: 'spot',
        symbol: 'BTCUSDT',
        side: n % 2 ? 'Buy' : 'Sell',
        orderType: 'Market',
        qty: '0.1',
        marketUnit: 'baseCoin',
      });
    sim.flushOrders();
    const realtime = await list('/v5/order/realtime', 'category=spot&orderLinkId=first');
    expect(realtime.list).toEqual([]);
    const closed = await list('/v5/order/realtime', 'category=spot&openOnly=1&limit=50');
    expect(closed.list).toHaveLength(50);
    const history = await list('/v5/order/history', 'category=spot&orderLinkId=first');
    expect(history.list).toHaveLength(1);
    expect(history.list[0]).toMatchObject({ orderId: first.body.result.orderId, orderStatus: 'Filled' });
    const page = await list('/v5/order/history', 'category=spot&limit=50');
    expect([page.list.length, page.nextPageCursor]).toEqual([50, '50']);
  });
});
