// Diff-depth stream into a local order book: 200k `btcusdt@depth@100ms` messages (~470 bytes,
// ~12 levels each) from a loopback server in a worker thread. Subject: venuekit — combined-stream
// connection (BinanceMarketStreams) → BookSync with the official sequence checks → the sorted
// OrderBookStore, snapshot from REST first. Baseline: a raw `ws` client doing JSON.parse and
// setting levels in a plain Map per side (no ordering, no sequence checks, no snapshot). Beside
// them, ccxt's watchOrderBook. Goal ≥ 0.9× raw. BENCH_DEPTH_MESSAGES scales the run.
import { WebSocket } from 'ws';
import { compareRuns, type RunOutcome } from '../../../tooling/bench/harness.js';
import { BinanceBookManager, restSnapshotFetcher } from '../src/book/index.js';
import { BinanceRestClient } from '../src/rest/index.js';
import { BinanceMarketStreams } from '../src/streams/index.js';
import { ccxtBinance, type StreamServer, startStreamServer } from './stream-bench-kit.js';

const MESSAGES = Number(process.env.BENCH_DEPTH_MESSAGES ?? 200_000);

type Level = [string, string];

function applyRaw(side: Map<number, number>, levels: Level[]): void {
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i]!;
    const price = +level[0];
    const size = +level[1];
    if (size === 0) side.delete(price);
    else side.set(price, size);
  }
}

/**
 * The raw client: `/ws/<stream>` (payloads as they are), or with `combined` the same frames
 * venuekit reads (`/stream` + SUBSCRIBE, each payload wrapped in `{stream, data}`), to show
 * what the wrapper alone costs (it also loads the snapshot, as the server waits for one).
 */
async function raw(server: StreamServer, combined = false): Promise<RunOutcome> {
  await server.plan(MESSAGES);
  const start = performance.now();
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  const path = combined ? '/stream' : '/ws/btcusdt@depth@100ms';
  const socket = new WebSocket(`${server.wsUrl}${path}`);
  if (combined)
    socket.on('open', async () => {
      socket.send('{"method":"SUBSCRIBE","params":["btcusdt@depth@100ms"],"id":1}');
      // Like venuekit (and as the server expects before it streams): a snapshot first.
      const snapshot = (await (
        await fetch(`${server.httpUrl}/api/v3/depth?symbol=BTCUSDT&limit=1000`)
      ).json()) as {
        bids: Level[];
        asks: Level[];
      };
      applyRaw(bids, snapshot.bids);
      applyRaw(asks, snapshot.asks);
    });
  let count = 0;
  await new Promise<void>((resolve) => {
    socket.on('message', (data: Buffer) => {
      const parsed = JSON.parse(data.toString()) as {
        b: Level[];
        a: Level[];
        data?: { b: Level[]; a: Level[] };
      };
      if (combined && parsed.data === undefined) return; // the acknowledgement
      const m = combined ? parsed.data! : parsed;
      applyRaw(bids, m.b);
      applyRaw(asks, m.a);
      if (++count === MESSAGES) resolve();
    });
  });
  const ms = performance.now() - start;
  socket.terminate();
  return { units: MESSAGES, ms, extra: { 'raw levels': bids.size + asks.size } };
}

async function venuekit(server: StreamServer, rest: BinanceRestClient): Promise<RunOutcome> {
  const final = await server.plan(MESSAGES);
  const start = performance.now();
  const streams = new BinanceMarketStreams({ baseUrl: server.wsUrl });
  const books = new BinanceBookManager({ market: 'spot', streams, fetchSnapshot: restSnapshotFetcher(rest) });
  await new Promise<void>((resolve, reject) => {
    books.on('error', reject);
    books.track('BTCUSDT').then(() => books.onUpdate('BTCUSDT', (id) => id === final && resolve()), reject);
  });
  const ms = performance.now() - start;
  const stats = books.stats('BTCUSDT')!;
  const levels = books.store.depth('BTCUSDT', 'bid') + books.store.depth('BTCUSDT', 'ask');
  if (stats.gaps > 0 || stats.applied !== MESSAGES) throw new Error(`bad run: ${JSON.stringify(stats)}`);
  await books.close();
  await streams.close();
  return { units: MESSAGES, ms, extra: { 'venuekit levels': levels } };
}

async function ccxtRun(server: StreamServer): Promise<RunOutcome> {
  const final = await server.plan(MESSAGES);
  const exchange = await ccxtBinance(server);
  const start = performance.now();
  let results = 0;
  for (;;) {
    const book = await exchange.watchOrderBook('BTC/USDT');
    results++;
    if ((book.nonce ?? 0) >= final) break;
  }
  const ms = performance.now() - start;
  await exchange.close();
  return { units: MESSAGES, ms, extra: { 'ccxt results': results } };
}

export default async function (): Promise<void> {
  const server = await startStreamServer('depth');
  const rest = new BinanceRestClient({ baseUrl: server.httpUrl });
  try {
    await compareRuns({
      suite: 'binance streams',
      name: `depth stream → local book with sequence checks, ${MESSAGES / 1000}k diffs of ~470 B`,
      unit: 'msg/s',
      baselineName: 'raw ws + JSON.parse + Map per side',
      baseline: () => raw(server),
      subject: () => venuekit(server, rest),
      others: { 'raw on combined frames': () => raw(server, true), ccxt: () => ccxtRun(server) },
      repeats: 7,
      minRatio: 0.9,
    });
  } finally {
    await server.stop();
  }
}
