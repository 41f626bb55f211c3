// Client: the generic REST client every venue package builds on (after pybotters' Client). It
// resolves URLs against `baseUrl`, merges `params` into the query, encodes `data` once in the
// venue's encoding, signs the exact bytes it sends (signer picked by host or by name), waits on
// the rate limiter, retries what is safe to retry, maps failures to typed errors, and enforces a
// deadline and an AbortSignal on every call.
import { inspect } from 'node:util';
import { loadApis } from '../auth/apis.js';
import { createSignContext } from '../auth/sign-context.js';
import type { BodyEncoding, SignContext } from '../auth/types.js';
import { type Clock, systemClock } from '../clock.js';
import { IpBannedError, RateLimitError, ValidationError, type VenueError } from '../errors.js';
import type { Limiter } from '../limits/types.js';
import { defaultLogger, type Logger } from '../log.js';
import { CONTENT_TYPES, encodeBody } from './body-encoding.js';
import type { ExchangeRequest } from './buffered-exchange.js';
import { CallScope } from './call-scope.js';
import {
  type ClientOptions,
  checkClientOptions,
  checkTimeout,
  type FetchOptions,
  type FetchResult,
  type ResponseHook,
} from './client-options.js';
import { HttpResponse } from './http-response.js';
import { type AuthChoice, RequestAuth } from './request-auth.js';
import { appendParams, resolveUrl } from './request-target.js';
import { noteRequestSent } from './request-sent.js';
import { RetryPolicy } from './retry-policy.js';
import { safeUrlText } from './safe-url.js';
import { HttpSession } from './session.js';
import { sharedSession } from './shared-session.js';
import { signerTable } from './signer-resolver.js';
import { type ErrorMapper, type ErrorMapperContext, errorForStatus } from './status-errors.js';
import { HttpSessionClosedError } from './transport-errors.js';

/** Penalty applied to the limiter after a 429/418 that named no Retry-After. */
const DEFAULT_PENALTY_MS = 1000;
const NO_OPTIONS: FetchOptions = Object.freeze({});

/** A REST client: `fetch` for decoded results, `request`/`get`/`post`/`put`/`delete` for responses. */
export class Client implements AsyncDisposable {
  /** The session requests go through. */
  readonly session: HttpSession;
  /** True when this client created its session and closes it on {@link close}. */
  readonly ownsSession: boolean;
  /** Prepended to relative URLs. */
  readonly baseUrl: string | undefined;
  readonly #auth: RequestAuth;
  readonly #limiter: Limiter | undefined;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #errorMapper: ErrorMapper | undefined;
  readonly #onResponse: ResponseHook | undefined;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #venue: string | undefined;
  readonly #bodyEncoding: BodyEncoding;
  readonly #globalPenalty: boolean;
  readonly #signContext: SignContext;
  #closed = false;

  constructor(options: ClientOptions = {}) {
    const resolver = checkClientOptions(options);
    this.baseUrl = options.baseUrl;
    this.#auth = new RequestAuth(
      loadApis(options.apis),
      resolver ?? (Array.isArray(options.signers) ? signerTable(options.signers) : undefined),
    );
    this.#limiter = options.limiter;
    this.#logger = options.logger ?? defaultLogger;
    const clock = (this.#clock = options.clock ?? systemClock);
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#retry = RetryPolicy.resolve(options.retry);
    this.#errorMapper = options.errorMapper;
    this.#onResponse = options.onResponse;
    this.#venue = options.venue;
    this.#bodyEncoding = options.bodyEncoding ?? 'json';
    this.#globalPenalty = options.rateLimitScope !== 'endpoint';
    const headers: Record<string, string> = { 'user-agent': options.userAgent ?? 'venuekit' };
    for (const [name, value] of Object.entries(options.headers ?? {})) headers[name.toLowerCase()] = value;
    this.#headers = headers;
    this.#signContext = createSignContext({ clock, nonce: options.nonce ?? 'us' });
    const shared = options.session === undefined ? sharedSession.current : undefined;
    this.ownsSession = options.session === undefined && shared === undefined;
    this.session =
      options.session ??
      shared ??
      new HttpSession({ maxConnections: 50, connections: 50, ...options.sessionOptions });
  }

  /** True once {@link close} was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Sends a request and resolves to `{ response, data, text }`, `data` being the decoded JSON
   * (or the text when the body is not JSON; `response.isJson` tells). Error statuses throw typed
   * errors unless `throwHttpErrors: false`.
   */
  async fetch<T = unknown>(
    method: string,
    url: string | URL,
    options?: FetchOptions,
  ): Promise<FetchResult<T>> {
    const response = await this.#perform(method, url, options ?? NO_OPTIONS);
    return { response, data: response.data as T, text: response.body };
  }

