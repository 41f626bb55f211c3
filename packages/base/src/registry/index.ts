// registry: the ExchangeRegistry (process-wide `registry` and isolated ones), plugins made with
// definePlugin, the plugin loader, feed id rules and "did you mean" matching.
export { closestMatch, editDistance } from './closest-match.js';
export {
  ExchangeRegistry,
  type PluginInfo,
  type RegisterOptions,
  registry,
} from './exchange-registry.js';
export { assertFeedId, FEED_ID_PATTERN, isFeedId, parseFeedId } from './feed-id.js';
export { type LoadPluginsOptions, loadPlugins } from './load-plugins.js';
export {
  assertSigner,
  definePlugin,
  isVenuePlugin,
  PLUGIN_BRAND,
  type PluginDefinition,
  type VenuePlugin,
} from './plugin.js';
