// limits: rate-limit windows and the RateLimiter.
export type * from './types.js';
export { RateLimiter, type RateLimiterOptions } from './rate-limiter.js';
export type { RuleState } from './request-plan.js';
export type { RateLimitRule, RateLimitRuleBase, TokenBucketRule, WindowRule } from './rules.js';
export type { AdoptOptions, RateWindow, RateWindowKind } from './rate-window.js';
export type { PenaltyState } from './penalties.js';
export { SlidingWindow } from './sliding-window.js';
export { FixedWindow } from './fixed-window.js';
export { TokenBucket } from './token-bucket.js';
export { compileEndpointPattern, type EndpointPattern } from './endpoint-pattern.js';
export {
  LimiterRegistry,
  type LimiterRegistryOptions,
  type LimitRoute,
  limitAccountTag,
  limitRouteKey,
  type RegistryLease,
  rateLimiterIdleInMs,
} from './limiter-registry.js';
