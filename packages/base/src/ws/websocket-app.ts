// WebSocketApp: one WebSocket connection that heals itself (after pybotters' ws_connect). On
// every (re)connect: handshake → await onOpen (auth) → send the `send` list (subscriptions) →
// emit `open`. Frames go to synchronous handlers as they arrive, so reading never waits on a
// slow consumer. Heartbeats detect dead peers; drops reconnect with backoff and jitter; close()
// or the signal ends it for good and releases every socket, timer and pending wait.
import { EventEmitter } from 'eventemitter3';
import { WebSocket } from 'ws';
import type { TimerHandle } from '../clock.js';
import { NetworkError } from '../errors.js';
import {
  type ResolvedAppOptions,
  type WebSocketAppEvents,
  type WebSocketAppOptions,
  type WebSocketAppState,
  checkCloseArguments,
  checkWebSocketUrl,
  resolveAppOptions,
} from './app-options.js';
import { Backoff } from './backoff.js';
import { deferred } from './deferred.js';
import { WebSocketNotOpenError } from './errors.js';
import { FrameDispatcher } from './frame-dispatcher.js';
import { Heartbeat } from './heartbeat.js';
import { JsonWaiters, type WaitForJsonOptions } from './json-waiters.js';
import { type OutgoingMessage, encodeOutgoing } from './outgoing.js';

/** A self-healing WebSocket connection. Create one with {@link WebSocketApp.connect}. */
export class WebSocketApp extends EventEmitter<WebSocketAppEvents> implements AsyncDisposable {
  /** Starts an app connecting to `url` and returns it at once; `await app.ready` for the first open. */
  static connect<J = unknown>(url: string | URL, options: WebSocketAppOptions<J> = {}): WebSocketApp {
    return new WebSocketApp(url, options);
  }

  /** Resolves when the first connection is open; rejects if the app closes before that. */
  readonly ready: Promise<void>;

  readonly #o: ResolvedAppOptions;
  #url: string;
  #state: WebSocketAppState = 'connecting';
  #socket: WebSocket | undefined;
  readonly #backoff: Backoff | undefined;
  readonly #heartbeat: Heartbeat | undefined;
  readonly #waiters: JsonWaiters;
  readonly #frames: FrameDispatcher;
  readonly #lifecycle = new AbortController();
  readonly #readyDeferred = deferred<void>(true);
  readonly #done = deferred<void>(true);
  readonly #finished = deferred<void>();
  #openWaiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];
  #connectTimer: TimerHandle | undefined;
  #reconnectTimer: TimerHandle | undefined;
  #killTimer: TimerHandle | undefined;
  #closeRequested = false;
  #everOpened = false;
  #connectionOpen = false;
  #openedAt = 0;
  #downSince = 0;
  #outageAttempts = 0;
  #lastError: unknown;

