// Stream benchmarks of @venuekit/bybit against the Bybit simulator (in a child process, so it
// never shares this process's core with the client under test), each beside its baseline in the
// same run and ccxt 4.5.84 pointed at the same simulator:
// - linear `orderbook.200.BTCUSDT`, 50k deltas: BybitPublicStreams + BybitBookManager (sorted
//   local book, `u` continuity, crossed-book check, depth trim) vs a raw `ws` + `JSON.parse` +
//   Map per side (no ordering, no checks); ccxt `watchOrderBook`;
// The trade-stream comparison (watchTrades vs raw vs ccxt) is not here yet: its first version
// never saw a trade through the iterator during a flood, and that was not resolved in time.
// Throughput runs from the first message of a flood to the last one handled; the client's CPU
// per message is reported beside it.
import { BybitBookManager, BybitPublicStreams } from '@venuekit/bybit';
import { WebSocket } from 'ws';
import { compareRuns, type RunOutcome } from '../../../tooling/bench/harness.js';
import { type CcxtBybit, ccxtBybitAt } from './ccxt-sim.js';
import { type FloodReport, type StreamSimProcess, startStreamSimProcess } from './stream-sim-worker.js';

const SUITE = 'bybit/streams';
const RAW = 'raw ws + JSON.parse + Map';
const BOOK_TOPIC = 'orderbook.200.BTCUSDT';
const UNIFIED = 'BTC/USDT:USDT';
const MESSAGES = 50_000;

interface Timing {
  first: number;
  last: number;
  cpu: NodeJS.CpuUsage;
}

function outcome(units: number, t: Timing): RunOutcome {
  const used = process.cpuUsage(t.cpu);
  return {
    units,
    ms: t.last - t.first,
    extra: { 'client CPU µs/msg': Number(((used.user + used.system) / units).toFixed(2)) },
  };
}

/** After the flood is out: resolves (undefined) after 1 ms, a macrotask, so sockets get read meanwhile. */
function later(report: FloodReport | undefined, flood: Promise<FloodReport>): Promise<unknown> {
  if (report === undefined) return flood;
  return new Promise((resolve) => setTimeout(resolve, 1));
}

function applyLevels(side: Map<number, number>, levels: string[][]): void {
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    const price = +level[0]!;
    const size = +level[1]!;
    if (size === 0) side.delete(price);
    else side.set(price, size);
  }
}

async function openRaw(
  url: string,
  topic: string,
  onMessage: (m: { topic?: string; type?: string; data?: unknown }) => void,
) {
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.on('message', (raw) => onMessage(JSON.parse(String(raw))));
  ws.send(JSON.stringify({ req_id: '1', op: 'subscribe', args: [topic] }));
  return ws;
}

/** Raw baseline: `ws` + JSON.parse + a Map per side. */
async function rawBook(sim: StreamSimProcess): Promise<RunOutcome> {
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  let deltas = 0;
  const t: Timing = { first: 0, last: 0, cpu: process.cpuUsage() };
  let done!: () => void;
  const finished = new Promise<void>((r) => {
    done = r;
  });
  const ws = await openRaw(sim.linearUrl, BOOK_TOPIC, (m) => {
    if (m.topic !== BOOK_TOPIC) return;
    const d = m.data as { b: string[][]; a: string[][] };
    if (m.type === 'snapshot') {
      bids.clear();
      asks.clear();
    } else if (++deltas === 1) {
      t.first = performance.now();
      t.cpu = process.cpuUsage();
    }
    applyLevels(bids, d.b);
    applyLevels(asks, d.a);
    if (deltas === MESSAGES) {
      t.last = performance.now();
      done();
    }
  });
  await sim.waitForSubscribers(BOOK_TOPIC, 1);
  await Promise.all([sim.flood(BOOK_TOPIC, MESSAGES), finished]);
  ws.close();
  return outcome(MESSAGES, t);
}

/** Ours: BybitPublicStreams + BybitBookManager into a sorted OrderBookStore. */
async function oursBook(sim: StreamSimProcess): Promise<RunOutcome> {
  const streams = new BybitPublicStreams({ category: 'linear', url: sim.linearUrl });
  const books = new BybitBookManager({ streams, depth: 200 });
  const handle = await books.track('BTCUSDT');
  const t: Timing = { first: 0, last: 0, cpu: process.cpuUsage() };
  let done!: () => void;
  let fail!: (error: Error) => void;
  const finished = new Promise<void>((resolve, reject) => {
    done = resolve;
    fail = reject;
  });
  books.on('resync', ({ reason }) => fail(new Error(`the book resynced during the run: ${reason}`)));
  const stats = books.stats('BTCUSDT')!;
  const startAt = stats.applied;
  books.onUpdate('BTCUSDT', () => {
    // Counted from the book's own counter: the snapshot may land before this listener.
    const applied = stats.applied - startAt;
    if (applied === 1) {
      t.first = performance.now();
      t.cpu = process.cpuUsage();
    }
    if (applied === MESSAGES) {
      t.last = performance.now();
      done();
    }
  });
  await sim.waitForSubscribers(BOOK_TOPIC, 1);
  await Promise.all([sim.flood(BOOK_TOPIC, MESSAGES), finished]);
  if (stats.gaps + stats.invalid > 0) throw new Error(`book broke: ${JSON.stringify(stats)}`);
  await handle.release();
  await books.close();
  await streams.close();
  return outcome(MESSAGES, t);
}

function sameBook(ob: { bids: number[][]; asks: number[][] }, report: FloodReport): boolean {
  const side = (mine: number[][], truth: Array<[string, string]>) =>
    mine.length >= truth.length && truth.every(([p, q], i) => mine[i]![0] === +p && mine[i]![1] === +q);
  return side(ob.bids, report.bids) && side(ob.asks, report.asks);
}

/** ccxt: watchOrderBook until its book equals the simulator's after the flood. */
async function ccxtBook(sim: StreamSimProcess): Promise<RunOutcome> {
  const ex: CcxtBybit = await ccxtBybitAt(sim.httpUrl);
  await ex.watchOrderBook(UNIFIED, 200);
  const t: Timing = { first: 0, last: 0, cpu: process.cpuUsage() };
  const flood = sim.flood(BOOK_TOPIC, MESSAGES);
  let report: FloodReport | undefined;
  void flood.then((r) => {
    report = r;
  });
  for (;;) {
    // Once the flood is out, also look again every millisecond (ccxt may have seen the last message already).
    const ob = (await Promise.race([ex.watchOrderBook(UNIFIED, 200), later(report, flood)]).then(
      () => ex.orderbooks[UNIFIED],
    )) as { bids: number[][]; asks: number[][] };
    if (t.first === 0) {
      t.first = performance.now();
      t.cpu = process.cpuUsage();
    }
    if (report !== undefined && sameBook(ob, report)) break;
  }
  t.last = performance.now();
  await ex.close();
  return outcome(MESSAGES, t);
}

export default async function (): Promise<void> {
  const sim = await startStreamSimProcess();
  try {
    await compareRuns({
      suite: SUITE,
      name: `linear ${BOOK_TOPIC}, ${MESSAGES} deltas → local book: BybitPublicStreams + BybitBookManager`,
      unit: 'msg/s',
      baselineName: RAW,
      baseline: () => rawBook(sim),
      subject: () => oursBook(sim),
      others: { ccxt: () => ccxtBook(sim) },
      repeats: 5,
      minRatio: 0.9,
    });
  } finally {
    await sim.close();
  }
}
