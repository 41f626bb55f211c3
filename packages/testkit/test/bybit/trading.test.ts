// The matching engine over REST: spot / linear order checks, quote-sized market buys, maker fills
// of resting orders, PostOnly / FOK / IOC, positions and realised PnL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BybitSim, startBybitSim } from '@venuekit/testkit';
import {
  get,
  type Json,
  KEY,
  manualClock,
  SECRET,
  signedGet,
  signedPost,
  TestSocket,
  hmac,
} from './helpers.js';
import { privateRequest } from './private-control.js';

describe('Bybit simulator matching engine', () => {
  const clock = manualClock(Date.UTC(2026, 6, 1, 9));
  let sim: BybitSim;
  let ws: TestSocket;
  const create = (body: object) => signedPost(sim.httpUrl, '/v5/order/create', body, clock.now());
  const order = async (category: string, orderId: string): Promise<Json> =>
    (
      await signedGet(
        sim.httpUrl,
        '/v5/order/realtime',
        `category=${category}&symbol=BTCUSDT&orderId=${orderId}`,
        clock.now(),
      )
    ).body.result.list[0];
  const wallet = async (): Promise<Record<string, Json>> => {
    const list = (
      await signedGet(sim.httpUrl, '/v5/account/wallet-balance', 'accountType=UNIFIED', clock.now())
    ).body.result.list[0];
    return Object.fromEntries(list.coin.map((c: Json) => [c.coin, c]));
  };

  beforeAll(async () => {
    sim = await startBybitSim({
      clock,
      symbols: [{ symbol: 'BTCUSDT', levels: 60 }],
      balances: { USDT: '50000', BTC: '1' },
      orderAckDelayMs: 60_000,
    });
    ws = await TestSocket.open(sim.urls.private);
    const expires = clock.now() + 3_600_000;
    await privateRequest(ws, {
      req_id: 'a',
      op: 'auth',
      args: [KEY, expires, hmac(SECRET, `GET/realtime${expires}`)],
    });
    await privateRequest(ws, { req_id: 's', op: 'subscribe', args: ['order', 'execution'] });
  });
  afterAll(async () => {
    await ws.close();
    await sim.close();
  });

  it('validates spot orders with the spot codes and refuses what it does not simulate', async () => {
    const base = { category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Limit', price: '50000' };
    expect((await create({ ...base, qty: '0.0000001' })).body.retCode).toBe(170137);
    expect((await create({ ...base, qty: '0.00001' })).body.retCode).toBe(170136);
    expect((await create({ ...base, qty: '0.001', price: '50000.001' })).body.retCode).toBe(170134);
    expect((await create({ ...base, qty: '0.001', side: 'buy' })).body.retCode).toBe(170117);
    expect((await create({ ...base, qty: '0.001', symbol: 'DOGEUSDT' })).body.retCode).toBe(170121);
    expect((await create({ ...base, qty: '2' })).body).toMatchObject({
      retCode: 170131,
      retMsg: 'Balance insufficient',
    });
    expect((await create({ ...base, qty: '0.001', triggerPrice: '49000' })).body.retCode).toBe(10001);
    expect((await create({ ...base, category: 'linear', qty: '0.001', positionIdx: 1 })).body.retCode).toBe(
      10001,
    );
    expect((await create({ ...base, category: 'linear', qty: '50' })).body).toMatchObject({
      retCode: 110007,
    });
    expect((await create({ ...base, category: 'linear', qty: '0.00001' })).body.retCode).toBe(10001);
    expect((await create({ ...base, category: 'linear', qty: '0.001', reduceOnly: true })).body.retCode).toBe(
      110017,
    );
    expect(
      (await create({ category: 'spot', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '0.5' }))
        .body.retCode,
    ).toBe(170140);
    const unknown = await signedPost(
      sim.httpUrl,
      '/v5/order/cancel',
      { category: 'linear', symbol: 'BTCUSDT', orderId: 'nope' },
      clock.now(),
    );
    expect(unknown.body).toMatchObject({ retCode: 110001, retMsg: 'Order does not exist' });
    expect(sim.pendingOrders).toBe(0);
  });

  it('sizes spot market buys in the quote coin by default and in base with marketUnit=baseCoin', async () => {
    const before = await wallet();
    const quote = await create({
      category: 'spot',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Market',
      qty: '1000',
    });
    const baseUnit = await create({
      category: 'spot',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Market',
      qty: '0.01',
      marketUnit: 'baseCoin',
    });
    sim.flushOrders();
    const q = await order('spot', quote.body.result.orderId);
    expect(q).toMatchObject({
      orderStatus: 'Filled',
      marketUnit: 'quoteCoin',
      qty: '1000',
      timeInForce: 'IOC',
    });
    expect(Number(q.cumExecValue)).toBeLessThanOrEqual(1000);
    expect(Number(q.cumExecValue)).toBeGreaterThan(999);
    const b = await order('spot', baseUnit.body.result.orderId);
    expect(b).toMatchObject({ orderStatus: 'Filled', marketUnit: 'baseCoin', cumExecQty: '0.010000' });
    const after = await wallet();
    const spent = Number(q.cumExecValue) + Number(b.cumExecValue);
    expect(Number(before.USDT.walletBalance) - Number(after.USDT.walletBalance)).toBeCloseTo(spent, 6);
    const bought = Number(q.cumExecQty) + Number(b.cumExecQty);
    const fees = Number(q.cumExecFee) + Number(b.cumExecFee);
    expect(Number(after.BTC.walletBalance) - Number(before.BTC.walletBalance)).toBeCloseTo(bought - fees, 8);
    expect(after.USDT.locked).toBe('0');
    await ws.barrier();
    const execs = ws
      .on('execution')
      .flatMap((m: Json) => m.data)
      .filter((e: Json) => e.orderId === quote.body.result.orderId);
    expect(execs.every((e: Json) => e.feeCurrency === 'BTC' && e.isMaker === false)).toBe(true);
  });

  it('rests a limit order below the market and fills it as a maker when the market trades through', async () => {
    const bid = Number(sim.bookSnapshot('spot', 'BTCUSDT', 1).bids[0]![0]);
    const price = (bid - 0.5).toFixed(2);
    const ack = await create({
      category: 'spot',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.002',
      price,
      orderLinkId: 'maker-1',
    });
    sim.flushOrders();
    expect(await order('spot', ack.body.result.orderId)).toMatchObject({
      orderStatus: 'New',
      leavesQty: '0.002000',
    });
    for (
      let i = 0;
      i < 4000 && (await order('spot', ack.body.result.orderId)).orderStatus !== 'Filled';
      i += 50
    )
      sim.market.step(50, 'BTCUSDT', 'spot');
    const filled = await order('spot', ack.body.result.orderId);
    expect(filled).toMatchObject({ orderStatus: 'Filled', avgPrice: price, cumExecQty: '0.002000' });
    await ws.barrier();
    const makerExecs = ws
      .on('execution')
      .flatMap((m: Json) => m.data)
      .filter((e: Json) => e.orderLinkId === 'maker-1');
    expect(makerExecs.length).toBeGreaterThan(0);
    expect(makerExecs.every((e: Json) => e.isMaker === true && e.execPrice === price)).toBe(true);
    const open = (await signedGet(sim.httpUrl, '/v5/order/realtime', 'category=spot', clock.now())).body
      .result.list;
    expect(open.find((o: Json) => o.orderLinkId === 'maker-1')).toBeUndefined();
    const closed = (
      await signedGet(sim.httpUrl, '/v5/order/realtime', 'category=spot&openOnly=1', clock.now())
    ).body.result.list;
    expect(closed[0].orderLinkId).toBe('maker-1');
  });

  it('cancels a crossing PostOnly order, an FOK order it cannot fill whole, and the remainder of an IOC order', async () => {
    const spotAsk = sim.bookSnapshot('spot', 'BTCUSDT', 1).asks[0]!;
    const post = await create({
      category: 'spot',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.001',
      price: spotAsk[0],
      timeInForce: 'PostOnly',
    });
    const top = sim.bookSnapshot('linear', 'BTCUSDT', 1).asks[0]!;
    const more = (Number(top[1]) + 0.5).toFixed(3);
    const fok = await create({
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: more,
      price: top[0],
      timeInForce: 'FOK',
    });
    const ioc = await create({
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: more,
      price: top[0],
      timeInForce: 'IOC',
    });
    sim.flushOrders();
    expect(await order('spot', post.body.result.orderId)).toMatchObject({
      orderStatus: 'Cancelled',
      rejectReason: 'EC_PostOnlyWillTakeLiquidity',
      cumExecQty: '0.000000',
    });
    expect(await order('linear', fok.body.result.orderId)).toMatchObject({
      orderStatus: 'Cancelled',
      rejectReason: 'EC_NoImmediateQtyToFill',
      cumExecQty: '0.000',
    });
    expect(await order('linear', ioc.body.result.orderId)).toMatchObject({
      orderStatus: 'Cancelled',
      cumExecQty: top[1],
      avgPrice: top[0],
    });
    expect(sim.bookSnapshot('linear', 'BTCUSDT', 1).asks[0]![0]).not.toBe(top[0]);
  });

  it('realises PnL when a linear position is reduced, and enforces reduce-only', async () => {
    const pos = async () =>
      (await signedGet(sim.httpUrl, '/v5/position/list', 'category=linear&symbol=BTCUSDT', clock.now())).body
        .result.list[0];
    const start = await pos();
    const size = Number(start.size) * (start.side === 'Sell' ? -1 : 1);
    const closeSide = size > 0 ? 'Sell' : 'Buy';
    const openSide = closeSide === 'Sell' ? 'Buy' : 'Sell';
    const wrongWay = await create({
      category: 'linear',
      symbol: 'BTCUSDT',
      side: openSide,
      orderType: 'Market',
      qty: '0.001',
      reduceOnly: true,
    });
    expect(wrongWay.body).toMatchObject({ retCode: 110017, retMsg: 'Reduce-only rule not satisfied' });
    await create({ category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '0.3' });
    sim.flushOrders();
    const long = await pos();
    const held = Number(long.size) * (long.side === 'Sell' ? -1 : 1);
    expect(held).toBeCloseTo(size + 0.3, 9);
    sim.market.step(200, 'BTCUSDT', 'linear');
    const cum = Number(long.cumRealisedPnl);
    await create({
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Sell',
      orderType: 'Market',
      qty: '0.3',
      reduceOnly: true,
    });
    sim.flushOrders();
    const after = await pos();
    expect(Number(after.size) * (after.side === 'Sell' ? -1 : 1)).toBeCloseTo(size, 9);
    expect(Number(after.cumRealisedPnl)).not.toBe(cum);
    const ticker = (await get(sim.httpUrl, '/v5/market/tickers', 'category=linear&symbol=BTCUSDT')).body
      .result.list[0];
    expect(after.markPrice).toBe(ticker.markPrice);
  });
});
