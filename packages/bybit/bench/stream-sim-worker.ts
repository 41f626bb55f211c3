// The Bybit simulator of the stream benchmarks, in a child process of its own so the simulator
// never competes with the client under test for this process's core. `startStreamSimProcess`
// forks this file; the child runs `startBybitSim` and floods topics on request. With every flood
// it also reports what a subscriber must end with — the last `u` of the book topic, the number
// of trades and the last trade id, the true book after the flood — so the parent knows when a
// contender that coalesces (ccxt) has caught up.
import { CHILD_FLAG, forkChild, serveChild } from '../../../tooling/bench/child-process.js';

/** What a flood published. */
export interface FloodReport {
  /** Subscribers reached. */
  reached: number;
  /** Trades published (trade floods), and the id of the last one. */
  trades: number;
  lastTradeId: string;
  /** The true book after the flood (strings, best first, the subscribed depth). */
  bids: Array<[string, string]>;
  asks: Array<[string, string]>;
}

/** A running simulator process. */
export interface StreamSimProcess {
  /** Public linear stream URL. */
  readonly linearUrl: string;
  /** Public spot stream URL. */
  readonly spotUrl: string;
  /** REST origin (ccxt's loadMarkets). */
  readonly httpUrl: string;
  /** Resolves once `topic` has exactly `n` subscribers (besides the simulator's own witness). */
  waitForSubscribers(topic: string, n: number): Promise<void>;
  /** Publishes `count` messages on `topic` (linear); `depth` picks the book returned. */
  flood(topic: string, count: number, depth?: number): Promise<FloodReport>;
  close(): Promise<void>;
}

/** Forks the simulator process and resolves once it listens. */
export async function startStreamSimProcess(): Promise<StreamSimProcess> {
  const child = forkChild(import.meta.url);
  const urls = (await child.ask('start')) as { http: string; linear: string; spot: string };
  return {
    httpUrl: urls.http,
    linearUrl: urls.linear,
    spotUrl: urls.spot,
    waitForSubscribers: async (topic, n) => {
      await child.ask('wait', { topic, n });
    },
    flood: (topic, count, depth = 200) => child.ask('flood', { topic, count, depth }) as Promise<FloodReport>,
    close: () => child.close(),
  };
}

/** The child side: one simulator, flooding on request until told to close. */
async function serve(): Promise<void> {
  const { startBybitSim } = await import('@venuekit/testkit');
  const { WebSocket } = await import('ws');
  const sim = await startBybitSim({ symbols: [{ symbol: 'BTCUSDT', levels: 500 }, 'ETHUSDT'] });
  // A witness subscriber of the trade topic: counts what a flood published.
  const witness = new WebSocket(sim.urls.publicLinear);
  let witnessMessages = 0;
  let witnessTrades = 0;
  let lastTradeId = '';
  witness.on('message', (raw) => {
    const m = JSON.parse(String(raw)) as { topic?: string; data?: Array<{ i: string }> };
    if (m.topic !== 'publicTrade.BTCUSDT' || !Array.isArray(m.data)) return;
    witnessMessages++;
    witnessTrades += m.data.length;
    lastTradeId = m.data.at(-1)?.i ?? lastTradeId;
  });
  await new Promise((resolve) => witness.once('open', resolve));
  witness.send('{"op":"subscribe","args":["publicTrade.BTCUSDT"]}');
  await sim.waitForSubscribers('publicTrade.BTCUSDT', 1, { category: 'linear' });
  const handle = async (op: string, payload: unknown): Promise<unknown> => {
    if (op === 'start')
      return { http: sim.httpUrl, linear: sim.urls.publicLinear, spot: sim.urls.publicSpot };
    if (op === 'wait') {
      const { topic, n } = payload as { topic: string; n: number };
      // Exactly n: a connection of the previous run that is still closing must not count, or
      // the flood would go out before the new subscriber is there. The witness counts too.
      const want = n + (topic === 'publicTrade.BTCUSDT' ? 1 : 0);
      const deadline = Date.now() + 20_000;
      while (sim.subscriberCount(topic, 'linear') !== want) {
        if (Date.now() > deadline)
          throw new Error(
            `timed out waiting for ${n} subscribers of '${topic}'; have ${sim.subscriberCount(topic, 'linear')}`,
          );
        await new Promise((r) => setTimeout(r, 1));
      }
      return null;
    }
    if (op === 'flood') {
      const { topic, count, depth } = payload as { topic: string; count: number; depth: number };
      const startMessages = witnessMessages;
      const startTrades = witnessTrades;
      const reached = await sim.flood(topic, count, 'linear');
      const book = sim.bookSnapshot('linear', 'BTCUSDT', depth);
      if (topic === 'publicTrade.BTCUSDT')
        while (witnessMessages - startMessages < count) await new Promise((r) => setTimeout(r, 1));
      return {
        reached,
        trades: witnessTrades - startTrades,
        lastTradeId,
        bids: book.bids,
        asks: book.asks,
      } satisfies FloodReport;
    }
    if (op === 'close') {
      witness.close();
      await sim.close();
      return null;
    }
    throw new Error(`unknown operation '${op}'`);
  };
  serveChild(handle);
}

if (process.argv.includes(CHILD_FLAG)) await serve();
