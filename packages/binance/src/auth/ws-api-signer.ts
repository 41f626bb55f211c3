// Signing for Binance's WebSocket API (protocols/binance.md §8), which differs from REST: every
// parameter except `signature` — `apiKey`, `timestamp` and `recvWindow` included — is sorted by
// name and joined as `name=value` with `&`, values as raw UTF-8 (no percent-encoding). HMAC keys
// give hex, Ed25519/RSA keys base64 (sent as is: JSON needs no URL encoding). The helpers return
// a new params object that is exactly what must be sent, so the signed and sent values agree.
import type { Credentials } from '@venuekit/base';
import { recvWindowText } from './rest-signer.js';
import { signPayload } from './signing-key.js';

/** A WebSocket API parameter value. `undefined` and `null` are dropped (neither sent nor signed). */
export type WsApiParamValue = string | number | boolean | readonly unknown[] | object | null | undefined;

/** WebSocket API request parameters (values as {@link WsApiParamValue}; anything else is signed as `String(value)`). */
export type WsApiParams = Readonly<Record<string, unknown>>;

/** What signing reads besides the params and credentials. */
export interface WsApiSignOptions {
  /** Current time in ms (a server-offset clock's `now()`); becomes `timestamp` unless one is set. */
  now(): number;
  /** recvWindow in ms to add when the params have none. */
  recvWindow?: number | undefined;
}

/** The text a parameter value is signed as: strings raw, arrays and objects as JSON. */
function valueText(value: unknown): string {
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/**
 * The payload the WS API signs: every param except `signature` (and `undefined`/`null` ones),
 * sorted by name, `name=value` joined with `&`, values unencoded.
 */
export function wsApiSignaturePayload(params: WsApiParams): string {
  const names = Object.keys(params).sort();
  let out = '';
  for (const name of names) {
    if (name === 'signature') continue;
    const value = params[name];
    if (value === undefined || value === null) continue;
    out += `${out === '' ? '' : '&'}${name}=${valueText(value)}`;
  }
  return out;
}

/**
 * Returns a copy of `params` signed for the WS API: `apiKey` and `timestamp` added when absent
 * (and `recvWindow` when configured and absent), `null`/`undefined` entries dropped, and
 * `signature` computed over the sorted payload.
 */
export function signWsApiParams(
  params: WsApiParams,
  credentials: Credentials,
  options: WsApiSignOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(params)) {
    const value = params[name];
    if (value !== undefined && value !== null && name !== 'signature') out[name] = value;
  }
  out.apiKey ??= credentials.apiKey;
  const recvWindow = recvWindowText(options.recvWindow);
  if (recvWindow !== undefined && out.recvWindow === undefined) out.recvWindow = Number(recvWindow);
  out.timestamp ??= Math.floor(options.now());
  out.signature = signPayload(credentials, wsApiSignaturePayload(out));
  return out;
}

/** The params of `session.logon`: `{ apiKey, timestamp[, recvWindow], signature }`. */
export function wsApiLogonParams(
  credentials: Credentials,
  options: WsApiSignOptions,
): Record<string, unknown> {
  return signWsApiParams({}, credentials, options);
}
