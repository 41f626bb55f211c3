// The Bybit v5 REST signer (protocols/bybit.md §2). The signature covers
// `timestamp + apiKey + recvWindow + payload`, with no separators, where the payload is the
// query string exactly as sent (GET) or the JSON body text exactly as sent (POST) — the signer
// reads both from the request it is handed, which is what goes on the wire, so the bytes signed
// are the bytes sent. It adds X-BAPI-API-KEY, X-BAPI-TIMESTAMP (ms, from the context's clock),
// X-BAPI-RECV-WINDOW and X-BAPI-SIGN. A request that already carries an X-BAPI-RECV-WINDOW header
// keeps it and is signed with that same value (a wider window on a retry after 10002).
import {
  ConfigError,
  type Credentials,
  type SignableRequest,
  type SignContext,
  type Signer,
} from '@venuekit/base';
import { BYBIT_PROD_HOSTS, BYBIT_SIGNER_NAMES } from './hosts.js';
import { signBybitPayload } from './signing-key.js';

/** Options of {@link createBybitSigner}. */
export interface BybitSignerOptions {
  /** The name credentials are looked up by in `apis` (default `'bybit'`). */
  name?: string;
  /** Hosts this signer signs for (default: Bybit's production REST hosts). */
  hosts?: readonly string[];
  /** X-BAPI-RECV-WINDOW in ms when the request has none (default 5000, Bybit's default). */
  recvWindow?: number;
}

/** Bybit's default receive window, in ms. */
export const DEFAULT_RECV_WINDOW_MS = 5000;

/** Header names the signer writes (lower-case, as the HTTP client keeps them). */
export const BYBIT_AUTH_HEADERS = Object.freeze({
  apiKey: 'x-bapi-api-key',
  timestamp: 'x-bapi-timestamp',
  sign: 'x-bapi-sign',
  recvWindow: 'x-bapi-recv-window',
} as const);

/** Checks a recvWindow option (a whole number of ms > 0); returns it as the header text. */
export function recvWindowText(recvWindow: number | undefined, field = 'recvWindow'): string {
  if (recvWindow === undefined) return String(DEFAULT_RECV_WINDOW_MS);
  if (typeof recvWindow !== 'number' || !Number.isSafeInteger(recvWindow) || recvWindow <= 0) {
    throw new ConfigError(
      `${field} must be a whole number of milliseconds > 0, e.g. 5000 (got ${String(recvWindow)})`,
      { venue: 'bybit', details: { field } },
    );
  }
  return String(recvWindow);
}

/**
 * The string Bybit signs: `timestamp + apiKey + recvWindow + payload`, where the payload is the
 * query string without `?` for GET and the exact body text for POST.
 */
export function bybitRestSignString(
  timestamp: string,
  apiKey: string,
  recvWindow: string,
  payload: string,
): string {
  return timestamp + apiKey + recvWindow + payload;
}

function findHeader(headers: Record<string, string>, lowerName: string): string | undefined {
  const direct = headers[lowerName];
  if (direct !== undefined) return direct;
  for (const name in headers) if (name.toLowerCase() === lowerName) return headers[name];
  return undefined;
}

/**
 * Creates a Bybit REST signer. The plugin registers one per environment; make your own for other
 * hosts or another default receive window:
 *
 * ```ts
 * const signer = createBybitSigner({ name: 'bybit', hosts: ['127.0.0.1:8080'], recvWindow: 10_000 });
 * ```
 */
export function createBybitSigner(options: BybitSignerOptions = {}): Signer {
  const defaultWindow = recvWindowText(options.recvWindow);
  const hosts = Object.freeze([...(options.hosts ?? BYBIT_PROD_HOSTS)]);
  return Object.freeze({
    name: options.name ?? BYBIT_SIGNER_NAMES.prod,
    hosts,
    bodyEncoding: 'json' as const,
    sign(req: SignableRequest, credentials: Credentials, ctx: SignContext): SignableRequest {
      const headers = req.headers;
      const recvWindow = findHeader(headers, BYBIT_AUTH_HEADERS.recvWindow) ?? defaultWindow;
      const timestamp = String(Math.floor(ctx.now()));
      const search = req.url.search;
      const payload = (search.length > 1 ? search.slice(1) : '') + (req.body ?? '');
      headers[BYBIT_AUTH_HEADERS.apiKey] = credentials.apiKey;
      headers[BYBIT_AUTH_HEADERS.timestamp] = timestamp;
      headers[BYBIT_AUTH_HEADERS.recvWindow] = recvWindow;
      headers[BYBIT_AUTH_HEADERS.sign] = signBybitPayload(
        credentials,
        bybitRestSignString(timestamp, credentials.apiKey, recvWindow, payload),
      );
      return req;
    },
  });
}

/** The production signer (`bybit`), as `bybitPlugin` registers it. */
export const bybitSigner: Signer = createBybitSigner();
