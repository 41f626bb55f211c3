// Venue wiring of `venuekit demo`: for each venue, its Spot feed created through the global
// registry — pointed at a simulator started in this process (with the simulator's key, so the
// demo can trade), or with --live at the venue's real public endpoints (no key, market data only).
// The view and the run loop know nothing venue-specific beyond what a DemoVenue says.
import { type Logger, registry, type VenueFeed } from '@venuekit/base';
import type { DemoVenueName } from './demo-args.js';

/** One venue the demo runs against. */
export interface DemoVenue {
  /** How the venue is named in the view and in messages (`Binance`, `Bybit`). */
  readonly label: string;
  readonly feed: VenueFeed;
  /** Where the feed points, for the first lines of output. */
  readonly describe: string;
  /** True when the demo may place and cancel an order here (simulators only). */
  readonly trades: boolean;
  /** Whatever the venue needs before watchOrders delivers (Binance: the user-data stream). */
  prepareOrders(): Promise<void>;
  /** Disconnects the feed and stops the simulator, if any. */
  close(): Promise<void>;
}

/** How each venue is named for people. */
export const VENUE_LABELS: Readonly<Record<DemoVenueName, string>> = { binance: 'Binance', bybit: 'Bybit' };

/** Hosts the live mode talks to, for the first lines of output. */
const LIVE_HOSTS: Readonly<Record<DemoVenueName, string>> = {
  binance: 'api.binance.com, stream.binance.com',
  bybit: 'api.bybit.com, stream.bybit.com',
};

/** Starts `name` against its simulator (`live: false`) or its real public endpoints. */
export async function openDemoVenue(
  name: DemoVenueName,
  options: { live: boolean; symbol: string; logger: Logger },
): Promise<DemoVenue> {
  if (options.live) return liveVenue(name, options.logger);
  return name === 'binance'
    ? binanceSimulator(options.symbol, options.logger)
    : bybitSimulator(options.symbol, options.logger);
}

async function binanceSimulator(symbol: string, logger: Logger): Promise<DemoVenue> {
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
    label: VENUE_LABELS.binance,
    feed,
    describe: `Binance simulator at ${sim.httpUrl}`,
    trades: true,
    prepareOrders: async () => {
      await (feed as VenueFeed & { userData(): Promise<unknown> }).userData();
    },
    close: () => closeBoth(feed, sim),
  };
}

async function bybitSimulator(symbol: string, logger: Logger): Promise<DemoVenue> {
  const { startBybitSim, BYBIT_SIM_DEFAULT_KEY } = await import('@venuekit/testkit');
  await import('@venuekit/bybit'); // registers BYBIT___SPOT into the global registry
  const sim = await startBybitSim({ categories: ['spot'], symbols: [symbol.replace('/', '')] });
  sim.startStreaming({ intervalMs: 20 });
  const feed = registry.createFeed('BYBIT___SPOT', {
    urls: { ...sim.urls }, // rest, publicSpot, publicLinear, private
    credentials: { apiKey: BYBIT_SIM_DEFAULT_KEY.apiKey, secret: BYBIT_SIM_DEFAULT_KEY.secret },
    logger,
  });
  return {
    label: VENUE_LABELS.bybit,
    feed,
    describe: `Bybit simulator at ${sim.httpUrl}`,
    trades: true,
    prepareOrders: async () => {}, // the private stream authenticates when watchOrders starts
    close: () => closeBoth(feed, sim),
  };
}

async function liveVenue(name: DemoVenueName, logger: Logger): Promise<DemoVenue> {
  if (name === 'binance') await import('@venuekit/binance');
  else await import('@venuekit/bybit');
  const feed = registry.createFeed(name === 'binance' ? 'BINANCE___SPOT' : 'BYBIT___SPOT', { logger });
  return {
    label: VENUE_LABELS[name],
    feed,
    describe: `${VENUE_LABELS[name]} Spot live public endpoints (${LIVE_HOSTS[name]})`,
    trades: false,
    prepareOrders: async () => {},
    close: () => feed.disconnect(),
  };
}

async function closeBoth(feed: VenueFeed, sim: { close(): Promise<void> }): Promise<void> {
  try {
    await feed.disconnect();
  } finally {
    await sim.close();
  }
}
