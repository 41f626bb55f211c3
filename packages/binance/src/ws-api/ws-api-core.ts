// The session machinery of BinanceWsApi (after the crypto_ws_api seed's UserWSSession): one
// self-healing WebSocketApp; on every (re)connect the server clock is synced, the session logs
// on where the key allows it, and registered open steps (user-data re-subscription) run before
// the session reports itself in service. `request()` builds the id, the parameters and the
// signature on the fly, refuses what a limit or a Binance pause would not allow, and matches the
// answer by id with a timeout and an AbortSignal. Typed methods live in BinanceWsApi.
import { EventEmitter } from 'node:events';
import { InvalidNonceError, NetworkError, ValidationError, type VenueError } from '@venuekit/base';
import type { BinanceMarket } from '../errors/error-codes.js';
import { binanceWsApiError } from '../errors/error-map.js';
import {
  PendingRequests,
  type Unanswered,
  type UnansweredRequest,
  type WsApiResponse,
} from './pending-requests.js';
import { type LimitUsage, WsApiRateLimits } from './rate-limit-tracker.js';
import { lostRequestError, refusedRequestError } from './request-failures.js';
import { authenticateParams, measureServerOffset } from './request-params.js';
import { emitSafely } from './safe-emit.js';
import { ServiceStatus, type WsApiStatus } from './service-status.js';
import { type Socket, WsApiConnection } from './ws-api-connection.js';
import { type BinanceWsApiEvents, classifyFrame, handleFailure } from './ws-api-frames.js';
import { wsApiChangesState, wsApiCost, wsApiPlacesOrder, wsApiSecurity } from './ws-api-methods.js';
import {
  type BinanceWsApiOptions,
  type ResolvedWsApiOptions,
  resolveWsApiOptions,
} from './ws-api-options.js';

/** Weight Binance charges for opening a WS API connection (USD-M's General Info: 5; Spot: 2). */
const CONNECT_WEIGHT: Readonly<Record<BinanceMarket, number>> = { spot: 2, usdm: 5 };

/** Options of one request. */
export interface WsApiRequestOptions {
  /** Authenticate it: default by method (market data unsigned; account and order methods signed). */
  signed?: boolean;
  /**
   * Cancels the wait: before sending nothing is sent; after sending the request stands at Binance
   * and the call rejects with the signal's reason — or, for an order placement, with
   * OrderOutcomeUnknownError (cause: the reason) naming the clientOrderId to look up.
   */
  signal?: AbortSignal;
  /** Time to wait for the answer in ms (default: the session's `requestTimeoutMs`). */
  timeoutMs?: number;
  /** REQUEST_WEIGHT of a method the weight table does not know (default 1). */
  weight?: number;
}

/** Sends one request during a (re)connect, before the session is in service (for open steps). */
export type OpeningCall = <T = unknown>(method: string, params?: Record<string, unknown>) => Promise<T>;

/** A step run on every (re)connect after logon, before the session is in service. */
export type OpenStep = (call: OpeningCall) => Promise<void>;

/** The request/response session; see BinanceWsApi for the typed methods. */
export class BinanceWsApiCore extends EventEmitter<BinanceWsApiEvents> implements AsyncDisposable {
  /** `'spot'` or `'usdm'`. */
  readonly market: BinanceMarket;
  /** The endpoint this session connects to. */
  readonly url: string;
  readonly #o: ResolvedWsApiOptions;
  readonly #limits: WsApiRateLimits;
  readonly #status: ServiceStatus;
  readonly #pending: PendingRequests;
  readonly #openSteps = new Set<OpenStep>();
  readonly #connection: WsApiConnection;
  #openingSocket: Socket | undefined;
  #loggedOn = false;
  #starting: Promise<void> | undefined;
  #stopping: Promise<void> | undefined;

