import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, startBinanceSim } from '@venuekit/testkit';
import { DOC_KEY, type Json, signed, TestSocket } from './helpers.js';

describe('Binance simulator USDⓈ-M trading and listenKey user data', () => {
  let sim: BinanceSim;
  const place = (params: Record<string, string>) =>
    signed(sim.httpUrl, 'POST', '/fapi/v1/order', { symbol: 'BTCUSDT', ...params });

  beforeAll(async () => {
    sim = await startBinanceSim({ market: 'usdm', symbols: [{ symbol: 'BTCUSDT', levels: 100 }] });
  });
  afterAll(() => sim.close());

  it('listenKey: POST returns the same key while alive, PUT extends, the stream delivers order and account events', async () => {
    const created = await call('POST');
    expect(created.body.listenKey).toMatch(/^[0-9a-f]{64}$/);
    expect((await call('POST')).body.listenKey).toBe(created.body.listenKey);
    expect((await call('PUT')).status).toBe(200);
    const key = created.body.listenKey as string;
    const legacy = await TestSocket.open(`${sim.wsUrl}/ws/${key}`);
    const routed = await TestSocket.open(
      `${sim.wsUrl}/private/ws?listenKey=${key}&events=ORDER_TRADE_UPDATE/ACCOUNT_UPDATE`,
    );
    const r = await place({ side: 'BUY', type: 'MARKET', quantity: '0.010' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'FILLED',
      executedQty: '0.010',
      positionSide: 'BOTH',
      reduceOnly: false,
    });
    for (const s of [legacy, routed]) {
      const fresh = await s.waitFor((m) => m.e === 'ORDER_TRADE_UPDATE' && m.o.x === 'NEW');
      expect(fresh.o).toMatchObject({ s: 'BTCUSDT', S: 'BUY', o: 'MARKET', i: r.body.orderId });
      const trade = await s.waitFor((m) => m.e === 'ORDER_TRADE_UPDATE' && m.o.X === 'FILLED');
      expect(trade.o.x).toBe('TRADE');
      expect(trade.o.N).toBe('USDT');
      const acct = await s.waitFor((m) => m.e === 'ACCOUNT_UPDATE');
      expect(acct.a.m).toBe('ORDER');
      expect(acct.a.P[0]).toMatchObject({ s: 'BTCUSDT', pa: '0.010', ps: 'BOTH' });
    }
    expect((await call('DELETE')).body).toEqual({});
    expect(await legacy.closed()).toBe(1000);
    expect((await call('PUT')).body).toEqual({ code: -1125, msg: 'This listenKey does not exist.' });
    await routed.close();
  });

  it('positions open, report risk, and close with realized PnL; reduceOnly cannot open', async () => {
    const risk = await signed(sim.httpUrl, 'GET', '/fapi/v3/positionRisk', { symbol: 'BTCUSDT' });
    expect(risk.body[0]).toMatchObject({ symbol: 'BTCUSDT', positionAmt: '0.010', positionSide: 'BOTH' });
    expect(Number(risk.body[0].entryPrice)).toBeGreaterThan(0);
    const close = await place({ side: 'SELL', type: 'MARKET', quantity: '0.020', reduceOnly: 'true' });
    expect(close.body).toMatchObject({ status: 'FILLED', executedQty: '0.010', reduceOnly: true });
    const after = await signed(sim.httpUrl, 'GET', '/fapi/v3/positionRisk', {});
    expect(after.body).toEqual([]);
    const v2 = await signed(sim.httpUrl, 'GET', '/fapi/v2/positionRisk', { symbol: 'BTCUSDT' });
    expect(v2.body[0]).toMatchObject({ positionAmt: '0.000', leverage: '20', marginType: 'cross' });
    const trades = await signed(sim.httpUrl, 'GET', '/fapi/v1/userTrades', { symbol: 'BTCUSDT' });
    expect(trades.body.length).toBeGreaterThanOrEqual(2);
    expect(trades.body.some((t: Json) => t.realizedPnl !== '0.00000000')).toBe(true);
    const bal = await signed(sim.httpUrl, 'GET', '/fapi/v3/balance', {});
    const usdt = bal.body.find((b: Json) => b.asset === 'USDT');
    expect(Number(usdt.balance)).toBeLessThan(100_000); // paid the spread and commissions
    const rejected = await place({ side: 'SELL', type: 'MARKET', quantity: '0.010', reduceOnly: 'true' });
    expect(rejected.body).toEqual({ code: -2022, msg: 'ReduceOnly Order is rejected.' });
  });

  it('a short position prints negative amounts and notional', async () => {
    const r = await place({ side: 'SELL', type: 'MARKET', quantity: '0.010' });
    expect(r.body.status).toBe('FILLED');
    const risk = await signed(sim.httpUrl, 'GET', '/fapi/v3/positionRisk', { symbol: 'BTCUSDT' });
    expect(risk.body[0].positionAmt).toBe('-0.010');
    expect(Number(risk.body[0].notional)).toBeLessThan(0);
    const closed = await place({ side: 'BUY', type: 'MARKET', quantity: '0.010', reduceOnly: 'true' });
    expect(closed.body.status).toBe('FILLED');
  });

  it('rests, cancels, and rejects with futures codes', async () => {
    const book = sim.bookSnapshot('BTCUSDT', 'usdm');
    const far = (Number(book.bids[0]![0]) - 1000).toFixed(1);
    const r = await place({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.010', price: far });
    expect(r.body).toMatchObject({ status: 'NEW', price: `${far}0` });
    const open = await signed(sim.httpUrl, 'GET', '/fapi/v1/openOrders', { symbol: 'BTCUSDT' });
    expect(open.body).toHaveLength(1);
    const acct = await signed(sim.httpUrl, 'GET', '/fapi/v3/account', {});
    expect(Number(acct.body.totalOpenOrderInitialMargin)).toBeGreaterThan(0);
    const c = await signed(sim.httpUrl, 'DELETE', '/fapi/v1/order', {
      symbol: 'BTCUSDT',
      orderId: r.body.orderId,
    });
    expect(c.body.status).toBe('CANCELED');
    const gtx = await place({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTX',
      quantity: '0.010',
      price: book.asks[0]![0],
    });
    expect(gtx.body.code).toBe(-5022);
    expect(
      (await place({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.010', price: '50000.05' }))
        .body.code,
    ).toBe(-4014);
    expect(
      (await place({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.0105', price: '50000.0' }))
        .body.code,
    ).toBe(-1111);
    expect(
      (await place({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '50000.0' }))
        .body.code,
    ).toBe(-4164);
    expect((await place({ side: 'BUY', type: 'STOP_MARKET', quantity: '0.010' })).body.code).toBe(-4120);
    expect(
      (await place({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '100', price: '50000.0' }))
        .body,
    ).toEqual({
      code: -2019,
      msg: 'Margin is insufficient.',
    });
    const lev = await signed(sim.httpUrl, 'POST', '/fapi/v1/leverage', { symbol: 'BTCUSDT', leverage: 50 });
    expect(lev.body).toMatchObject({ symbol: 'BTCUSDT', leverage: 50 });
  });

  function call(method: string): Promise<{ status: number; body: Json }> {
    return fetch(`${sim.httpUrl}/fapi/v1/listenKey`, { method, headers: { 'X-MBX-APIKEY': DOC_KEY } }).then(
      async (r) => ({
        status: r.status,
        body: await r.json(),
      }),
    );
  }
});