  /** Sends a request and resolves to the response (`json()`, `text()`, `status`, `headers`). */
  request(method: string, url: string | URL, options?: FetchOptions): Promise<HttpResponse> {
    return this.#perform(method, url, options ?? NO_OPTIONS);
  }

  /** `request('GET', …)`. */
  get(url: string | URL, options?: FetchOptions): Promise<HttpResponse> {
    return this.#perform('GET', url, options ?? NO_OPTIONS);
  }

  /** `request('POST', …)`. */
  post(url: string | URL, options?: FetchOptions): Promise<HttpResponse> {
    return this.#perform('POST', url, options ?? NO_OPTIONS);
  }

  /** `request('PUT', …)`. */
  put(url: string | URL, options?: FetchOptions): Promise<HttpResponse> {
    return this.#perform('PUT', url, options ?? NO_OPTIONS);
  }

  /** `request('DELETE', …)`. */
  delete(url: string | URL, options?: FetchOptions): Promise<HttpResponse> {
    return this.#perform('DELETE', url, options ?? NO_OPTIONS);
  }

  /** Closes the session if this client owns it (the shared session stays open). Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.ownsSession) await this.session.close();
  }

  /** A safe summary: base URL and session counters, never credentials. */
  [inspect.custom](): string {
    return `Client ${inspect({ baseUrl: this.baseUrl, closed: this.#closed, ownsSession: this.ownsSession, session: this.session })}`;
  }