  constructor(options: BinanceWsApiOptions = {}) {
    super();
    this.#o = resolveWsApiOptions(options);
    this.market = this.#o.market;
    this.url = this.#o.url;
    const clock = this.#o.serverClock;
    this.#limits = new WsApiRateLimits(clock, this.#o.rateLimits);
    this.#status = new ServiceStatus(clock, this.#limits, this.#o.logger, (status, previous) =>
      this.#emit('status', status, previous),
    );
    this.#pending = new PendingRequests(clock, (how, request, reason) =>
      this.#unanswered(how, request, reason),
    );
    this.#connection = new WsApiConnection(this.url, this.#o, {
      onOpen: (socket) => this.#onOpen(socket),
      onFrame: (message) => this.#onFrame(message),
      onReady: () => {
        this.#status.setPhase('open');
        this.#emit('open');
      },
      onDrop: (code, reason) => this.#onDrop(code, reason),
      onReconnected: (attempts, downtimeMs) => this.#emit('reconnected', attempts, downtimeMs),
      onError: (error) => this.#emit('error', error),
      onGone: () => void this.stop(),
    });
  }

  /** `true` in service, `false` out of service (connecting, a limit, a pause), `null` once stopped for good. */
  get operationalStatus(): boolean | null {
    return this.#status.current.operational;
  }

  /** `true` when orders may be placed now. */
  get orderHandling(): boolean {
    return this.#status.current.orderHandling;
  }

  /** The full service status (reasons and when service resumes). */
  get status(): WsApiStatus {
    return this.#status.current;
  }

  /** True while `session.logon` holds on the current connection (signed requests need no signature). */
  get loggedOn(): boolean {
    return this.#loggedOn;
  }

  /** The server-offset clock (shared with REST clients when passed in the options). */
  get clock() {
    return this.#o.serverClock;
  }

  /** Usage of every known rate limit (requests in flight included). */
  rateLimitUsage(): LimitUsage[] {
    return this.#limits.usage();
  }

  /** Requests awaiting their answer. */
  get pendingRequests(): number {
    return this.#pending.size;
  }

  /**
   * Connects, syncs the clock, logs on (Ed25519 keys) and runs the open steps; resolves when the
   * session is in service. Rejects on an authentication failure or after `startTimeoutMs`.
   * Idempotent.
   */
  start(): Promise<void> {
    if (this.#status.phase === 'stopped')
      return Promise.reject(refusedRequestError('start', { reason: 'stopped', until: undefined }, 0));
    this.#starting ??= this.#start();
    return this.#starting;
  }

  /** Closes for good: pending requests reject (outcome unknown for orders), status becomes `operational: null`. */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  /** `await using session = new BinanceWsApi(…)` stops it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /**
   * Registers a step run on every later (re)connect after logon, before the session is back in
   * service (user-data re-subscription). A failing step fails that connection attempt, which is
   * retried with backoff. Returns a function that removes it.
   */
  addOpenStep(step: OpenStep): () => void {
    this.#openSteps.add(step);
    return () => this.#openSteps.delete(step);
  }

  /**
   * Sends `method` with `params` and resolves to Binance's `result`. Adds `apiKey`, `timestamp`
   * (server clock), `recvWindow` and `signature` as the method needs (only `timestamp` after
   * logon). Failures are typed VenueErrors with Binance's code.
   */
  request<T = unknown>(
    method: string,
    params: Record<string, unknown> = {},
    options: WsApiRequestOptions = {},
  ): Promise<T> {
    if (typeof method !== 'string' || method.length === 0)
      return Promise.reject(
        new ValidationError('method: expected a WS API method name such as "order.place"', {
          venue: 'binance',
        }),
      );
    return this.#send<T>(method, params, options, false, true);
  }

  /** Measures the server-time offset with the `time` method; resolves to the offset in ms. */
  async syncClock(): Promise<number> {
    return measureServerOffset(this.#o.serverClock, (method) => this.#send(method, {}, {}, false, false));
  }

  async #start(): Promise<void> {
    this.#status.setPhase('starting');
    try {
      await this.#connection.start();
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  async #stop(): Promise<void> {
    this.#status.stop();
    this.#pending.failAll('stopped');
    this.#loggedOn = false;
    await this.#connection.close(refusedRequestError('start', { reason: 'stopped', until: undefined }, 0));
  }

  /** Every (re)connect: clock sync, logon, open steps — on the raw socket, before `open`. */
  async #onOpen(socket: Socket): Promise<void> {
    this.#openingSocket = socket;
    this.#loggedOn = false;
    this.#limits.abandon(this.#limits.reserve({ weight: CONNECT_WEIGHT[this.market], orders: 0 }));
    const call: OpeningCall = (method, params) => this.#send(method, params ?? {}, {}, true, false);
    try {
      if (this.#o.syncClock) await measureServerOffset(this.#o.serverClock, call);
      if (this.#o.logon) await this.#logon(call);
      for (const step of [...this.#openSteps]) await step(call);
    } catch (error) {
      if (!(error instanceof NetworkError)) this.#connection.failStart(error);
      throw error;
    } finally {
      this.#openingSocket = undefined;
    }
  }

  async #logon(call: OpeningCall): Promise<void> {
    const result = await call<Record<string, unknown>>('session.logon');
    this.#loggedOn = true;
    this.#o.logger.info('Binance WS API session logged on', { url: this.url });
    this.#emit('logon', result);
  }

  async #send<T>(
    method: string,
    params: Record<string, unknown>,
    options: WsApiRequestOptions,
    opening: boolean,
    retryOnSkew: boolean,
  ): Promise<T> {
    const signal = options.signal;
    if (signal?.aborted) throw signal.reason;
    const security =
      options.signed === true
        ? 'signed'
        : options.signed === false
          ? 'none'
          : wsApiSecurity(this.market, method);
    const cost = wsApiCost(this.market, method, params, options.weight);
    const frameParams = authenticateParams(method, params, security, {
      credentials: this.#o.credentials,
      loggedOn: this.#loggedOn,
      recvWindow: this.#o.recvWindow,
      clock: this.#o.serverClock,
    });
    const refusal = this.#status.refusal(cost, opening);
    if (refusal !== undefined) throw refusedRequestError(method, refusal, this.#o.serverClock.now());
    const socket = opening ? this.#openingSocket : undefined;
    const id = this.#pending.nextId();
    const frame = frameText(id, method, frameParams);
    if (opening) {
      if (socket === undefined || socket.readyState !== 1)
        throw refusedRequestError(method, { reason: 'reconnecting', until: undefined }, 0);
      socket.send(frame);
    } else this.#connection.send(frame);
    const reservation = this.#limits.reserve(cost);
    const response = await this.#pending.add(id, {
      method,
      params,
      reservation,
      timeoutMs: options.timeoutMs ?? this.#o.requestTimeoutMs,
      signal,
    });
    this.#limits.settle(reservation, response.rateLimits);
    this.#status.refresh();
    if (response.status === 200) return response.result as T;
    const error = this.#failure(method, response, params);
    if (error instanceof InvalidNonceError && security === 'signed' && retryOnSkew) {
      this.#o.logger.info('Binance rejected a timestamp; re-syncing the clock and retrying once', { method });
      await this.syncClock();
      return this.#send<T>(method, params, options, opening, false);
    }
    throw error;
  }

  /** A non-200 answer: the typed error, after pausing the session if Binance asked for it. */
  #failure(method: string, response: WsApiResponse, params?: Record<string, unknown>): VenueError {
    const now = this.#o.serverClock.now();
    const error = binanceWsApiError(
      { status: response.status, error: response.error ?? {} },
      { method, market: this.market, now, params },
    );
    handleFailure(this.#status, response, error, now);
    return error;
  }

  #onFrame(message: unknown): void {
    const frame = classifyFrame(message);
    switch (frame.kind) {
      case 'response': {
        const response = frame.response;
        if (this.#pending.resolve(String(response.id), response) === undefined) {
          // A late answer (its request timed out): its counts are still worth knowing.
          this.#limits.settle(this.#limits.reserve({ weight: 0, orders: 0 }), response.rateLimits);
          this.#o.logger.debug('Binance WS API answer for no waiting request (late or unknown id)', {
            id: response.id,
          });
        }
        return;
      }
      case 'unsolicitedError': {
        const error = this.#failure('session', frame.response);
        if (frame.response.status === 401) this.#loggedOn = false;
        this.#emit('error', error);
        return;
      }
      case 'userData':
        this.#emit('userData', frame.event, frame.subscriptionId);
        return;
      case 'serverShutdown':
        this.#emit('serverShutdown');
        this.#connection.recycle(() => this.#pending.size, this.#o.logger);
        return;
      default:
        this.#emit('message', message);
    }
  }

  #onDrop(code: number | undefined, reason: string): void {
    this.#loggedOn = false;
    this.#pending.failAll('dropped');
    if (this.#status.phase === 'stopped') return;
    const wasOpen = this.#status.phase === 'open';
    this.#status.setPhase(this.#status.phase === 'starting' ? 'starting' : 'reconnecting');
    if (wasOpen && code !== undefined) this.#emit('disconnected', code, reason);
  }

  #unanswered(how: Unanswered, request: UnansweredRequest, reason: unknown): unknown {
    this.#limits.abandon(request.reservation);
    this.#status.refresh();
    return lostRequestError(
      how,
      {
        method: request.method,
        changesState: wsApiChangesState(this.market, request.method),
        placesOrder: wsApiPlacesOrder(this.market, request.method),
        params: request.params,
        timeoutMs: request.timeoutMs,
      },
      reason,
    );
  }

  #emit<E extends keyof BinanceWsApiEvents>(event: E, ...args: BinanceWsApiEvents[E]): void {
    emitSafely(this as EventEmitter, this.#o.logger, 'BinanceWsApi', event, args);
  }
}

/** The request frame `{"id","method"[,"params"]}` (`params` omitted when empty, as Binance allows). */
function frameText(id: string, method: string, params: Record<string, unknown>): string {
  for (const _ in params)
    return `{"id":"${id}","method":${JSON.stringify(method)},"params":${JSON.stringify(params)}}`;
  return `{"id":"${id}","method":${JSON.stringify(method)}}`;
}
