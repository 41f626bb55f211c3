// The request pipeline of BinanceRestClient, on base's Client (which signs the exact bytes with
// our signer, sends through the HttpSession and enforces the socket-level deadline). Around it:
// admission by the Binance limiter (weights, ORDERS counts, pauses, bans) and the usage headers
// fed back into it; Binance's error codes mapped to typed errors; a 429 pausing the limiter and a
// 418 closing the gate until the ban ends; -1021 (clock skew) answered by one clock re-sync
// against the server time and ONE retry; GETs retried after transient failures. Base's Client
// gets no limiter of its own: its single weight multiplier and 429 penalty cannot express
// per-rule costs, -1015's orders-only pause, or the admission time usage reports need.
// A call with room in the limiter is admitted synchronously and, without a caller signal, sends
// with no AbortController or timer of its own (base enforces the time left); the body is decoded
// once, by JSON.parse or by the caller's `decode`.
import {
  type Client,
  type Clock,
  ExchangeUnavailableError,
  type HttpResponse,
  InvalidNonceError,
  IpBannedError,
  OrderOutcomeUnknownError,
  isNetworkError,
  type Logger,
  RateLimitError,
  type RetryPolicy,
  type ServerOffsetClock,
  sleep,
  ValidationError,
  type VenueError,
} from '@venuekit/base';
import { endpointSecurity } from '../auth/endpoint-security.js';
import type { BinanceMarket } from '../errors/error-codes.js';
import { binanceCodeAndMessage, binanceError } from '../errors/error-map.js';
import {
  lostOrderError,
  mayHaveBeenSent,
  outcomeUnknownDetails,
  QUERY_BEFORE_RESENDING,
  sentOrderIds,
} from '../errors/outcome-unknown.js';
import { CallDeadline } from './call-deadline.js';
import { machineClockOf } from './machine-clock.js';
import type { BinanceRequestLimiter } from './request-limiter.js';
import { orderCountCost } from './weights.js';

/** A request parameter value; `undefined` and `null` are left out. */
export type BinanceParamValue = string | number | boolean | null | undefined;

/** Request parameters, sent in this order (query for GET/DELETE, form body for POST/PUT). */
export type BinanceParams = Readonly<Record<string, BinanceParamValue>>;

/** Options of one request. */
export interface BinanceRequestOptions<T = unknown> {
  /**
   * Send the API key and (for TRADE/USER_DATA endpoints) timestamp and signature. Default: by
   * path — public market-data endpoints unsigned, everything else signed.
   */
  signed?: boolean;
  /** REQUEST_WEIGHT of an endpoint the weight table does not know (default: from the table, else 1). */
  weight?: number;
  /** Cancels the call (limiter wait included); it rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Deadline of this call in ms, limiter waits and retries included (default: the client's). */
  timeoutMs?: number;
  /**
   * Reads a successful answer's body text into the result instead of `JSON.parse` (e.g. a depth
   * snapshot straight into number levels). A SyntaxError it throws means "not JSON" and is
   * reported like any non-JSON answer; other errors reach the caller.
   */
  decode?: ((text: string) => T) | undefined;
}

/** What decodeBody answers for a body that is not JSON. */
const NOT_JSON: unique symbol = Symbol('not JSON');

/** A 2xx body as `decode` reads it (or as JSON), or NOT_JSON. */
function decodeBody<T>(
  response: HttpResponse,
  decode: ((text: string) => T) | undefined,
): T | unknown | typeof NOT_JSON {
  if (decode === undefined) return response.isJson ? response.data : NOT_JSON;
  try {
    return decode(response.body);
  } catch (error) {
    if (error instanceof SyntaxError) return NOT_JSON;
    throw error;
  }
}

/** Everything the pipeline is built from (see BinanceRestClient for how it is assembled). */
export interface RestCoreParts {
  market: BinanceMarket;
  client: Client;
  limiter: BinanceRequestLimiter;
  serverClock: ServerOffsetClock;
  signerName: string;
  hasCredentials: boolean;
  timePath: string;
  timeoutMs: number;
  retry: RetryPolicy;
  logger: Logger;
}

