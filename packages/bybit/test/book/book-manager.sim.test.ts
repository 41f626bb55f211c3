// BybitBookManager against the Bybit simulator over loopback: 100k+ deltas with 20 injected
// faults (sequence jumps, `u = 1` restarts, dropped connections, malformed frames). Every top of
// book the manager emits is checked against the simulator's truth at the message's `seq`; a
// watcher keeps iterating through every resync; at the end the book equals the simulator's.
import { type BybitCategory, type BybitSim, startBybitSim } from '@venuekit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { BybitBookManager } from '../../src/book/index.js';
import { BybitPublicStreams } from '../../src/streams/index.js';
import { recordTruth, topKey } from './book-sim-truth.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

let debug = (): string => '';
async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what} ${debug()}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function setup(category: BybitCategory, depth: number) {
  const sim = await startBybitSim({ categories: [category], symbols: [{ symbol: 'BTCUSDT', levels: 300 }] });
  cleanups.push(() => sim.close());
  const streams = new BybitPublicStreams({
    category,
    url: category === 'spot' ? sim.urls.publicSpot : sim.urls.publicLinear,
    reconnect: { initialDelayMs: 5, maxDelayMs: 50, jitter: 0 },
  });
  cleanups.push(() => streams.close());
  const books = new BybitBookManager({
    streams,
    depth,
    retryInitialMs: 10,
    symbolNames: (symbol) => ({ symbol, unifiedSymbol: 'BTC/USDT' }),
  });
  cleanups.push(() => books.close());
  return { sim, streams, books };
}

async function runFaults(
  sim: BybitSim,
  books: BybitBookManager,
  category: BybitCategory,
  rounds: number,
  steps: number,
) {
  const truth = recordTruth(sim, category, 'BTCUSDT');
  const handle = await books.track('BTCUSDT');
  const sync = () => books.stats('BTCUSDT')!;
  let checks = 0;
  let wrong = 0;
  let unknown = 0;
  let crossed = 0;
  let lastSeq = 0;
  books.onUpdate('BTCUSDT', () => {
    checks++;
    const best = books.store.best('BTCUSDT');
    if (best.bid && best.ask && best.bid[0] >= best.ask[0]) crossed++;
    const book = books.orderBook('BTCUSDT', 1)!;
    lastSeq = seqOf(books);
    const expected = truth.tops.get(lastSeq);
    if (expected === undefined) unknown++;
    else if (expected !== topKey({ bid: book.bids[0], ask: book.asks[0] })) wrong++;
  });
  debug = () =>
    JSON.stringify({ live: books.isLive('BTCUSDT'), u: books.updateId('BTCUSDT'), stats: sync() });
  const reasons: string[] = [];
  books.on('resync', ({ reason }) => reasons.push(reason));
  const abort = new AbortController();
  let watched = 0;
  const watcher = (async () => {
    for await (const book of books.watchOrderBook('BTCUSDT', { limit: 5, signal: abort.signal })) {
      watched++;
      expect(book.unifiedSymbol).toBe('BTC/USDT');
      expect(book.bids[0]![0]).toBeLessThan(book.asks[0]![0]);
    }
  })();
  await until(() => books.isLive('BTCUSDT'), 'the first snapshot');
  const asNumbers = (levels: Array<[string, string]>) => levels.map(([p, q]) => [+p, +q]);
  const caughtUp = (what: string) => {
    const truthBook = sim.bookSnapshot(category, 'BTCUSDT', books.depth);
    const want = JSON.stringify({ asks: asNumbers(truthBook.asks), bids: asNumbers(truthBook.bids) });
    return until(
      () => books.isLive('BTCUSDT') && JSON.stringify(books.store.sorted({ symbol: 'BTCUSDT' })) === want,
      what,
    );
  };
  let faults = 0;
  for (let round = 0; round < rounds; round++) {
    truth.step(steps);
    await caughtUp(`round ${round}`);
    switch (round % 4) {
      case 0:
        sim.injectSequenceJump('BTCUSDT', category);
        break;
      case 1:
        sim.injectReset('BTCUSDT', category);
        break;
      case 2:
        sim.faults.dropAll();
        break;
      default:
        sim.faults.sendMalformed(3);
    }
    faults++;
    truth.record();
    truth.step(20);
    await caughtUp(`recovery ${round}`);
  }
  truth.step(50);
  await caughtUp('the final book');
  const final = sim.bookSnapshot(category, 'BTCUSDT', books.depth);
  abort.abort();
  await watcher;
  const mine = books.store.sorted({ symbol: 'BTCUSDT' });
  expect(mine.bids).toEqual(final.bids.map(([p, q]) => [+p, +q]));
  expect(mine.asks).toEqual(final.asks.map(([p, q]) => [+p, +q]));
  const stats = { ...sync() };
  await handle.release();
  return { faults, checks, wrong, unknown, crossed, watched, reasons, stats };
}

/** The `seq` of the last message the manager applied (the book's metadata lives in its sync). */
function seqOf(books: BybitBookManager): number {
  return books.sequence('BTCUSDT') ?? 0;
}

describe('BybitBookManager against the simulator', () => {
  it('spot: 100k deltas with 20 injected faults — no wrong top ever emitted, the book ends equal to the simulator’s', async () => {
    const { sim, books } = await setup('spot', 200);
    const r = await runFaults(sim, books, 'spot', 20, 5200);
    expect(r.faults).toBe(20);
    expect(r.stats.applied).toBeGreaterThanOrEqual(100_000);
    expect(r.wrong).toBe(0);
    expect(r.unknown).toBe(0);
    expect(r.crossed).toBe(0);
    expect(r.checks).toBeGreaterThan(100_000);
    expect(r.stats.resets).toBeGreaterThanOrEqual(5); // the u = 1 restarts
    expect(r.stats.gaps).toBeGreaterThanOrEqual(5); // the sequence jumps
    expect(r.watched).toBeGreaterThan(20);
  }, 120_000);

  it('linear at depth 50: levels leaving the window are deleted, faults recover the same way', async () => {
    const { sim, books } = await setup('linear', 50);
    const r = await runFaults(sim, books, 'linear', 8, 1000);
    expect(r.wrong).toBe(0);
    expect(r.unknown).toBe(0);
    expect(r.stats.gaps).toBeGreaterThanOrEqual(2);
    expect(r.stats.resets).toBeGreaterThanOrEqual(2);
  }, 60_000);
});
