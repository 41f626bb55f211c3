// The limits a Bybit simulator enforces: Bybit's published defaults (rate-limit.mdx, WebSocket
// connect guide) and the overrides a test gives. Per-UID endpoint limits count over a rolling
// second per endpoint (and per spot / derivatives for order entry).
import type { BybitCategory } from '../symbols.js';

/** The private endpoints with a per-UID limit. */
export type BybitRateLimitedPath =
  | '/v5/order/create'
  | '/v5/order/cancel'
  | '/v5/order/realtime'
  | '/v5/account/wallet-balance'
  | '/v5/position/list';

/** A per-UID limit: one number for every category, or per category. */
export type BybitEndpointLimit = number | { spot?: number; linear?: number };

/** Overrides of the defaults; anything not given keeps Bybit's value. */
export interface BybitLimitOverrides {
  /** false: count and record violations but never refuse (default true). */
  enabled?: boolean;
  /** HTTP requests per IP per rolling 5 s before HTTP 403 (600). */
  ipRequestsPer5s?: number;
  /** How long an IP stays banned after breaking the IP limit (600000 = 10 minutes). */
  ipBanMs?: number;
  /** Requests per UID per rolling second, per endpoint. */
  endpoints?: Partial<Record<BybitRateLimitedPath, BybitEndpointLimit>>;
  /** Topics in one spot subscribe request (10). */
  spotArgsPerRequest?: number;
  /** Total characters of the topics of one public connection (21000). */
  argsCharsPerConnection?: number;
  /** New WebSocket connections per IP per 5 minutes (500). */
  wsConnectionsPer5Min?: number;
  /** Open market-data connections per IP per category (1000). */
  marketDataConnections?: number;
}

/** Resolved limits. */
export interface BybitLimitConfig {
  readonly enabled: boolean;
  readonly ipRequestsPer5s: number;
  readonly ipBanMs: number;
  readonly spotArgsPerRequest: number;
  readonly argsCharsPerConnection: number;
  readonly wsConnectionsPer5Min: number;
  readonly marketDataConnections: number;
  /** The per-UID limit of `path` for `category`. */
  endpointLimit(path: BybitRateLimitedPath, category: BybitCategory): number;
}

/** Bybit's default per-UID limits (requests per second). */
export const DEFAULT_ENDPOINT_LIMITS: Readonly<
  Record<BybitRateLimitedPath, { spot: number; linear: number }>
> = {
  '/v5/order/create': { spot: 20, linear: 10 },
  '/v5/order/cancel': { spot: 20, linear: 10 },
  '/v5/order/realtime': { spot: 50, linear: 50 },
  '/v5/account/wallet-balance': { spot: 50, linear: 50 },
  '/v5/position/list': { spot: 50, linear: 50 },
};

/** Resolves `o` over Bybit's defaults. */
export function resolveBybitLimits(o: BybitLimitOverrides = {}): BybitLimitConfig {
  const table = new Map<BybitRateLimitedPath, { spot: number; linear: number }>();
  for (const [path, d] of Object.entries(DEFAULT_ENDPOINT_LIMITS) as Array<
    [BybitRateLimitedPath, { spot: number; linear: number }]
  >) {
    const given = o.endpoints?.[path];
    const spot = typeof given === 'number' ? given : (given?.spot ?? d.spot);
    const linear = typeof given === 'number' ? given : (given?.linear ?? d.linear);
    table.set(path, {
      spot: positive(`endpoints['${path}']`, spot),
      linear: positive(`endpoints['${path}']`, linear),
    });
  }
  return {
    enabled: o.enabled ?? true,
    ipRequestsPer5s: positive('ipRequestsPer5s', o.ipRequestsPer5s ?? 600),
    ipBanMs: positive('ipBanMs', o.ipBanMs ?? 600_000),
    spotArgsPerRequest: positive('spotArgsPerRequest', o.spotArgsPerRequest ?? 10),
    argsCharsPerConnection: positive('argsCharsPerConnection', o.argsCharsPerConnection ?? 21_000),
    wsConnectionsPer5Min: positive('wsConnectionsPer5Min', o.wsConnectionsPer5Min ?? 500),
    marketDataConnections: positive('marketDataConnections', o.marketDataConnections ?? 1000),
    endpointLimit: (path, category) => table.get(path)![category],
  };
}

function positive(name: string, v: number): number {
  if (!Number.isInteger(v) || v <= 0)
    throw new RangeError(`limits.${name} must be a positive integer, got ${v}`);
  return v;
}