  /** `await using client = new Client()` closes it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #perform(methodName: string, target: string | URL, options: FetchOptions): Promise<HttpResponse> {
    if (this.#closed) throw new HttpSessionClosedError('This Client is closed; create a new one');
    const method = methodName.toUpperCase();
    const url = resolveUrl(target, this.baseUrl);
    if (options.params !== undefined) appendParams(url, options.params);
    let auth: AuthChoice | undefined;
    if (this.#auth.mayNeedSigner(options.auth)) {
      const chosen = this.#auth.choose(url.hostname, options.auth);
      auth = chosen instanceof Promise ? await chosen : chosen;
    }
    const venue = auth?.signer.name ?? this.#venue;
    const encoding = auth?.signer.bodyEncoding ?? this.#bodyEncoding;
    if (options.data !== undefined && (method === 'GET' || method === 'HEAD'))
      throw new ValidationError(`data cannot be sent with ${method}; put the fields in params`);
    const body = encodeBody(options.data, encoding);
    const headers = this.#buildHeaders(options.headers, body, encoding);
    const endpoint = options.endpoint ?? url.pathname;
    const policy = RetryPolicy.resolve(options.retry, this.#retry);
    const timeoutMs = options.timeoutMs ?? this.#timeoutMs;
    if (options.timeoutMs !== undefined) checkTimeout('timeoutMs', timeoutMs);
    const unsignedHref = auth === undefined ? '' : url.href;
    const started = this.#clock.now();
    const scope = new CallScope(
      this.#clock,
      timeoutMs,
      options.signal,
      () => `${method} ${safeUrlText(url.origin, url.pathname + url.search)}`,
      venue,
    );
    try {
      for (let attempt = 1; ; attempt++) {
        scope.throwIfDone();
        const askedAt = this.#clock.now();
        const limiter = this.#limiter;
        // Room now (the usual case) takes it without a wait, so no AbortSignal is made.
        if (limiter !== undefined && !limiter.tryAcquire({ endpoint, method, weight: options.weight })) {
          scope.phase = 'waiting for the rate limiter';
          const signal = scope.abortSignal();
          await limiter.acquire({ endpoint, method, weight: options.weight, signal });
          scope.throwIfDone();
        }
        // The first try signs the call's own URL and headers; a retry signs fresh copies of the
        // unsigned originals (new timestamp, new nonce).
        const request =
          auth === undefined
            ? plainRequest(method, url, headers, body)
            : attempt === 1
              ? this.#sign(auth, method, url, headers, body)
              : this.#sign(
                  auth,
                  method,
                  new URL(unsignedHref),
                  this.#buildHeaders(options.headers, body, encoding),
                  body,
                );
        scope.phase = 'waiting for the response';
        const exchange = this.session.start(request, venue);
        scope.watch(exchange);
        let response: HttpResponse | undefined;
        let error: unknown;
        try {
          await exchange.promise;
          response = new HttpResponse(
            exchange.status,
            exchange.statusText,
            exchange.headers,
            exchange.body,
            request.url,
          );
        } catch (failure) {
          if (scope.done) throw failure;
          error = failure;
        } finally {
          scope.unwatch();
        }
        if (response !== undefined) {
          if (this.#onResponse !== undefined) this.#runHook(response, method, endpoint, venue, askedAt);
          error = this.#errorFor(response, method, venue);
          if (error === undefined) return response;
        }
        if (error instanceof RateLimitError) this.#penalize(error, endpoint);
        const delay = policy.nextDelay(method, error, exchange.sent, attempt, this.#clock.now() - started);
        if (delay === undefined) {
          if (response !== undefined && options.throwHttpErrors === false) return response;
          throw error;
        }
        this.#logger.debug('retrying HTTP request', {
          method,
          path: url.pathname,
          attempt: attempt + 1,
          delayMs: delay,
          reason: error instanceof Error ? error.message : String(error),
        });
        await scope.sleep(delay);
      }
    } catch (error) {
      // The caller's abort reason, thrown as is: note beside it whether the request had gone out.
      if (scope.done) noteRequestSent(error, scope.sent);
      throw error;
    } finally {
      scope.dispose();
    }
  }

  #buildHeaders(
    extra: Readonly<Record<string, string>> | undefined,
    body: string | undefined,
    encoding: BodyEncoding,
  ): Record<string, string> {
    // A for-in copy, not `{ ...defaults }`: V8 makes adding properties to a spread clone very
    // slow (µs per request), and signers add their headers to this object.
    const headers: Record<string, string> = {};
    const defaults = this.#headers;
    for (const name in defaults) headers[name] = defaults[name]!;
    if (extra !== undefined) for (const name in extra) headers[name.toLowerCase()] = extra[name]!;
    if (body !== undefined && headers['content-type'] === undefined)
      headers['content-type'] = CONTENT_TYPES[encoding];
    return headers;
  }

  /** Signs the request; the signer may modify `url` and `headers` (they belong to this try). */
  #sign(
    auth: AuthChoice,
    method: string,
    url: URL,
    headers: Record<string, string>,
    body: string | undefined,
  ): SentRequest {
    const signed = auth.signer.sign({ method, url, headers, body }, auth.credentials, this.#signContext);
    const signedUrl = signed.url;
    return {
      origin: signedUrl.origin,
      path: signedUrl.pathname + signedUrl.search,
      method,
      headers: signed.headers,
      body: signed.body,
      url: signedUrl,
    };
  }

  #errorFor(response: HttpResponse, method: string, venue: string | undefined): VenueError | undefined {
    if (this.#errorMapper === undefined && response.status < 400) return undefined;
    const context: ErrorMapperContext = {
      status: response.status,
      data: response.data,
      headers: response.headers,
      venue,
      method,
      // Redacting the URL costs µs; most mappers read it only for an error.
      get url(): string {
        return response.url;
      },
      response,
    };
    return this.#errorMapper?.(context) ?? errorForStatus(context, this.#clock.now());
  }

  #penalize(error: RateLimitError, endpoint: string): void {
    if (this.#limiter === undefined) return;
    const ms = error.retryAfterMs ?? DEFAULT_PENALTY_MS;
    if (this.#globalPenalty || error instanceof IpBannedError) this.#limiter.penalize(ms);
    else this.#limiter.penalize(ms, endpoint);
    this.#logger.warn('rate limited by the venue; holding requests', {
      venue: error.venue,
      status: error.status,
      retryAfterMs: ms,
      scope: this.#globalPenalty || error instanceof IpBannedError ? 'global' : endpoint,
    });
  }

  #runHook(
    response: HttpResponse,
    method: string,
    endpoint: string,
    venue: string | undefined,
    sentAt: number,
  ): void {
    try {
      this.#onResponse?.(response, { method, endpoint, venue, limiter: this.#limiter, sentAt });
    } catch (error) {
      this.#logger.warn('onResponse hook threw; the response is returned anyway', { error });
    }
  }
}

/** An exchange request plus the URL it was built from. */
interface SentRequest extends ExchangeRequest {
  url: URL;
}

function plainRequest(
  method: string,
  url: URL,
  headers: Record<string, string>,
  body: string | undefined,
): SentRequest {
  return { origin: url.origin, path: url.pathname + url.search, method, headers, body, url };
}
