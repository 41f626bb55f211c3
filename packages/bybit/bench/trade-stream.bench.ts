// Trade stream into normalized trades: a flood of linear `publicTrade.BTCUSDT` messages (each
// carrying the trades of one simulator step, so one to a few trades) from the Bybit simulator in
// a child process. Subject: BybitPublicStreams → BybitMarketWatchers.watchTrades, each trade a
// `Trade` model (numbers, taker side, both symbols) read with `for await`. Baseline: a raw `ws`
// client doing JSON.parse per message and touching each trade. Beside them, ccxt's watchTrades
// pointed at the same simulator. Goal ≥ 0.7× raw, in trades per second. Each run ends when the
// client has seen as many trades as the simulator's witness subscriber counted for the flood.
// Each run starts once the previous run's connection has left the topic, so a flood never goes
// out to a subscriber that is closing while the new one is not there yet.
// BENCH_BYBIT_TRADE_MESSAGES scales the run.
import { BybitMarketWatchers, BybitPublicStreams } from '@venuekit/bybit';
import { WebSocket } from 'ws';
import { compareRuns, type RunOutcome } from '../../../tooling/bench/harness.js';
import { type CcxtBybit, ccxtBybitAt } from './ccxt-sim.js';
import { type FloodReport, type StreamSimProcess, startStreamSimProcess } from './stream-sim-worker.js';

const TOPIC = 'publicTrade.BTCUSDT';
const UNIFIED = 'BTC/USDT:USDT';
const MESSAGES = Number(process.env.BENCH_BYBIT_TRADE_MESSAGES ?? 100_000);

/**
 * Counts what a contender has handled against what the flood published, and says when it is
 * done: the report arrives once the simulator has written the flood, which may be before or after
 * the client has read the last trade.
 */
class FloodTally {
  trades = 0;
  first = 0;
  last = 0;
  cpu: NodeJS.CpuUsage = process.cpuUsage();
  cpuUsed: NodeJS.CpuUsage = { user: 0, system: 0 };
  report: FloodReport | undefined;
  readonly #done: Promise<void>;
  #resolve!: () => void;

  constructor(flood: Promise<FloodReport>) {
    this.#done = new Promise<void>((resolve) => {
      this.#resolve = resolve;
    });
    void flood.then((report) => {
      this.report = report;
      this.check();
    });
  }

  /** Counts `n` more trades (the first call starts the clock); true once every trade is in. */
  add(n: number): boolean {
    if (this.trades === 0) {
      this.first = performance.now();
      this.cpu = process.cpuUsage();
    }
    this.trades += n;
    return this.check();
  }

  /** True once every published trade has been handled. */
  check(): boolean {
    const report = this.report;
    if (report === undefined || this.trades < report.trades) return false;
    if (this.last === 0) {
      this.last = performance.now();
      this.cpuUsed = process.cpuUsage(this.cpu);
      this.#resolve();
    }
    return true;
  }

  get done(): Promise<void> {
    return this.#done;
  }

  outcome(): RunOutcome {
    const report = this.report!;
    if (this.trades !== report.trades)
      throw new Error(`bad run: handled ${this.trades} trades, the flood published ${report.trades}`);
    const used = this.cpuUsed;
    return {
      units: this.trades,
      ms: this.last - this.first,
      extra: {
        messages: MESSAGES,
        'client CPU µs/trade': Number(((used.user + used.system) / this.trades).toFixed(2)),
      },
    };
  }
}

/** Raw baseline: `ws` + JSON.parse, each trade's size read as a number. */
async function raw(sim: StreamSimProcess): Promise<RunOutcome> {
  await sim.waitForSubscribers(TOPIC, 0);
  const ws = new WebSocket(sim.linearUrl);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let tally: FloodTally | undefined;
  let volume = 0;
  ws.on('message', (data: Buffer) => {
    const m = JSON.parse(data.toString()) as { topic?: string; data?: Array<{ v: string }> };
    if (m.topic !== TOPIC || m.data === undefined) return;
    for (const t of m.data) volume += +t.v;
    tally?.add(m.data.length);
  });
  ws.send(JSON.stringify({ req_id: '1', op: 'subscribe', args: [TOPIC] }));
  await sim.waitForSubscribers(TOPIC, 1);
  tally = new FloodTally(sim.flood(TOPIC, MESSAGES));
  await tally.done;
  ws.close();
  const result = tally.outcome();
  return { ...result, extra: { ...result.extra, volume: Math.round(volume) } };
}

