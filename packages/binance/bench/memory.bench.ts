// Memory after start-up: the RSS of a fresh process that imports @venuekit/base and
// @venuekit/binance and loads the instruments (BINANCE___SPOT's getInstruments: exchangeInfo →
// instruments), against the raw baseline (a process that imports undici and ws and JSON.parses
// the same exchangeInfo) and ccxt (loadMarkets). The simulator serves a Binance-sized
// exchangeInfo (3000 symbols) from a child process of its own; every probe is a fresh plain-Node
// child (no tsx), measured after its load and again after a full garbage collection.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { median, recordAbsolute } from '../../../tooling/bench/harness.js';
import { startSimProcess } from './rest-sim-worker.js';

const SUITE = 'binance/memory';
const SYMBOLS = 3000;
// RSS of identical processes varies by ±15% (what the allocator hands back to the OS after the
// load's peak differs run to run; the V8 heap does not), so medians of several fresh processes.
const ROUNDS = 7;
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/** What a probe reports, in bytes. */
interface Usage {
  rssLoaded: number;
  rss: number;
  heapUsed: number;
  external: number;
  instruments: number;
}

// Each probe ends with this: the figures straight after loading, then after a full collection.
const MEASURE = `
const loaded = process.memoryUsage().rss;
for (let i = 0; i < 3; i++) globalThis.gc();
await new Promise((resolve) => setTimeout(resolve, 50));
globalThis.gc();
const m = process.memoryUsage();
process.stdout.write(JSON.stringify({ rssLoaded: loaded, rss: m.rss, heapUsed: m.heapUsed, external: m.external, instruments: count }));
process.exit(0);
`;

const PROBES: Record<string, (httpUrl: string) => string> = {
  rawImports: () => `
import { request } from 'undici';
import WebSocket from 'ws';
globalThis.kept = [request, WebSocket];
const count = 0;
${MEASURE}`,
  oursImports: () => `
import * as base from '@venuekit/base';
import * as binance from '@venuekit/binance';
globalThis.kept = [base, binance];
const count = 0;
${MEASURE}`,
  raw: (url) => `
import { request } from 'undici';
import WebSocket from 'ws';
const res = await request(${JSON.stringify(`${url}/api/v3/exchangeInfo`)});
const info = JSON.parse(await res.body.text());
globalThis.kept = [info, WebSocket];
const count = info.symbols.length;
${MEASURE}`,
  ours: (url) => `
import { silentLogger } from '@venuekit/base';
import { BinanceSpotFeed } from '@venuekit/binance';
const feed = new BinanceSpotFeed({ urls: { rest: ${JSON.stringify(url)}, stream: ${JSON.stringify(url.replace(/^http/, 'ws'))} }, logger: silentLogger });
const instruments = await feed.getInstruments();
globalThis.kept = [feed, instruments];
const count = instruments.length;
${MEASURE}`,
  ccxt: (url) => `
import ccxt from 'ccxt';
const exchange = new ccxt.binance({ enableRateLimit: false, options: { fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false } });
const point = (node) => {
  for (const [key, value] of Object.entries(node)) {
    if (typeof value === 'string' && /^(https?|wss?):\\/\\//.test(value)) {
      const u = new URL(value);
      node[key] = (u.protocol.startsWith('ws') ? ${JSON.stringify(url.replace(/^http/, 'ws'))} : ${JSON.stringify(url)}) + u.pathname.replace(/\\/$/, '');
    } else if (value !== null && typeof value === 'object') point(value);
  }
};
point(exchange.urls.api);
await exchange.loadMarkets();
globalThis.kept = exchange;
const count = Object.keys(exchange.markets).length;
${MEASURE}`,
};

/** Runs one probe in a fresh Node process (cwd: this package, so its dependencies resolve). */
async function probe(source: string): Promise<Usage> {
  const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', source], {
    cwd: PACKAGE_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`memory probe exited with ${code}: ${err.trim()}`);
  return JSON.parse(out) as Usage;
}

