// Bybit's HTTP limits as base RateLimiter rules (protocols/bybit.md §4): 600 requests per IP per
// rolling 5 s across all traffic, and per-UID limits per endpoint over a rolling second (order
// entry counted separately for spot and derivatives). Requests reach the limiter under an
// endpoint key: the path, plus `#<category>` for order entry (`/v5/order/create#spot`), so spot
// and linear orders get their own windows. The X-Bapi-Limit / X-Bapi-Limit-Status headers of an
// answer are turned into an observation of the matching per-endpoint window (the venue's figure
// for this account, which may be higher than the default for upgraded accounts). Signed requests
// of a client on a shared limiter carry an account tag after the key (`/v5/order/create#spot@1a2b…`),
// so one limiter holds the IP window of a route and a set of per-endpoint windows for each account
// using it (see shared-limiters.ts).
import {
  compileEndpointPattern,
  limitAccountTag,
  type RateLimitObservation,
  type RateLimitRule,
} from '@venuekit/base';

/** Rule names of the default Bybit limiter. */
export const BYBIT_LIMIT_RULES = Object.freeze({
  ip: 'ip5s',
  spotOrders: 'uidSpotOrders',
  derivativeOrders: 'uidOrders',
  queries: 'uidQueries',
} as const);

const AMEND = '/v5/order/amend';
const ORDER_ENTRY = ['/v5/order/create', '/v5/order/cancel', '/v5/order/amend', '/v5/order/cancel-all'];
const QUERIES = [
  '/v5/order/realtime',
  '/v5/order/history',
  '/v5/execution/list',
  '/v5/account/wallet-balance',
  '/v5/position/list',
];
const ORDER_ENTRY_SET: ReadonlySet<string> = new Set(ORDER_ENTRY);

/** An endpoint key and the same key with any account tag (`/v5/position/list@1a2b…`). */
function withAccountTags(keys: readonly string[]): string[] {
  return keys.flatMap((k) => [k, `${k}@*`]);
}

/** Bybit's published default limits as RateLimiter rules (pass your own for upgraded accounts). */
export function defaultBybitRateLimitRules(): RateLimitRule[] {
  return [
    { name: BYBIT_LIMIT_RULES.ip, kind: 'slidingWindow', intervalMs: 5000, limit: 600 },
    {
      name: BYBIT_LIMIT_RULES.spotOrders,
      kind: 'slidingWindow',
      intervalMs: 1000,
      limit: 20,
      perEndpoint: true,
      // Spot amend is 10/s (protocols/bybit.md §6), counted under the 10/s rule below.
      endpoints: withAccountTags(ORDER_ENTRY.filter((p) => p !== AMEND).map((p) => `${p}#spot`)),
    },
    {
      name: BYBIT_LIMIT_RULES.derivativeOrders,
      kind: 'slidingWindow',
      intervalMs: 1000,
      limit: 10,
      perEndpoint: true,
      endpoints: withAccountTags([
        ...ORDER_ENTRY.flatMap((p) => [`${p}#linear`, `${p}#inverse`, `${p}#option`]),
        `${AMEND}#spot`,
      ]),
    },
    {
      name: BYBIT_LIMIT_RULES.queries,
      kind: 'slidingWindow',
      intervalMs: 1000,
      limit: 50,
      perEndpoint: true,
      endpoints: withAccountTags(QUERIES),
    },
  ];
}

/**
 * The key a request is limited under: the path, plus `#<category>` for order entry (spot and
 * derivatives orders are counted separately by Bybit), plus `@<account tag>` when given (signed
 * requests on a limiter shared by several accounts: each account gets its own windows).
 */
export function bybitLimitKey(path: string, category: unknown, accountTag?: string): string {
  const key = ORDER_ENTRY_SET.has(path)
    ? `${path}#${typeof category === 'string' ? category : 'linear'}`
    : path;
  return accountTag === undefined ? key : `${key}@${accountTag}`;
}

/** The tag of the account of `apiKey` in limiter keys: 12 hex digits of its SHA-256 (never the key). */
export const bybitAccountTag: (apiKey: string) => string = limitAccountTag;

/** Which per-endpoint rule of the default set counts `key` (undefined for IP-only endpoints). */
export function bybitRuleForKey(key: string, rules: readonly RateLimitRule[]): string | undefined {
  for (const rule of rules) {
    if (!rule.perEndpoint || rule.endpoints === undefined) continue;
    const patterns = typeof rule.endpoints === 'string' ? [rule.endpoints] : rule.endpoints;
    for (const p of patterns) if (compileEndpointPattern(p).matches(key, 'GET')) return rule.name;
  }
  return undefined;
}

/** Response headers: lower-case names; repeated headers as arrays. */
export type BybitResponseHeaders = Readonly<Record<string, string | string[] | undefined>>;

function headerNumber(headers: BybitResponseHeaders, name: string): number | undefined {
  const raw = headers[name];
  const text = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  if (text === undefined || text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The X-Bapi-Limit* figures of an answer, if it carried them. */
export interface BybitLimitStatus {
  /** X-Bapi-Limit: requests allowed per window on this endpoint. */
  limit: number;
  /** X-Bapi-Limit-Status: requests left in the current window. */
  remaining: number;
  /** X-Bapi-Limit-Reset-Timestamp: when the window resets (ms), if given. */
  resetAt: number | undefined;
}

/** Reads X-Bapi-Limit, X-Bapi-Limit-Status and X-Bapi-Limit-Reset-Timestamp (malformed → undefined). */
export function bybitLimitStatus(headers: BybitResponseHeaders): BybitLimitStatus | undefined {
  const limit = headerNumber(headers, 'x-bapi-limit');
  const remaining = headerNumber(headers, 'x-bapi-limit-status');
  if (limit === undefined || remaining === undefined || limit <= 0) return undefined;
  return { limit, remaining, resetAt: headerNumber(headers, 'x-bapi-limit-reset-timestamp') };
}

/** The observation for the limiter that an answer's limit headers make, if any. */
export function bybitLimitObservation(
  headers: BybitResponseHeaders,
  key: string,
  rules: readonly RateLimitRule[],
): RateLimitObservation | undefined {
  const status = bybitLimitStatus(headers);
  if (status === undefined) return undefined;
  const rule = bybitRuleForKey(key, rules);
  if (rule === undefined) return undefined;
  return {
    rule,
    endpoint: key,
    used: Math.max(0, status.limit - status.remaining),
    limit: status.limit,
  };
}
