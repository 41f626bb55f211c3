// REST benchmark of @venuekit/bybit against the Bybit simulator (in a child process): GET
// /v5/market/tickers for one symbol at concurrency 1 and 50 — the feed's getTicker (parsed into
// numbers, through a limiter whose IP limit is raised out of the way — Bybit's real 600 / 5 s
// would cap every contender at 120 req/s) vs raw undici `request` + `JSON.parse`, with
// BybitHttpClient.get (wire JSON) and ccxt 4.5.84's fetchTicker (enableRateLimit false) beside.
import { ExchangeRegistry, RateLimiter, silentLogger } from '@venuekit/base';
import { BYBIT_LIMIT_RULES, BybitHttpClient, bybitPlugin, defaultBybitRateLimitRules } from '@venuekit/bybit';
import { ccxtBybitAt } from './ccxt-sim.js';
import { Agent, request } from 'undici';
import { compareRuns, type RunOutcome } from '../../../tooling/bench/harness.js';
import { startSimProcess } from './rest-sim-process.js';

const SUITE = 'bybit/rest';
const PATH = '/v5/market/tickers?category=spot&symbol=BTCUSDT';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function drive(one: () => Promise<unknown>, concurrency: number, total: number): Promise<RunOutcome> {
  let left = total;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await one();
    }),
  );
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    units: total,
    ms,
    extra: { 'client CPU µs/req': Number(((used.user + used.system) / total).toFixed(1)) },
  };
}

export default async function (): Promise<void> {
  const sim = await startSimProcess();
  const agent = new Agent({ connections: 50, keepAliveTimeout: 30_000 });
  const raisedLimiter = () =>
    new RateLimiter(
      defaultBybitRateLimitRules().map((r) => (r.name === BYBIT_LIMIT_RULES.ip ? { ...r, limit: 1e9 } : r)),
    );
  const feed = ExchangeRegistry.createIsolated()
    .use(bybitPlugin)
    .createFeed('BYBIT___SPOT', {
      urls: { rest: sim.httpUrl },
      logger: silentLogger,
      limiter: raisedLimiter(),
    });
  const http = new BybitHttpClient({ baseUrl: sim.httpUrl, logger: silentLogger, limiter: raisedLimiter() });
  let exchange: Awaited<ReturnType<typeof ccxtBybitAt>> | undefined;
  try {
    exchange = await ccxtBybitAt(sim.httpUrl, ['spot']);
  } catch (error) {
    console.log(`  ccxt could not be pointed at the simulator: ${(error as Error).message.slice(0, 120)}`);
  }
  try {
    await feed.getInstruments();
    const raw = async (): Promise<unknown> => {
      const res = await request(sim.httpUrl + PATH, { dispatcher: agent });
      return JSON.parse(await res.body.text());
    };
    const others: Record<string, () => Promise<unknown>> = {
      'BybitHttpClient.get': () => http.get('/v5/market/tickers', { category: 'spot', symbol: 'BTCUSDT' }),
    };
    if (exchange !== undefined) {
      const ex = exchange;
      others.ccxt = () => ex.fetchTicker('BTC/USDT');
    }
    for (const [concurrency, total, goal] of [
      [1, 1000, 0],
      [50, 4000, 0.9],
    ] as const) {
      const contenders = [raw, () => feed.getTicker('BTC/USDT'), ...Object.values(others)];
      for (const one of contenders) await drive(one, concurrency, Math.min(total, 1000)); // warm-up
      const runOthers: Record<string, () => Promise<RunOutcome>> = {};
      // Client CPU per request of the others too (steadier than req/s on a shared machine).
      const cpu: Record<string, number[]> = {};
      for (const [who, one] of Object.entries(others))
        runOthers[who] = async () => {
          const outcome = await drive(one, concurrency, total);
          (cpu[who] ??= []).push(Number(outcome.extra?.['client CPU µs/req']));
          return outcome;
        };
      await compareRuns({
        suite: SUITE,
        name: `GET tickers (one symbol), concurrency ${concurrency}: feed.getTicker (numbers)${goal === 0 ? ' (no goal at this concurrency)' : ''}`,
        unit: 'req/s',
        baselineName: 'undici request + JSON.parse',
        baseline: () => drive(raw, concurrency, total),
        subject: () => drive(() => feed.getTicker('BTC/USDT'), concurrency, total),
        others: runOthers,
        repeats: 3,
        minRatio: goal,
      });
      for (const [who, list] of Object.entries(cpu))
        console.log(`      ${who}: client CPU µs/req (median of ${list.length}) ${median(list).toFixed(1)}`);
    }
  } finally {
    await feed.disconnect();
    await http.close();
    await exchange?.close();
    await agent.close();
    await sim.close();
  }
}
