import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, startBinanceSim } from '@venuekit/testkit';
import { type Json, signed } from './helpers.js';

describe('Binance simulator Spot matching engine', () => {
  let sim: BinanceSim;
  const balance = async (asset: string) => {
    const acct = await signed(sim.httpUrl, 'GET', '/api/v3/account', {});
    return acct.body.balances.find((b: Json) => b.asset === asset) as { free: string; locked: string };
  };
  const place = (params: Record<string, string>) =>
    signed(sim.httpUrl, 'POST', '/api/v3/order', { symbol: 'BTCUSDT', ...params });

  beforeAll(async () => {
    sim = await startBinanceSim({ market: 'spot', symbols: [{ symbol: 'BTCUSDT', levels: 100 }], seed: 7 });
  });
  afterAll(() => sim.close());

  it('a limit order away from the market rests, locks quote, and cancels', async () => {
    const r = await place({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01000',
      price: '50000.00',
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      status: 'NEW',
      executedQty: '0.00000000',
      origQty: '0.01000000',
      price: '50000.00000000',
      fills: [],
    });
    expect(await balance('USDT')).toEqual({ asset: 'USDT', free: '99500.00000000', locked: '500.00000000' });
    const q = await signed(sim.httpUrl, 'GET', '/api/v3/order', {
      symbol: 'BTCUSDT',
      orderId: r.body.orderId,
    });
    expect(q.body).toMatchObject({ status: 'NEW', clientOrderId: r.body.clientOrderId, isWorking: true });
    const open = await signed(sim.httpUrl, 'GET', '/api/v3/openOrders', { symbol: 'BTCUSDT' });
    expect(open.body.map((o: Json) => o.orderId)).toEqual([r.body.orderId]);
    const c = await signed(sim.httpUrl, 'DELETE', '/api/v3/order', {
      symbol: 'BTCUSDT',
      origClientOrderId: r.body.clientOrderId,
    });
    expect(c.body).toMatchObject({
      status: 'CANCELED',
      orderId: r.body.orderId,
      origClientOrderId: r.body.clientOrderId,
    });
    expect(await balance('USDT')).toEqual({ asset: 'USDT', free: '100000.00000000', locked: '0.00000000' });
    const again = await signed(sim.httpUrl, 'DELETE', '/api/v3/order', {
      symbol: 'BTCUSDT',
      orderId: r.body.orderId,
    });
    expect(again.body).toEqual({ code: -2011, msg: 'Unknown order sent.' });
    const none = await signed(sim.httpUrl, 'GET', '/api/v3/order', { symbol: 'BTCUSDT', orderId: 1 });
    expect(none.body).toEqual({ code: -2013, msg: 'Order does not exist.' });
  });

  it('a market buy walks the book and pays commission in the base asset', async () => {
    const book = sim.bookSnapshot('BTCUSDT');
    const [p0, q0] = book.asks[0]!;
    const qty = (Number(q0) + 0.001).toFixed(5);
    const r = await place({ side: 'BUY', type: 'MARKET', quantity: qty });
    expect(r.body.status).toBe('FILLED');
    expect(r.body.fills[0]).toMatchObject({ price: p0, qty: q0, commissionAsset: 'BTC' });
    expect(r.body.fills[1]).toMatchObject({ price: book.asks[1]![0], qty: '0.00100000' });
    expect(sim.bookSnapshot('BTCUSDT').asks[0]![0]).toBe(book.asks[1]![0]);
    const trades = await signed(sim.httpUrl, 'GET', '/api/v3/myTrades', {
      symbol: 'BTCUSDT',
      orderId: r.body.orderId,
    });
    expect(trades.body).toHaveLength(2);
    expect(trades.body[0]).toMatchObject({ isBuyer: true, isMaker: false, orderId: r.body.orderId });
    const btc = await balance('BTC');
    const gotBtc = Number(qty) * 0.999;
    expect(Number(btc.free)).toBeCloseTo(10 + gotBtc, 7);
  });

  it('quoteOrderQty spends at most the quote amount; crossing limits fill then rest', async () => {
    const r = await place({ side: 'BUY', type: 'MARKET', quoteOrderQty: '100' });
    expect(r.body.status).toBe('FILLED');
    expect(Number(r.body.cummulativeQuoteQty)).toBeLessThanOrEqual(100);
    expect(Number(r.body.cummulativeQuoteQty)).toBeGreaterThan(95);
    expect(r.body.origQuoteOrderQty).toBe('100.00000000');
    const book = sim.bookSnapshot('BTCUSDT');
    const bid0 = book.bids[0]!;
    const sellQty = (Number(bid0[1]) + 0.5).toFixed(5);
    const s = await place({
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: sellQty,
      price: bid0[0],
    });
    expect(s.body.status).toBe('PARTIALLY_FILLED');
    expect(s.body.executedQty).toBe(bid0[1]);
    expect(sim.bookSnapshot('BTCUSDT').bids[0]![0]).not.toBe(bid0[0]);
    const c = await signed(sim.httpUrl, 'DELETE', '/api/v3/openOrders', { symbol: 'BTCUSDT' });
    expect(c.body.map((o: Json) => o.status)).toEqual(['CANCELED']);
  });

  it('IOC expires the rest, FOK all-or-nothing, LIMIT_MAKER never takes', async () => {
    const book = sim.bookSnapshot('BTCUSDT');
    const [a0, aq0] = book.asks[0]!;
    const ioc = await place({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'IOC',
      quantity: (Number(aq0) + 1).toFixed(5),
      price: a0,
    });
    expect(ioc.body).toMatchObject({ status: 'EXPIRED', executedQty: aq0 });
    const a1 = sim.bookSnapshot('BTCUSDT').asks[0]!;
    const fok = await place({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'FOK',
      quantity: (Number(a1[1]) + 1).toFixed(5),
      price: a1[0],
    });
    expect(fok.body).toMatchObject({ status: 'EXPIRED', executedQty: '0.00000000' });
    const maker = await place({ side: 'BUY', type: 'LIMIT_MAKER', quantity: '0.001', price: a1[0] });
    expect(maker.body).toEqual({ code: -2010, msg: 'Order would immediately match and take.' });
  });

  it('rejects bad input with Binance codes', async () => {
    expect(
      (await place({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.001', price: '50000.001' }))
        .body,
    ).toEqual({
      code: -1013,
      msg: 'Filter failure: PRICE_FILTER',
    });
    expect(
      (await place({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.000001', price: '50000' }))
        .body.msg,
    ).toBe('Filter failure: LOT_SIZE');
    expect(
      (await place({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '0.00001', price: '50000' }))
        .body.msg,
    ).toBe('Filter failure: NOTIONAL');
    expect((await place({ side: 'BUY', type: 'LIMIT', quantity: '0.001', price: '50000' })).body.code).toBe(
      -1102,
    );
    expect(
      (await place({ side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '10', price: '50000' })).body,
    ).toEqual({
      code: -2010,
      msg: 'Account has insufficient balance for requested action.',
    });
    expect((await place({ side: 'BUY', type: 'MARKET' })).body.code).toBe(-1102);
    expect((await place({ side: 'HOLD', type: 'MARKET', quantity: '1' })).body.code).toBe(-1117);
    expect((await place({ side: 'BUY', type: 'OCO', quantity: '1' })).body.code).toBe(-1116);
    const bad = await signed(sim.httpUrl, 'POST', '/api/v3/order', {
      symbol: 'XYZUSDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: '1',
    });
    expect(bad.body.code).toBe(-1121);
    const dup = await place({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.001',
      price: '50000',
      newClientOrderId: 'dup-1',
    });
    expect(dup.body.clientOrderId).toBe('dup-1');
    const dup2 = await place({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.001',
      price: '50000',
      newClientOrderId: 'dup-1',
    });
    expect(dup2.body).toEqual({ code: -2010, msg: 'Duplicate order sent.' });
    await signed(sim.httpUrl, 'DELETE', '/api/v3/openOrders', { symbol: 'BTCUSDT' });
  });

  it('a resting order fills as maker when the market trades through it', async () => {
    const book = sim.bookSnapshot('BTCUSDT');
    const price = (Number(book.bids[0]![0]) + 0.01).toFixed(2);
    const r = await place({
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.00100',
      price,
      newOrderRespType: 'ACK',
    });
    expect(Object.keys(r.body).sort()).toEqual([
      'clientOrderId',
      'orderId',
      'orderListId',
      'symbol',
      'transactTime',
    ]);
    let status = 'NEW';
    for (let i = 0; i < 3000 && status !== 'FILLED'; i++) {
      sim.market.step(5);
      const o = sim.spot!.venue.spot!.orders.find(
        'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
        'BTCUSDT',
        r.body.orderId,
        undefined,
      );
      status = o!.status;
    }
    expect(status).toBe('FILLED');
    const q = await signed(sim.httpUrl, 'GET', '/api/v3/order', {
      symbol: 'BTCUSDT',
      orderId: r.body.orderId,
    });
    expect(q.body).toMatchObject({ status: 'FILLED', executedQty: '0.00100000', price: `${price}000000` });
    const trades = await signed(sim.httpUrl, 'GET', '/api/v3/myTrades', {
      symbol: 'BTCUSDT',
      orderId: r.body.orderId,
    });
    expect(trades.body.every((t: Json) => t.isMaker === true && t.price === q.body.price)).toBe(true);
  });
});
