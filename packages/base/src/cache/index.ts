// cache: TtlCache (TTL + LRU), cached() memoisation with in-flight de-duplication, and
// ClientCache (get-or-create clients by hashed parameters).
export { TtlCache, type EvictionReason, type TtlCacheOptions, type TtlCacheStats } from './ttl-cache.js';
export { cached, type CachedFunction, type CachedOptions } from './cached.js';
export { ClientCache, type ClientCacheOptions, type CleanupTaskOptions } from './client-cache.js';
export type { PeriodicTaskHandle } from './periodic-task.js';
export { hashedKey, stableStringify } from './stable-key.js';