/** The request pipeline; BinanceRestClient adds the typed endpoints on top. */
export class BinanceRestCore {
  /** `'spot'` or `'usdm'`. */
  readonly market: BinanceMarket;
  /** Follows Binance's clock; signatures, limiter windows and deadlines read it. Share it with WS API sessions. */
  readonly clock: ServerOffsetClock;
  /** The limiter this client acquires from (share it with other clients of the same market and IP). */
  readonly limiter: BinanceRequestLimiter;
  readonly #client: Client;
  readonly #signerName: string;
  readonly #hasCredentials: boolean;
  readonly #timePath: string;
  readonly #timeoutMs: number;
  readonly #retry: RetryPolicy;
  readonly #logger: Logger;
  /** Machine time (no server offset), for deadlines and backoff. */
  readonly #machine: Clock;
  #sync: Promise<number> | undefined;
  /** Completed clock syncs; a request remembers the count it was signed under. */
  #syncs = 0;

  constructor(parts: RestCoreParts) {
    this.market = parts.market;
    this.clock = parts.serverClock;
    this.limiter = parts.limiter;
    this.#client = parts.client;
    this.#signerName = parts.signerName;
    this.#hasCredentials = parts.hasCredentials;
    this.#timePath = parts.timePath;
    this.#timeoutMs = parts.timeoutMs;
    this.#retry = parts.retry;
    this.#logger = parts.logger;
    this.#machine = machineClockOf(parts.serverClock);
  }

  /** The underlying base Client (its session, base URL). */
  get http(): Client {
    return this.#client;
  }

