// The 24-hour cut, against the Binance simulator, whose clock (and the client's) the test moves
// forward: the client replaces each connection before the simulator closes it at 24 hours, with
// an overlap, so no trade is lost or repeated and the order book never needs a resync. The
// control shows what the planned reconnect prevents: without it the cut costs a resync.
import type { Clock, TimerHandle } from '@venuekit/base';
import { startBinanceSim } from '@venuekit/testkit';
import { describe, expect, it } from 'vitest';
import { BinanceBookManager, restSnapshotFetcher } from '../../src/book/index.js';
import { BinanceRestClient } from '../../src/rest/index.js';
import { BinanceMarketStreams } from '../../src/streams/index.js';

/** Real timers, with a `now()` the test can move forward by hours. */
class JumpClock implements Clock {
  offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    return setTimeout(fn, Math.min(ms, 2 ** 31 - 1));
  }
  clearTimeout(handle: TimerHandle): void {
    clearTimeout(handle as NodeJS.Timeout);
  }
}

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const HOUR = 3_600_000;

async function dayOfTrading(rotate: boolean) {
  const clock = new JumpClock();
  await using sim = await startBinanceSim({
    market: 'spot',
    clock,
    symbols: [{ symbol: 'BTCUSDT', levels: 80 }],
  });
  await using streams = new BinanceMarketStreams({
    baseUrl: sim.wsUrl,
    clock,
    rotateAfterMs: rotate ? 23 * HOUR + 50 * 60_000 : false,
    rotationCheckMs: 20,
    reconnect: { initialDelayMs: 5, maxDelayMs: 20, jitter: 0 },
  });
  const rest = new BinanceRestClient({ baseUrl: sim.httpUrl });
  await using books = new BinanceBookManager({
    market: 'spot',
    streams,
    fetchSnapshot: restSnapshotFetcher(rest),
    clock,
  });
  const rotations: string[] = [];
  const closes: number[] = [];
  streams.on('rotated', (e) => rotations.push(`${e.from}→${e.to} ${e.reason}`));
  streams.on('connectionClose', (e) => closes.push(e.code));
  const trades: number[] = [];
  await streams.subscribe('btcusdt@trade', (data) => trades.push((data as { t: number }).t));
  await books.track('BTCUSDT');
  sim.startStreaming({ intervalMs: 2, stepsPerTick: 1 });
  try {
    await until(() => books.isLive('BTCUSDT') && trades.length > 20, 'a live book and trades');
    clock.offset += 23 * HOUR + 55 * 60_000; // the connection is now 23 h 55 min old
    if (rotate) await until(() => rotations.length === 1, 'the planned reconnect');
    else await new Promise((r) => setTimeout(r, 100));
    const count = trades.length;
    await until(() => trades.length > count + 20, 'trades after the replacement');
    clock.offset += 10 * 60_000; // 24 h 05 min after the first connection opened: the simulator's cut
    const before = trades.length;
    await until(() => trades.length > before + 50, 'trades after the 24-hour mark');
    const last = sim.bookSnapshot('BTCUSDT').lastUpdateId;
    await until(() => (books.lastUpdateId('BTCUSDT') ?? 0) >= last, 'the book to catch up');
  } finally {
    sim.stopStreaming();
  }
  let holes = 0;
  let repeats = 0;
  for (let i = 1; i < trades.length; i++) {
    if (trades[i]! > trades[i - 1]! + 1) holes++;
    if (trades[i]! <= trades[i - 1]!) repeats++;
  }
  return {
    rotations: [...rotations],
    closes: [...closes],
    holes,
    repeats,
    stats: books.stats('BTCUSDT')!,
    violations: sim.violations,
  };
}

describe('the 24-hour disconnect', () => {
  it('is met by a planned, overlapping reconnect: no trade lost or repeated, no book resync', async () => {
    const r = await dayOfTrading(true);
    expect(r.rotations).toEqual(['1→2 age']);
    expect(r.holes).toBe(0);
    expect(r.repeats).toBe(0);
    expect(r.stats).toMatchObject({ gaps: 0, snapshots: 1, stale: 0 });
    expect(r.closes).toEqual([1000]); // only the old connection, closed by the client after the switch
    expect(r.violations).toBe(0);
  });

  it('without it, the simulator’s 24-hour cut loses updates and costs a resync (the control)', async () => {
    const r = await dayOfTrading(false);
    expect(r.rotations).toEqual([]);
    expect(r.closes.length).toBeGreaterThanOrEqual(1);
    expect(r.holes + r.stats.gaps).toBeGreaterThan(0);
  });
});
