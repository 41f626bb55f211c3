// Trade stream into normalized trades: 400k `btcusdt@trade` messages (~137 bytes) from a loopback
// server in a worker thread. Subject: venuekit — BinanceMarketStreams → BinanceMarketWatchers
// .watchTrades, each message a `Trade` model (numbers, taker side, both symbols) read with
// `for await`. Baseline: a raw `ws` client doing JSON.parse per message. Beside them, ccxt's
// watchTrades. Goal ≥ 0.7× raw. BENCH_TRADE_MESSAGES scales the run.
import { WebSocket } from 'ws';
import { compareRuns, type RunOutcome } from '../../../tooling/bench/harness.js';
import { BinanceMarketStreams, BinanceMarketWatchers } from '../src/streams/index.js';
import { ccxtBinance, type StreamServer, startStreamServer } from './stream-bench-kit.js';

const MESSAGES = Number(process.env.BENCH_TRADE_MESSAGES ?? 400_000);

async function raw(server: StreamServer): Promise<RunOutcome> {
  await server.plan(MESSAGES);
  const start = performance.now();
  const socket = new WebSocket(`${server.wsUrl}/ws/btcusdt@trade`);
  let count = 0;
  let volume = 0;
  await new Promise<void>((resolve) => {
    socket.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString()) as { q: string };
      volume += m.q.length;
      if (++count === MESSAGES) resolve();
    });
  });
  const ms = performance.now() - start;
  socket.terminate();
  return { units: MESSAGES, ms, extra: { checksum: volume } };
}

async function venuekit(server: StreamServer): Promise<RunOutcome> {
  const final = String(await server.plan(MESSAGES));
  const start = performance.now();
  const streams = new BinanceMarketStreams({ baseUrl: server.wsUrl });
  const watchers = new BinanceMarketWatchers(streams, {
    symbolNames: (symbol) => ({ symbol, unifiedSymbol: 'BTC/USDT' }),
  });
  let count = 0;
  let volume = 0;
  for await (const trade of watchers.watchTrades('BTCUSDT', { capacity: 100_000 })) {
    count++;
    volume += trade.quantity;
    if (trade.id === final) break;
  }
  const ms = performance.now() - start;
  await streams.close();
  if (count !== MESSAGES) throw new Error(`bad run: ${count} trades`);
  return { units: MESSAGES, ms, extra: { volume: Math.round(volume) } };
}

async function ccxtRun(server: StreamServer): Promise<RunOutcome> {
  const final = String(await server.plan(MESSAGES));
  const exchange = await ccxtBinance(server);
  const start = performance.now();
  let results = 0;
  for (;;) {
    const trades = await exchange.watchTrades('BTC/USDT');
    results++;
    if (trades.at(-1)?.id === final) break;
  }
  const ms = performance.now() - start;
  await exchange.close();
  return { units: MESSAGES, ms, extra: { 'ccxt results': results } };
}

export default async function (): Promise<void> {
  const server = await startStreamServer('trade');
  try {
    await compareRuns({
      suite: 'binance streams',
      name: `trade stream → normalized trades, ${MESSAGES / 1000}k trades of ~137 B`,
      unit: 'msg/s',
      baselineName: 'raw ws + JSON.parse',
      baseline: () => raw(server),
      subject: () => venuekit(server),
      others: { ccxt: () => ccxtRun(server) },
      repeats: 5,
      minRatio: 0.7,
    });
  } finally {
    await server.stop();
  }
}
