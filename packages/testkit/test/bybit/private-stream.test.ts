// The private stream: auth accepted / refused (the protocol notes' vector), asynchronous order
// acknowledgement, and order / execution / position / wallet pushes for orders placed over REST.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BybitSim, bybitHmacHex, bybitWsAuthSignString, startBybitSim } from '@venuekit/testkit';
import { hmac, type Json, KEY, manualClock, SECRET, signedGet, signedPost, TestSocket } from './helpers.js';
import { privateRequest } from './private-control.js';

// The protocol notes' self-computed private-stream vector: secret `test-secret`, expires 1662350400000.
const EXPIRES = 1662350400000;
const VECTOR = 'f072aab6fa18cd774da998325df6cfc87c3ccf10d5722e6b43b570c5feaf6172';

async function authed(sim: BybitSim, expires: number, topics: string[]): Promise<TestSocket> {
  const s = await TestSocket.open(sim.urls.private);
  const ok = await privateRequest(s, {
    req_id: 'auth',
    op: 'auth',
    args: [KEY, expires, hmac(SECRET, `GET/realtime${expires}`)],
  });
  expect(ok).toMatchObject({ success: true, ret_msg: '', op: 'auth' });
  const subscribed = await privateRequest(s, { req_id: 'sub', op: 'subscribe', args: topics });
  expect(subscribed).toMatchObject({ success: true, op: 'subscribe' });
  // Bybit's private acks (bybit.md §7) carry no req_id, even when the request had one.
  expect(subscribed).not.toHaveProperty('req_id');
  return s;
}

