// BinanceBookManager against the Binance simulator over loopback: long floods of diffs with
// injected sequence gaps and dropped connections. Every top of book the manager emits — after
// each applied diff and each snapshot — is checked against the simulator's truth at that update
// id; a watcher keeps iterating through every resync; at the end the whole book equals the
// simulator's.
import { BinanceRestClient } from '../../src/rest/index.js';
import { type BinanceSim, startBinanceSim } from '@venuekit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { BinanceBookManager, restSnapshotFetcher } from '../../src/book/index.js';
import { BinanceMarketStreams } from '../../src/streams/index.js';
import { recordTruth, topKey } from './sim-truth.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

let debug = (): string => '';
async function until(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what} ${debug()}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function setup(market: 'spot' | 'usdm') {
  const sim = await startBinanceSim({ market, symbols: [{ symbol: 'BTCUSDT', levels: 120 }] });
  cleanups.push(() => sim.close());
  const streams = new BinanceMarketStreams({
    market,
    baseUrl: sim.wsUrl,
    reconnect: { initialDelayMs: 5, maxDelayMs: 50, jitter: 0 },
  });
  cleanups.push(() => streams.close());
  const rest = new BinanceRestClient({ market, baseUrl: sim.httpUrl });
  const books = new BinanceBookManager({
    market,
    streams,
    fetchSnapshot: restSnapshotFetcher(rest),
    retryInitialMs: 10,
    symbolNames: (symbol) => ({ symbol, unifiedSymbol: 'BTC/USDT' }),
  });
  cleanups.push(() => books.close());
  return { sim, streams, books };
}

async function runFlood(
  sim: BinanceSim,
  books: BinanceBookManager,
  market: 'spot' | 'usdm',
  rounds: number,
  perRound: number,
) {
  const stream = 'btcusdt@depth@100ms';
  const truth = recordTruth(sim, market, 'BTCUSDT');
  cleanups.push(async () => truth.stop());
  const handle = await books.track('BTCUSDT');
  let checks = 0;
  let wrong = 0;
  let unknown = 0;
  books.onUpdate('BTCUSDT', (id) => {
    checks++;
    const expected = truth.tops.get(id);
    if (expected === undefined) unknown++;
    else if (expected !== topKey(books.store.best('BTCUSDT'))) wrong++;
  });
  debug = () =>
    JSON.stringify({
      live: books.isLive('BTCUSDT'),
      id: books.lastUpdateId('BTCUSDT'),
      stats: books.stats('BTCUSDT'),
    });
  let resyncs = 0;
  books.on('resync', () => resyncs++);

  // A watcher that keeps iterating through every resync, checking each book it is handed.
  const abort = new AbortController();
  let watched = 0;
  let watchedWrong = 0;
  let lastWatched = 0;
  const watcher = (async () => {
    for await (const book of books.watchOrderBook('BTCUSDT', { limit: 1, signal: abort.signal })) {
      watched++;
      lastWatched = book.sequence!;
      const top = topKey({ bid: book.bids[0], ask: book.asks[0] });
      if (truth.tops.get(book.sequence!) !== top) watchedWrong++;
      expect(book.unifiedSymbol).toBe('BTC/USDT');
    }
  })();

  await until(() => books.isLive('BTCUSDT'), 'the first snapshot');
  let diffs = 0;
  const caughtUp = (what: string) => {
    const id = truth.lastId();
    return until(() => books.lastUpdateId('BTCUSDT') === id, `${what}: the book to reach ${id}`);
  };
  for (let round = 0; round < rounds; round++) {
    await sim.flood(stream, perRound, market);
    diffs += perRound;
    await caughtUp(`round ${round}`);
    if (round % 2 === 0) {
      sim.injectDepthGap('BTCUSDT', market); // changes the book without publishing them
      truth.record();
    } else {
      const hub = (market === 'spot' ? sim.spot : sim.usdm)!.hub;
      const before = Math.max(...hub.subscriptions().map((c) => c.connectionId));
      sim.faults.dropAll(); // the connection goes; the market moves while it is away
      sim.market.step(3, 'BTCUSDT');
      const subs = () => hub.subscriptions().filter((c) => c.streams.includes(stream));
      await until(() => subs().length === 1 && subs()[0]!.connectionId > before, 'the resubscription');
    }
    await sim.flood(stream, 20, market); // reveals the hole: the book resyncs
    diffs += 20;
    await caughtUp(`resync ${round}`);
  }
  const finalId = truth.lastId();
  await until(() => books.lastUpdateId('BTCUSDT') === finalId, `the book to reach ${finalId}`);
  await until(() => lastWatched === finalId, 'the watcher to see the final book');
  abort.abort();
  await watcher;

  const expected = sim.bookSnapshot('BTCUSDT', market, 5000);
  const mine = books.store.sorted({ symbol: 'BTCUSDT' });
  expect(mine.bids).toEqual(expected.bids.map(([p, q]) => [+p, +q]));
  expect(mine.asks).toEqual(expected.asks.map(([p, q]) => [+p, +q]));
  await handle.release();
  return { diffs, checks, wrong, unknown, resyncs, watched, watchedWrong, stats: books.stats('BTCUSDT') };
}

describe('BinanceBookManager against the simulator', () => {
  it('Spot: 100k diffs with 20 gaps or drops — the book ends equal to the simulator’s and no wrong top is ever emitted', async () => {
    const { sim, books } = await setup('spot');
    const r = await runFlood(sim, books, 'spot', 20, 5000);
    expect(r.diffs).toBeGreaterThanOrEqual(100_000);
    expect(r.wrong).toBe(0);
    expect(r.unknown).toBe(0);
    expect(r.checks).toBeGreaterThan(90_000);
    expect(r.resyncs).toBeGreaterThanOrEqual(20); // every gap and drop was noticed
    expect(r.watched).toBeGreaterThan(20);
    expect(r.watchedWrong).toBe(0);
  }, 90_000);

  it('USD-M: the pu chain catches gaps and drops the same way', async () => {
    const { sim, books } = await setup('usdm');
    const r = await runFlood(sim, books, 'usdm', 6, 3000);
    expect(r.wrong).toBe(0);
    expect(r.unknown).toBe(0);
    expect(r.resyncs).toBeGreaterThanOrEqual(6);
    expect(r.watchedWrong).toBe(0);
  }, 60_000);
});
