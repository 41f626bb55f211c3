// USDⓈ-M order modification on the wire: `PUT /fapi/v1/order` (signed, 0 IP weight, counted on
// the ORDERS windows, -1015 when they are full) and ws-fapi `order.modify` on the same engine,
// with the AMENDMENT event on the listenKey stream and Binance's refusals as 400 bodies. The
// simulator runs on a fixed clock so the 10-second ORDERS window cannot roll over mid-test.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, startBinanceSim } from '@venuekit/testkit';
import { DOC_KEY, DOC_SECRET, type Json, signed, TestSocket } from './helpers.js';

function wsSign(params: Record<string, string | number>): Record<string, string | number> {
  const payload = Object.keys(params)
    .sort()
    .map((k) => `${k}=${params[k]}`)
    .join('&');
  return { ...params, signature: createHmac('sha256', DOC_SECRET).update(payload).digest('hex') };
}

/** Simulator time: 1 s into a 10-second window, never advancing. */
const NOW = 1_700_000_001_000;

describe('Binance simulator USDⓈ-M order modification (PUT /fapi/v1/order, order.modify)', () => {
  let sim: BinanceSim;
  let stream: TestSocket;
  const rest = (method: string, path: string, params: Record<string, string | number>) =>
    signed(sim.httpUrl, method, path, { symbol: 'BTCUSDT', ...params }, { timestamp: NOW });
  const bid = () => Number(sim.bookSnapshot('BTCUSDT', 'usdm').bids[0]![0]);

  beforeAll(async () => {
    sim = await startBinanceSim({
      clock: { now: () => NOW },
      market: 'usdm',
      symbols: [{ symbol: 'BTCUSDT', levels: 100 }],
      limits: { ordersPer10s: 10 },
    });
    const key = await fetch(`${sim.httpUrl}/fapi/v1/listenKey`, {
      method: 'POST',
      headers: { 'X-MBX-APIKEY': DOC_KEY },
    }).then((r) => r.json() as Promise<Json>);
    stream = await TestSocket.open(`${sim.wsUrl}/ws/${key.listenKey}`);
  });
  afterAll(async () => {
    await stream.close();
    await sim.close();
  });

  it('PUT modifies price and quantity, costs no IP weight, counts one order, and streams AMENDMENT', async () => {
    const price = (bid() - 500).toFixed(1);
    const placed = await rest('POST', '/fapi/v1/order', {
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.010',
      price,
      newClientOrderId: 'mod-1',
    });
    expect(placed.status).toBe(200);
    const weightBefore = Number(placed.headers.get('x-mbx-used-weight-1m'));
    const newPrice = (bid() - 600).toFixed(1);
    const r = await rest('PUT', '/fapi/v1/order', {
      origClientOrderId: 'mod-1',
      side: 'BUY',
      quantity: '0.020',
      price: newPrice,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      orderId: placed.body.orderId,
      clientOrderId: 'mod-1',
      status: 'NEW',
      price: `${newPrice}0`,
      origQty: '0.020',
      executedQty: '0.000',
      type: 'LIMIT',
      priceMatch: 'NONE',
    });
    expect(Number(r.headers.get('x-mbx-used-weight-1m'))).toBe(weightBefore);
    expect(r.headers.get('x-mbx-order-count-10s')).toBe('2');
    expect(r.headers.get('x-mbx-order-count-1m')).toBe('2');
    const amended = await stream.waitFor((m) => m.e === 'ORDER_TRADE_UPDATE' && m.o.x === 'AMENDMENT');
    expect(amended.o).toMatchObject({
      i: placed.body.orderId,
      c: 'mod-1',
      X: 'NEW',
      p: `${newPrice}0`,
      q: '0.020',
    });
    const q = await rest('GET', '/fapi/v1/order', { orderId: placed.body.orderId });
    expect(q.body).toMatchObject({ price: `${newPrice}0`, origQty: '0.020', time: placed.body.updateTime });
  });

  it('answers Binance refusals as 400 bodies and leaves the order as it was', async () => {
    const open = await rest('GET', '/fapi/v1/openOrders', {});
    const o = open.body[0];
    const same = { orderId: o.orderId, side: 'BUY', quantity: o.origQty, price: o.price };
    expect((await rest('PUT', '/fapi/v1/order', same)).body).toEqual({
      code: -5027,
      msg: 'No need to modify the order.',
    });
    const unknown = await rest('PUT', '/fapi/v1/order', { ...same, orderId: 1 });
    expect(unknown).toMatchObject({ status: 400, body: { code: -2013, msg: 'Order does not exist.' } });
    const noRef = await rest('PUT', '/fapi/v1/order', { side: 'BUY', quantity: '0.010', price: o.price });
    expect(noRef.body.code).toBe(-1102);
    const tiny = await rest('PUT', '/fapi/v1/order', { ...same, quantity: '0.001' });
    expect(tiny.body.code).toBe(-5029);
    const after = await rest('GET', '/fapi/v1/order', { orderId: o.orderId });
    expect(after.body).toMatchObject({ price: o.price, origQty: o.origQty, status: 'NEW' });
  });

  it('ws-fapi order.modify runs the same engine and lists REQUEST_WEIGHT then the ORDERS counts', async () => {
    const ws = await TestSocket.open(`${sim.wsUrl}/ws-fapi/v1`);
    try {
      const open = await rest('GET', '/fapi/v1/openOrders', {});
      const o = open.body[0];
      const newPrice = (Number(o.price) - 10).toFixed(1);
      const r = await ws.request({
        id: 'm1',
        method: 'order.modify',
        params: wsSign({
          symbol: 'BTCUSDT',
          orderId: o.orderId,
          side: 'BUY',
          quantity: '0.015',
          price: newPrice,
          apiKey: DOC_KEY,
          timestamp: NOW,
        }),
      });
      expect(r.status).toBe(200);
      expect(r.result).toMatchObject({ orderId: o.orderId, price: `${newPrice}0`, origQty: '0.015' });
      expect(r.rateLimits.map((l: Json) => l.rateLimitType)).toEqual(['REQUEST_WEIGHT', 'ORDERS', 'ORDERS']);
      // 1 place + 1 modify + 4 refused modifies (refusals count too) before this one.
      expect(r.rateLimits.find((l: Json) => l.interval === 'SECOND').count).toBe(7);
      const refused = await ws.request({
        id: 'm2',
        method: 'order.modify',
        params: wsSign({
          symbol: 'BTCUSDT',
          orderId: o.orderId,
          side: 'BUY',
          quantity: '0.015',
          price: newPrice,
          apiKey: DOC_KEY,
          timestamp: NOW,
        }),
      });
      expect(refused).toMatchObject({ status: 400, error: { code: -5027 } });
    } finally {
      await ws.close();
    }
  });

  it('modifications fill the ORDERS window like new orders: -1015 with 429 once it is full', async () => {
    const o = (await rest('GET', '/fapi/v1/openOrders', {})).body[0];
    let last: Json;
    for (let i = 0; i < 12; i++) {
      last = await rest('PUT', '/fapi/v1/order', {
        orderId: o.orderId,
        side: 'BUY',
        quantity: i % 2 === 0 ? '0.011' : '0.012',
        price: o.price,
      });
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(last!.body.code).toBe(-1015);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
