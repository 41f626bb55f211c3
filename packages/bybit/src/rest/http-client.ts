// BybitHttpClient: the aiobybit seed's client, done right. `get(path, params)` and
// `post(path, body)` send v5 requests and resolve to the parsed `result`; a non-zero retCode
// (Bybit's business errors arrive as HTTP 200) throws a typed VenueError. Private requests are
// signed over exactly the bytes sent (the query string as sent, the JSON body text as sent).
// Underneath is base's Client: the session (the shared one when BybitSessionManager set it up,
// else the client's own, closed on close()), a limiter with Bybit's limits — the per-IP part shared
// by every client on the same route, the per-UID part by every client of the account — that adopts
// the X-Bapi-Limit* headers and holds an endpoint until X-Bapi-Limit-Reset-Timestamp after 10006,
// retries of idempotent requests, and deadlines. A 10002 (timestamp outside recv_window) re-syncs
// the clock with GET /v5/market/time and retries the request once.
import { inspect } from 'node:util';
import {
  Client,
  type ErrorMapperContext,
  ExchangeUnavailableError,
  type HttpResponse,
  type HttpSession,
  InvalidNonceError,
  type Logger,
  type RateLimiter,
  type RateLimitRule,
  type RegistryLease,
  ServerOffsetClock,
  sessionEgress,
  sharedSession,
  systemClock,
  defaultLogger,
  ValidationError,
  type VenueError,
} from '@venuekit/base';
import { BYBIT_SIGNER_NAMES } from '../auth/hosts.js';
import { BYBIT_AUTH_HEADERS, createBybitSigner } from '../auth/rest-signer.js';
import { bybitError, bybitRetCode } from '../errors/error-map.js';
import {
  BybitOrderOutcomeUnknownError,
  orderOutcomeError,
  UNKNOWN_ORDER_OUTCOME,
} from '../errors/outcome-unknown.js';
import { callHeaders } from './call-headers.js';
import type { BybitEnvironment } from '../urls.js';
import { type BybitHttpClientOptions, checkHttpClientOptions } from './http-client-options.js';
import { bybitLimitKey, bybitLimitObservation, defaultBybitRateLimitRules } from './rate-limit-rules.js';
import type { AccountGate } from './account-gate.js';
import { type BybitParams, cleanBody, cleanParams } from './request-payload.js';
import { leaseClientLimits } from './shared-limiters.js';

export type { BybitParams, BybitParamValue } from './request-payload.js';

/** Options of one call. */
export interface BybitCallOptions {
  /** Sign the request. Default: signed unless the path is public (`/v5/market/…`, `/v5/announcements/…`, `/v5/system/…`). */
  auth?: boolean;
  /** Cancels the call (limiter wait included); it rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Deadline of this call in ms (default: the client's). */
  timeoutMs?: number;
  /** Extra headers of this call (e.g. `X-Referer` for a broker); the signature headers cannot be overridden. */
  headers?: Readonly<Record<string, string>>;
}

/** The v5 response envelope. */
export interface BybitEnvelope<T = unknown> {
  retCode: number;
  retMsg: string;
  result: T;
  retExtInfo: unknown;
  time: number;
}

const PLACES_ORDER = /^\/v5\/order\/(?:create|amend|create-batch|amend-batch)$/;
const TIME_PATH = '/v5/market/time';
/** Paths that take no key (market data, announcements, system status). */
const PUBLIC_PATH = /^\/v5\/(?:market|announcements|system)\//;

/**
 * A Bybit v5 REST client.
 *
 * ```ts
 * await using client = new BybitHttpClient({ apiKey, apiSecret, testnet: true });
 * const tickers = await client.get('/v5/market/tickers', { category: 'spot' });
 * const ack = await client.post('/v5/order/create', { category: 'linear', symbol: 'BTCUSDT', side: 'Buy', orderType: 'Market', qty: '0.001' });
 * ```
 */
