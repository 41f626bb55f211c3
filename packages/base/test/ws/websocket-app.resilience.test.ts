// WebSocketApp under failure: the server kills the connection 100 times in a row (every
// subscription replayed each time, nothing grows), a peer that stops answering pings is
// detected and replaced, and close() leaves no handle behind.
import { FakeClock, NetworkError, WebSocketApp } from '@venuekit/base';
import { type GenericVenue, startGenericVenue } from '@venuekit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  activeResources,
  Counter,
  type GenericMessage,
  heapAfterGc,
  nextEvent,
  TrackingClock,
} from './support.js';

const TOPICS = ['trades.BTCUSD', 'trades.ETHUSD', 'book.BTCUSD'];

let venue: GenericVenue;
beforeEach(async () => {
  venue = await startGenericVenue();
});
afterEach(async () => {
  await venue.close();
});

describe('WebSocketApp resilience', () => {
  it('survives 100 server kills: every subscription restored each time, no growth in timers, listeners, sockets or heap', async () => {
    const clock = new TrackingClock();
    const received = new Counter();
    const app = WebSocketApp.connect<GenericMessage>(`${venue.wsUrl}/ws`, {
      clock,
      reconnect: { initialDelayMs: 1, maxDelayMs: 2, jitter: 0 },
      heartbeat: { intervalMs: 5000, timeoutMs: 15_000 },
      send: TOPICS.map((t, i) => ({ op: 'subscribe', args: [t], id: i + 1 })),
      onJson: (m) => {
        if (m.topic !== undefined) received.increment();
      },
    });
    const reconnectedCounts: number[] = [];
    app.on('reconnected', (attempts) => reconnectedCounts.push(attempts));
    await app.ready;

    // Each round: kill, wait until the app is back and the venue holds every topic on the
    // new connection, then prove data flows on every topic.
    const round = async (): Promise<void> => {
      const before = venue.subscriptions()[0]?.connectionId;
      const back = nextEvent(app, 'reconnected');
      venue.faults.dropAll();
      await back;
      await venue.waitForSubscriptions(TOPICS.length);
      const subs = venue.subscriptions();
      expect(subs).toHaveLength(1);
      expect(subs[0]!.connectionId).not.toBe(before);
      expect(new Set(subs[0]!.topics)).toEqual(new Set(TOPICS));
      const target = received.count + TOPICS.length;
      for (const t of TOPICS) venue.publish(t, { r: 1 });
      await received.until(target);
    };

    await venue.waitForSubscriptions(TOPICS.length);
    for (let i = 0; i < 10; i++) await round(); // warm up: JIT, pools, buffers
    const resourcesBefore = activeResources();
    const timersBefore = clock.liveTimers;
    const heapBefore = heapAfterGc();
    const socketListenersBefore = app.socket!.eventNames().map((e) => app.socket!.listenerCount(e));

    for (let i = 0; i < 100; i++) await round();

    const heapAfter = heapAfterGc();
    expect(reconnectedCounts).toHaveLength(110);
    expect(reconnectedCounts.every((n) => n === 1)).toBe(true);
    expect(received.count).toBe(110 * TOPICS.length);
    expect(clock.liveTimers).toBe(timersBefore);
    expect(activeResources()).toEqual(resourcesBefore);
    expect(app.socket!.eventNames().map((e) => app.socket!.listenerCount(e))).toEqual(socketListenersBefore);
    for (const event of ['open', 'close', 'reconnecting', 'reconnected', 'error'] as const)
      expect(app.listenerCount(event)).toBe(event === 'reconnected' ? 1 : 0);
    expect(heapAfter - heapBefore).toBeLessThan(2 * 1024 * 1024);

    await app.close();
    expect(clock.liveTimers).toBe(0);
  });

  it('detects a dead peer (no pong, nothing else) and reconnects; a peer that answers stays', async () => {
    const clock = new FakeClock();
    const intervalMs = 1000;
    const timeoutMs = 3000;
    await using app = WebSocketApp.connect(`${venue.wsUrl}/ws`, {
      clock,
      heartbeat: { intervalMs, timeoutMs },
      reconnect: { initialDelayMs: 500, maxDelayMs: 500, jitter: 0 },
    });
    const errors: Error[] = [];
    app.on('error', (e) => errors.push(e));
    await app.ready;

    // A live peer: each ping is answered, so 10 intervals (> timeout) pass without a drop.
    for (let i = 0; i < 10; i++) {
      const pong = nextEvent(app.socket!, 'pong');
      clock.advance(intervalMs);
      await pong;
    }
    expect(app.isOpen).toBe(true);
    expect(errors).toEqual([]);

    // The peer goes silent: pings go unanswered; after timeoutMs the app gives up on it.
    venue.faults.stopPings(true);
    const closed = nextEvent<[number, string]>(app, 'close');
    const reconnecting = nextEvent<[number, number]>(app, 'reconnecting');
    clock.advance(timeoutMs);
    const [code] = await closed;
    expect(code).toBe(1006);
    expect(await reconnecting).toEqual([1, 500]);
    expect(errors.some((e) => e instanceof NetworkError && /peer silent for 3000 ms/.test(e.message))).toBe(
      true,
    );

    venue.faults.stopPings(false);
    const reconnected = nextEvent(app, 'reconnected');
    clock.advance(500);
    await reconnected;
    expect(app.isOpen).toBe(true);
  });

  it('sends an application ping payload when one is given (Bybit-style {"op":"ping"})', async () => {
    const clock = new FakeClock();
    await using app = WebSocketApp.connect(`${venue.wsUrl}/ws`, {
      clock,
      heartbeat: { intervalMs: 1000, timeoutMs: 2500, payload: { op: 'ping' } },
    });
    await app.ready;
    for (let i = 0; i < 5; i++) {
      const pong = app.waitForJson((m) => (m as GenericMessage).op === 'pong');
      clock.advance(1000);
      await pong;
    }
    expect(app.isOpen).toBe(true);
  });

  it('after close(), no socket, timer or pending wait remains', async () => {
    await venue.close();
    await new Promise((resolve) => setImmediate(resolve));
    const baseline = activeResources();
    const own = await startGenericVenue();
    const clock = new TrackingClock();
    const app = WebSocketApp.connect(`${own.wsUrl}/ws`, {
      clock,
      send: { op: 'subscribe', args: ['t'], id: 1 },
    });
    await app.ready;
    await own.waitForSubscriptions(1);
    expect(activeResources().TCPSocketWrap ?? 0).toBeGreaterThan(baseline.TCPSocketWrap ?? 0);
    const pending = app.waitForJson(() => false, { timeoutMs: 60_000 });
    await app.close();
    await expect(pending).rejects.toBeInstanceOf(Error);
    await expect(app.opened()).rejects.toBeInstanceOf(Error);
    expect(clock.liveTimers).toBe(0);
    expect(app.socket).toBeUndefined();
    await own.close();
    await new Promise((resolve) => setImmediate(resolve)); // libuv releases closed handles on the next turn
    const left = activeResources();
    expect(left.TCPSocketWrap ?? 0).toBeLessThanOrEqual(baseline.TCPSocketWrap ?? 0);
    expect(left.TCPServerWrap ?? 0).toBeLessThanOrEqual(baseline.TCPServerWrap ?? 0);
  });

  it('close() while a reconnect is pending cancels it and settles wait()', async () => {
    const clock = new TrackingClock();
    const app = WebSocketApp.connect(`${venue.wsUrl}/ws`, {
      clock,
      reconnect: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    await app.ready;
    const reconnecting = nextEvent(app, 'reconnecting');
    venue.faults.dropAll();
    await reconnecting;
    expect(app.state).toBe('waiting');
    await app.close();
    await expect(app.wait()).resolves.toBeUndefined();
    expect(clock.liveTimers).toBe(0);
  });
});
