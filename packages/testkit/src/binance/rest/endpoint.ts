// The REST request pipeline of the Binance simulator, in Binance's order: request weight per IP
// (429 / 418 with Retry-After), API key (-2014 / -2015), timestamp and recvWindow (-1021),
// signature (-1022), ORDERS count per account (-1015), then the endpoint; every response carries
// `X-MBX-USED-WEIGHT-1M`, order responses `X-MBX-ORDER-COUNT-*`.
import type { Sim, SimHttpRequest, SimHttpResponse } from '../../sim/types.js';
import type { RegisteredApiKey } from '../auth/api-keys.js';
import { checkSignature, checkTimestamp, lookupApiKey } from '../auth/authenticate.js';
import { restSignedPayload } from '../auth/signature.js';
import { BinanceApiError } from '../errors.js';
import { headerSuffix } from '../limits/limit-config.js';
import { RequestParams } from '../params.js';
import { RawJson } from '../raw-json.js';
import type { VenueContext } from '../venue-context.js';

/** NONE: public; USER_STREAM: API key only; SIGNED: key + timestamp + signature. */
export type EndpointSecurity = 'NONE' | 'USER_STREAM' | 'SIGNED';

/** What an endpoint handler receives (the same for REST and WS API calls). */
export interface EndpointCall {
  readonly params: RequestParams;
  /** Simulator time of the request. */
  readonly now: number;
  /** The caller's key (USER_STREAM / SIGNED endpoints). */
  readonly key: RegisteredApiKey | undefined;
}

/** One REST endpoint. */
export interface Endpoint {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly security: EndpointSecurity;
  /** REQUEST_WEIGHT, fixed or from the parameters (depth's depends on `limit`). */
  readonly weight: number | ((params: RequestParams) => number);
  /** True for endpoints that place orders (counted on the ORDERS limits). */
  readonly placesOrder?: boolean;
  /** Returns the JSON body (or {@link RawJson}); throws BinanceApiError for error answers. */
  handle(call: EndpointCall): unknown;
}

/** The client IP a request is accounted to: `X-Forwarded-For` if set (tests can fake IPs), else loopback. */
export function clientIp(headers: Record<string, string>): string {
  const forwarded = headers['x-forwarded-for'];
  if (forwarded !== undefined && forwarded !== '') return forwarded.split(',')[0]!.trim();
  return '127.0.0.1';
}

/** Registers `endpoints` on `sim`, each running through the pipeline of `venue`. */
export function mountEndpoints(sim: Sim, venue: VenueContext, endpoints: readonly Endpoint[]): void {
  for (const ep of endpoints) sim.route(ep.method, ep.path, (req) => runEndpoint(venue, ep, req));
}

/** Runs one request through the pipeline. */
export function runEndpoint(venue: VenueContext, ep: Endpoint, req: SimHttpRequest): SimHttpResponse {
  const now = venue.now();
  const ip = clientIp(req.headers);
  const params = RequestParams.fromRest(req.query, req.body);
  const headers: Record<string, string> = {};
  let status = 200;
  let json: unknown;
  try {
    venue.ipLimiter.admit(ip, endpointWeight(ep, params), now);
    let key: RegisteredApiKey | undefined;
    if (ep.security !== 'NONE') key = lookupApiKey(venue.keys, req.headers['x-mbx-apikey']);
    if (ep.security === 'SIGNED') {
      checkTimestamp(params, now);
      const q = req.rawTarget.indexOf('?');
      const signed = restSignedPayload(q < 0 ? '' : req.rawTarget.slice(q + 1), req.body);
      checkSignature(key!, signed.payload, signed.signature);
    }
    if (ep.placesOrder === true) venue.orderLimiter.admit(key!.apiKey, now);
    json = ep.handle({ params, now, key });
    if (ep.placesOrder === true) Object.assign(headers, venue.orderLimiter.headers(key!.apiKey, now));
  } catch (error) {
    if (!(error instanceof BinanceApiError)) throw error;
    status = error.status;
    json = error.toJSON();
    if (error.retryAfterS !== undefined) headers['Retry-After'] = String(error.retryAfterS);
  }
  headers[`X-MBX-USED-WEIGHT-${headerSuffix(venue.limits.requestWeight)}`] = String(
    venue.ipLimiter.usedWeight(ip, now),
  );
  if (json instanceof RawJson) {
    headers['content-type'] = 'application/json';
    return { status, headers, body: json.text };
  }
  return { status, headers, json };
}

/** The REQUEST_WEIGHT of a call (1 when the parameters are too broken to tell). */
export function endpointWeight(ep: Endpoint, params: RequestParams): number {
  if (typeof ep.weight === 'number') return ep.weight;
  try {
    return ep.weight(params);
  } catch {
    return 1;
  }
}
