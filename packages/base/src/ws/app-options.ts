// The options and events of a WebSocketApp, and the check that turns user options into the
// resolved settings the app runs on (bad input → ConfigError naming the field).
import type { ClientOptions, WebSocket } from 'ws';
import { type Clock, systemClock } from '../clock.js';
import { ConfigError, ValidationError } from '../errors.js';
import { type Logger, silentLogger } from '../log.js';
import { type ReconnectOptions, type ResolvedReconnectOptions, resolveReconnectOptions } from './backoff.js';
import {
  type HeartbeatOptions,
  type ResolvedHeartbeatOptions,
  resolveHeartbeatOptions,
} from './heartbeat.js';
import type { OutgoingMessage } from './outgoing.js';
import type { WebSocketApp } from './websocket-app.js';

/** Options of {@link WebSocketApp.connect}. */
export interface WebSocketAppOptions<J = unknown> {
  /**
   * Messages sent on every (re)connect, after `onOpen` resolves, in order: subscriptions that
   * must be replayed after a reconnect.
   */
  send?: OutgoingMessage | readonly OutgoingMessage[];
  /**
   * Called synchronously with every text frame parsed as JSON (and every binary frame, when no
   * `onBinary` is given). Invalid JSON is reported as an `error` event with a
   * `MalformedFrameError`; the literal text frames `ping` / `pong` are not parsed.
   */
  onJson?: (message: J, socket: WebSocket) => void;
  /** Called synchronously with every text frame, as a string. */
  onText?: (text: string, socket: WebSocket) => void;
  /** Called synchronously with every binary frame. */
  onBinary?: (data: Buffer, socket: WebSocket) => void;
  /**
   * Called first, synchronously, with every frame's bytes. Return `true` when it handled the
   * frame: `onText`, `onJson`, `onBinary` and the `waitForJson` waits then never see it (no string
   * is built, nothing is parsed). Return `false` to let them handle it as usual. For hot paths that
   * route or decode frames straight from bytes; the buffer is only valid during the call.
   */
  onFrame?: (data: Buffer, isBinary: boolean, socket: WebSocket) => boolean;
  /**
   * Runs first on every (re)connect, before the `send` list goes out and before `open` is
   * emitted; may be async (authentication). Send on `socket` directly; handlers already receive
   * frames while it runs (see `app.waitForJson`). A rejection counts as a failed attempt.
   */
  onOpen?: (socket: WebSocket, app: WebSocketApp) => void | Promise<void>;
  /** Ping and dead-peer detection (default: protocol pings every 10 s, dead after 25 s); `false` turns it off. */
  heartbeat?: HeartbeatOptions | false;
  /** Reconnect schedule (default: 3 s doubling to 60 s with jitter); `false` closes for good on the first drop. */
  reconnect?: ReconnectOptions | false;
  /** HTTP headers of the upgrade request. */
  headers?: Record<string, string>;
  /** Time allowed for the handshake plus `onOpen`, in ms (default 10 000). */
  connectTimeoutMs?: number;
  /** Time allowed for the closing handshake before the socket is destroyed, in ms (default 2000). */
  closeTimeoutMs?: number;
  /** Further `ws` client options (`perMessageDeflate`, `agent`, `maxPayload`, …). */
  socketOptions?: ClientOptions;
  /** Where reconnects and errors are logged (default: silent; the events carry the same facts). */
  logger?: Logger;
  /** Time source for heartbeats, backoff and timeouts (default: the system clock). */
  clock?: Clock;
  /** Aborting it closes the app for good, like `close()`. */
  signal?: AbortSignal;
}

/** Events of a {@link WebSocketApp}, as listener signatures. */
export interface WebSocketAppEvents {
  /** A connection is ready: `onOpen` resolved and the `send` list went out. */
  open: () => void;
  /** A connection that had opened is gone (the peer closed it, it died, or `close()` was called). */
  close: (code: number, reason: string) => void;
  /** A new attempt will be made after `delayMs`; `attempt` counts attempts since the last stable connection. */
  reconnecting: (attempt: number, delayMs: number) => void;
  /** The app is open again after `attempts` attempts and `downtimeMs` without a connection. */
  reconnected: (attempts: number, downtimeMs: number) => void;
  /** Something went wrong; the app carries on unless it says it closed for good. */
  error: (error: Error) => void;
}