/** `n` spot symbols such as BTCUSDT's neighbours: S0AUSDT, S0BUSDT, … with shallow books. */
function manySymbols(n: number): Array<{ symbol: string; levels: number }> {
  const out = [{ symbol: 'BTCUSDT', levels: 20 }];
  for (let i = 1; i < n; i++) out.push({ symbol: `S${i.toString(36).toUpperCase()}USDT`, levels: 20 });
  return out;
}

const mb = (bytes: number): number => Number((bytes / 1_048_576).toFixed(1));

export default async function (): Promise<void> {
  const sim = await startSimProcess({ symbols: manySymbols(SYMBOLS) });
  const samples: Record<string, Usage[]> = {};
  for (const name of Object.keys(PROBES)) samples[name] = [];
  try {
    const info = await fetch(`${sim.httpUrl}/api/v3/exchangeInfo`);
    const bytes = (await info.text()).length;
    for (let round = 0; round < ROUNDS; round++)
      for (const [name, source] of Object.entries(PROBES))
        samples[name]!.push(await probe(source(sim.httpUrl)));
    const med = (name: string, field: keyof Usage): number => median(samples[name]!.map((u) => u[field]));
    const range = (name: string, field: keyof Usage): string => {
      const values = samples[name]!.map((u) => u[field]);
      return `${mb(Math.min(...values))}–${mb(Math.max(...values))}`;
    };
    const ours = med('ours', 'rss');
    const raw = med('raw', 'rss');
    const ccxt = med('ccxt', 'rss');
    recordAbsolute({
      suite: SUITE,
      name: `RSS after import + instruments (${med('ours', 'instruments')} symbols, exchangeInfo ${mb(bytes)} MB), after a full GC: base + binance feed.getInstruments()`,
      unit: 'MB',
      subject: mb(ours),
      baseline: mb(raw),
      baselineName: 'undici + ws + JSON.parse(exchangeInfo)',
      goal: '≤ 1.2× raw',
      pass: ours <= 1.2 * raw,
      extra: {
        'ours/raw': Number((ours / raw).toFixed(2)),
        'ours range MB': range('ours', 'rss'),
        'raw range MB': range('raw', 'rss'),
        'ccxt MB': mb(ccxt),
        'ccxt/raw': Number((ccxt / raw).toFixed(2)),
        'ours heapUsed MB': mb(med('ours', 'heapUsed')),
        'raw heapUsed MB': mb(med('raw', 'heapUsed')),
        'ccxt heapUsed MB': mb(med('ccxt', 'heapUsed')),
        'ccxt markets': med('ccxt', 'instruments'),
      },
    });
    const oursLoaded = med('ours', 'rssLoaded');
    const rawLoaded = med('raw', 'rssLoaded');
    recordAbsolute({
      suite: SUITE,
      name: 'RSS straight after loading (no forced GC): base + binance feed.getInstruments()',
      unit: 'MB',
      subject: mb(oursLoaded),
      baseline: mb(rawLoaded),
      baselineName: 'undici + ws + JSON.parse(exchangeInfo)',
      goal: '≤ 1.2× raw',
      pass: oursLoaded <= 1.2 * rawLoaded,
      extra: {
        'ours/raw': Number((oursLoaded / rawLoaded).toFixed(2)),
        'ours range MB': range('ours', 'rssLoaded'),
        'raw range MB': range('raw', 'rssLoaded'),
        'ccxt MB': mb(med('ccxt', 'rssLoaded')),
        'ccxt/raw': Number((med('ccxt', 'rssLoaded') / rawLoaded).toFixed(2)),
      },
    });
    const oursImports = med('oursImports', 'rss');
    const rawImports = med('rawImports', 'rss');
    recordAbsolute({
      suite: SUITE,
      name: 'RSS after the imports alone, after a full GC: @venuekit/base + @venuekit/binance',
      unit: 'MB',
      subject: mb(oursImports),
      baseline: mb(rawImports),
      baselineName: 'undici + ws',
      goal: 'informational (where the difference above comes from)',
      pass: true,
      extra: {
        'ours − raw MB': mb(oursImports - rawImports),
        'ours heapUsed MB': mb(med('oursImports', 'heapUsed')),
        'raw heapUsed MB': mb(med('rawImports', 'heapUsed')),
      },
    });
  } finally {
    await sim.close();
  }
}
