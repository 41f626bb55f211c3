// REST benchmarks of @venuekit/binance against the Binance simulator (running in a child
// process, so it never shares this process's core with the client under test):
// - ticker/24hr at concurrency 1 and 50 and depth limit=1000 (~64 KB) at concurrency 1 and 50:
//   the feed's getTicker / getOrderBook (parsed into numbers) vs raw undici `request` +
//   `JSON.parse`, with base's Client.fetch (no Binance layer), BinanceRestClient (wire JSON) and
//   ccxt 4.5.84 (enableRateLimit false) beside them, plus each contender's client CPU per request;
// - with the venue's limits switched on: sustained ticker requests against a simulator whose
//   clock runs 30× faster (a 1-minute window lasts 2 s) and whose REQUEST_WEIGHT limit is 1200,
//   the client's limiter following exchangeInfo; the share of the budget used and the violations.
import { setMaxListeners } from 'node:events';
import { Client, type Clock, silentLogger, type TimerHandle } from '@venuekit/base';
import { BinanceRestClient, BinanceSpotFeed } from '@venuekit/binance';
import { Agent, request } from 'undici';
import { compareRuns, median, type RunOutcome, recordAbsolute } from '../../../tooling/bench/harness.js';
import { type CcxtBinance, ccxtBinanceAt } from './ccxt-sim.js';
import { scaledNow, startSimProcess } from './rest-sim-worker.js';

const SUITE = 'binance/rest';
const RAW = 'undici request + JSON.parse';
const SYMBOL = 'BTCUSDT';
const UNIFIED = 'BTC/USDT';
const TICKER_PATH = `/api/v3/ticker/24hr?symbol=${SYMBOL}`;
const DEPTH_PATH = `/api/v3/depth?symbol=${SYMBOL}&limit=1000`;

/** Client CPU µs per request of every run, by workload and contender. */
const cpuSamples = new Map<string, number[]>();

