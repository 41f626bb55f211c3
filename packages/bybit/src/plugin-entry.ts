// @venuekit/bybit without side effects: everything the package offers, nothing registered.
// Use it with isolated registries: `ExchangeRegistry.createIsolated().use(bybitPlugin)`.
export * from './urls.js';
export * from './auth/index.js';
export * from './errors/index.js';
export * from './rest/index.js';
export * from './parsing/index.js';
export * from './streams/index.js';
export * from './book/index.js';
export * from './private/index.js';
export * from './store/index.js';
export * from './feed/index.js';
export * from './streams/index.js';
export * from './book/index.js';
export * from './private/index.js';
export * from './store/index.js';
export * from './plugin.js';
