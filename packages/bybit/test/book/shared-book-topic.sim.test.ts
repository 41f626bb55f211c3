// Several consumers of one Bybit orderbook topic on one BybitPublicStreams, against the
// simulator over loopback: a book manager beside a plain listener of its topic, two managers of
// one book, a manager released mid-resync (review P0-2). The pool refcounts topics, so a resync
// must resubscribe on the wire without taking the topic from the other listeners, and two
// resyncs at once must be one on the wire.
import { type BybitSim, startBybitSim } from '@venuekit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { BybitBookManager } from '../../src/book/index.js';
import { BybitPublicStreams, type BybitStreamMessage } from '../../src/streams/index.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/**
 * Hides a market step (so the next delta's `u` jumps) and publishes one, until `check` sees the
 * gap: a hidden step that changes nothing within the top 50 levels consumes no `u`.
 */
async function gapUntil(sim: BybitSim, check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) {
    sim.injectSequenceJump('BTCUSDT');
    sim.market.step(1);
    await new Promise((r) => setTimeout(r, 2));
  }
  await until(check, what);
}

async function setup() {
  const sim = await startBybitSim({ categories: ['linear'], symbols: [{ symbol: 'BTCUSDT', levels: 100 }] });
  cleanups.push(() => sim.close());
  const streams = new BybitPublicStreams({ category: 'linear', url: sim.urls.publicLinear });
  cleanups.push(() => streams.close());
  const books = (): BybitBookManager => {
    const manager = new BybitBookManager({ streams, depth: 50, retryInitialMs: 10 });
    cleanups.push(() => manager.close());
    return manager;
  };
  /** Requests received by the simulator so far (subscribe, unsubscribe; no pings in these short tests). */
  const received = (): number => sim.stats.wsMessagesReceived;
  return { sim, streams, books, received };
}

const TOPIC = 'orderbook.50.BTCUSDT';

describe('one orderbook topic, several consumers', () => {
  it('a manager beside a plain listener goes live, and is live again after a gap; the listener keeps its topic and sees the fresh snapshot', async () => {
    const { sim, streams, books, received } = await setup();
    const seen: string[] = [];
    const other = await streams.subscribe(TOPIC, (m: BybitStreamMessage) => seen.push(m.type ?? '?'));
    cleanups.push(() => other.unsubscribe());
    const manager = books();
    await manager.track('BTCUSDT');
    sim.market.step(3);
    await until(() => manager.isLive('BTCUSDT'), 'the book to go live');
    expect(manager.stats('BTCUSDT')!.snapshots).toBe(1);

    const before = received();
    const snapshotsSeen = seen.filter((t) => t === 'snapshot').length;
    await gapUntil(sim, () => manager.stats('BTCUSDT')!.gaps === 1, 'the gap');
    await until(() => manager.isLive('BTCUSDT'), 'the book to be live again');
    expect(manager.stats('BTCUSDT')!.snapshots).toBe(2);
    expect(received() - before).toBe(2); // one unsubscribe + one subscribe
    expect(seen.filter((t) => t === 'snapshot').length).toBe(snapshotsSeen + 1);
    // Both still listen to the one topic.
    expect(streams.topicCount).toBe(1);
    const n = seen.length;
    sim.market.step(2);
    await until(() => seen.length > n, 'the listener to keep receiving');
    expect(sim.subscriberCount(TOPIC)).toBe(1);
    const truth = sim.bookSnapshot('linear', 'BTCUSDT', 1);
    await until(
      () => manager.orderBook('BTCUSDT', 1)?.bids[0]?.[0] === Number(truth.bids[0]?.[0]),
      'the true book',
    );
  });

  it('two managers of one book both go live and both recover from one gap with one resubscribe on the wire', async () => {
    const { sim, books, received } = await setup();
    const a = books();
    const b = books();
    await a.track('BTCUSDT');
    await b.track('BTCUSDT');
    sim.market.step(3);
    await until(() => a.isLive('BTCUSDT') && b.isLive('BTCUSDT'), 'both books to go live');

    const before = received();
    await gapUntil(
      sim,
      () => a.stats('BTCUSDT')!.gaps === 1 && b.stats('BTCUSDT')!.gaps === 1,
      'the gap in both',
    );
    await until(() => a.isLive('BTCUSDT') && b.isLive('BTCUSDT'), 'both books to be live again');
    expect(received() - before).toBe(2);
    sim.market.step(5);
    const truth = sim.bookSnapshot('linear', 'BTCUSDT', 1);
    await until(
      () =>
        a.orderBook('BTCUSDT', 1)?.asks[0]?.[0] === Number(truth.asks[0]?.[0]) &&
        b.orderBook('BTCUSDT', 1)?.asks[0]?.[0] === Number(truth.asks[0]?.[0]),
      'both books to match the truth',
    );
  });

  it('a manager released during its resync leaves nothing subscribed and reports nothing', async () => {
    const { sim, streams, books } = await setup();
    const manager = books();
    const errors: Error[] = [];
    manager.on('error', (e) => errors.push(e));
    const handle = await manager.track('BTCUSDT');
    sim.market.step(2);
    await until(() => manager.isLive('BTCUSDT'), 'live');
    await gapUntil(sim, () => manager.stats('BTCUSDT')!.gaps === 1, 'the gap');
    await handle.release();
    expect(streams.topicCount).toBe(0);
    await until(() => sim.subscriberCount(TOPIC) === 0, 'the simulator to drop the topic');
    await new Promise((r) => setTimeout(r, 30));
    expect(errors).toEqual([]);
  });
});
