// One private message carrying several items, one of them malformed: over a loopback socket that
// speaks the private stream's control frames (auth and subscribe acknowledged without req_id, as
// Bybit does), the bad item is reported on `error` and the message's other items still arrive.
import { startGenericVenue } from '@venuekit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { BybitPrivateStream, type BybitPrivateStreamEvents } from '../../src/private/index.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const order = (orderId: string, side: string) => ({
  category: 'linear',
  symbol: 'BTCUSDT',
  orderId,
  orderLinkId: `link-${orderId}`,
  side,
  orderType: 'Limit',
  price: '50000',
  qty: '0.01',
  cumExecQty: '0',
  avgPrice: '',
  orderStatus: 'New',
  timeInForce: 'GTC',
  createdTime: '1700000000000',
  updatedTime: '1700000000000',
});

describe('BybitPrivateStream items', () => {
  it('skips and reports a malformed item; the other items of the message arrive', async () => {
    const venue = await startGenericVenue();
    cleanups.push(() => venue.close());
    venue.onWsConnection('/private', (conn) => {
      conn.onMessage((text) => {
        const m = JSON.parse(text) as { op: string };
        if (m.op === 'auth') conn.send({ success: true, ret_msg: '', op: 'auth', conn_id: 'c1' });
        else if (m.op === 'subscribe') {
          conn.send({ success: true, ret_msg: '', op: 'subscribe', conn_id: 'c1' });
          conn.send({
            topic: 'order',
            creationTime: 1700000000000,
            data: [order('1', 'Buy'), order('2', 'Sideways'), order('3', 'Sell')],
          });
        }
      });
    });
    const stream = new BybitPrivateStream({
      credentials: { apiKey: 'key', secret: 'secret' },
      url: `${venue.wsUrl}/private`,
      topics: ['order'],
    });
    cleanups.push(() => stream.close());
    const orders: Array<BybitPrivateStreamEvents['order']> = [];
    const errors: Error[] = [];
    stream.on('order', (o) => orders.push(o));
    stream.on('error', (e) => errors.push(e));
    await stream.connect();
    const start = Date.now();
    while (orders.length + errors.length < 3 && Date.now() - start < 5000)
      await new Promise((r) => setTimeout(r, 5));
    expect(orders.map((o) => [o.id, o.side])).toEqual([
      ['1', 'buy'],
      ['3', 'sell'],
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/side/);
  });
});