/** Ours: BybitPublicStreams → BybitMarketWatchers.watchTrades → `for await`. */
async function venuekit(sim: StreamSimProcess): Promise<RunOutcome> {
  await sim.waitForSubscribers(TOPIC, 0);
  const streams = new BybitPublicStreams({ category: 'linear', url: sim.linearUrl });
  const watchers = new BybitMarketWatchers(streams, {
    symbolNames: (symbol) => ({ symbol, unifiedSymbol: UNIFIED }),
  });
  const stop = new AbortController();
  const trades = watchers.watchTrades('BTCUSDT', { capacity: 1_000_000, signal: stop.signal });
  let tally: FloodTally | undefined;
  let volume = 0;
  const reading = (async () => {
    for await (const trade of trades) {
      volume += trade.quantity;
      if (tally?.add(1)) break;
    }
  })();
  await sim.waitForSubscribers(TOPIC, 1);
  tally = new FloodTally(sim.flood(TOPIC, MESSAGES));
  await tally.done;
  stop.abort();
  await reading;
  await streams.close();
  const result = tally.outcome();
  return { ...result, extra: { ...result.extra, volume: Math.round(volume) } };
}

/** ccxt: watchTrades until the last trade it returns is the flood's last one. */
async function ccxtRun(sim: StreamSimProcess): Promise<RunOutcome> {
  await sim.waitForSubscribers(TOPIC, 0);
  const exchange: CcxtBybit = await ccxtBybitAt(sim.httpUrl);
  // The first call subscribes; it resolves on the first trades, so the flood is started beside it.
  const flood = sim.waitForSubscribers(TOPIC, 1).then(() => sim.flood(TOPIC, MESSAGES));
  let report: FloodReport | undefined;
  void flood.then((r) => {
    report = r;
  });
  let first = 0;
  let cpu = process.cpuUsage();
  let results = 0;
  for (;;) {
    // Once the flood is out, also look again every millisecond: ccxt may have returned the last
    // trade already, and no more will come.
    const pending = exchange.watchTrades(UNIFIED);
    const batch = (await Promise.race([
      pending,
      flood.then(() => new Promise((resolve) => setTimeout(resolve, 1))),
    ])) as Array<{ id?: string }> | undefined;
    if (first === 0) {
      first = performance.now();
      cpu = process.cpuUsage();
    }
    if (batch !== undefined) results++;
    const seen = (exchange.trades as Record<string, Array<{ id?: string }>>)[UNIFIED];
    if (report !== undefined && seen?.at(-1)?.id === report.lastTradeId) break;
  }
  const last = performance.now();
  const used = process.cpuUsage(cpu);
  await exchange.close();
  return {
    units: report!.trades,
    ms: last - first,
    extra: {
      'ccxt results': results,
      'client CPU µs/trade': Number(((used.user + used.system) / report!.trades).toFixed(2)),
    },
  };
}

export default async function (): Promise<void> {
  const sim = await startStreamSimProcess();
  try {
    await compareRuns({
      suite: 'bybit/streams',
      name: `linear ${TOPIC}, ${MESSAGES / 1000}k messages → normalized trades: BybitMarketWatchers.watchTrades`,
      unit: 'trades/s',
      baselineName: 'raw ws + JSON.parse',
      baseline: () => raw(sim),
      subject: () => venuekit(sim),
      others: { ccxt: () => ccxtRun(sim) },
      repeats: 5,
      minRatio: 0.7,
    });
  } finally {
    await sim.close();
  }
}