describe('Bybit simulator private stream', () => {
  const clock = manualClock(EXPIRES - 60_000);
  let sim: BybitSim;
  beforeAll(async () => {
    // Acknowledged requests are taken in only when the test flushes them (the delay never elapses).
    sim = await startBybitSim({
      clock,
      symbols: [{ symbol: 'BTCUSDT', levels: 60 }],
      orderAckDelayMs: 60_000,
    });
  });
  afterAll(() => sim.close());

  it("accepts the protocol notes' auth vector and refuses bad signatures, expired expires and unknown keys", async () => {
    expect(bybitHmacHex(SECRET, bybitWsAuthSignString(String(EXPIRES)))).toBe(VECTOR);
    const s = await TestSocket.open(sim.urls.private);
    const early = await privateRequest(s, { req_id: 'early', op: 'subscribe', args: ['order'] });
    expect(early).toMatchObject({ success: false, ret_msg: 'Request not authorized' });
    expect(
      await privateRequest(s, { req_id: 'bad', op: 'auth', args: [KEY, EXPIRES, VECTOR.replace(/^f/, 'e')] }),
    ).toMatchObject({
      success: false,
      ret_msg: 'Request not authorized',
      op: 'auth',
    });
    expect(
      await privateRequest(s, {
        req_id: 'old',
        op: 'auth',
        args: [KEY, clock.now() - 1, hmac(SECRET, `GET/realtime${clock.now() - 1}`)],
      }),
    ).toMatchObject({
      success: false,
      ret_msg: 'Params Error',
    });
    expect(
      (await privateRequest(s, { req_id: 'who', op: 'auth', args: ['NOBODY', EXPIRES, VECTOR] })).success,
    ).toBe(false);
    const ok = await privateRequest(s, { req_id: '10001', op: 'auth', args: [KEY, EXPIRES, VECTOR] });
    expect(ok).toEqual({
      success: true,
      ret_msg: '',
      op: 'auth',
      conn_id: expect.stringMatching(/^[a-z0-9]{20}-[a-z0-9]+$/),
    });
    expect(
      (await privateRequest(s, { req_id: 'again', op: 'auth', args: [KEY, EXPIRES, VECTOR] })).success,
    ).toBe(false);
    expect(await s.request({ req_id: 'p', op: 'ping' })).toEqual({
      req_id: 'p',
      op: 'pong',
      args: [String(clock.now())],
      conn_id: ok.conn_id,
    });
    expect((await privateRequest(s, { req_id: 'x', op: 'subscribe', args: ['dcp.future'] })).ret_msg).toBe(
      'error:handler not found,topic:dcp.future',
    );
    await s.close();
  });

  it('acknowledges a REST order at once and takes it in later: realtime and the stream see it only then', async () => {
    const s = await authed(sim, EXPIRES, ['order', 'wallet']);
    const body = {
      category: 'spot',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.01',
      price: '50000',
      orderLinkId: 'rest-1',
    };
    const ack = await signedPost(sim.httpUrl, '/v5/order/create', body, clock.now());
    expect(ack.body).toMatchObject({
      retCode: 0,
      result: { orderId: expect.stringMatching(/^\d{19}$/), orderLinkId: 'rest-1' },
    });
    expect(sim.pendingOrders).toBe(1);
    const before = await signedGet(
      sim.httpUrl,
      '/v5/order/realtime',
      'category=spot&orderLinkId=rest-1',
      clock.now(),
    );
    expect(before.body.result.list).toEqual([]);
    await s.barrier();
    expect(s.on('order')).toEqual([]);
    sim.flushOrders();
    expect(sim.pendingOrders).toBe(0);
    const event = await s.waitFor((m) => m.topic === 'order');
    expect(event).toMatchObject({ topic: 'order', creationTime: clock.now(), id: expect.any(String) });
    expect(event.data[0]).toMatchObject({
      category: 'spot',
      orderId: ack.body.result.orderId,
      orderLinkId: 'rest-1',
      orderStatus: 'New',
      price: '50000.00',
      qty: '0.01',
      leavesQty: '0.010000',
      rejectReason: 'EC_NoError',
    });
    const wallet = await s.waitFor((m) => m.topic === 'wallet');
    const usdt = wallet.data[0].coin.find((c: Json) => c.coin === 'USDT');
    expect(usdt).toMatchObject({ walletBalance: '100000', locked: '500' });
    const after = await signedGet(
      sim.httpUrl,
      '/v5/order/realtime',
      'category=spot&orderLinkId=rest-1',
      clock.now(),
    );
    expect(after.body.result.list[0]).toMatchObject({ orderStatus: 'New', orderLinkId: 'rest-1' });
    const cancel = await signedPost(
      sim.httpUrl,
      '/v5/order/cancel',
      { category: 'spot', symbol: 'BTCUSDT', orderLinkId: 'rest-1' },
      clock.now(),
    );
    expect(cancel.body.result).toEqual({ orderId: ack.body.result.orderId, orderLinkId: 'rest-1' });
    sim.flushOrders();
    const cancelled = await s.waitFor((m) => m.topic === 'order' && m.data[0].orderStatus === 'Cancelled');
    expect(cancelled.data[0].cancelType).toBe('CancelByUser');
    const again = await signedPost(
      sim.httpUrl,
      '/v5/order/cancel',
      { category: 'spot', symbol: 'BTCUSDT', orderLinkId: 'rest-1' },
      clock.now(),
    );
    expect(again.body.retCode).toBe(170213);
    const dup = await signedPost(sim.httpUrl, '/v5/order/create', body, clock.now());
    expect(dup.body.retCode).toBe(170141);
    await s.close();
  });

  it('pushes order, execution, position and wallet events for a linear market order', async () => {
    const s = await authed(sim, EXPIRES, ['order.linear', 'execution', 'position', 'wallet']);
    const ack = await signedPost(
      sim.httpUrl,
      '/v5/order/create',
      { category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '0.5' },
      clock.now(),
    );
    expect(ack.body.result.orderId).toMatch(/^[0-9a-f-]{36}$/);
    sim.flushOrders();
    const order = await s.waitFor((m) => m.topic === 'order.linear');
    expect(order.data[0]).toMatchObject({
      orderStatus: 'Filled',
      cumExecQty: '0.500',
      orderType: 'Market',
      timeInForce: 'IOC',
    });
    const execs = await s.waitFor((m) => m.topic === 'execution');
    expect(execs.data.length).toBeGreaterThan(0);
    let filled = 0;
    for (const e of execs.data) {
      expect(e).toMatchObject({
        category: 'linear',
        execType: 'Trade',
        isMaker: false,
        orderId: ack.body.result.orderId,
        feeRate: '0.00055',
      });
      filled += Number(e.execQty);
    }
    expect(filled).toBeCloseTo(0.5, 9);
    const position = await s.waitFor((m) => m.topic === 'position');
    expect(position.data[0]).toMatchObject({
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Buy',
      size: '0.500',
      positionIdx: 0,
    });
    const wallet = await s.waitFor((m) => m.topic === 'wallet');
    expect(Number(wallet.data[0].coin.find((c: Json) => c.coin === 'USDT').walletBalance)).toBeLessThan(
      100000,
    );
    const rest = await signedGet(
      sim.httpUrl,
      '/v5/position/list',
      'category=linear&symbol=BTCUSDT',
      clock.now(),
    );
    expect(rest.body.result.list[0]).toMatchObject({ size: '0.500', side: 'Buy' });
    await s.close();
  });
});
