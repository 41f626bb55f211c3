// @venuekit/bybit: importing this entry registers the Bybit plugin into the global registry
// once. `@venuekit/bybit/plugin` offers the same names without registering anything.
import { registry } from '@venuekit/base';
import { bybitPlugin } from './plugin.js';

registry.use(bybitPlugin);

export * from './plugin-entry.js';