/** The settings a {@link WebSocketApp} runs on. */
export interface ResolvedAppOptions {
  send: readonly OutgoingMessage[];
  onJson: ((message: unknown, socket: WebSocket) => void) | undefined;
  onText: ((text: string, socket: WebSocket) => void) | undefined;
  onBinary: ((data: Buffer, socket: WebSocket) => void) | undefined;
  onFrame: ((data: Buffer, isBinary: boolean, socket: WebSocket) => boolean) | undefined;
  onOpen: ((socket: WebSocket, app: WebSocketApp) => void | Promise<void>) | undefined;
  heartbeat: ResolvedHeartbeatOptions | undefined;
  reconnect: ResolvedReconnectOptions | undefined;
  headers: Record<string, string> | undefined;
  connectTimeoutMs: number;
  closeTimeoutMs: number;
  socketOptions: ClientOptions | undefined;
  logger: Logger;
  clock: Clock;
  signal: AbortSignal | undefined;
}

/** Checks a WebSocket URL: `ws:` or `wss:` with a host. */
export function checkWebSocketUrl(url: string | URL, field = 'url'): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url));
  } catch {
    throw new ConfigError(
      `${field} must be an absolute ws:// or wss:// URL, got ${JSON.stringify(String(url))}`,
    );
  }
  if ((parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') || parsed.host === '')
    throw new ConfigError(
      `${field} must be a ws:// or wss:// URL with a host, got ${JSON.stringify(String(url))}`,
    );
  return parsed.href;
}

/** Checks the arguments of `close(code, reason)`: 1000 or 3000–4999, and at most 123 bytes of reason. */
export function checkCloseArguments(code: number, reason: string): void {
  if (code !== 1000 && !(Number.isInteger(code) && code >= 3000 && code <= 4999))
    throw new ValidationError(`close code must be 1000 or an integer in 3000–4999, got ${code}`);
  if (typeof reason !== 'string' || Buffer.byteLength(reason) > 123)
    throw new ValidationError('close reason must be a string of at most 123 bytes of UTF-8');
}

function positive(name: string, value: number): number {
  if (!(value > 0)) throw new ConfigError(`${name} must be a number > 0, got ${String(value)}`);
  return value;
}

function handler<F>(name: string, value: F | undefined): F | undefined {
  if (value !== undefined && typeof value !== 'function')
    throw new ConfigError(`${name} must be a function, got ${typeof value}`);
  return value;
}

/** Applies defaults to `options`, throwing `ConfigError` naming the first bad field. */
export function resolveAppOptions<J>(options: WebSocketAppOptions<J>): ResolvedAppOptions {
  const send = options.send === undefined ? [] : Array.isArray(options.send) ? options.send : [options.send];
  for (const [i, message] of (send as unknown[]).entries()) {
    if (message === null || (typeof message !== 'string' && typeof message !== 'object'))
      throw new ConfigError(
        `send[${i}] must be a string, bytes, or a JSON object/array, got ${typeof message}`,
      );
  }
  return {
    send: send as readonly OutgoingMessage[],
    onJson: handler('onJson', options.onJson) as ResolvedAppOptions['onJson'],
    onText: handler('onText', options.onText),
    onBinary: handler('onBinary', options.onBinary),
    onFrame: handler('onFrame', options.onFrame),
    onOpen: handler('onOpen', options.onOpen),
    heartbeat: options.heartbeat === false ? undefined : resolveHeartbeatOptions(options.heartbeat ?? {}),
    reconnect: options.reconnect === false ? undefined : resolveReconnectOptions(options.reconnect),
    headers: options.headers,
    connectTimeoutMs: positive('connectTimeoutMs', options.connectTimeoutMs ?? 10_000),
    closeTimeoutMs: positive('closeTimeoutMs', options.closeTimeoutMs ?? 2000),
    socketOptions: options.socketOptions,
    logger: options.logger ?? silentLogger,
    clock: options.clock ?? systemClock,
    signal: options.signal,
  };
}

/** Where a {@link WebSocketApp} is in its life. */
export type WebSocketAppState = 'connecting' | 'opening' | 'open' | 'waiting' | 'closing' | 'closed';
