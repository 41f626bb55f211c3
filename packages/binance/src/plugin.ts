// binancePlugin: what @venuekit/binance plugs into a registry — the REST signers of every
// environment (production, Spot testnet, futures testnet, demo; each looks up its own credentials
// by name in `apis`) and the feeds BINANCE___SPOT and BINANCE___USDM.
import { definePlugin, type VenuePlugin } from '@venuekit/base';
import {
  BINANCE_DEMO_HOSTS,
  BINANCE_FUTURES_TESTNET_HOSTS,
  BINANCE_SIGNER_NAMES,
  BINANCE_SPOT_TESTNET_HOSTS,
} from './auth/hosts.js';
import { binanceSigner, createBinanceSigner } from './auth/rest-signer.js';
import type { BinanceFeedOptions } from './feed/feed-options.js';
import {
  BINANCE_SPOT_FEED_ID,
  BINANCE_USDM_FEED_ID,
  BinanceSpotFeed,
  BinanceUsdmFeed,
} from './feed/market-feeds.js';

/** The package version the plugin registers under (kept equal to package.json's). */
export const BINANCE_PLUGIN_VERSION = '0.1.0';

/** The signers `binancePlugin` registers, one per environment. */
export const binanceSigners = Object.freeze([
  binanceSigner,
  createBinanceSigner({ name: BINANCE_SIGNER_NAMES.spotTestnet, hosts: BINANCE_SPOT_TESTNET_HOSTS }),
  createBinanceSigner({ name: BINANCE_SIGNER_NAMES.futuresTestnet, hosts: BINANCE_FUTURES_TESTNET_HOSTS }),
  createBinanceSigner({ name: BINANCE_SIGNER_NAMES.demo, hosts: BINANCE_DEMO_HOSTS }),
]);

/**
 * The Binance plugin. `import '@venuekit/binance'` registers it into the global `registry`;
 * register it yourself into an isolated one: `ExchangeRegistry.createIsolated().use(binancePlugin)`.
 */
export const binancePlugin: VenuePlugin = definePlugin({
  name: '@venuekit/binance',
  version: BINANCE_PLUGIN_VERSION,
  feeds: {
    [BINANCE_SPOT_FEED_ID]: (options) => new BinanceSpotFeed(options as BinanceFeedOptions),
    [BINANCE_USDM_FEED_ID]: (options) => new BinanceUsdmFeed(options as BinanceFeedOptions),
  },
  signers: binanceSigners,
});
