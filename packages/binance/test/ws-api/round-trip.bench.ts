// WS API round-trip throughput against the Binance simulator (same process, loopback): 20 000
// `time` requests with 100 in flight through BinanceWsApi (ids, limit accounting, status, typed
// errors) against a raw `ws` client that sends the same frames and matches answers in a Map.
// Goal: ≥ 0.9× raw. It lives beside the WS API tests (not in bench/, which other work owns);
// run it with:
//   node --conditions=@venuekit/source --import tsx packages/binance/test/ws-api/round-trip.bench.ts
import { pathToFileURL } from 'node:url';
import { silentLogger } from '@venuekit/base';
import { startBinanceSim } from '@venuekit/testkit';
import { WebSocket } from 'ws';
import { compareRuns, type RunOutcome } from '../../../../tooling/bench/harness.js';
import { BinanceWsApi } from '../../src/ws-api/index.js';

const REQUESTS = 20_000;
const IN_FLIGHT = 100;

async function run(call: () => Promise<unknown>): Promise<RunOutcome> {
  const started = performance.now();
  let sent = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (sent < REQUESTS) {
        sent++;
        await call();
      }
    }),
  );
  return { units: REQUESTS, ms: performance.now() - started };
}

export default async function main(): Promise<void> {
  const sim = await startBinanceSim({
    market: 'spot',
    limits: { requestWeightPerMinute: 1e9, rawRequestsPer5Min: 1e9 },
  });
  const url = `${sim.wsUrl}/ws-api/v3`;
  const api = new BinanceWsApi({ url, logger: silentLogger, rateLimits: [] });
  await api.start();
  const raw = new WebSocket(url);
  await new Promise((resolve) => raw.once('open', resolve));
  const waiting = new Map<string, (message: unknown) => void>();
  raw.on('message', (data) => {
    const message = JSON.parse(data.toString()) as { id: string };
    const resolve = waiting.get(message.id);
    waiting.delete(message.id);
    resolve?.(message);
  });
  let seq = 0;
  const rawCall = (method: string) =>
    new Promise((resolve) => {
      const id = `r${++seq}`;
      waiting.set(id, resolve);
      raw.send(JSON.stringify({ id, method }));
    });
  try {
    await compareRuns({
      suite: 'binance ws-api',
      name: `time round trips, ${IN_FLIGHT} in flight`,
      unit: 'req/s',
      baselineName: 'raw ws + JSON.parse + Map',
      subject: () => run(() => api.request('time')),
      baseline: () => run(() => rawCall('time')),
      minRatio: 0.9,
      repeats: 7,
    });
  } finally {
    raw.close();
    await api.stop();
    await sim.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
