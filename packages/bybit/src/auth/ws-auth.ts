// The private-stream authentication of Bybit v5 (protocols/bybit.md §7): the `auth` op carries
// the key, an expiry time in ms (later than now) and a signature over `"GET/realtime" + expires`
// — HMAC-SHA256 hex, or RSA-SHA256 base64 for a PEM secret. Used by the private stream.
import type { Credentials } from '@venuekit/base';
import { signBybitPayload } from './signing-key.js';

/** How far ahead of now the default auth expiry lies, in ms (pybotters uses 5 s). */
export const WS_AUTH_EXPIRY_MS = 5000;

/** The signature of a private-stream `auth` op that expires at `expires` (ms). */
export function bybitWsAuthSignature(credentials: Credentials, expires: number): string {
  return signBybitPayload(credentials, `GET/realtime${expires}`);
}

/**
 * The `auth` message to send first on a private stream:
 * `{ req_id, op: 'auth', args: [apiKey, expires, signature] }` with `expires = now + 5 s`.
 */
export function bybitWsAuthMessage(
  credentials: Credentials,
  now: number,
  reqId = 'auth',
  expiresInMs = WS_AUTH_EXPIRY_MS,
): { req_id: string; op: 'auth'; args: [string, number, string] } {
  const expires = Math.floor(now) + expiresInMs;
  return {
    req_id: reqId,
    op: 'auth',
    args: [credentials.apiKey, expires, bybitWsAuthSignature(credentials, expires)],
  };
}
