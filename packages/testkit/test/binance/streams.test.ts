import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, startBinanceSim } from '@venuekit/testkit';
import { call, TestSocket } from './helpers.js';

type Level = [string, string];

/** Applies depth diffs to a REST snapshot like a Binance client (no sorting needed for equality). */
function applyDiffs(snapshot: { bids: Level[]; asks: Level[] }, diffs: Array<{ b: Level[]; a: Level[] }>) {
  const bids = new Map(snapshot.bids);
  const asks = new Map(snapshot.asks);
  for (const d of diffs) {
    for (const [p, q] of d.b)
      if (Number(q) === 0) bids.delete(p);
      else bids.set(p, q);
    for (const [p, q] of d.a)
      if (Number(q) === 0) asks.delete(p);
      else asks.set(p, q);
  }
  const sort = (m: Map<string, string>, desc: boolean) =>
    [...m].sort((x, y) => (desc ? Number(y[0]) - Number(x[0]) : Number(x[0]) - Number(y[0])));
  return { bids: sort(bids, true), asks: sort(asks, false) };
}

describe('Binance simulator market streams', () => {
  let sim: BinanceSim;
  beforeAll(async () => {
    sim = await startBinanceSim({
      market: 'both',
      symbols: [
        { symbol: 'BTCUSDT', levels: 200 },
        { symbol: 'ETHUSDT', levels: 200 },
      ],
      limits: { spot: { streamsPerConnection: 4 } },
    });
  });
  afterAll(() => sim.close());

  it('spot diffs on /ws/<stream> chain U = previous u + 1 and rebuild the true book', async () => {
    const s = await TestSocket.open(`${sim.wsUrl}/ws/btcusdt@depth@100ms`);
    await sim.waitForSubscribers('btcusdt@depth@100ms');
    const snap = (await call(sim.httpUrl, 'GET', '/api/v3/depth', 'symbol=BTCUSDT&limit=1000')).body;
    sim.market.step(300, 'BTCUSDT');
    const lastU = sim.bookSnapshot('BTCUSDT').lastUpdateId;
    await s.waitFor((m) => m.u === lastU);
    const diffs = s.messages;
    expect(diffs).toHaveLength(300);
    expect(diffs[0]).toMatchObject({ e: 'depthUpdate', s: 'BTCUSDT', U: snap.lastUpdateId + 1 });
    for (let i = 1; i < diffs.length; i++) expect(diffs[i].U).toBe(diffs[i - 1].u + 1);
    const truth = sim.bookSnapshot('BTCUSDT');
    expect(applyDiffs(snap, diffs)).toEqual({ bids: truth.bids, asks: truth.asks });
    await s.close();
  });

  it('an injected gap makes U jump past u + 1', async () => {
    const s = await TestSocket.open(`${sim.wsUrl}/ws/ethusdt@depth`);
    await sim.waitForSubscribers('ethusdt@depth');
    sim.market.step(3, 'ETHUSDT');
    sim.injectDepthGap('ETHUSDT');
    sim.market.step(2, 'ETHUSDT');
    const lastU = sim.bookSnapshot('ETHUSDT').lastUpdateId;
    await s.waitFor((m) => m.u === lastU);
    const [a, b, c, d] = s.messages;
    expect(b.U).toBe(a.u + 1);
    expect(c.U).toBe(b.u + 1);
    expect(d.U).toBeGreaterThan(c.u + 1);
    await s.close();
  });

  it('combined streams wrap messages as {stream, data}', async () => {
    const s = await TestSocket.open(
      `${sim.wsUrl}/stream?streams=btcusdt@depth/btcusdt@trade/btcusdt@kline_1m`,
    );
    await sim.waitForSubscribers('btcusdt@trade');
    sim.market.step(40, 'BTCUSDT');
    const trade = await s.waitFor((m) => m.stream === 'btcusdt@trade');
    expect(trade.data).toMatchObject({ e: 'trade', s: 'BTCUSDT', M: true });
    expect(trade.data.p).toMatch(/^\d+\.\d{8}$/);
    const depth = await s.waitFor((m) => m.stream === 'btcusdt@depth');
    expect(depth.data.e).toBe('depthUpdate');
    const kline = await s.waitFor((m) => m.stream === 'btcusdt@kline_1m');
    expect(kline.data.k).toMatchObject({ s: 'BTCUSDT', i: '1m' });
    await s.close();
  });

  it('SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS are acked by id; the stream cap is enforced', async () => {
    const s = await TestSocket.open(`${sim.wsUrl}/ws/0`);
    expect(
      await s.request({ method: 'SUBSCRIBE', params: ['btcusdt@depth@100ms', 'btcusdt@aggTrade'], id: 1 }),
    ).toEqual({ result: null, id: 1 });
    expect(await s.request({ method: 'LIST_SUBSCRIPTIONS', id: 'list-1' })).toEqual({
      result: ['btcusdt@depth@100ms', 'btcusdt@aggTrade'],
      id: 'list-1',
    });
    expect(await s.request({ method: 'UNSUBSCRIBE', params: ['btcusdt@aggTrade'], id: 2 })).toEqual({
      result: null,
      id: 2,
    });
    expect(await s.request({ method: 'GET_PROPERTY', params: ['combined'], id: 3 })).toEqual({
      result: false,
      id: 3,
    });
    const before = sim.violationDetails.byKind.wsStreamCap;
    const capped = await s.request({
      method: 'SUBSCRIBE',
      params: ['a@trade', 'b@trade', 'c@trade', 'd@trade'],
      id: 4,
    });
    expect(capped).toMatchObject({ code: 2, id: 4 });
    expect(sim.violationDetails.byKind.wsStreamCap).toBe(before + 1);
    sim.market.step(1, 'BTCUSDT');
    const diff = await s.waitFor((m) => m.e === 'depthUpdate');
    expect(diff.s).toBe('BTCUSDT');
    await s.close();
  });

  it('disconnects a client that sends more than 5 messages a second', async () => {
    sim.resetLimits();
    const s = await TestSocket.open(`${sim.wsUrl}/ws`);
    for (let i = 0; i < 6; i++) s.send({ method: 'LIST_SUBSCRIPTIONS', id: i });
    expect(await s.closed()).toBe(1008);
    expect(sim.violationDetails.byKind.wsMessageRate).toBe(1);
    expect(sim.violations).toBe(1);
    sim.resetLimits();
  });

  it('usdm depth on /public carries pu = previous u; /market serves aggTrade, not depth', async () => {
    const pub = await TestSocket.open(`${sim.wsUrl}/public/stream?streams=btcusdt@depth@100ms`);
    const mkt = await TestSocket.open(`${sim.wsUrl}/market/ws/btcusdt@aggTrade`);
    expect(await mkt.request({ method: 'SUBSCRIBE', params: ['btcusdt@depth'], id: 9 })).toEqual({
      result: null,
      id: 9,
    });
    await sim.waitForSubscribers('btcusdt@aggTrade', 1, { market: 'usdm' });
    sim.usdm!.venue.market.step(200, 'BTCUSDT');
    const last = sim.bookSnapshot('BTCUSDT', 'usdm').lastUpdateId;
    await pub.waitFor((m) => m.data.u === last);
    const diffs = pub.messages.map((m) => m.data);
    for (let i = 1; i < diffs.length; i++) expect(diffs[i].pu).toBe(diffs[i - 1].u);
    expect(diffs[0]).toMatchObject({ e: 'depthUpdate', s: 'BTCUSDT' });
    expect(diffs[0].T).toBeTypeOf('number');
    const agg = await mkt.waitFor((m) => m.e === 'aggTrade');
    expect(agg.nq).toBe(agg.q);
    expect(mkt.messages.some((m) => m.e === 'depthUpdate')).toBe(false);
    await pub.close();
    await mkt.close();
  });

  it('floods exactly N sequenced messages and the book still matches', async () => {
    const s = await TestSocket.open(`${sim.wsUrl}/ws/ethusdt@depth`);
    await sim.waitForSubscribers('ethusdt@depth');
    const snap = (await call(sim.httpUrl, 'GET', '/api/v3/depth', 'symbol=ETHUSDT&limit=1000')).body;
    expect(await sim.flood('ethusdt@depth', 2000)).toBe(1);
    const lastU = sim.bookSnapshot('ETHUSDT').lastUpdateId;
    await s.waitFor((m) => m.u === lastU);
    expect(s.messages).toHaveLength(2000);
    const truth = sim.bookSnapshot('ETHUSDT');
    expect(applyDiffs(snap, s.messages)).toEqual({ bids: truth.bids, asks: truth.asks });
    const t = await TestSocket.open(`${sim.wsUrl}/ws/ethusdt@trade`);
    await sim.waitForSubscribers('ethusdt@trade');
    await sim.flood('ethusdt@trade', 500);
    await t.waitFor(() => t.messages.length === 500);
    expect(new Set(t.messages.map((m) => m.t)).size).toBe(500);
    await s.close();
    await t.close();
  });

  it('disconnectAll24h closes every stream connection', async () => {
    const a = await TestSocket.open(`${sim.wsUrl}/ws/btcusdt@trade`);
    const b = await TestSocket.open(`${sim.wsUrl}/market/ws/btcusdt@aggTrade`);
    expect(sim.disconnectAll24h()).toBeGreaterThanOrEqual(2);
    expect(await a.closed()).toBe(1000);
    expect(await b.closed()).toBe(1000);
  });
});
