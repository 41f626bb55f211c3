// bybitPlugin: what @venuekit/bybit plugs into a registry — the REST signers of every
// environment (production, testnet, demo trading; each looks up its own credentials by name in
// `apis`) and the feeds BYBIT___SPOT and BYBIT___LINEAR.
import { definePlugin, type VenuePlugin } from '@venuekit/base';
import { BYBIT_DEMO_HOSTS, BYBIT_SIGNER_NAMES, BYBIT_TESTNET_HOSTS } from './auth/hosts.js';
import { bybitSigner, createBybitSigner } from './auth/rest-signer.js';
import type { BybitFeedOptions } from './feed/feed-options.js';
import {
  BYBIT_LINEAR_FEED_ID,
  BYBIT_SPOT_FEED_ID,
  BybitLinearFeed,
  BybitSpotFeed,
} from './feed/market-feeds.js';

/** The package version the plugin registers under (kept equal to package.json's). */
export const BYBIT_PLUGIN_VERSION = '0.1.0';

/** The signers `bybitPlugin` registers, one per environment. */
export const bybitSigners = Object.freeze([
  bybitSigner,
  createBybitSigner({ name: BYBIT_SIGNER_NAMES.testnet, hosts: BYBIT_TESTNET_HOSTS }),
  createBybitSigner({ name: BYBIT_SIGNER_NAMES.demo, hosts: BYBIT_DEMO_HOSTS }),
]);

/**
 * The Bybit plugin. `import '@venuekit/bybit'` registers it into the global `registry`;
 * register it yourself into an isolated one: `ExchangeRegistry.createIsolated().use(bybitPlugin)`.
 */
export const bybitPlugin: VenuePlugin = definePlugin({
  name: '@venuekit/bybit',
  version: BYBIT_PLUGIN_VERSION,
  feeds: {
    [BYBIT_SPOT_FEED_ID]: (options) => new BybitSpotFeed(options as BybitFeedOptions),
    [BYBIT_LINEAR_FEED_ID]: (options) => new BybitLinearFeed(options as BybitFeedOptions),
  },
  signers: bybitSigners,
});
