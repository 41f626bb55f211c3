// The REST request pipeline of the Bybit simulator, in Bybit's order: the IP limit (HTTP 403 and a
// ban), a GET carrying a body (HTTP 403), the auth headers, key, receive window and signature of
// private endpoints, the per-UID endpoint limit (10006, with X-Bapi-Limit* headers on every
// answer of a limited endpoint), then the endpoint. Every answer is the v5 envelope
// `{retCode, retMsg, result, retExtInfo, time}`; business errors are HTTP 200.
import type { Sim, SimHttpRequest, SimHttpResponse } from '../../sim/types.js';
import type { RegisteredBybitKey } from '../auth/api-keys.js';
import { authenticateRest } from '../auth/authenticate.js';
import { BybitApiError, BybitErrors } from '../errors.js';
import type { BybitRateLimitedPath } from '../limits/limit-config.js';
import { uidLimitHeaders } from '../limits/request-limiters.js';
import { BybitParams } from '../params.js';
import type { BybitCategory } from '../symbols.js';
import type { BybitVenue } from '../venue-context.js';

/** What an endpoint handler receives. */
export interface EndpointCall {
  readonly params: BybitParams;
  /** Simulator time of the request. */
  readonly now: number;
  /** The caller's key (private endpoints). */
  readonly key: RegisteredBybitKey | undefined;
}

/** One REST endpoint. */
export interface BybitEndpoint {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  /** True for private endpoints (signed). */
  readonly auth: boolean;
  /** Set for endpoints with a per-UID limit. */
  readonly limited?: BybitRateLimitedPath;
  /** Returns the `result` object; throws BybitApiError for error answers. */
  handle(call: EndpointCall): unknown;
}

/** The client IP a request is accounted to: `X-Forwarded-For` when set (tests can fake IPs), else loopback. */
export function clientIp(headers: Record<string, string>): string {
  const forwarded = headers['x-forwarded-for'];
  if (forwarded !== undefined && forwarded !== '') return forwarded.split(',')[0]!.trim();
  return '127.0.0.1';
}

/** Registers `endpoints` on `sim`, each running through the pipeline. */
export function mountEndpoints(sim: Sim, venue: BybitVenue, endpoints: readonly BybitEndpoint[]): void {
  for (const ep of endpoints) sim.route(ep.method, ep.path, (req) => runEndpoint(venue, ep, req));
}

/** Runs one request through the pipeline. */
export function runEndpoint(venue: BybitVenue, ep: BybitEndpoint, req: SimHttpRequest): SimHttpResponse {
  const now = venue.now();
  const headers: Record<string, string> = { Timenow: String(now) };
  let status = 200;
  let body: unknown;
  try {
    venue.ipLimiter.admit(clientIp(req.headers), now);
    if (req.method === 'GET' && req.body.length > 0) throw BybitErrors.getWithBody();
    const params =
      req.method === 'GET' ? BybitParams.fromQuery(req.query) : BybitParams.fromJsonBody(req.body);
    const key = ep.auth ? authenticateRest(req, venue.keys, now) : undefined;
    if (ep.limited !== undefined && key !== undefined) {
      const category: BybitCategory = params.text('category') === 'spot' ? 'spot' : 'linear';
      const limit = venue.uidLimiter.admit(key.uid, ep.limited, category, now);
      Object.assign(headers, uidLimitHeaders(limit));
      if (!limit.allowed) throw BybitErrors.tooManyVisits();
    }
    const result = ep.handle({ params, now, key });
    body = { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: now };
  } catch (error) {
    if (!(error instanceof BybitApiError)) throw error;
    status = error.status;
    body = { retCode: error.retCode, retMsg: error.message, result: {}, retExtInfo: {}, time: now };
  }
  return { status, headers, json: body };
}
