// The private protocol's ack matching (P0-1): Bybit documents private subscribe acks without
// req_id, so an ack without one settles the oldest request of its op on its connection; an ack
// with one settles exactly that request. Against the simulator (which omits req_id, like Bybit)
// the whole stream is exercised in private-stream.sim.test.ts.
import { describe, expect, it } from 'vitest';
import { createPrivateProtocol } from '../../src/private/index.js';

const one = { id: 1 };
const two = { id: 2 };

describe('createPrivateProtocol acks', () => {
  it('pairs acks without req_id with the oldest request of the same op on the same connection', () => {
    const p = createPrivateProtocol();
    p.subscribeMessage(['order'], 7, one);
    p.subscribeMessage(['wallet'], 8, one);
    p.unsubscribeMessage(['order'], 9, one);
    p.subscribeMessage(['position'], 10, two);
    const ack = { success: true, ret_msg: '', conn_id: 'c' };
    expect(p.matchAck({ ...ack, op: 'unsubscribe' }, one)).toEqual({ id: 9, ok: true });
    expect(p.matchAck({ ...ack, op: 'subscribe' }, two)).toEqual({ id: 10, ok: true });
    expect(p.matchAck({ ...ack, op: 'subscribe' }, one)).toEqual({ id: 7, ok: true });
    expect(p.matchAck({ success: false, ret_msg: 'error:handler not found', op: 'subscribe' }, one)).toEqual({
      id: 8,
      ok: false,
      error: 'error:handler not found',
    });
    // Nothing left waiting: a stray ack is not an ack of ours.
    expect(p.matchAck({ ...ack, op: 'subscribe' }, one)).toBeUndefined();
  });

  it('pairs acks with req_id exactly, in any order, and ignores ids it never sent', () => {
    const p = createPrivateProtocol();
    expect(JSON.parse(p.subscribeMessage(['order'], 3, one) as string)).toEqual({
      req_id: '3',
      op: 'subscribe',
      args: ['order'],
    });
    p.subscribeMessage(['wallet'], 4, one);
    expect(p.matchAck({ success: true, op: 'subscribe', req_id: '4' }, one)).toEqual({ id: 4, ok: true });
    expect(p.matchAck({ success: true, op: 'subscribe', req_id: '99' }, one)).toBeUndefined();
    expect(p.matchAck({ success: true, op: 'subscribe' }, one)).toEqual({ id: 3, ok: true });
  });

  it('forgets a closed connection’s requests and ignores auth, pong and data', () => {
    const p = createPrivateProtocol();
    p.subscribeMessage(['order'], 5, one);
    p.connectionClosed?.(one);
    expect(p.matchAck({ success: true, op: 'subscribe' }, one)).toBeUndefined();
    p.subscribeMessage(['order'], 6, one);
    expect(p.matchAck({ success: true, op: 'auth' }, one)).toBeUndefined();
    expect(p.matchAck({ op: 'pong', req_id: 'ping-1' }, one)).toBeUndefined();
    expect(p.topicOf({ topic: 'order', data: [] }, one)).toBe('order');
    expect(p.matchAck({ success: true, op: 'subscribe' }, one)).toEqual({ id: 6, ok: true });
  });

  it('drops a request the pool gave up on, so later acks without req_id still pair with their own request', () => {
    const p = createPrivateProtocol();
    p.subscribeMessage(['order'], 11, one);
    p.subscribeMessage(['wallet'], 12, one);
    p.unsubscribeMessage(['order'], 13, one);
    // 11 was never answered within the pool's ack timeout; 13 went with its socket.
    p.requestSettled?.(11, one, 'timeout');
    p.requestSettled?.(13, one, 'closed');
    p.requestSettled?.(99, two, 'timeout');
    expect(p.matchAck({ success: true, op: 'subscribe' }, one)).toEqual({ id: 12, ok: true });
    expect(p.matchAck({ success: true, op: 'unsubscribe' }, one)).toBeUndefined();
    // An acked request is settled too; settling it again changes nothing.
    p.subscribeMessage(['position'], 14, one);
    p.subscribeMessage(['execution'], 15, one);
    expect(p.matchAck({ success: true, op: 'subscribe', req_id: '14' }, one)).toEqual({ id: 14, ok: true });
    p.requestSettled?.(14, one, 'acked');
    expect(p.matchAck({ success: true, op: 'subscribe' }, one)).toEqual({ id: 15, ok: true });
  });
});
