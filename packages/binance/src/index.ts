// @venuekit/binance: importing this entry registers the Binance plugin into the global registry
// once. `@venuekit/binance/plugin` offers the same names without registering anything.
export * from './plugin-entry.js';
