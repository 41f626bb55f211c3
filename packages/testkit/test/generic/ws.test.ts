import { describe, expect, it } from 'vitest';
import { startGenericVenue } from '@venuekit/testkit';
import { connectRaw } from '../support/raw-client.js';

describe('generic venue WebSocket /ws', () => {
  it('acks subscribe, publishes with a per-topic seq, and answers app-level ping', async () => {
    await using venue = await startGenericVenue();
    const client = await connectRaw(`${venue.wsUrl}/ws`);
    await venue.waitForConnections(1);
    client.sendJson({ op: 'subscribe', args: ['trades.BTCUSD', 'book.ETHUSD'], id: 7 });
    expect(await client.nextJson()).toEqual({ op: 'subscribe', id: 7, success: true });
    await venue.waitForSubscriptions(2);
    expect(venue.subscriptions()).toEqual([{ connectionId: 1, topics: ['trades.BTCUSD', 'book.ETHUSD'] }]);

    expect(venue.publish('trades.BTCUSD', { p: 1 })).toBe(1);
    expect(venue.publish('trades.BTCUSD', { p: 2 })).toBe(1);
    expect(venue.publish('book.ETHUSD', { b: 1 })).toBe(1);
    expect(venue.publish('trades.ETHUSD', { p: 3 })).toBe(0);
    expect(await client.nextJson()).toEqual({ topic: 'trades.BTCUSD', seq: 1, data: { p: 1 } });
    expect(await client.nextJson()).toEqual({ topic: 'trades.BTCUSD', seq: 2, data: { p: 2 } });
    expect(await client.nextJson()).toEqual({ topic: 'book.ETHUSD', seq: 1, data: { b: 1 } });

    client.sendJson({ op: 'ping', id: 'p' });
    expect(await client.nextJson()).toEqual({ op: 'pong', id: 'p', ts: expect.any(Number) });

    client.sendJson({ op: 'unsubscribe', args: ['trades.BTCUSD'], id: 8 });
    expect(await client.nextJson()).toEqual({ op: 'unsubscribe', id: 8, success: true });
    expect(venue.publish('trades.BTCUSD', { p: 4 })).toBe(0);
    await client.close();
  });
});

