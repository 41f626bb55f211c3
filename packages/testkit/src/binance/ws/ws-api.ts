// A Binance WebSocket API server — Spot `/ws-api/v3` or USDⓈ-M `/ws-fapi/v1`, as its profile
// says: one JSON request per frame `{id, method, params}` → `{id, status, result | error,
// rateLimits}`. Signed requests use the WS API rule (all params but `signature`, sorted by name)
// or the session key after session.logon; key-only methods take `apiKey` (or the session key);
// request weight is shared with REST per IP, and every response lists the limits it touched.
import type { SimWsConnection } from '../../sim/types.js';
import type { RegisteredApiKey } from '../auth/api-keys.js';
import { checkSignature, checkTimestamp, lookupApiKey } from '../auth/authenticate.js';
import { wsApiSignedPayload } from '../auth/signature.js';
import { BinanceApiError, BinanceErrors } from '../errors.js';
import { RequestParams } from '../params.js';
import { RawJson } from '../raw-json.js';
import { clientIp, type Endpoint, endpointWeight } from '../rest/endpoint.js';
import type { VenueContext } from '../venue-context.js';
import type { UserDataHub } from './user-data-hub.js';
import { SPOT_WS_API, type WsApiProfile } from './ws-api-methods.js';
import { WsApiSession } from './ws-api-session.js';

/** Weight of connecting to the Spot WS API. */
export const WS_API_CONNECT_WEIGHT = SPOT_WS_API.connectWeight;

interface Request {
  id: unknown;
  method: string;
  params: Record<string, unknown>;
}

/** Serves the WS API of `venue` (Spot by default). */
export class WsApiServer {
  /** What this server serves (paths, methods, weights). */
  readonly profile: WsApiProfile;
  readonly #venue: VenueContext;
  readonly #userData: UserDataHub;
  readonly #methods = new Map<string, Endpoint>();
  readonly #sessions = new Set<WsApiSession>();

  /** `endpoints`: the market's REST endpoints the methods of `profile` map to. */
  constructor(
    venue: VenueContext,
    userData: UserDataHub,
    endpoints: readonly Endpoint[],
    profile: WsApiProfile = SPOT_WS_API,
  ) {
    this.profile = profile;
    this.#venue = venue;
    this.#userData = userData;
    const byKey = new Map(endpoints.map((e) => [`${e.method} ${e.path}`, e]));
    for (const [method, key] of Object.entries(profile.methodPaths)) {
      const ep = byKey.get(key);
      if (ep !== undefined) this.#methods.set(method, ep);
    }
  }

