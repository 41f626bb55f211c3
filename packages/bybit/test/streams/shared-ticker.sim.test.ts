// Several watchers of one linear `tickers` topic (review P0-3): linear tickers are a snapshot
// on subscribe then deltas, so a watcher joining a live topic must start from the merged state
// (one merger per topic), and one joining a topic only others held asks for a fresh snapshot.
// No iterator receives the same ticker twice (review B5).
import { tickerSchema, type Ticker } from '@venuekit/base';
import { startBybitSim } from '@venuekit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { BybitMarketWatchers, BybitPublicStreams } from '../../src/streams/index.js';
import { SharedTickers } from '../../src/streams/shared-tickers.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setup() {
  const sim = await startBybitSim({ categories: ['linear'] });
  cleanups.push(() => sim.close());
  const streams = new BybitPublicStreams({ category: 'linear', url: sim.urls.publicLinear });
  cleanups.push(() => streams.close());
  return { sim, streams };
}

describe('one linear tickers topic, several watchers', () => {
  const complete = (t: Ticker): boolean =>
    t.open !== undefined && t.high !== undefined && t.low !== undefined && t.last !== undefined;

  it('a second concurrent watchTicker starts from the merged state and yields complete tickers', async () => {
    const { sim, streams } = await setup();
    const watchers = new BybitMarketWatchers(streams);
    const a = watchers.watchTicker('BTCUSDT')[Symbol.asyncIterator]();
    const first = (await a.next()).value as Ticker;
    expect(complete(first)).toBe(true);
    sim.market.step(3);
    const b = watchers.watchTicker('BTCUSDT')[Symbol.asyncIterator]();
    const got: Ticker[] = [];
    got.push((await b.next()).value as Ticker);
    for (let i = 0; i < 3; i++) {
      sim.market.step(1);
      got.push((await b.next()).value as Ticker);
    }
    for (const t of got) {
      expect(tickerSchema.parse(t)).toBeTruthy();
      expect(complete(t)).toBe(true);
    }
    await a.return!();
    await b.return!();
    expect(streams.topicCount).toBe(0);
  });

  it('a watcher joining a tickers topic another listener already holds gets a fresh snapshot, not bare deltas', async () => {
    const { sim, streams } = await setup();
    const other = await streams.subscribe('tickers.BTCUSDT', () => {});
    cleanups.push(() => other.unsubscribe());
    sim.market.step(2);
    const watchers = new BybitMarketWatchers(streams);
    const it1 = watchers.watchTicker('BTCUSDT')[Symbol.asyncIterator]();
    const pulled = it1.next();
    sim.market.step(1);
    const first = (await pulled).value as Ticker;
    expect(complete(first)).toBe(true);
    await it1.return!();
    expect(streams.topicCount).toBe(1);
  });

  it('no sink receives the same ticker twice: not the first joiner, not one joining a live topic', async () => {
    const { sim, streams } = await setup();
    const tickers = new SharedTickers(streams);
    const names = { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT:USDT' };
    const failures: unknown[] = [];
    const recorder = () => {
      const got: Ticker[] = [];
      return { got, sink: { push: (t: Ticker) => got.push(t), fail: (e: unknown) => failures.push(e) } };
    };
    const a = recorder();
    const leaveA = await tickers.join('tickers.BTCUSDT', names, a.sink);
    const b = recorder();
    const joining = tickers.join('tickers.BTCUSDT', names, b.sink);
    sim.market.step(1);
    const leaveB = await joining;
    for (let i = 0; i < 3; i++) {
      const before = b.got.length;
      sim.market.step(1);
      for (let turn = 0; turn < 10_000 && b.got.length === before; turn++)
        await new Promise((resolve) => setImmediate(resolve));
    }
    expect(failures).toEqual([]);
    for (const got of [a.got, b.got]) {
      expect(got.length).toBeGreaterThan(1);
      expect(new Set(got).size).toBe(got.length);
    }
    await leaveA();
    await leaveB();
    expect(streams.topicCount).toBe(0);
  });
});