describe('generic venue WebSocket acks and limits', () => {
  it('refuses a subscribe that would exceed maxTopicsPerConnection, keeping what was there', async () => {
    await using venue = await startGenericVenue({ maxTopicsPerConnection: 3 });
    const client = await connectRaw(`${venue.wsUrl}/ws`);
    client.sendJson({ op: 'subscribe', args: ['a', 'b'], id: 1 });
    expect(await client.nextJson()).toMatchObject({ id: 1, success: true });
    client.sendJson({ op: 'subscribe', args: ['b', 'c', 'd'], id: 2 });
    expect(await client.nextJson()).toEqual({
      op: 'subscribe',
      id: 2,
      success: false,
      error: 'too many topics',
    });
    client.sendJson({ op: 'subscribe', args: ['a', 'c'], id: 3 }); // 'a' is already held: 3 topics in all
    expect(await client.nextJson()).toMatchObject({ id: 3, success: true });
    expect(venue.subscriptions()).toEqual([{ connectionId: 1, topics: ['a', 'b', 'c'] }]);
    await client.close();
  });

  it('ack mode never ignores requests, reject refuses them, normal restores acks', async () => {
    await using venue = await startGenericVenue();
    const client = await connectRaw(`${venue.wsUrl}/ws`);
    venue.setAckMode('never');
    client.sendJson({ op: 'subscribe', args: ['t1'], id: 1 });
    client.sendJson({ op: 'ping', id: 'p1' });
    expect(await client.nextJson()).toMatchObject({ op: 'pong', id: 'p1' }); // no ack came before the pong
    expect(venue.subscriptions()).toEqual([{ connectionId: 1, topics: [] }]);

    venue.setAckMode('reject');
    client.sendJson({ op: 'subscribe', args: ['t1'], id: 2 });
    expect(await client.nextJson()).toEqual({
      op: 'subscribe',
      id: 2,
      success: false,
      error: 'rejected by simulator (ack mode reject)',
    });
    expect(venue.subscriptions()[0]?.topics).toEqual([]);

    venue.setAckMode('normal');
    client.sendJson({ op: 'subscribe', args: ['t1'], id: 3 });
    expect(await client.nextJson()).toMatchObject({ id: 3, success: true });
    expect(() => venue.setAckMode('sometimes' as never)).toThrow(/ack mode|mode must be/);
    await client.close();
  });

  it('ackDelayMs delays the ack and applies the subscription when the ack is sent', async () => {
    await using venue = await startGenericVenue({ ackDelayMs: 60 });
    const client = await connectRaw(`${venue.wsUrl}/ws`);
    const started = performance.now();
    client.sendJson({ op: 'subscribe', args: ['t'], id: 1 });
    await venue.waitForSubscriptions(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(await client.nextJson()).toMatchObject({ id: 1, success: true });
    await client.close();
  });

  it('answers invalid JSON, non-objects, unknown ops and bad args with errors and stays open', async () => {
    await using venue = await startGenericVenue();
    const client = await connectRaw(`${venue.wsUrl}/ws`);
    client.ws.send('{oops');
    expect(await client.nextJson()).toEqual({
      op: 'error',
      success: false,
      error: 'message is not valid JSON',
    });
    client.ws.send('[1,2]');
    expect(await client.nextJson()).toMatchObject({ op: 'error', success: false });
    client.sendJson({ op: 'dance', id: 4 });
    expect(await client.nextJson()).toMatchObject({ op: 'dance', id: 4, success: false });
    client.sendJson({ op: 'subscribe', args: 'trades', id: 5 });
    expect(await client.nextJson()).toMatchObject({
      id: 5,
      success: false,
      error: expect.stringContaining('args'),
    });
    client.sendJson({ op: 'subscribe', args: ['ok'], id: 6 });
    expect(await client.nextJson()).toMatchObject({ id: 6, success: true });
    await client.close();
  });

  it('counts connections and subscriptions across clients; waits are event-driven and time out clearly', async () => {
    await using venue = await startGenericVenue({ maxTopicsPerConnection: 25 });
    const waitingConnections = venue.waitForConnections(3);
    const waitingSubs = venue.waitForSubscriptions(60);
    const clients = await Promise.all([0, 1, 2].map(() => connectRaw(`${venue.wsUrl}/ws`)));
    await waitingConnections;
    expect(venue.connections).toBe(3);
    clients.forEach((client, c) => {
      client.sendJson({ op: 'subscribe', args: Array.from({ length: 20 }, (_, i) => `t.${c}.${i}`), id: c });
    });
    await waitingSubs;
    expect(venue.subscriptions().map((s) => s.topics.length)).toEqual([20, 20, 20]);
    await expect(venue.waitForConnections(4, 30)).rejects.toThrow(
      'timed out after 30 ms waiting for 4 open /ws connections; have 3',
    );
    await clients[0]!.close();
    while (venue.connections > 2) await new Promise((r) => setImmediate(r));
    expect(venue.subscriptions().map((s) => s.topics.length)).toEqual([20, 20]);
    await Promise.all(clients.map((c) => c.close()));
  });

  it('rejects pending waits when the venue closes', async () => {
    const venue = await startGenericVenue();
    const waiting = venue.waitForConnections(1);
    await venue.close();
    await expect(waiting).rejects.toThrow(/venue was closed/);
  });
});

describe('generic venue flood', () => {
  it('delivers every message in seq order, continuing the per-topic counter', async () => {
    await using venue = await startGenericVenue();
    const a = await connectRaw(`${venue.wsUrl}/ws`);
    const b = await connectRaw(`${venue.wsUrl}/ws`);
    for (const client of [a, b]) {
      client.sendJson({ op: 'subscribe', args: ['trades.BTCUSD'], id: 1 });
      await client.next();
    }
    venue.publish('trades.BTCUSD', { first: true });
    const count = 5_000;
    expect(await venue.flood('trades.BTCUSD', count, (i) => ({ i }))).toBe(2);
    for (const client of [a, b]) {
      while (client.received.length < count + 2) await new Promise((r) => setImmediate(r));
      const msgs = client.received.slice(1).map((t) => JSON.parse(t) as { seq: number; data: unknown });
      expect(msgs[0]).toEqual({ topic: 'trades.BTCUSD', seq: 1, data: { first: true } });
      expect(msgs.every((m, k) => m.seq === k + 1)).toBe(true);
      expect(msgs[count]).toEqual({ topic: 'trades.BTCUSD', seq: count + 1, data: { i: count - 1 } });
    }
    expect(await venue.flood('nobody.listens', 10)).toBe(0);
    await a.close();
    await b.close();
  });

  it('waits for a slow reader to drain instead of buffering without bound', async () => {
    await using venue = await startGenericVenue();
    const client = await connectRaw(`${venue.wsUrl}/ws`);
    client.sendJson({ op: 'subscribe', args: ['big'], id: 1 });
    await client.next();
    const payload = 'x'.repeat(64 * 1024);
    const count = 400; // 25 MiB: far more than loopback socket buffers plus the 1 MiB high-water mark
    client.ws.pause();
    let done = false;
    const flooding = venue.flood('big', count, () => payload).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 150));
    expect(done).toBe(false); // without backpressure every frame would be queued and the flood done
    const sentWhilePaused = venue.stats.wsMessagesSent - 1;
    expect(sentWhilePaused).toBeLessThan(count);
    expect(sentWhilePaused * payload.length).toBeLessThan(16 * 1024 * 1024);
    client.ws.resume();
    await flooding;
    while (client.received.length < count + 1) await new Promise((r) => setImmediate(r));
    expect(JSON.parse(client.received.at(-1)!).seq).toBe(count);
    await client.close();
  });

  it('holds the flood while the venue is stalled and finishes after the stall', async () => {
    await using venue = await startGenericVenue();
    const client = await connectRaw(`${venue.wsUrl}/ws`);
    client.sendJson({ op: 'subscribe', args: ['t'], id: 1 });
    await client.next();
    venue.faults.stall();
    let done = false;
    const flooding = venue.flood('t', 10_000).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(done).toBe(false);
    expect(venue.stats.wsMessagesSent).toBe(1);
    venue.faults.stall(false);
    await flooding;
    while (client.received.length < 10_001) await new Promise((r) => setImmediate(r));
    expect(JSON.parse(client.received[1]!)).toEqual({
      topic: 't',
      seq: 1,
      data: { price: 50_000.5, qty: 0.0123, side: 'buy' },
    });
    await client.close();
  });
});
