// Stream benchmarks of @venuekit/bybit against the Bybit simulator (in a child process, so it
// never shares this process's core with the client under test), each beside its baseline in the
// same run and ccxt 4.5.84 pointed at the same simulator:
// - linear `orderbook.200.BTCUSDT`, 50k deltas: BybitPublicStreams + BybitBookManager (sorted
//   local book, `u` continuity, crossed-book check, depth trim) vs a raw `ws` + `JSON.parse` +
//   Map per side (no ordering, no checks); ccxt `watchOrderBook`;
// The trade-stream comparison (watchTrades vs raw vs ccxt) is not here yet: its first version
// never saw a trade through the iterator during a flood, and that was not resolved in time.
// Throughput runs from the first delta of a flood to the last one handled; the client's CPU per
// message over the same span is reported beside it, for ours and for raw. A third contender, a
// `ws` client that only counts frames, shows what the simulator and the socket deliver at most
// (when raw is close to it, the simulator, not the client, bounds the comparison). The ratio of
// each back-to-back pair is printed too: the medians hide how much one run drifts.
import { BybitBookManager, BybitPublicStreams } from '@venuekit/bybit';
import { WebSocket } from 'ws';
import { compareRuns, median, type RunOutcome } from '../../../tooling/bench/harness.js';
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
  /** CPU used from the first delta to the last (set at the last). */
  cpu: NodeJS.CpuUsage;
}

/** Marks the first delta: wall clock and CPU start here. */
function start(t: Timing): void {
  t.first = performance.now();
  t.cpu = process.cpuUsage();
}

/** Marks the last delta: wall clock and CPU stop here (teardown is not counted). */
function stop(t: Timing): void {
  t.last = performance.now();
  t.cpu = process.cpuUsage(t.cpu);
}

function cpuPerMessage(units: number, t: Timing): number {
  return Number(((t.cpu.user + t.cpu.system) / units).toFixed(2));
}

/** Per repeat, for the report: raw's rate and CPU, ours' rate. */
const rawRates: number[] = [];
const rawCpu: number[] = [];
const ourRates: number[] = [];

function outcome(units: number, t: Timing): RunOutcome {
  return { units, ms: t.last - t.first, extra: { 'client CPU µs/msg': cpuPerMessage(units, t) } };
}

function rawOutcome(units: number, t: Timing): RunOutcome {
  rawRates.push((units / (t.last - t.first)) * 1000);
  rawCpu.push(cpuPerMessage(units, t));
  return outcome(units, t);
}

/** Ours, with raw's CPU and the ratio of every pair so far in the extras. */
function ourOutcome(units: number, t: Timing): RunOutcome {
  ourRates.push((units / (t.last - t.first)) * 1000);
  const o = outcome(units, t);
  const pairs = ourRates.map((r, i) => (r / rawRates[i]!).toFixed(2));
  return {
    ...o,
    extra: { ...o.extra, 'raw CPU µs/msg': median(rawCpu), 'pair ratios': `[${pairs.join(',')}]` },
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
    } else if (++deltas === 1) start(t);
    applyLevels(bids, d.b);
    applyLevels(asks, d.a);
    if (deltas === MESSAGES) {
      stop(t);
      done();
    }
  });
  await sim.waitForSubscribers(BOOK_TOPIC, 1);
  await Promise.all([sim.flood(BOOK_TOPIC, MESSAGES), finished]);
  ws.close();
  return rawOutcome(MESSAGES, t);
}

/**
 * The delivery ceiling: a `ws` client that only counts frames (no UTF-8 check, no parsing). Not a
 * contender; it shows whether the simulator or the client under test is the bottleneck.
 */
async function wsOnly(sim: StreamSimProcess): Promise<RunOutcome> {
  const t: Timing = { first: 0, last: 0, cpu: process.cpuUsage() };
  let done!: () => void;
  const finished = new Promise<void>((r) => {
    done = r;
  });
  const ws = new WebSocket(sim.linearUrl, { skipUTF8Validation: true });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  // Frames before the flood: the acknowledgement and the snapshot.
  let frames = 0;
  ws.on('message', () => {
    if (++frames === 3) start(t);
    else if (frames === MESSAGES + 2) {
      stop(t);
      done();
    }
  });
  ws.send(JSON.stringify({ req_id: '1', op: 'subscribe', args: [BOOK_TOPIC] }));
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
    if (applied === 1) start(t);
    if (applied === MESSAGES) {
      stop(t);
      done();
    }
  });
  await sim.waitForSubscribers(BOOK_TOPIC, 1);
  await Promise.all([sim.flood(BOOK_TOPIC, MESSAGES), finished]);
  if (stats.gaps + stats.invalid > 0) throw new Error(`book broke: ${JSON.stringify(stats)}`);
  await handle.release();
  await books.close();
  await streams.close();
  return ourOutcome(MESSAGES, t);
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
    if (t.first === 0) start(t);
    if (report !== undefined && sameBook(ob, report)) break;
  }
  stop(t);
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
      others: { ccxt: () => ccxtBook(sim), 'ws only (ceiling)': () => wsOnly(sim) },
      repeats: 7,
      minRatio: 0.9,
    });
  } finally {
    await sim.close();
  }
}