  /**
   * Sends any Binance REST request and resolves to the decoded JSON. `path` is relative to the
   * market's origin (`/api/v3/avgPrice`, `/fapi/v1/premiumIndex`). Failures are typed VenueErrors.
   */
  async request<T = unknown>(
    method: string,
    path: string,
    params?: BinanceParams,
    options: BinanceRequestOptions<T> = {},
  ): Promise<T> {
    const verb = method.toUpperCase();
    const signed = options.signed ?? endpointSecurity(path) !== 'public';
    if (signed && !this.#hasCredentials)
      throw new ValidationError(
        `Binance ${verb} ${path} needs an API key: create the client with credentials ({ apiKey, secret })`,
        { venue: 'binance', details: { path } },
      );
    const placesOrder = orderCountCost(this.market, verb, path) !== undefined;
    const deadline = new CallDeadline(
      this.#machine,
      options.timeoutMs ?? this.#timeoutMs,
      options.signal,
      `${verb} ${path}`,
    );
    const started = this.#machine.now();
    let resynced = false;
    try {
      deadline.throwIfDone();
      for (let attempt = 1; ; attempt++) {
        const limit = {
          method: verb,
          path,
          params,
          weight: options.weight,
          signal: undefined as AbortSignal | undefined,
        };
        let admission = this.limiter.tryAdmit(limit);
        if (admission === undefined) {
          limit.signal = deadline.waitSignal();
          admission = await this.limiter.admit(limit);
        }
        const signedAfterSyncs = this.#syncs;
        let response: HttpResponse;
        try {
          const inBody = verb === 'POST' || verb === 'PUT';
          response = await this.#client.request(verb, path, {
            params: inBody ? undefined : params,
            data: inBody && params !== undefined && Object.keys(params).length > 0 ? params : undefined,
            auth: signed ? this.#signerName : false,
            retry: false,
            throwHttpErrors: false,
            signal: deadline.requestSignal,
            timeoutMs: deadline.remainingMs,
            endpoint: path,
          });
        } catch (error) {
          this.limiter.complete(admission, undefined);
          // An order that may have been written and got no answer: its fate is unknown.
          if (placesOrder && mayHaveBeenSent(error))
            throw lostOrderError(deadline.reasonIfDone() ?? error, {
              what: `${verb} ${path}`,
              params,
              details: { path, method: verb, market: this.market },
            });
          deadline.throwIfDone();
          if (isNetworkError(error) && (await this.#backoff(verb, error, attempt, started, deadline)))
            continue;
          throw error;
        }
        this.limiter.complete(admission, response.headers);
        if (response.status < 300) {
          const decoded = decodeBody(response, options.decode);
          if (decoded !== NOT_JSON) return decoded as T;
        }
        const error = this.#errorFor(response, verb, path, placesOrder, params);
        if (error instanceof IpBannedError) this.limiter.ban(error.retryAfterMs ?? 120_000);
        else if (error instanceof RateLimitError)
          this.limiter.pause(error.retryAfterMs ?? 1000, error.code === -1015);
        if (error instanceof InvalidNonceError && signed && !resynced) {
          resynced = true;
          // One re-sync serves every request that failed from the same skew.
          if (this.#syncs === signedAfterSyncs) await this.syncClock(deadline.waitSignal());
          this.#logger.info('Binance rejected a timestamp; clock re-synced, retrying once', {
            path,
            offsetMs: this.clock.offsetMs,
          });
          continue;
        }
        if (await this.#backoff(verb, error, attempt, started, deadline)) continue;
        throw error;
      }
    } finally {
      deadline.dispose();
    }
  }

  /**
   * Measures the offset between this machine and Binance (`GET /time`, through the limiter) and
   * makes `clock` follow the server. Concurrent calls share one measurement. Resolves to the
   * offset in ms.
   */
  syncClock(signal?: AbortSignal): Promise<number> {
    this.#sync ??= this.#measureOffset(signal).finally(() => {
      this.#sync = undefined;
    });
    return this.#sync;
  }

  async #measureOffset(signal: AbortSignal | undefined): Promise<number> {
    const admission = await this.limiter.admit({ method: 'GET', path: this.#timePath, signal });
    const clock = this.clock;
    const sentAt = this.#machine.now();
    let response: HttpResponse;
    try {
      response = (
        await this.#client.fetch('GET', this.#timePath, {
          auth: false,
          retry: false,
          throwHttpErrors: false,
          signal,
          timeoutMs: this.#timeoutMs,
        })
      ).response;
    } catch (error) {
      this.limiter.complete(admission, undefined);
      throw error;
    }
    const receivedAt = this.#machine.now();
    this.limiter.complete(admission, response.headers);
    if (response.status >= 300 || !response.isJson)
      throw this.#errorFor(response, 'GET', this.#timePath, false);
    const serverTime = (response.data as { serverTime?: unknown }).serverTime;
    if (typeof serverTime !== 'number' || !Number.isFinite(serverTime))
      throw new ValidationError(`Binance GET ${this.#timePath}: expected { serverTime: number }`, {
        venue: 'binance',
      });
    clock.observe(serverTime, sentAt, receivedAt);
    this.limiter.followServerOffset(clock.offsetMs);
    this.#syncs++;
    return clock.offsetMs;
  }

  /** Closes the HTTP client (and its session if the client created it). */
  close(): Promise<void> {
    return this.#client.close();
  }

  /** True (after waiting) when a failed GET should be sent again. */
  async #backoff(
    method: string,
    error: unknown,
    attempt: number,
    started: number,
    deadline: CallDeadline,
  ): Promise<boolean> {
    if (method !== 'GET') return false;
    const delay = this.#retry.nextDelay(method, error, true, attempt, this.#machine.now() - started);
    if (delay === undefined) return false;
    this.#logger.debug('retrying Binance request', { attempt: attempt + 1, delayMs: delay });
    await sleep(delay, { clock: this.#machine, signal: deadline.waitSignal() });
    return true;
  }

  #errorFor(
    response: HttpResponse,
    method: string,
    path: string,
    placesOrder: boolean,
    params?: BinanceParams,
  ): VenueError {
    if (response.status < 300) {
      const preview = response.body.length > 80 ? `${response.body.slice(0, 80)}…` : response.body;
      const what = `Binance ${method} ${path}: HTTP ${response.status} with a body that is not JSON (${JSON.stringify(preview)})`;
      const details = { path, method, market: this.market };
      // An order placement answered with garbage may have been taken: not retryable.
      if (placesOrder) {
        const ids = sentOrderIds(params);
        const id = ids.clientOrderId === undefined ? '' : ` (clientOrderId ${ids.clientOrderId})`;
        return new OrderOutcomeUnknownError(`${what}${id}; ${QUERY_BEFORE_RESENDING}`, {
          venue: 'binance',
          status: response.status,
          details: outcomeUnknownDetails(details, ids),
        });
      }
      return new ExchangeUnavailableError(
        `${what}${method === 'GET' ? '; retry later' : '; execution status unknown — query before retrying'}`,
        { venue: 'binance', status: response.status, details },
      );
    }
    const { code, msg, data } = response.isJson ? binanceCodeAndMessage(response.data) : {};
    return binanceError({
      code,
      msg: msg ?? (response.isJson ? undefined : response.statusText || undefined),
      status: response.status,
      market: this.market,
      method,
      path,
      placesOrder,
      retryAfter: response.headers['retry-after'],
      now: this.clock.now(),
      data,
      params,
    });
  }
}
