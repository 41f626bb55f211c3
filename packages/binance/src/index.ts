// @venuekit/binance: importing this entry registers the Binance plugin into the global registry
// once. `@venuekit/binance/plugin` offers the same names without registering anything.
import { registry } from '@venuekit/base';
import { binancePlugin } from './plugin.js';

registry.use(binancePlugin);

export * from './plugin-entry.js';
