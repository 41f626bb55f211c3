// WsPool.resubscribe against the generic venue: an unsubscribe and a subscribe on the wire for a
// topic several listeners share, every listener kept; concurrent calls collapse into one; the
// refusals and races. And the protocol's requestSettled hook: called once per request with how
// it ended (acked, timeout, closed).
import {
  FakeClock,
  type PoolConnectionRef,
  type PoolRequestOutcome,
  SubscriptionError,
  WsPool,
} from '@venuekit/base';
import { type GenericVenue, startGenericVenue } from '@venuekit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { Counter, type GenericMessage, genericProtocol, nextEvent } from './support.js';

let venue: GenericVenue | undefined;
afterEach(async () => {
  await venue?.close();
  venue = undefined;
});

/** A generic venue and a pool whose protocol records every request it builds. */
async function start() {
  const v = await startGenericVenue();
  venue = v;
  const sent: string[] = [];
  const base = genericProtocol();
  const pool = new WsPool<GenericMessage>({
    url: `${v.wsUrl}/ws`,
    connection: { reconnect: { initialDelayMs: 5, maxDelayMs: 5, jitter: 0 } },
    protocol: {
      ...base,
      subscribeMessage: (t, id, c) => {
        sent.push(`sub ${t.join(',')}`);
        return base.subscribeMessage(t, id, c);
      },
      unsubscribeMessage: (t, id, c) => {
        sent.push(`unsub ${t.join(',')}`);
        return base.unsubscribeMessage(t, id, c);
      },
    },
  });
  return { v, pool, sent };
}

describe('WsPool.resubscribe', () => {
  it('sends unsubscribe + subscribe for the topic, keeps every listener, and collapses concurrent calls into one', async () => {
    const { v, pool, sent } = await start();
    await using _ = pool;
    const a = new Counter();
    const b = new Counter();
    await pool.subscribe('x', () => a.increment());
    await pool.subscribe(['x', 'y'], () => b.increment());
    sent.length = 0;
    await Promise.all([pool.resubscribe('x'), pool.resubscribe('x'), pool.resubscribe('x')]);
    expect(sent).toEqual(['unsub x', 'sub x']);
    expect(v.subscriptions()[0]?.topics.sort()).toEqual(['x', 'y']);
    v.publish('x', 1);
    await a.until(1);
    await b.until(1);
    expect(pool.topicCount).toBe(2);
  });

  it('a resubscribe while the first subscribe is pending sends nothing and resolves with it', async () => {
    const { v, pool, sent } = await start();
    await using _ = pool;
    v.setAckMode('never');
    const subscribed = pool.subscribe('x', () => {});
    await v.waitForConnections(1);
    await pool.connections[0]!.app.opened();
    const again = pool.resubscribe('x');
    expect(sent).toEqual(['sub x']);
    v.setAckMode('normal');
    // The first request was ignored: take the topic back on a fresh socket, whose replay answers both.
    v.faults.dropAll();
    await Promise.all([subscribed, again]);
    expect(sent.filter((s) => s.startsWith('unsub'))).toEqual([]);
  });

  it('rejects with SubscriptionError for a topic nobody holds', async () => {
    const { pool } = await start();
    await using _ = pool;
    const error = await pool.resubscribe('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubscriptionError);
    expect((error as Error).message).toMatch(/nobody is subscribed to it/);
  });

  it('a refused resubscribe rejects and fails the topic for every listener', async () => {
    const { v, pool } = await start();
    await using _ = pool;
    const errors: Error[] = [];
    await pool.subscribe('x', () => {}, { onError: (e) => errors.push(e) });
    await pool.subscribe('x', () => {}, { onError: (e) => errors.push(e) });
    pool.on('error', () => {});
    v.setAckMode('reject');
    const error = await pool.resubscribe('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubscriptionError);
    expect(errors).toHaveLength(2);
    expect(pool.topicCount).toBe(0);
  });

  it('rejects when everyone unsubscribes before the resubscribe is answered', async () => {
    const { v, pool } = await start();
    await using _ = pool;
    const sub = await pool.subscribe('x', () => {});
    v.setAckMode('never');
    const again = pool.resubscribe('x').catch((e: unknown) => e);
    void sub.unsubscribe().catch(() => {});
    const error = await again;
    expect(error).toBeInstanceOf(SubscriptionError);
    expect((error as Error).message).toMatch(/unsubscribed before it was resubscribed/);
  });
});

describe('PoolProtocol.requestSettled', () => {
  it('is called once per request: acked, timeout (the pool gave up), closed (socket gone)', async () => {
    const v = await startGenericVenue();
    venue = v;
    const clock = new FakeClock();
    const settled: Array<[number, PoolRequestOutcome]> = [];
    const made: number[] = [];
    const base = genericProtocol();
    await using pool = new WsPool<GenericMessage>({
      url: `${v.wsUrl}/ws`,
      clock,
      ackTimeoutMs: 1000,
      connection: { heartbeat: false, reconnect: { initialDelayMs: 1, maxDelayMs: 1, jitter: 0 } },
      protocol: {
        ...base,
        subscribeMessage: (t, id, c) => {
          made.push(id);
          return base.subscribeMessage(t, id, c);
        },
        unsubscribeMessage: (t, id, c) => {
          made.push(id);
          return base.unsubscribeMessage(t, id, c);
        },
        requestSettled: (id: number, c: PoolConnectionRef, outcome: PoolRequestOutcome) => {
          expect(c.id).toBe(1);
          settled.push([id, outcome]);
        },
      },
    });
    pool.on('error', () => {});
    await pool.subscribe('a', () => {});
    expect(settled).toEqual([[made[0], 'acked']]);

    v.setAckMode('never');
    const lost = pool.subscribe('b', () => {}).catch((e: unknown) => e);
    await v.waitForSubscriptions(1);
    while (made.length < 2) await new Promise((r) => setImmediate(r));
    clock.advance(1000);
    expect(await lost).toBeInstanceOf(SubscriptionError);
    expect(settled[1]).toEqual([made[1], 'timeout']);
    // The pool takes `b` back (best effort); that unsubscribe is left waiting, then its socket drops.
    expect(made).toHaveLength(3);
    const closed = nextEvent(pool, 'connectionClose');
    v.faults.dropAll();
    await closed;
    expect(settled[2]).toEqual([made[2], 'closed']);
    expect(settled).toHaveLength(3);
  });

  it('is called (closed) for a request whose message could not be sent', async () => {
    const v = await startGenericVenue();
    venue = v;
    const settled: Array<[number, PoolRequestOutcome]> = [];
    const made: number[] = [];
    const base = genericProtocol();
    await using pool = new WsPool<GenericMessage>({
      url: `${v.wsUrl}/ws`,
      connection: { heartbeat: false },
      protocol: {
        ...base,
        subscribeMessage: (t, id, c) => {
          made.push(id);
          // A BigInt cannot be serialized: sending this request throws.
          return t.includes('bad') ? { op: 'subscribe', id: BigInt(id) } : base.subscribeMessage(t, id, c);
        },
        requestSettled: (id: number, _c: PoolConnectionRef, outcome: PoolRequestOutcome) => {
          settled.push([id, outcome]);
        },
      },
    });
    pool.on('error', () => {});
    const error = await pool.subscribe('bad', () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubscriptionError);
    expect((error as Error).message).toMatch(/could not send subscribe \[bad\]/);
    expect(settled).toEqual([[made[0], 'closed']]);
  });
});
