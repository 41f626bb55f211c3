// limits: rate-limit windows and the RateLimiter.
export type * from './types.js';