export class BybitHttpClient implements AsyncDisposable {
  /** The environment the client talks to (`'prod'`, `'testnet'`, `'demo'`). */
  readonly environment: BybitEnvironment;
  /** The REST origin. */
  readonly baseUrl: string;
  /** Follows Bybit's clock (re-synced after 10002); signatures read it. */
  readonly clock: ServerOffsetClock;
  /**
   * The limiter every request acquires from. By default the one every client of the same host and
   * egress (the session's proxy / local address) shares: one IP window for all of them, and the
   * per-UID windows of each account (signed requests are keyed with {@link accountTag}). The
   * `limiter` option replaces it.
   */
  readonly limiter: RateLimiter;
  /**
   * The tag of this client's account in the shared limiter's keys (`/v5/position/list@<tag>`), or
   * `undefined` with a `limiter` of your own or without credentials.
   */
  readonly accountTag: string | undefined;
  /** The X-BAPI-RECV-WINDOW sent with signed requests. */
  readonly recvWindow: number;
  /** True when the client has an API key and secret. */
  readonly hasCredentials: boolean;
  readonly #client: Client;
  readonly #rules: readonly RateLimitRule[];
  readonly #logger: Logger;
  readonly #maskedKey: string | undefined;
  readonly #gate: AccountGate | undefined;
  /** Holds on the shared limiters this client uses, returned on close(). */
  readonly #leases: RegistryLease<RateLimiter>[];
  readonly #timeoutMs: number;
  /** The client retries POSTs that may have arrived (`retry.unsafe`): any later failure may follow a sent try. */
  readonly #unsafeRetries: boolean;
  #sync: Promise<number> | undefined;
  #syncs = 0;

