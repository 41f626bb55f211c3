// @venuekit/base: the venue-independent core every venue package stands on.
// Each module below has one job; see docs/ for a guide to each.
export * from './errors.js';
export * from './clock.js';
export * from './log.js';
