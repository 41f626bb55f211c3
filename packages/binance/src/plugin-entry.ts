// @venuekit/binance without side effects: everything the package offers, nothing registered.
// Use it with isolated registries: `ExchangeRegistry.createIsolated().use(binancePlugin)`.
export * from './urls.js';
