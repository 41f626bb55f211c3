// @venuekit/base: the venue-independent core every venue package stands on.
// Each folder below has one job and its own index; see docs/ for a guide to each.
export * from './errors.js';
export * from './clock.js';
export * from './abort/index.js';
export * from './log.js';
export * from './registry/index.js';
export * from './buffer/index.js';
export * from './events/index.js';
export * from './limits/index.js';
export * from './cache/index.js';
export * from './models/index.js';
export * from './auth/index.js';
export * from './config/index.js';
export * from './feed/index.js';
export * from './http/index.js';
export * from './ws/index.js';
export * from './store/index.js';