  constructor(options: BybitHttpClientOptions = {}) {
    const checked = checkHttpClientOptions(options);
    this.environment = checked.environment;
    this.baseUrl = checked.baseUrl;
    this.recvWindow = Number(checked.recvWindow);
    this.hasCredentials = checked.hasCredentials;
    this.#logger = options.logger ?? defaultLogger;
    const machine = options.clock ?? systemClock;
    this.clock = new ServerOffsetClock(machine);
    this.#rules = defaultBybitRateLimitRules();
    // The shared limiters are leased (another client's, passed as `limiter`, too) until close().
    const limits = leaseClientLimits(
      {
        baseUrl: this.baseUrl,
        // The session the base Client will pick: the one given, else the shared one, else its own.
        egress: (options.session ?? sharedSession.current)?.egress ?? sessionEgress(options.sessionOptions),
        clock: machine,
      },
      options.limiter,
      checked.hasCredentials ? options.apiKey : undefined,
    );
    this.#leases = limits.leases;
    this.limiter = limits.limiter;
    this.accountTag = limits.accountTag;
    this.#gate = limits.gate;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#unsafeRetries = options.retry !== false && options.retry?.unsafe === true;
    const signer = createBybitSigner({
      name: BYBIT_SIGNER_NAMES.prod,
      hosts: [],
      recvWindow: this.recvWindow,
    });
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.referralId !== undefined) headers.referer = options.referralId;
    this.#maskedKey = checked.hasCredentials ? `${options.apiKey!.slice(0, 4)}…` : undefined;
    try {
      this.#client = new Client({
        baseUrl: this.baseUrl,
        apis: checked.hasCredentials ? { [signer.name]: [options.apiKey!, options.apiSecret!] } : {},
        signers: [signer],
        session: options.session,
        sessionOptions: options.sessionOptions,
        limiter: this.limiter,
        rateLimitScope: 'endpoint',
        clock: this.clock,
        timeoutMs: options.timeoutMs,
        retry: options.retry,
        logger: this.#logger,
        userAgent: options.userAgent,
        headers,
        venue: 'bybit',
        errorMapper: (context) => this.#mapError(context),
        onResponse: (response, context) => this.#observeLimits(response, context.endpoint),
      });
    } catch (error) {
      for (const lease of this.#leases) lease.release(); // no client to close later
      throw error;
    }
  }

  /** The HTTP session requests go through. */
  get session(): HttpSession {
    return this.#client.session;
  }
  /** True when the client created its session (and closes it on close()). */
  get ownsSession(): boolean {
    return this.#client.ownsSession;
  }
  /** True when the client uses a session it did not create (the shared one, or one passed in). */
  get usesSharedSession(): boolean {
    return !this.#client.ownsSession;
  }
  /** True once close() was called. */
  get closed(): boolean {
    return this.#client.closed;
  }

  /** GET `path` with `params` in the query; resolves to the envelope's `result`. */
  get<T = unknown>(path: string, params?: BybitParams, options?: BybitCallOptions): Promise<T> {
    return this.request<T>('GET', path, params, options);
  }

  /** POST `body` as JSON to `path`; resolves to the envelope's `result`. */
  post<T = unknown>(
    path: string,
    body?: Readonly<Record<string, unknown>>,
    options?: BybitCallOptions,
  ): Promise<T> {
    return this.request<T>('POST', path, body, options);
  }

  /** PUT `body` as JSON to `path` (signed like POST); resolves to the envelope's `result`. */
  put<T = unknown>(
    path: string,
    body?: Readonly<Record<string, unknown>>,
    options?: BybitCallOptions,
  ): Promise<T> {
    return this.request<T>('PUT', path, body, options);
  }

  /** DELETE `path` with `params` in the query (signed like GET); resolves to the envelope's `result`. */
  delete<T = unknown>(path: string, params?: BybitParams, options?: BybitCallOptions): Promise<T> {
    return this.request<T>('DELETE', path, params, options);
  }

  /** Any v5 request; `payload` is the query (GET, DELETE) or the JSON body (other methods). */
  async request<T = unknown>(
    method: string,
    path: string,
    payload?: Readonly<Record<string, unknown>>,
    options: BybitCallOptions = {},
  ): Promise<T> {
    const envelope = await this.requestEnvelope<T>(method, path, payload, options);
    return envelope.result;
  }

  /** Like {@link request}, resolving to the whole envelope (`retExtInfo`, `time`). */
  async requestEnvelope<T = unknown>(
    method: string,
    path: string,
    payload?: Readonly<Record<string, unknown>>,
    options: BybitCallOptions = {},
  ): Promise<BybitEnvelope<T>> {
    const verb = method.toUpperCase();
    if (typeof path !== 'string' || !path.startsWith('/'))
      throw new ValidationError(
        `Bybit request path must start with "/", e.g. "/v5/market/tickers" (got ${JSON.stringify(path)})`,
        { venue: 'bybit' },
      );
    const signed = options.auth ?? !PUBLIC_PATH.test(path);
    if (signed && !this.hasCredentials)
      throw new ValidationError(
        `Bybit ${verb} ${path} needs an API key: create the client with apiKey and apiSecret`,
        { venue: 'bybit', details: { path } },
      );
    const inQuery = verb === 'GET' || verb === 'DELETE';
    const params = inQuery ? cleanParams(payload as BybitParams | undefined) : undefined;
    const body = inQuery ? undefined : cleanBody(payload);
    const endpoint = bybitLimitKey(path, payload?.category, signed ? this.accountTag : undefined);
    let timeoutMs = options.timeoutMs;
    if (signed && this.#gate !== undefined) {
      const deadline = timeoutMs ?? this.#timeoutMs;
      const waited = await this.#gate.pass(endpoint, verb, options.signal, deadline);
      if (waited > 0) timeoutMs = Math.max(1, deadline - waited);
    }
    for (let attempt = 0; ; attempt++) {
      const syncsBefore = this.#syncs;
      try {
        const { response, data } = await this.#client.fetch<BybitEnvelope<T>>(verb, path, {
          params,
          data: body,
          auth: signed ? BYBIT_SIGNER_NAMES.prod : false,
          endpoint,
          signal: options.signal,
          timeoutMs,
          headers: options.headers === undefined ? undefined : callHeaders(options.headers),
        });
        return this.#envelopeOf(response, data, verb, path);
      } catch (error) {
        if (!(error instanceof InvalidNonceError) || !signed || attempt > 0)
          throw PLACES_ORDER.test(path)
            ? orderOutcomeError(error, verb, path, body, this.#unsafeRetries)
            : error;
        // One re-sync serves every request that failed from the same skew.
        if (this.#syncs === syncsBefore) await this.syncClock(options.signal);
        this.#logger.info('Bybit rejected a timestamp (10002); clock re-synced, retrying once', {
          path,
          offsetMs: this.clock.offsetMs,
        });
      }
    }
  }

  /**
   * Measures the offset between this machine and Bybit (`GET /v5/market/time`) and makes `clock`
   * follow the server. Concurrent calls share one measurement. Resolves to the offset in ms.
   */
  syncClock(signal?: AbortSignal): Promise<number> {
    this.#sync ??= this.#measureOffset(signal).finally(() => {
      this.#sync = undefined;
    });
    return this.#sync;
  }

  /**
   * Closes the client; its own session is closed, a shared one is left open for the others. Its
   * leases on the shared limiters are returned (they are dropped once no client uses them and
   * their windows are empty); a client never closed keeps them.
   */
  close(): Promise<void> {
    return this.#client.close().finally(() => {
      for (const lease of this.#leases) lease.release();
    });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  [inspect.custom](): string {
    return `BybitHttpClient { environment: '${this.environment}', baseUrl: '${this.baseUrl}', apiKey: ${
      this.#maskedKey === undefined ? 'none' : `'${this.#maskedKey}'`
    }, sharedSession: ${this.usesSharedSession} }`;
  }

  toJSON(): Record<string, unknown> {
    return { environment: this.environment, baseUrl: this.baseUrl, hasCredentials: this.hasCredentials };
  }

  async #measureOffset(signal: AbortSignal | undefined): Promise<number> {
    const machine = this.clock.now() - this.clock.offsetMs;
    const { response, data } = await this.#client.fetch('GET', TIME_PATH, { auth: false, signal });
    const receivedAt = this.clock.now() - this.clock.offsetMs;
    const envelope = this.#envelopeOf(response, data, 'GET', TIME_PATH);
    const nano = (envelope.result as { timeNano?: unknown } | undefined)?.timeNano;
    const serverTime =
      typeof nano === 'string' && /^\d{13,}$/.test(nano) ? Number(nano.slice(0, -6)) : envelope.time;
    if (typeof serverTime !== 'number' || !Number.isFinite(serverTime))
      throw new ValidationError(`Bybit GET ${TIME_PATH}: expected result.timeNano or time`, {
        venue: 'bybit',
      });
    this.clock.observe(serverTime, machine, receivedAt);
    this.#syncs++;
    return this.clock.offsetMs;
  }

  #envelopeOf<T>(response: HttpResponse, data: unknown, method: string, path: string): BybitEnvelope<T> {
    if (!response.isJson || data === null || typeof data !== 'object' || !('retCode' in data)) {
      const preview = response.body.length > 80 ? `${response.body.slice(0, 80)}…` : response.body;
      const unknown = PLACES_ORDER.test(path);
      const ErrorClass = unknown ? BybitOrderOutcomeUnknownError : ExchangeUnavailableError;
      throw new ErrorClass(
        `Bybit ${method} ${path}: HTTP ${response.status} without the v5 envelope (${JSON.stringify(preview)})${
          method === 'GET' ? '; retry later' : `; ${UNKNOWN_ORDER_OUTCOME}`
        }`,
        { venue: 'bybit', status: response.status, details: { path, method } },
      );
    }
    return data as BybitEnvelope<T>;
  }

  #mapError(context: ErrorMapperContext): VenueError | undefined {
    const { code, msg } = context.response.isJson ? bybitRetCode(context.data) : {};
    if (context.status < 400 && (code === undefined || code === 0)) return undefined;
    const path = new URL(context.url).pathname;
    const reset = context.headers['x-bapi-limit-reset-timestamp'];
    const resetText = Array.isArray(reset) ? reset[reset.length - 1] : reset;
    return bybitError({
      code,
      msg: msg ?? (context.response.statusText || undefined),
      status: context.status,
      method: context.method,
      path,
      placesOrder: PLACES_ORDER.test(path),
      resetAt: resetText !== undefined && /^\d+$/.test(resetText) ? Number(resetText) : undefined,
      now: this.clock.now(),
    });
  }

  #observeLimits(response: HttpResponse, endpoint: string): void {
    const observation = bybitLimitObservation(response.headers, endpoint, this.#rules);
    if (observation === undefined) return;
    this.limiter.observe(observation);
    this.#gate?.observe(observation);
  }

  /** Requests of this client's route (and account gate) waiting for the rate limiter. */
  get queued(): number {
    return this.limiter.pending + (this.#gate?.limiter.pending ?? 0);
  }
}

/** The X-BAPI-RECV-WINDOW header name (re-exported for callers that widen it per request). */
export const RECV_WINDOW_HEADER = BYBIT_AUTH_HEADERS.recvWindow;
