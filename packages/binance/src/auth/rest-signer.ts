// The Binance REST signer (protocols/binance.md §2, binance-usdm.md §2). It signs the exact bytes
// sent: the query string and the form body concatenated with no separator, non-ASCII
// percent-encoded (UTF-8) first. `recvWindow` (when configured) and `timestamp` (from the
// context's clock) go where the parameters are — the body when there is one, else the query —
// and `signature` goes last: HMAC-SHA256 as hex, Ed25519/RSA as percent-encoded base64. Every
// keyed request gets `X-MBX-APIKEY`; USER_STREAM (listenKey) and public market-data endpoints get
// only that header; WebSocket upgrades are left untouched.
import {
  ConfigError,
  type Credentials,
  type SignableRequest,
  type SignContext,
  type Signer,
  ValidationError,
} from '@venuekit/base';
import { endpointSecurity } from './endpoint-security.js';
import { BINANCE_PROD_HOSTS, BINANCE_SIGNER_NAMES } from './hosts.js';
import { signingKeyOf, signPayload } from './signing-key.js';

/** Options of {@link createBinanceSigner}. */
export interface BinanceSignerOptions {
  /** The name credentials are looked up by in `apis` (default `'binance'`). */
  name?: string;
  /** Hosts this signer signs for (default: Binance's production REST hosts). */
  hosts?: readonly string[];
  /**
   * `recvWindow` in ms added to signed requests that do not carry one (Binance's default is 5000
   * when absent; at most 60000; Spot accepts up to three decimals). Default: not sent.
   */
  recvWindow?: number;
}

/** Largest recvWindow Binance accepts, in ms. */
export const MAX_RECV_WINDOW_MS = 60_000;

const NON_ASCII = /[\u0080-\uffff]+/g;
const HAS_NON_ASCII = /[\u0080-\uffff]/;
const HAS_TIMESTAMP = /(?:^|&)timestamp=/;
const HAS_RECV_WINDOW = /(?:^|&)recvWindow=/;

/** Checks a recvWindow option; returns it as the text that will be sent. */
export function recvWindowText(recvWindow: number | undefined, field = 'recvWindow'): string | undefined {
  if (recvWindow === undefined) return undefined;
  if (
    typeof recvWindow !== 'number' ||
    !Number.isFinite(recvWindow) ||
    recvWindow <= 0 ||
    recvWindow > MAX_RECV_WINDOW_MS ||
    Math.round(recvWindow * 1000) !== recvWindow * 1000
  ) {
    throw new ConfigError(
      `${field} must be a number of milliseconds > 0 and ≤ ${MAX_RECV_WINDOW_MS} with at most 3 decimals (got ${String(recvWindow)})`,
      { venue: 'binance', details: { field } },
    );
  }
  return String(recvWindow);
}

/**
 * Percent-encodes (UTF-8) every non-ASCII character of form or query text, as Binance requires
 * before signing. ASCII text is returned as it is. Unpaired surrogates are a ValidationError.
 */
export function percentEncodeNonAscii(text: string): string {
  if (!HAS_NON_ASCII.test(text)) return text;
  try {
    return text.replace(NON_ASCII, (run) => encodeURIComponent(run));
  } catch (cause) {
    throw new ValidationError('binance: request parameters contain an unpaired UTF-16 surrogate', {
      venue: 'binance',
      cause,
    });
  }
}

/** The signature of `payload` as it goes into a query string or form body. */
export function restSignature(credentials: Credentials, payload: string): string {
  const raw = signPayload(credentials, payload);
  return signingKeyOf(credentials).type === 'hmac' ? raw : encodeURIComponent(raw);
}

function isWebSocketUpgrade(req: SignableRequest): boolean {
  const protocol = req.url.protocol;
  if (protocol === 'ws:' || protocol === 'wss:') return true;
  const upgrade = req.headers.upgrade ?? req.headers.Upgrade;
  return upgrade !== undefined && upgrade.toLowerCase() === 'websocket';
}

/**
 * Creates a Binance REST signer. The default one (`binance`, production hosts) is registered by
 * `binancePlugin`; make your own for other hosts or to send a recvWindow:
 *
 * ```ts
 * const signer = createBinanceSigner({ name: 'binance', hosts: ['127.0.0.1:8080'], recvWindow: 5000 });
 * ```
 */
export function createBinanceSigner(options: BinanceSignerOptions = {}): Signer {
  const recvWindow = recvWindowText(options.recvWindow);
  const hosts = Object.freeze([...(options.hosts ?? BINANCE_PROD_HOSTS)]);
  return Object.freeze({
    name: options.name ?? BINANCE_SIGNER_NAMES.prod,
    hosts,
    bodyEncoding: 'form' as const,
    sign(req: SignableRequest, credentials: Credentials, ctx: SignContext): SignableRequest {
      if (isWebSocketUpgrade(req)) return req;
      req.headers['x-mbx-apikey'] = credentials.apiKey;
      const url = req.url;
      if (endpointSecurity(url.pathname) !== 'signed') return req;
      let query = url.search.length > 1 ? url.search.slice(1) : '';
      let body = req.body === undefined ? '' : percentEncodeNonAscii(req.body);
      const inBody = body.length > 0;
      let added = '';
      if (recvWindow !== undefined && !HAS_RECV_WINDOW.test(query) && !HAS_RECV_WINDOW.test(body))
        added = `recvWindow=${recvWindow}`;
      if (!HAS_TIMESTAMP.test(query) && !HAS_TIMESTAMP.test(body))
        added += `${added === '' ? '' : '&'}timestamp=${Math.floor(ctx.now())}`;
      if (added !== '') {
        if (inBody) body += `&${added}`;
        else query = query === '' ? added : `${query}&${added}`;
      }
      const signature = `signature=${restSignature(credentials, query + body)}`;
      if (inBody) {
        req.body = `${body}&${signature}`;
        url.search = query === '' ? '' : `?${query}`;
      } else {
        url.search = `?${query === '' ? signature : `${query}&${signature}`}`;
      }
      return req;
    },
  });
}

/** The production signer (`binance`), as `binancePlugin` registers it. */
export const binanceSigner: Signer = createBinanceSigner();
