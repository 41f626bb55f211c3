// The connection under a WebSocket API session: one self-healing WebSocketApp (base), started
// with a deadline — `start()` resolves at the first open, rejects when the open sequence fails for
// a reason retrying cannot fix (a refused key) or nothing opened in time — and recycled on
// request (Binance's `serverShutdown`) once the requests in flight have their answers.
import { type Logger, NetworkError, type VenueError, WebSocketApp } from '@venuekit/base';
import type { ResolvedWsApiOptions } from './ws-api-options.js';

/** A connection's socket (the `ws` WebSocket of the current attempt). */
export type Socket = NonNullable<WebSocketApp['socket']>;

/** What the session does at each point of the connection's life. */
export interface ConnectionHooks {
  /** Every (re)connect, before the connection counts as open (clock sync, logon, open steps). */
  onOpen(socket: Socket): Promise<void>;
  /** Every parsed frame. */
  onFrame(message: unknown): void;
  /** A connection is open and ready. */
  onReady(): void;
  /** A connection dropped (`code` undefined: an attempt failed before opening). */
  onDrop(code: number | undefined, reason: string): void;
  onReconnected(attempts: number, downtimeMs: number): void;
  onError(error: Error): void;
  /** The app gave up on its own (a finite `reconnect.maxAttempts`). */
  onGone(): void;
}

/** How long a recycle waits for answers in flight before closing anyway, in ms. */
const RECYCLE_WAIT_MS = 5000;
const RECYCLE_POLL_MS = 50;

/** The WebSocketApp of one session. */
export class WsApiConnection {
  readonly #url: string;
  readonly #o: ResolvedWsApiOptions;
  readonly #hooks: ConnectionHooks;
  #app: WebSocketApp | undefined;
  #failStart: ((error: unknown) => void) | undefined;

  constructor(url: string, options: ResolvedWsApiOptions, hooks: ConnectionHooks) {
    this.#url = url;
    this.#o = options;
    this.#hooks = hooks;
  }

  /** The current socket, if connected. */
  get socket(): Socket | undefined {
    return this.#app?.socket;
  }

  /** True while `start()` waits for the first open. */
  get starting(): boolean {
    return this.#failStart !== undefined;
  }

  /** Connects; resolves at the first open. Rejects (after closing) on a fatal open failure or the deadline. */
  async start(): Promise<void> {
    const app = WebSocketApp.connect(this.#url, {
      onOpen: (socket) => this.#hooks.onOpen(socket),
      onJson: (message) => this.#hooks.onFrame(message),
      reconnect: this.#o.reconnect,
      heartbeat: this.#o.heartbeat,
      clock: this.#o.clock,
      connectTimeoutMs: this.#o.startTimeoutMs,
      logger: this.#o.logger,
    });
    this.#app = app;
    app.on('open', () => this.#hooks.onReady());
    app.on('close', (code, reason) => this.#hooks.onDrop(code, reason));
    app.on('reconnecting', () => this.#hooks.onDrop(undefined, ''));
    app.on('reconnected', (attempts, downtimeMs) => this.#hooks.onReconnected(attempts, downtimeMs));
    app.on('error', (error) => this.#hooks.onError(error));
    app.signal.addEventListener('abort', () => this.#hooks.onGone(), { once: true });
    const fatal = new Promise<never>((_, reject) => {
      this.#failStart = reject;
    });
    const clock = this.#o.clock;
    const deadline = clock.setTimeout(
      () =>
        this.#failStart?.(
          new NetworkError(
            `Binance WS API: not in service within ${this.#o.startTimeoutMs} ms (${this.#url})`,
            {
              venue: 'binance',
            },
          ),
        ),
      this.#o.startTimeoutMs,
    );
    try {
      await Promise.race([app.ready, fatal]);
    } finally {
      clock.clearTimeout(deadline);
      this.#failStart = undefined;
    }
  }

  /** Ends a pending `start()` with `error` (a refused key: retrying will not help). */
  failStart(error: unknown): void {
    this.#failStart?.(error);
  }

  /** Sends on the open connection; throws WebSocketNotOpenError (a NetworkError) otherwise. */
  send(frame: string): void {
    const app = this.#app;
    if (app === undefined) throw new NetworkError('Binance WS API: not started', { venue: 'binance' });
    app.send(frame);
  }

  /** Closes the current socket (to reconnect) once `pending()` is 0, or after 5 s. */
  recycle(pending: () => number, logger: Logger): void {
    const socket = this.#app?.socket;
    if (socket === undefined) return;
    let waited = 0;
    const check = (): void => {
      if (this.#app?.socket !== socket) return;
      if (pending() > 0 && waited < RECYCLE_WAIT_MS) {
        waited += RECYCLE_POLL_MS;
        this.#o.clock.setTimeout(check, RECYCLE_POLL_MS);
        return;
      }
      logger.info('Binance WS API: reconnecting ahead of the announced server shutdown', {
        waitedMs: waited,
      });
      socket.close(1000, 'server shutdown');
    };
    check();
  }

  /** Closes for good; a pending `start()` rejects with `reason`. */
  async close(reason: VenueError): Promise<void> {
    this.#failStart?.(reason);
    const app = this.#app;
    this.#app = undefined;
    if (app !== undefined) await app.close();
  }
}