  /** Accepts a connection. */
  accept(conn: SimWsConnection): void {
    const now = this.#venue.now();
    this.#venue.ipLimiter.charge(clientIp(conn.headers), this.profile.connectWeight, now);
    const session = new WsApiSession(
      conn,
      now,
      conn.query.get('returnRateLimits') !== 'false',
      this.profile.userDataSubscriptions,
    );
    this.#sessions.add(session);
    conn.onClose(() => this.#sessions.delete(session));
    conn.onMessage((text) => conn.send(serialize(this.#handle(session, text))));
  }

  /** Closes every WS API connection (the 24-hour disconnect); returns how many. */
  disconnectAll(code: number, reason: string): number {
    const n = this.#sessions.size;
    for (const s of [...this.#sessions]) s.conn.close(code, reason);
    return n;
  }

  #handle(session: WsApiSession, text: string): Record<string, unknown> {
    let req: Request;
    try {
      req = parseRequest(text, this.profile);
    } catch (error) {
      return { id: null, status: 400, error: (error as BinanceApiError).toJSON() };
    }
    const venue = this.#venue;
    const now = venue.now();
    const ip = clientIp(session.conn.headers);
    const params = RequestParams.fromObject(req.params);
    const ep = this.#methods.get(req.method);
    const weight =
      ep !== undefined
        ? endpointWeight(ep, params)
        : req.method.startsWith('session.') || req.method.startsWith('userDataStream')
          ? 2
          : 1;
    let account: string | undefined;
    let out: Record<string, unknown>;
    try {
      venue.ipLimiter.admit(ip, weight, now);
      const result = this.#dispatch(session, req, ep, params, now, (a) => (account = a));
      out = { id: req.id, status: 200, result };
    } catch (error) {
      if (!(error instanceof BinanceApiError)) throw error;
      const body: Record<string, unknown> = { code: error.code, msg: error.message };
      if (error.retryAtMs !== undefined) body.data = { serverTime: now, retryAfter: error.retryAtMs };
      out = { id: req.id, status: error.status, error: body };
    }
    const show =
      params.get('returnRateLimits') === undefined
        ? session.returnRateLimits
        : params.get('returnRateLimits') !== 'false';
    if (show) out.rateLimits = this.#rateLimits(ip, now, ep?.placesOrder === true ? account : undefined);
    return out;
  }

  #dispatch(
    session: WsApiSession,
    req: Request,
    ep: Endpoint | undefined,
    params: RequestParams,
    now: number,
    setAccount: (a: string) => void,
  ): unknown {
    switch (req.method) {
      case 'session.logon':
        return session.logon(this.#verifySigned(req.params, params, now), now);
      case 'session.status':
        return session.status(now);
      case 'session.logout':
        return session.logout(now);
    }
    if (this.profile.userDataSubscriptions)
      return this.#dispatchUserData(session, req, ep, params, now, setAccount);
    return this.#dispatchEndpoint(session, req, ep, params, now, setAccount);
  }

  /** Spot: user data subscribed on the connection. */
  #dispatchUserData(
    session: WsApiSession,
    req: Request,
    ep: Endpoint | undefined,
    params: RequestParams,
    now: number,
    setAccount: (a: string) => void,
  ): unknown {
    switch (req.method) {
      case 'session.subscriptions':
        return session.subscriptions();
      case 'userDataStream.subscribe':
        if (session.key === undefined)
          throw new BinanceApiError(-1002, 'You are not authorized to execute this request.', 401);
        return session.subscribe(this.#userData, session.key.apiKey);
      case 'userDataStream.subscribe.signature':
        return session.subscribe(this.#userData, this.#verifySigned(req.params, params, now).apiKey);
      case 'userDataStream.unsubscribe':
        return session.unsubscribe(params.optionalInt('subscriptionId'));
    }
    return this.#dispatchEndpoint(session, req, ep, params, now, setAccount);
  }

  /** A method with a REST twin: authenticated as its security says, then the endpoint. */
  #dispatchEndpoint(
    session: WsApiSession,
    req: Request,
    ep: Endpoint | undefined,
    params: RequestParams,
    now: number,
    setAccount: (a: string) => void,
  ): unknown {
    if (ep === undefined)
      throw new BinanceApiError(-1020, `This operation is not supported. (unknown method '${req.method}')`);
    let key: RegisteredApiKey | undefined;
    if (ep.security === 'SIGNED') {
      if (req.params.signature !== undefined || session.key === undefined)
        key = this.#verifySigned(req.params, params, now);
      else {
        checkTimestamp(params, now);
        key = session.key;
      }
      setAccount(key.apiKey);
    } else if (ep.security === 'USER_STREAM') {
      const apiKey = params.get('apiKey');
      if (apiKey === undefined && session.key === undefined) throw BinanceErrors.mandatory('apiKey');
      key = apiKey === undefined ? session.key : lookupApiKey(this.#venue.keys, apiKey);
    }
    if (ep.placesOrder === true) this.#venue.orderLimiter.admit(key!.apiKey, now);
    return ep.handle({ params, now, key });
  }

  /** Verifies an explicitly signed request (apiKey + timestamp + signature in params). */
  #verifySigned(raw: Record<string, unknown>, params: RequestParams, now: number): RegisteredApiKey {
    const apiKey = params.get('apiKey');
    if (apiKey === undefined) throw BinanceErrors.mandatory('apiKey');
    const key = lookupApiKey(this.#venue.keys, apiKey);
    checkTimestamp(params, now);
    checkSignature(key, wsApiSignedPayload(raw), params.get('signature'));
    return key;
  }

  #rateLimits(ip: string, now: number, account: string | undefined): Array<Record<string, unknown>> {
    const venue = this.#venue;
    const out: Array<Record<string, unknown>> = [];
    const weight = { ...venue.limits.requestWeight, count: venue.ipLimiter.usedWeight(ip, now) };
    if (this.profile.weightFirst) out.push(weight);
    if (account !== undefined)
      for (const [r, count] of venue.orderLimiter.usage(account, now)) out.push({ ...r, count });
    if (!this.profile.weightFirst) out.push(weight);
    return out;
  }
}

function parseRequest(text: string, profile: WsApiProfile): Request {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    throw new BinanceApiError(-1135, 'Invalid JSON Request');
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg))
    throw new BinanceApiError(-1135, 'Invalid JSON Request');
  const { id, method, params } = msg as { id?: unknown; method?: unknown; params?: unknown };
  if (typeof method !== 'string') throw BinanceErrors.mandatory('method');
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
    throw BinanceErrors.invalidParam('params');
  }
  return {
    id: id ?? null,
    method: profile.normalize(method),
    params: (params ?? {}) as Record<string, unknown>,
  };
}

/** JSON text of a response, embedding an already-serialized result as is. */
function serialize(out: Record<string, unknown>): string {
  if (!(out.result instanceof RawJson)) return JSON.stringify(out);
  const { result, ...rest } = out;
  const head = JSON.stringify(rest);
  return `${head.slice(0, -1)}${head.length > 2 ? ',' : ''}"result":${result.text}}`;
}