  /** Validates the options and starts connecting; prefer {@link WebSocketApp.connect}. */
  constructor(url: string | URL, options: WebSocketAppOptions<never> = {}) {
    super();
    this.#url = checkWebSocketUrl(url);
    this.#o = resolveAppOptions(options as WebSocketAppOptions);
    this.ready = this.#readyDeferred.promise;
    this.#waiters = new JsonWaiters(this.#o.clock);
    this.#frames = new FrameDispatcher(this.#o, this.#waiters, (error) => this.#report(error));
    if (this.#o.reconnect) this.#backoff = new Backoff(this.#o.reconnect);
    if (this.#o.heartbeat) {
      this.#heartbeat = new Heartbeat(this.#o.clock, this.#o.heartbeat, this.#ping, this.#onPeerDead);
    }
    const { signal } = this.#o;
    if (signal?.aborted) {
      this.#closeRequested = true;
      this.#finish();
      return;
    }
    signal?.addEventListener('abort', this.#onAbort, { once: true });
    this.#connect();
  }

  /** The URL of the next connection attempt. Setting it takes effect on the next (re)connect. */
  get url(): string {
    return this.#url;
  }
  set url(value: string | URL) {
    this.#url = checkWebSocketUrl(value);
  }

  /** Where the app is in its life. */
  get state(): WebSocketAppState {
    return this.#state;
  }

  /** True while a connection is open and ready (`onOpen` done, `send` list sent). */
  get isOpen(): boolean {
    return this.#state === 'open';
  }

  /** The current `ws` socket, if any (for inspection; use {@link send} to send). */
  get socket(): WebSocket | undefined {
    return this.#socket;
  }

  /** Aborted when the app is closed for good (its reason is the final error, if any). Ties other work to the app's life. */
  get signal(): AbortSignal {
    return this.#lifecycle.signal;
  }

  /**
   * Sends on the current connection. Throws {@link WebSocketNotOpenError} unless the app is
   * open: nothing is queued for a later connection, where it could arrive stale.
   */
  send(message: OutgoingMessage): void {
    const socket = this.#socket;
    if (this.#state !== 'open' || socket === undefined)
      throw new WebSocketNotOpenError(`cannot send: the WebSocket is ${this.#state}, not open`);
    socket.send(encodeOutgoing(message));
  }

  /** Resolves when a connection is open: at once if it is, else at the next `open`. Rejects on close for good. */
  opened(): Promise<void> {
    if (this.#state === 'open') return Promise.resolve();
    if (this.#state === 'closed') return Promise.reject(this.#closedError());
    return new Promise((resolve, reject) => this.#openWaiters.push({ resolve, reject }));
  }

  /**
   * Resolves with the next JSON message for which `predicate` returns true (e.g. the auth reply,
   * awaited inside `onOpen`). Rejects with `RequestTimeoutError` after `timeoutMs` (10 s).
   */
  waitForJson<T = unknown>(
    predicate: (message: unknown) => boolean,
    options?: WaitForJsonOptions,
  ): Promise<T> {
    if (this.#state === 'closed') return Promise.reject(this.#closedError());
    return this.#waiters.add<T>(predicate, options);
  }

  /**
   * Resolves once the app is closed for good: by `close()` or the signal (resolves), or because
   * it gave up reconnecting or reconnect is off (rejects with a `NetworkError`).
   */
  wait(): Promise<void> {
    return this.#done.promise;
  }

  /** Closes the connection with `code` and `reason` and stops reconnecting. Resolves when every resource is released. */
  close(code = 1000, reason = ''): Promise<void> {
    checkCloseArguments(code, reason);
    if (this.#closeRequested) return this.#finished.promise;
    this.#closeRequested = true;
    this.#clearTimers();
    const socket = this.#socket;
    if (socket === undefined) this.#finish();
    else {
      this.#state = 'closing';
      if (socket.readyState === WebSocket.OPEN) {
        socket.close(code, reason);
        this.#killTimer = this.#o.clock.setTimeout(() => socket.terminate(), this.#o.closeTimeoutMs);
      } else if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
    }
    return this.#finished.promise;
  }

  /** `await using app = WebSocketApp.connect(…)` closes it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #connect(): void {
    if (this.#closeRequested) return;
    this.#state = 'connecting';
    if (this.#everOpened) this.#outageAttempts++;
    let socket: WebSocket;
    try {
      const { socketOptions, headers } = this.#o;
      socket = new WebSocket(this.#url, headers ? { ...socketOptions, headers } : socketOptions);
    } catch (error) {
      this.#report(new NetworkError(`cannot open a WebSocket: ${messageOf(error)}`, { cause: error }));
      this.#afterDrop(1006, '');
      return;
    }
    this.#socket = socket;
    this.#connectTimer = this.#o.clock.setTimeout(() => {
      this.#connectTimer = undefined;
      this.#report(new NetworkError(`no connection within ${this.#o.connectTimeoutMs} ms`));
      socket.terminate();
    }, this.#o.connectTimeoutMs);
    socket.on('open', () => this.#onSocketOpen(socket));
    socket.on('message', (data, isBinary) => this.#onFrame(data as Buffer, isBinary, socket));
    socket.on('pong', this.#touch);
    socket.on('ping', this.#touch);
    socket.on('error', (error) => this.#onSocketError(socket, error));
    socket.on('close', (code, reason) => this.#onSocketClose(socket, code, reason.toString()));
  }

  #onSocketOpen(socket: WebSocket): void {
    if (socket !== this.#socket || this.#state !== 'connecting') return;
    this.#state = 'opening';
    this.#heartbeat?.start();
    const { onOpen } = this.#o;
    if (onOpen === undefined) {
      this.#finishOpen(socket);
      return;
    }
    let pending: void | Promise<void>;
    try {
      pending = onOpen(socket, this);
    } catch (error) {
      this.#failOpen(socket, error);
      return;
    }
    if (pending instanceof Promise)
      pending.then(
        () => this.#finishOpen(socket),
        (error: unknown) => this.#failOpen(socket, error),
      );
    else this.#finishOpen(socket);
  }

  #failOpen(socket: WebSocket, error: unknown): void {
    if (socket !== this.#socket || this.#state !== 'opening') return;
    this.#report(error instanceof Error ? error : new NetworkError(`onOpen failed: ${messageOf(error)}`));
    socket.terminate();
  }

  #finishOpen(socket: WebSocket): void {
    if (socket !== this.#socket || this.#state !== 'opening' || socket.readyState !== WebSocket.OPEN) return;
    for (const message of this.#o.send) socket.send(encodeOutgoing(message));
    if (this.#connectTimer !== undefined) this.#o.clock.clearTimeout(this.#connectTimer);
    this.#connectTimer = undefined;
    this.#state = 'open';
    this.#connectionOpen = true;
    const now = this.#o.clock.now();
    this.#openedAt = now;
    const reconnected = this.#everOpened;
    const attempts = this.#outageAttempts;
    this.#everOpened = true;
    this.#outageAttempts = 0;
    this.#readyDeferred.resolve();
    const waiters = this.#openWaiters;
    this.#openWaiters = [];
    for (const w of waiters) w.resolve();
    this.#emitSafe('open');
    if (reconnected) {
      this.#o.logger.info('WebSocket reconnected', { attempts, downtimeMs: now - this.#downSince });
      this.#emitSafe('reconnected', attempts, now - this.#downSince);
    }
  }

  // The hot path: one call per frame, handlers run synchronously, nothing is awaited.
  #onFrame(data: Buffer, isBinary: boolean, socket: WebSocket): void {
    if (socket !== this.#socket) return;
    this.#heartbeat?.touch();
    this.#frames.dispatch(data, isBinary, socket);
  }

  readonly #touch = (): void => {
    this.#heartbeat?.touch();
  };

  readonly #ping = (): void => {
    const socket = this.#socket;
    if (socket === undefined || socket.readyState !== WebSocket.OPEN) return;
    const payload = this.#o.heartbeat?.payload;
    try {
      if (payload === undefined) socket.ping();
      else socket.send(encodeOutgoing(typeof payload === 'function' ? payload() : payload));
    } catch (error) {
      this.#report(new NetworkError(`heartbeat ping failed: ${messageOf(error)}`, { cause: error }));
    }
  };

  readonly #onPeerDead = (silentMs: number): void => {
    const socket = this.#socket;
    if (socket === undefined) return;
    this.#report(new NetworkError(`peer silent for ${silentMs} ms: connection declared dead, reconnecting`));
    socket.terminate();
  };

  #onSocketError(socket: WebSocket, error: Error): void {
    if (socket !== this.#socket || this.#closeRequested) return;
    const host = safeHost(this.#url);
    this.#report(
      new NetworkError(`WebSocket error (${host}): ${error.message}`, { cause: error, details: { host } }),
    );
  }

  #onSocketClose(socket: WebSocket, code: number, reason: string): void {
    if (socket !== this.#socket) return;
    this.#socket = undefined;
    socket.removeAllListeners();
    socket.on('error', ignore);
    this.#clearTimers();
    if (this.#connectionOpen) {
      this.#connectionOpen = false;
      const now = this.#o.clock.now();
      this.#downSince = now;
      if (this.#backoff && now - this.#openedAt >= (this.#o.reconnect?.resetAfterMs ?? 0))
        this.#backoff.reset();
      this.#emitSafe('close', code, reason);
    }
    this.#afterDrop(code, reason);
  }

  #afterDrop(code: number, reason: string): void {
    if (this.#closeRequested) {
      this.#finish();
      return;
    }
    const why = `code ${code}${reason ? ` "${reason}"` : ''}`;
    if (this.#backoff === undefined || this.#backoff.exhausted) {
      const ending =
        this.#backoff === undefined
          ? 'reconnect is off'
          : `gave up after ${this.#backoff.attempt} reconnect attempts`;
      this.#finish(new NetworkError(`WebSocket closed (${why}); ${ending}`, { cause: this.#lastError }));
      return;
    }
    const delayMs = this.#backoff.next();
    const attempt = this.#backoff.attempt;
    this.#state = 'waiting';
    this.#o.logger.warn('WebSocket dropped, reconnecting', { code, reason, attempt, delayMs });
    this.#emitSafe('reconnecting', attempt, delayMs);
    if (this.#closeRequested) return;
    // Kept alive like the socket it replaces: a reconnecting app holds the process until close().
    this.#reconnectTimer = this.#o.clock.setTimeout(() => this.#reconnectNow(), delayMs, { keepAlive: true });
  }

  #reconnectNow(): void {
    this.#reconnectTimer = undefined;
    this.#connect();
  }

  #finish(error?: Error): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#clearTimers();
    this.#o.signal?.removeEventListener('abort', this.#onAbort);
    if (error) this.#report(error);
    const closed = error ?? this.#closedError();
    this.#lifecycle.abort(closed);
    this.#readyDeferred.reject(closed);
    for (const w of this.#openWaiters) w.reject(closed);
    this.#openWaiters = [];
    this.#waiters.rejectAll(closed);
    if (error) this.#done.reject(error);
    else this.#done.resolve();
    this.#finished.resolve();
  }

  readonly #onAbort = (): void => {
    void this.close(1000, '');
  };

  #closedError(): Error {
    const reason = this.#lifecycle.signal.reason as unknown;
    return reason instanceof Error ? reason : new WebSocketNotOpenError('the WebSocketApp is closed');
  }

  /** Stops the heartbeat and every timer of the current attempt. */
  #clearTimers(): void {
    this.#heartbeat?.stop();
    for (const t of [this.#connectTimer, this.#reconnectTimer, this.#killTimer])
      if (t !== undefined) this.#o.clock.clearTimeout(t);
    this.#connectTimer = this.#reconnectTimer = this.#killTimer = undefined;
  }

  #report(error: Error): void {
    this.#lastError = error;
    this.#o.logger.warn(error.message, { error: error.name });
    this.#emitSafe('error', error);
  }

  #emitSafe<E extends keyof WebSocketAppEvents>(event: E, ...args: Parameters<WebSocketAppEvents[E]>): void {
    try {
      (this.emit as (event: E, ...a: unknown[]) => boolean)(event, ...args);
    } catch (error) {
      this.#o.logger.error(`a WebSocketApp '${event}' listener threw`, { error });
      if (event !== 'error')
        this.#emitSafe('error', error instanceof Error ? error : new Error(String(error)));
    }
  }
}

function ignore(): void {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '?';
  }
}
