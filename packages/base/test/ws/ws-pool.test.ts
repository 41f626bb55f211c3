// WsPool against the generic venue: placement under a per-connection cap, the connection limit,
// acknowledgement timeouts and refusals, routing, clean unsubscribes, the outbound rate limit,
// and close().
import {
  FakeClock,
  RateLimiter,
  SubscriptionError,
  ValidationError,
  WsPool,
  type PoolSubscription,
} from '@venuekit/base';
import { type GenericVenue, startGenericVenue } from '@venuekit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  activeResources,
  Counter,
  type GenericMessage,
  genericProtocol,
  nextEvent,
  TrackingClock,
} from './support.js';

let venue: GenericVenue | undefined;
afterEach(async () => {
  await venue?.close();
  venue = undefined;
});

async function start(options: Parameters<typeof startGenericVenue>[0] = {}): Promise<GenericVenue> {
  venue = await startGenericVenue(options);
  return venue;
}

const topics = (n: number, prefix = 'trades.'): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('WsPool', () => {
  it('puts 60 subscriptions at a cap of 25 on 3 connections and routes each message to its subscriber', async () => {
    const v = await start({ maxTopicsPerConnection: 25 });
    await using pool = new WsPool<GenericMessage>({
      url: `${v.wsUrl}/ws`,
      protocol: genericProtocol({ maxTopicsPerConnection: 25 }),
    });
    const got = new Map<string, number[]>();
    const received = new Counter();
    await Promise.all(
      topics(60).map((t) =>
        pool.subscribe(t, (m) => {
          const list = got.get(t) ?? [];
          list.push(m.seq!);
          got.set(t, list);
          if (m.topic !== t) throw new Error(`misrouted ${m.topic} to ${t}`);
          received.increment();
        }),
      ),
    );
    expect(pool.connections.map((c) => c.topics.length)).toEqual([25, 25, 10]);
    expect(v.connections).toBe(3);
    expect(
      v
        .subscriptions()
        .map((s) => s.topics.length)
        .sort(),
    ).toEqual([10, 25, 25]);
    for (const t of topics(60)) v.publish(t, { x: 1 });
    await received.until(60);
    expect([...got.values()].every((seqs) => seqs.length === 1)).toBe(true);
  });

  it('refuses topics beyond maxConnections × cap with a SubscriptionError that says so, subscribing nothing', async () => {
    const v = await start();
    await using pool = new WsPool({
      url: `${v.wsUrl}/ws`,
      protocol: genericProtocol({ maxTopicsPerConnection: 2 }),
      maxConnections: 2,
    });
    await pool.subscribe(topics(3), () => {});
    const error = await pool.subscribe(topics(2, 'book.'), () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubscriptionError);
    expect((error as Error).message).toMatch(/maxConnections is 2/);
    expect(pool.topicCount).toBe(3);
    await expect(pool.subscribe('book.0', () => {})).resolves.toBeDefined();
  });

  it('fails with SubscriptionError when no ack arrives in time, leaving nothing behind', async () => {
    const v = await start();
    v.setAckMode('never');
    const clock = new TrackingClock();
    await using pool = new WsPool({
      url: `${v.wsUrl}/ws`,
      protocol: genericProtocol(),
      ackTimeoutMs: 50,
      clock,
      connection: { heartbeat: false },
    });
    const error = await pool.subscribe(['a', 'b'], () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubscriptionError);
    expect((error as Error).message).toMatch(/no acknowledgement of subscribe \[a, b\].* within 50 ms/);
    expect(pool.topicCount).toBe(0);
    // What is left: the best-effort unsubscribe's ack timer and the idle-close timer.
    expect(clock.liveTimers).toBeLessThanOrEqual(2);
  });

  it('fails with SubscriptionError carrying the venue message when the venue refuses', async () => {
    const v = await start();
    v.setAckMode('reject');
    await using pool = new WsPool({ url: `${v.wsUrl}/ws`, protocol: genericProtocol() });
    const error = (await pool.subscribe('a', () => {}).catch((e: unknown) => e)) as SubscriptionError;
    expect(error).toBeInstanceOf(SubscriptionError);
    expect(error.venue).toBe('generic');
    expect(error.venueMessage).toMatch(/rejected by simulator/);
    expect(pool.topicCount).toBe(0);
  });

  it('a subscribe that fails for one topic rolls back the others of the same call', async () => {
    const v = await start({ maxTopicsPerConnection: 1 });
    await using pool = new WsPool({
      url: `${v.wsUrl}/ws`,
      protocol: genericProtocol({ maxTopicsPerConnection: 2, maxTopicsPerMessage: 1 }),
    });
    // The pool thinks 2 fit on a connection; the venue accepts 1 — the second is refused.
    const error = await pool.subscribe(['a', 'b'], () => {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SubscriptionError);
    expect(pool.topicCount).toBe(0);
    await v.waitForSubscriptions(0);
  });

  it('unsubscribes cleanly: shared topics stay until their last subscriber leaves; empty connections close when idle', async () => {
    const v = await start();
    const clock = new FakeClock();
    const pool = new WsPool<GenericMessage>({
      url: `${v.wsUrl}/ws`,
      protocol: genericProtocol(),
      idleCloseMs: 1000,
      clock,
    });
    const a: number[] = [];
    const b: number[] = [];
    const subA = await pool.subscribe(['x', 'y'], (m) => a.push(m.seq!));
    const subB = await pool.subscribe('x', (m) => b.push(m.seq!));
    await subA.unsubscribe();
    expect(v.subscriptions()[0]?.topics).toEqual(['x']);
    expect(subA.unsubscribe()).toBe(subA.unsubscribe());
    const pong = pool.connections[0]!.app.waitForJson((m) => (m as GenericMessage).op === 'pong');
    v.publish('x', 1);
    pool.connections[0]!.app.send({ op: 'ping' });
    await pong;
    expect(a).toEqual([]);
    expect(b).toEqual([1]);
    await subB.unsubscribe();
    expect(v.subscriptions()[0]?.topics).toEqual([]);
    expect(pool.connections).toHaveLength(1);
    const closed = nextEvent(pool, 'connectionClose');
    clock.advance(1000);
    await closed;
    expect(pool.connections).toHaveLength(0);
    await pool.close();
  });

  it('sends requests behind the protocol’s outbound rate limit', async () => {
    const v = await start();
    const limiterClock = new FakeClock();
    const limiter = new RateLimiter([{ name: 'ws', kind: 'fixedWindow', limit: 2, intervalMs: 1000 }], {
      clock: limiterClock,
    });
    const made: string[][] = [];
    const base = genericProtocol({ maxTopicsPerMessage: 1 });
    await using pool = new WsPool({
      url: `${v.wsUrl}/ws`,
      protocol: {
        ...base,
        messageLimiter: () => limiter,
        subscribeMessage: (t, id, c) => {
          made.push([...t]);
          return base.subscribeMessage(t, id, c);
        },
      },
    });
    const subscribed = pool.subscribe(topics(5), () => {});
    await v.waitForSubscriptions(2);
    expect(made).toHaveLength(2);
    limiterClock.advance(1000);
    await v.waitForSubscriptions(4);
    expect(made).toHaveLength(4);
    limiterClock.advance(1000);
    await subscribed;
    expect(made.flat()).toEqual(topics(5));
  });

  it('close() rejects pending subscribes, ends streams and releases every timer and connection', async () => {
    const v = await start();
    v.setAckMode('never');
    const clock = new TrackingClock();
    const sockets = activeResources().TCPSocketWrap ?? 0;
    const pool = new WsPool({ url: `${v.wsUrl}/ws`, protocol: genericProtocol(), clock });
    const pending = pool.subscribe('a', () => {}).catch((e: unknown) => e);
    const stream = pool.stream('b');
    await v.waitForConnections(1);
    await pool.connections[0]!.app.opened();
    await pool.close();
    expect(await pending).toBeInstanceOf(SubscriptionError);
    expect(String(await pending)).toMatch(/closed/);
    await expect(stream.ready).rejects.toBeInstanceOf(SubscriptionError);
    expect(clock.liveTimers).toBe(0);
    expect(pool.connections).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve)); // libuv releases closed handles next turn
    expect(activeResources().TCPSocketWrap ?? 0).toBeLessThanOrEqual(sockets);
    await expect(pool.subscribe('c', () => {})).rejects.toBeInstanceOf(SubscriptionError);
  });

  it('validates topics and options', async () => {
    expect(() => new WsPool({ url: 'ws://127.0.0.1:1/ws', protocol: {} as never })).toThrow(
      /protocol.subscribeMessage/,
    );
    expect(
      () =>
        new WsPool({ url: 'ws://127.0.0.1:1/ws', protocol: genericProtocol({ maxTopicsPerConnection: 0 }) }),
    ).toThrow(/maxTopicsPerConnection/);
    const pool = new WsPool({ url: 'ws://127.0.0.1:1/ws', protocol: genericProtocol() });
    await expect(pool.subscribe([], () => {})).rejects.toBeInstanceOf(ValidationError);
    await expect(pool.subscribe([''], () => {})).rejects.toBeInstanceOf(ValidationError);
    await pool.close();
  });

  it('passes a subscription to `await using`', async () => {
    const v = await start();
    await using pool = new WsPool({ url: `${v.wsUrl}/ws`, protocol: genericProtocol() });
    {
      await using _sub: PoolSubscription = await pool.subscribe('a', () => {});
      expect(v.subscriptions()[0]?.topics).toEqual(['a']);
    }
    expect(v.subscriptions()[0]?.topics).toEqual([]);
  });
});
