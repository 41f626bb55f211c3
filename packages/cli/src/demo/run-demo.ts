// `venuekit demo`: BINANCE___SPOT, created through the global registry, pointed at a Binance
// simulator started in this process (or, with --live, at Binance itself), watching one symbol's
// local order book and trades and printing one line per second; against the simulator it also
// places a resting order, follows it on the user-data stream and cancels it. Resolves to the
// process exit code; failures reject with the original (typed) error for `main` to explain.
import { type ConsoleLogger, type Instrument, type Logger, registry, type VenueFeed } from '@venuekit/base';
import type { DemoArgs } from './demo-args.js';
import { type DemoOrder, describeOrder, placeDemoOrder } from './demo-order.js';
import { LiveView } from './live-view.js';

/** Where the demo writes: the view to `out`, diagnostics to `err`. */
export interface DemoIo {
  out(line: string): void;
  err(line: string): void;
  /** Logger for the feed (default: warnings and errors to `err`). */
  logger?: Logger | ConsoleLogger;
}

/** What the demo runs against. */
interface Venue {
  feed: VenueFeed;
  describe: string;
  trades: boolean;
  close(): Promise<void>;
}

async function simulatorVenue(symbol: string, logger: Logger): Promise<Venue> {
  const { startBinanceSim, BINANCE_DOCS_HMAC_KEY } = await import('@venuekit/testkit');
  await import('@venuekit/binance'); // registers BINANCE___SPOT into the global registry
  const sim = await startBinanceSim({ market: 'spot', symbols: [symbol.replace('/', '')] });
  sim.startStreaming({ intervalMs: 20 });
  const feed = registry.createFeed('BINANCE___SPOT', {
    urls: { rest: sim.httpUrl, stream: sim.wsUrl, wsApi: `${sim.wsUrl}/ws-api/v3` },
    credentials: { apiKey: BINANCE_DOCS_HMAC_KEY.apiKey, secret: BINANCE_DOCS_HMAC_KEY.secret },
    logger,
  });
  return {
    feed,
    describe: `Binance simulator at ${sim.httpUrl} (in this process)`,
    trades: true,
    async close() {
      try {
        await feed.disconnect();
      } finally {
        await sim.close();
      }
    },
  };
}

async function liveVenue(logger: Logger): Promise<Venue> {
  await import('@venuekit/binance');
  const feed = registry.createFeed('BINANCE___SPOT', { logger });
  return {
    feed,
    describe:
      'Binance Spot, live public endpoints (api.binance.com, stream.binance.com); market data only, the order part needs API keys and is skipped',
    trades: false,
    close: () => feed.disconnect(),
  };
}

/** Runs the demo; resolves to the exit code (0: data flowed and the order round-tripped). */
export async function runDemo(args: DemoArgs, io: DemoIo): Promise<number> {
  const logger = io.logger ?? quietLogger(io);
  const venue = args.live ? await liveVenue(logger) : await simulatorVenue(args.symbol, logger);
  const { feed } = venue;
  const abort = new AbortController();
  const failures: unknown[] = [];
  let demoOrder: DemoOrder | undefined;
  let cancelled = false;
  try {
    io.out(`venuekit demo — ${feed.id} on ${venue.describe}`);
    await feed.connect();
    const instrument = await findInstrument(feed, args.symbol);
    const decimals = { price: pricePrecision(instrument), qty: qtyPrecision(instrument) };
    const view = new LiveView(decimals.price);
    io.out(
      `watching ${instrument.symbol} (${instrument.unifiedSymbol}) for ${args.seconds} s: local order book + trades`,
    );
    io.out(view.header());
    const watch = async (run: () => Promise<void>): Promise<void> =>
      run().catch((error: unknown) => {
        if (!abort.signal.aborted) failures.push(error);
        abort.abort();
      });
    const loops = [
      watch(async () => {
        for await (const book of feed.watchOrderBook(instrument.symbol, { limit: 1, signal: abort.signal }))
          view.onBook(book);
      }),
      watch(async () => {
        for await (const trade of feed.watchTrades(instrument.symbol, {
          signal: abort.signal,
          overflow: 'dropOldest',
        }))
          view.onTrade(trade);
      }),
    ];
    if (venue.trades) {
      await (feed as VenueFeed & { userData(): Promise<unknown> }).userData();
      loops.push(
        watch(async () => {
          for await (const order of feed.watchOrders({ signal: abort.signal }))
            io.out(`order  user data: #${order.id} ${order.status}`);
        }),
      );
    }
    const started = Date.now();
    for (let second = 1; second <= Math.ceil(args.seconds) && !abort.signal.aborted; second++) {
      await sleepUntil(started + second * 1000, abort.signal);
      if (abort.signal.aborted) break;
      const sample = view.tick();
      io.out(view.format(sample));
      if (!venue.trades) continue;
      if (demoOrder === undefined && sample.bid !== undefined) {
        demoOrder = await placeDemoOrder(feed, instrument, sample.bid);
        io.out(`order  placed ${describeOrder(demoOrder.order, decimals)} → ${demoOrder.order.status}`);
      } else if (demoOrder !== undefined && !cancelled) {
        cancelled = true;
        io.out(`order  cancel #${demoOrder.order.id} → ${(await demoOrder.cancel()).status}`);
      }
    }
    if (demoOrder !== undefined) await demoOrder.cancel(); // never leave it resting
    abort.abort();
    await Promise.all(loops);
    if (failures.length > 0) throw failures[0];
    const totals = view.totals;
    if (totals.bookUpdates === 0)
      throw new Error(`no order book arrived from ${venue.describe} within ${args.seconds} s`);
    const orderNote = venue.trades
      ? demoOrder === undefined
        ? 'no order (the book had no bid)'
        : 'order placed and cancelled'
      : 'no order (live mode)';
    io.out(
      `done: ${totals.seconds} s, ${totals.bookUpdates} book updates, ${totals.trades} trades, ${orderNote}`,
    );
    return 0;
  } finally {
    abort.abort();
    await venue.close();
  }
}

async function findInstrument(feed: VenueFeed, symbol: string): Promise<Instrument> {
  const instruments = await feed.getInstruments();
  const found = instruments.find((i) => i.symbol === symbol || i.unifiedSymbol === symbol);
  if (found === undefined) throw new Error(`${feed.id} does not list ${symbol}; try --symbol BTCUSDT`);
  return found;
}

function pricePrecision(instrument: Instrument): number {
  return Math.min(8, instrument.pricePrecision);
}

function qtyPrecision(instrument: Instrument): number {
  return Math.min(8, instrument.qtyPrecision);
}

function sleepUntil(at: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, at - Date.now()));
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function quietLogger(io: DemoIo): Logger {
  const write = (level: string, message: string): void => io.err(`${level} ${message}`);
  const logger: Logger = {
    trace() {},
    debug() {},
    info() {},
    warn: (message) => write('warn', message),
    error: (message) => write('error', message),
    child: () => logger,
  };
  return logger;
}
