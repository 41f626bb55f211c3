// The options of `Client` and of each call, and their validation. Bad options fail at
// construction with a ConfigError that names the field and the expected form.
import type { ApisSource } from '../auth/apis.js';
import type { NonceSource, NonceUnit } from '../auth/nonce.js';
import type { BodyEncoding, Signer } from '../auth/types.js';
import type { Clock } from '../clock.js';
import { ConfigError } from '../errors.js';
import type { Limiter } from '../limits/types.js';
import type { Logger } from '../log.js';
import type { HttpResponse } from './http-response.js';
import type { QueryParams } from './request-target.js';
import type { RetryOptions } from './retry-policy.js';
import type { HttpSession, HttpSessionOptions } from './session.js';
import { isSignerResolver, type SignerResolver } from './signer-resolver.js';
import type { ErrorMapper } from './status-errors.js';

/** What an `onResponse` hook receives besides the response. */
export interface ResponseHookContext {
  /** Request method. */
  method: string;
  /** The endpoint the limiter saw (the `endpoint` option, else the URL path). */
  endpoint: string;
  /** The venue (signer name or the Client's `venue`), if known. */
  venue: string | undefined;
  /** The Client's limiter, to report usage with `observe()`. */
  limiter: Limiter | undefined;
  /**
   * When this attempt asked the limiter for its slot (Client clock ms): at or before the moment
   * the limiter admitted it. Pass it as `sentAt` to `limiter.observe()` so a lower server figure
   * can lower usage while this request and every one admitted since still count as in flight.
   * Valid when the limiter runs on the same clock as the Client (by default both use the system
   * clock).
   */
  sentAt: number;
}

/**
 * Runs for every response received (any status), before errors are mapped — e.g. to read
 * `X-MBX-USED-WEIGHT-1M` and call `limiter.observe({ rule, used, sentAt })`: the Client itself
 * never calls `observe()`, as only the venue knows its usage headers. A throwing hook is
 * logged, not rethrown.
 */
export type ResponseHook = (response: HttpResponse, context: ResponseHookContext) => void;

/** Options of `new Client(...)`. Every field is optional. */
export interface ClientOptions {
  /**
   * Credentials by signer name (anything `loadApis` accepts: `{ bybit: [key, secret] }`, a JSON
   * file path, a loaded map). Requests to a signer's hosts are signed when its name is here.
   * Default: the file named by env `VENUEKIT_APIS`, else none.
   */
  apis?: ApisSource;
  /** Prepended to relative URLs (joined with one `/`). */
  baseUrl?: string;
  /** Session to use. Default: the shared session if set up, else one owned by this client. */
  session?: HttpSession;
  /** Options of the session this client creates when it owns one (default 50 connections, as the seed). */
  sessionOptions?: HttpSessionOptions;
  /** Rate limiter every request acquires from; penalized on 429/418. */
  limiter?: Limiter;
  /** Where retries and penalties are logged (default: the console logger). */
  logger?: Logger;
  /** Finds signers by host or name: a resolver (the registry) or a list. Default: the global registry. */
  signers?: SignerResolver | readonly Signer[];
  /** Time for signatures, deadlines and backoff (default: system clock). */
  clock?: Clock;
  /** Deadline of each call in ms, retries and waits included. Default 10 000. */
  timeoutMs?: number;
  /** Retry settings for every call (`false` disables retries). */
  retry?: RetryOptions | false;
  /** The venue's error hook, consulted before the status mapping for every response. */
  errorMapper?: ErrorMapper;
  /** Hook run on every response (usage headers). */
  onResponse?: ResponseHook;
  /** User-Agent header (default `venuekit`). */
  userAgent?: string;
  /** Headers sent with every request. */
  headers?: Readonly<Record<string, string>>;
  /** Venue name for errors when no signer names it. */
  venue?: string;
  /** Body encoding for unsigned requests (signed ones use the signer's). Default `'json'`. */
  bodyEncoding?: BodyEncoding;
  /**
   * Where signers' `ctx.nonce()` comes from: a unit for a new strictly increasing source on
   * `clock` (default `'us'`, microseconds, which never falls below a millisecond history), or a
   * NonceSource to share between clients that use the same key.
   */
  nonce?: NonceSource | NonceUnit;
  /** What a 429 penalizes in the limiter: every request (default) or only the endpoint. 418 is always global. */
  rateLimitScope?: 'global' | 'endpoint';
}

/** Options of one call. */
export interface FetchOptions {
  /** Query parameters, appended after any query already in the URL. */
  params?: QueryParams;
  /** Request body: encoded as the signer's venue expects (JSON or form); a string is sent as is. */
  data?: unknown;
  /** Extra headers (names are lower-cased). */
  headers?: Readonly<Record<string, string>>;
  /** Cancels the call; it rejects with the signal's reason. */
  signal?: AbortSignal;
  /** `'<signer name>'` signs with that signer whatever the host; `false` sends unsigned. */
  auth?: string | false;
  /** Deadline of this call in ms (overrides the client's). */
  timeoutMs?: number;
  /** Retry settings merged over the client's (`false` disables). */
  retry?: RetryOptions | false;
  /** Limiter weight multiplier (default 1). */
  weight?: number;
  /** Endpoint name for the limiter (default: the URL path). */
  endpoint?: string;
  /** `false` returns error responses (4xx/5xx) instead of throwing. Network errors still throw. */
  throwHttpErrors?: boolean;
}

/** What `fetch` resolves to. */
export interface FetchResult<T = unknown> {
  /** Status, headers, URL. */
  response: HttpResponse;
  /** The decoded JSON, or the body text when the body is not JSON (`response.isJson` tells). */
  data: T;
  /** The body text. */
  text: string;
}

/** Checks client options that can be wrong at run time; returns the signer resolver (if given). */
export function checkClientOptions(options: ClientOptions): SignerResolver | undefined {
  if (options.baseUrl !== undefined) {
    try {
      new URL(options.baseUrl);
    } catch {
      throw new ConfigError(
        `baseUrl must be an absolute URL such as "https://api.example.com" (got "${options.baseUrl}")`,
      );
    }
  }
  if (options.timeoutMs !== undefined) checkTimeout('timeoutMs', options.timeoutMs);
  if (
    options.bodyEncoding !== undefined &&
    options.bodyEncoding !== 'json' &&
    options.bodyEncoding !== 'form'
  )
    throw new ConfigError(
      `bodyEncoding must be 'json' or 'form' (got ${JSON.stringify(options.bodyEncoding)})`,
    );
  const signers = options.signers;
  if (signers === undefined) return undefined;
  if (Array.isArray(signers)) {
    for (const [i, signer] of signers.entries())
      if (
        typeof signer?.sign !== 'function' ||
        typeof signer.name !== 'string' ||
        !Array.isArray(signer.hosts)
      )
        throw new ConfigError(`signers[${i}] must be a Signer ({ name, hosts, sign })`);
    return undefined;
  }
  if (!isSignerResolver(signers))
    throw new ConfigError(
      'signers must be a list of Signers or a resolver with signerForHost() and getSigner()',
    );
  return signers;
}

/** Throws a ConfigError unless `value` is a positive finite number of ms. */
export function checkTimeout(field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0)
    throw new ConfigError(`${field} must be a positive number of milliseconds (got ${String(value)})`);
}