/** Sends `total` requests with `one`, `concurrency` at a time; records this process's CPU per request. */
async function drive(
  key: string,
  one: () => Promise<unknown>,
  concurrency: number,
  total: number,
): Promise<RunOutcome> {
  let left = total;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const worker = async (): Promise<void> => {
    while (left-- > 0) await one();
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuUs = (used.user + used.system) / total;
  let list = cpuSamples.get(key);
  if (list === undefined) cpuSamples.set(key, (list = []));
  list.push(cpuUs);
  return { units: total, ms, extra: { 'client CPU µs/req': Number(cpuUs.toFixed(1)) } };
}

const cpuOf = (key: string): number => median(cpuSamples.get(key) ?? [Number.NaN]);

/** The contenders of one workload: the judged one, the baseline, and those shown beside them. */
interface Contenders {
  raw: () => Promise<unknown>;
  ours: () => Promise<unknown>;
  others: Record<string, () => Promise<unknown>>;
}

/** One workload at one concurrency: throughput beside the raw baseline, then client CPU per request. */
async function workload(
  name: string,
  oursName: string,
  contenders: Contenders,
  concurrency: number,
  total: number,
  minRatio: number | undefined,
): Promise<void> {
  const key = (who: string): string => `${name}/${concurrency}/${who}`;
  const run = (who: string, one: () => Promise<unknown>) => () => drive(key(who), one, concurrency, total);
  const others: Record<string, () => Promise<RunOutcome>> = {};
  for (const [who, one] of Object.entries(contenders.others)) others[who] = run(who, one);
  // Warm-up: connections, JIT.
  for (const one of [contenders.raw, contenders.ours, ...Object.values(contenders.others)])
    await drive('warm-up', one, concurrency, total);
  cpuSamples.clear();
  await compareRuns({
    suite: SUITE,
    name: `${name}, concurrency ${concurrency}: ${oursName}${minRatio === undefined ? ' (no goal at this concurrency)' : ''}`,
    unit: 'req/s',
    baselineName: RAW,
    baseline: run('raw', contenders.raw),
    subject: run('ours', contenders.ours),
    others,
    repeats: 5,
    minRatio: minRatio ?? 0,
  });
  const ours = cpuOf(key('ours'));
  const raw = cpuOf(key('raw'));
  const extra: Record<string, number> = { 'ours/raw CPU': Number((ours / raw).toFixed(2)) };
  for (const who of Object.keys(contenders.others))
    extra[`${who} µs/req`] = Number(cpuOf(key(who)).toFixed(1));
  recordAbsolute({
    suite: SUITE,
    name: `${name}, concurrency ${concurrency}: client CPU per request (this process only), ${oursName}`,
    unit: 'µs/req',
    subject: ours,
    baseline: raw,
    baselineName: RAW,
    goal: 'informational',
    pass: true,
    extra,
  });
}

async function throughput(): Promise<void> {
  const sim = await startSimProcess({ limits: { requestWeightPerMinute: 1e12, rawRequestsPer5Min: 1e12 } });
  const agent = new Agent({ connections: 50, keepAliveTimeout: 30_000 });
  const urls = { rest: sim.httpUrl, stream: sim.httpUrl.replace(/^http/, 'ws') };
  // Limiters on: both of ours adopt exchangeInfo's (raised) limits and account every request.
  const feed = new BinanceSpotFeed({ urls, logger: silentLogger });
  const rest = new BinanceRestClient({ baseUrl: sim.httpUrl, logger: silentLogger });
  // base's HTTP client alone (no Binance layer: no limiter, no deadline of its own, no error mapping).
  const http = new Client({ baseUrl: sim.httpUrl, logger: silentLogger });
  const ccxt: CcxtBinance = ccxtBinanceAt(sim.httpUrl, { enableRateLimit: false });
  try {
    await feed.getInstruments();
    await rest.exchangeInfo();
    await ccxt.loadMarkets();
    const raw = (path: string) => async (): Promise<unknown> => {
      const res = await request(sim.httpUrl + path, { dispatcher: agent });
      return JSON.parse(await res.body.text());
    };
    const fetchData = (path: string) => async (): Promise<unknown> => (await http.fetch('GET', path)).data;
    const ticker: Contenders = {
      raw: raw(TICKER_PATH),
      ours: () => feed.getTicker(UNIFIED),
      others: {
        'base Client.fetch': fetchData(TICKER_PATH),
        BinanceRestClient: () => rest.ticker24hr(SYMBOL),
        ccxt: () => ccxt.fetchTicker(UNIFIED),
      },
    };
    const depth: Contenders = {
      raw: raw(DEPTH_PATH),
      ours: () => feed.getOrderBook(UNIFIED, { limit: 1000 }),
      others: {
        'base Client.fetch': fetchData(DEPTH_PATH),
        BinanceRestClient: () => rest.depth(SYMBOL, 1000),
        ccxt: () => ccxt.fetchOrderBook(UNIFIED, 1000),
      },
    };
    const tickerName = 'GET ticker/24hr (~530 B)';
    const ours = 'feed.getTicker (numbers)';
    await workload(tickerName, ours, ticker, 1, 2000, undefined);
    await workload(tickerName, ours, ticker, 50, 8000, 0.9);
    const depthName = 'GET depth limit=1000 (~64 KB)';
    const oursBook = 'feed.getOrderBook (numbers)';
    await workload(depthName, oursBook, depth, 1, 400, undefined);
    await workload(depthName, oursBook, depth, 50, 800, 0.85);
    const report = await sim.report();
    if (report.violations !== 0) console.log(`  (simulator counted ${report.violations} violations)`);
  } finally {
    await feed.disconnect();
    await rest.close();
    await http.close();
    await ccxt.close();
    await agent.close();
    await sim.close();
  }
}

/** A clock `speed` times faster than the wall clock from `epochMs`, with timers to match. */
function scaledClock(epochMs: number, speed: number): Clock {
  return {
    now: () => scaledNow(epochMs, speed),
    setTimeout(fn: () => void, ms: number): TimerHandle {
      const timer = setTimeout(fn, Math.max(0, Math.ceil(ms / speed)));
      timer.unref();
      return timer;
    },
    clearTimeout: (handle: TimerHandle) => clearTimeout(handle as NodeJS.Timeout),
  };
}

const SPEED = 30;
const WEIGHT_LIMIT = 1200;
const WINDOWS = 5;
const MINUTE = 60_000;
const TICKER_WEIGHT = 2;

/** Sends ticker requests, `concurrency` at a time, until `signal` aborts; counts successes and failures. */
async function sustain(
  send: (signal: AbortSignal) => Promise<unknown>,
  concurrency: number,
  signal: AbortSignal,
): Promise<{ ok: number; failed: Record<string, number> }> {
  let ok = 0;
  const failed: Record<string, number> = {};
  const worker = async (): Promise<void> => {
    while (!signal.aborted) {
      try {
        await send(signal);
        ok++;
      } catch (error) {
        if (signal.aborted) return;
        const name = error instanceof Error ? error.constructor.name : String(error);
        failed[name] = (failed[name] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ok, failed };
}

/** Ours under the venue's limits: the budget used over whole windows, and the violations. */
async function oursUnderLimits(): Promise<void> {
  const epochMs = Math.floor(Date.now() / MINUTE) * MINUTE;
  const sim = await startSimProcess({
    limits: { requestWeightPerMinute: WEIGHT_LIMIT },
    clock: { epochMs, speed: SPEED },
  });
  const clock = scaledClock(epochMs, SPEED);
  // Deadlines are in the client's (scaled) time: allow a wait of several windows.
  const client = new BinanceRestClient({
    baseUrl: sim.httpUrl,
    clock,
    logger: silentLogger,
    timeoutMs: 10 * MINUTE,
  });
  try {
    await client.exchangeInfo(); // the limiter adopts REQUEST_WEIGHT 1200 / 1 MINUTE
    const adopted = client.limiter.state()['REQUEST_WEIGHT:1M']?.limit;
    const first = Math.floor(clock.now() / MINUTE) * MINUTE + MINUTE;
    const end = first + WINDOWS * MINUTE;
    const stop = new AbortController();
    // One signal shared by the 50 concurrent calls: each adds an abort listener while it runs.
    setMaxListeners(100, stop.signal);
    const timer = setTimeout(() => stop.abort(), (end - clock.now()) / SPEED);
    const started = performance.now();
    const { ok, failed } = await sustain(
      (signal) => client.request('GET', '/api/v3/ticker/24hr', { symbol: SYMBOL }, { signal }),
      50,
      stop.signal,
    );
    clearTimeout(timer);
    const seconds = (performance.now() - started) / 1000;
    const report = await sim.report();
    const perWindow: number[] = [];
    for (let w = first; w < end; w += MINUTE) perWindow.push(report.weightByWindow[String(w)] ?? 0);
    const used = perWindow.reduce((a, b) => a + b, 0);
    const utilisation = (100 * used) / (WINDOWS * WEIGHT_LIMIT);
    const failures = Object.entries(failed)
      .map(([k, v]) => `${k}×${v}`)
      .join(',');
    recordAbsolute({
      suite: SUITE,
      name: `sustained ticker/24hr under the venue's limits (REQUEST_WEIGHT ${WEIGHT_LIMIT}/min, clock ×${SPEED}: ${WINDOWS} windows of ${MINUTE / SPEED / 1000} s), concurrency 50: BinanceRestClient`,
      unit: '% of budget',
      subject: utilisation,
      goal: '≥ 95% of the budget, 0 violations',
      pass: utilisation >= 95 && report.violations === 0,
      extra: {
        violations: report.violations,
        'weight per window': perWindow.join('/'),
        'tickers allowed per window': WEIGHT_LIMIT / TICKER_WEIGHT,
        'limit adopted from exchangeInfo': adopted ?? '-',
        'requests ok': ok,
        failures: failures === '' ? 'none' : failures,
        'real s': Number(seconds.toFixed(1)),
      },
    });
  } finally {
    await client.close();
    await sim.close();
  }
}

/**
 * ccxt with enableRateLimit true (its real-time leaky bucket cannot follow a scaled clock), against
 * a simulator with Binance's real limits (6000 weight / minute): weight per second sent, as a
 * share of the 100 weight/s the venue allows.
 */
async function ccxtUnderLimits(seconds: number): Promise<void> {
  const sim = await startSimProcess({});
  const ccxt = ccxtBinanceAt(sim.httpUrl, { enableRateLimit: true });
  try {
    await ccxt.loadMarkets();
    await sim.resetLimits();
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), seconds * 1000);
    const started = performance.now();
    const { ok } = await sustain(() => ccxt.fetchTicker(UNIFIED), 50, stop.signal);
    clearTimeout(timer);
    const elapsed = (performance.now() - started) / 1000;
    const report = await sim.report();
    const weight = Object.values(report.weightByWindow).reduce((a, b) => a + b, 0);
    const budgetPerSecond = 6000 / 60;
    recordAbsolute({
      suite: SUITE,
      name: `sustained ticker/24hr under the venue's real limits (6000/min), ${seconds} s real time, concurrency 50: ccxt enableRateLimit true`,
      unit: '% of budget',
      subject: (100 * weight) / (elapsed * budgetPerSecond),
      goal: 'informational',
      pass: true,
      extra: {
        violations: report.violations,
        'req/s': Number((ok / elapsed).toFixed(1)),
        'weight/s': Number((weight / elapsed).toFixed(1)),
      },
    });
  } finally {
    await ccxt.close();
    await sim.close();
  }
}

export default async function (): Promise<void> {
  await throughput();
  await oursUnderLimits();
  await ccxtUnderLimits(6);
}
