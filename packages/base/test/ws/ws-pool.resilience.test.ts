// WsPool under failure and load: 100 server kills with every topic restored each time and no
// growth in timers, listeners, sockets or heap; restores the venue refuses; a connection that
// gives up; and a slow stream consumer under each buffer policy.
import { BufferOverflowError, SubscriptionError, WsPool } from '@venuekit/base';
import { type GenericVenue, startGenericVenue } from '@venuekit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  activeResources,
  Counter,
  type GenericMessage,
  genericProtocol,
  heapAfterGc,
  nextEvent,
  TrackingClock,
} from './support.js';

let venue: GenericVenue | undefined;
afterEach(async () => {
  await venue?.close();
  venue = undefined;
});

const fastReconnect = { initialDelayMs: 1, maxDelayMs: 2, jitter: 0 };
const topics = (n: number, prefix = 'trades.'): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('WsPool resilience', () => {
  it('survives 100 server kills: all 30 topics on 2 connections restored each time, nothing grows', async () => {
    venue = await startGenericVenue({ maxTopicsPerConnection: 25 });
    const v = venue;
    const clock = new TrackingClock();
    const pool = new WsPool<GenericMessage>({
      url: `${v.wsUrl}/ws`,
      protocol: genericProtocol({ maxTopicsPerConnection: 25 }),
      clock,
      connection: { reconnect: fastReconnect },
    });
    const errors: Error[] = [];
    pool.on('error', (e) => errors.push(e));
    const received = new Counter();
    const wanted = topics(30);
    await pool.subscribe(wanted, () => received.increment());
    expect(pool.connections.map((c) => c.topics.length)).toEqual([25, 5]);

    const round = async (): Promise<void> => {
      const restored = new Counter();
      const onRestored = (): void => restored.increment();
      pool.on('restored', onRestored);
      v.faults.dropAll();
      await restored.until(2);
      pool.off('restored', onRestored);
      const held = v.subscriptions().flatMap((s) => s.topics);
      expect(held.sort()).toEqual([...wanted].sort());
      const target = received.count + wanted.length;
      for (const t of wanted) v.publish(t, 1);
      await received.until(target);
    };

    for (let i = 0; i < 10; i++) await round();
    const resourcesBefore = activeResources();
    const timersBefore = clock.liveTimers;
    const listenersBefore = pool.connections.map((c) =>
      c.app.eventNames().map((e) => c.app.listenerCount(e)),
    );
    const heapBefore = heapAfterGc();

    for (let i = 0; i < 100; i++) await round();

    const heapAfter = heapAfterGc();
    expect(received.count).toBe(110 * wanted.length);
    expect(errors.filter((e) => e instanceof SubscriptionError)).toEqual([]);
    expect(clock.liveTimers).toBe(timersBefore);
    expect(activeResources()).toEqual(resourcesBefore);
    expect(pool.connections.map((c) => c.app.eventNames().map((e) => c.app.listenerCount(e)))).toEqual(
      listenersBefore,
    );
    expect(pool.listenerCount('restored')).toBe(0);
    expect(heapAfter - heapBefore).toBeLessThan(2 * 1024 * 1024);

    await pool.close();
    expect(clock.liveTimers).toBe(0);
  });

  it('a restore the venue refuses ends the subscription with SubscriptionError (callback and stream alike)', async () => {
    venue = await startGenericVenue();
    const v = venue;
    await using pool = new WsPool<GenericMessage>({
      url: `${v.wsUrl}/ws`,
      protocol: genericProtocol(),
      connection: { reconnect: fastReconnect },
    });
    const poolErrors: Error[] = [];
    pool.on('error', (e) => poolErrors.push(e));
    const callbackErrors: Error[] = [];
    await pool.subscribe('a', () => {}, { onError: (e) => callbackErrors.push(e) });
    const stream = pool.stream('b');
    await stream.ready;

    v.setAckMode('reject');
    const restored = nextEvent(pool, 'restored');
    v.faults.dropAll();
    await restored;
    expect(callbackErrors).toHaveLength(1);
    expect(callbackErrors[0]).toBeInstanceOf(SubscriptionError);
    await expect(stream.next()).rejects.toBeInstanceOf(SubscriptionError);
    expect(poolErrors.some((e) => e instanceof SubscriptionError)).toBe(true);
    expect(pool.topicCount).toBe(0);
  });

  it('a connection that gives up reconnecting fails its topics', async () => {
    venue = await startGenericVenue();
    const v = venue;
    await using pool = new WsPool<GenericMessage>({
      url: `${v.wsUrl}/ws`,
      protocol: genericProtocol(),
      connection: { reconnect: { ...fastReconnect, maxAttempts: 2 } },
    });
    const errors: Error[] = [];
    pool.on('error', (e) => errors.push(e));
    const stream = pool.stream('a');
    await stream.ready;
    pool.url = `${v.wsUrl}/nowhere`;
    v.faults.dropAll();
    const failure = await stream.next().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SubscriptionError);
    expect((failure as Error).message).toMatch(/closed for good.*gave up after 2/);
    expect(pool.connections).toHaveLength(0);
  });

  describe('a slow consumer under each buffer policy', () => {
    // The venue floods 1000 messages; a marker on another topic of the same connection arrives
    // after all of them, and only then does the consumer start reading.
    async function flooded(options: Parameters<WsPool<GenericMessage>['stream']>[1]): Promise<{
      read: GenericMessage[];
      stream: ReturnType<WsPool<GenericMessage>['stream']>;
      error?: unknown;
      topicsLeft: number;
    }> {
      venue = await startGenericVenue();
      const v = venue;
      const pool = new WsPool<GenericMessage>({ url: `${v.wsUrl}/ws`, protocol: genericProtocol() });
      const stream = pool.stream('flood', options);
      await stream.ready;
      let markerSeen!: () => void;
      const marker = new Promise<void>((resolve) => {
        markerSeen = resolve;
      });
      await pool.subscribe('marker', () => markerSeen());
      await v.flood('flood', 1000, (i) => ({ i, key: i % 10 }));
      v.publish('marker', {});
      await marker;
      const read: GenericMessage[] = [];
      let error: unknown;
      try {
        while (stream.size > 0) {
          const r = await stream.next();
          if (r.done) break;
          read.push(r.value);
        }
        if (stream.closed) await stream.next();
      } catch (e) {
        error = e;
      }
      const topicsLeft = pool.topicCount;
      await pool.close();
      return { read, stream, error, topicsLeft };
    }

    it("'dropOldest' keeps the newest 100 in order and counts 900 drops", async () => {
      const { read, stream } = await flooded({ capacity: 100, policy: 'dropOldest' });
      expect(read.map((m) => (m.data as { i: number }).i)).toEqual(
        Array.from({ length: 100 }, (_, k) => 900 + k),
      );
      expect(stream.dropped).toBe(900);
    });

    it("'conflate' keeps the latest message per key", async () => {
      const { read, stream } = await flooded({
        capacity: 100,
        policy: 'conflate',
        keyOf: (m) => (m.data as { key: number }).key,
      });
      expect(read.map((m) => (m.data as { i: number }).i)).toEqual(
        Array.from({ length: 10 }, (_, k) => 990 + k),
      );
      expect(stream.conflated).toBe(990);
      expect(stream.dropped).toBe(0);
    });

    it("'error' fails the stream with BufferOverflowError and unsubscribes", async () => {
      const { read, stream, error, topicsLeft } = await flooded({ capacity: 100, policy: 'error' });
      expect(read).toEqual([]);
      expect(topicsLeft).toBe(1); // only the marker
      expect(error).toBeInstanceOf(BufferOverflowError);
      expect(stream.dropped).toBe(1);
      expect(stream.closed).toBe(true);
    });
  });
});
