// Authentication of a private REST request, in Bybit's order: the three auth headers (401 when
// missing), the API key (10003), the timestamp against the receive window in simulator time
// (10002: `server_time - recv_window <= timestamp < server_time + 1000`), then the signature over
// exactly the bytes that arrived (10004).
import type { SimHttpRequest } from '../../sim/types.js';
import { BybitErrors } from '../errors.js';
import type { BybitKeyRegistry, RegisteredBybitKey } from './api-keys.js';
import { restSignString, verifyHmacHex } from './signature.js';

/** recv_window used when the request does not send X-BAPI-RECV-WINDOW. */
export const DEFAULT_RECV_WINDOW_MS = 5000;
/** How far ahead of the server a timestamp may be. */
export const MAX_AHEAD_MS = 1000;

/** The payload a request signs: the raw query string for GET, the raw body otherwise. */
export function signedPayload(req: SimHttpRequest): string {
  if (req.method !== 'GET') return req.body;
  const q = req.rawTarget.indexOf('?');
  return q < 0 ? '' : req.rawTarget.slice(q + 1);
}

/** Checks a private request at simulator time `now`; returns its key or throws a BybitApiError. */
export function authenticateRest(
  req: SimHttpRequest,
  keys: BybitKeyRegistry,
  now: number,
): RegisteredBybitKey {
  const apiKey = req.headers['x-bapi-api-key'];
  const timestamp = req.headers['x-bapi-timestamp'];
  const sign = req.headers['x-bapi-sign'];
  if (apiKey === undefined || apiKey === '' || timestamp === undefined || sign === undefined) {
    throw BybitErrors.missingAuth();
  }
  const key = keys.get(apiKey);
  if (key === undefined) throw BybitErrors.apiKey();
  const recvHeader = req.headers['x-bapi-recv-window'];
  let recvWindow = DEFAULT_RECV_WINDOW_MS;
  if (recvHeader !== undefined) {
    if (!/^\d{1,9}$/.test(recvHeader) || Number(recvHeader) <= 0) {
      throw BybitErrors.params(
        `params error: X-BAPI-RECV-WINDOW must be a positive integer (ms), got '${recvHeader}'`,
      );
    }
    recvWindow = Number(recvHeader);
  }
  const ts = /^\d{1,16}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!(now - recvWindow <= ts && ts < now + MAX_AHEAD_MS))
    throw BybitErrors.timestamp(timestamp, now, recvWindow);
  const text = restSignString(timestamp, apiKey, recvHeader ?? '', signedPayload(req));
  if (!verifyHmacHex(key.secret, text, sign)) throw BybitErrors.sign();
  return key;
}
