// The public shapes of the simulator harness: what a test (or a venue simulator built on the
// harness) sees of a running simulator, its HTTP routes, its WebSocket connections, its faults
// and its counters. Implementations live beside this file, one job per file.

/** Anything with `now()` in epoch milliseconds: base's `Clock` / `FakeClock` fit. Default: `Date.now`. */
export interface SimClock {
  now(): number;
}

/** Options for {@link startSim}. */
export interface SimOptions {
  /** Source of the simulator's time (timestamps only; network delays use real timers). Default: `Date.now`. */
  clock?: SimClock;
  /** Interface to listen on. Default `127.0.0.1`: simulators only ever serve loopback. */
  host?: string;
  /** Port to listen on. Default 0: the OS picks a free port, read it back from `sim.port`. */
  port?: number;
  /** Server heartbeat for every WebSocket connection (routes may override it). Default: none. */
  heartbeat?: SimHeartbeat;
}

/**
 * A server heartbeat policy: the server sends a protocol ping every `intervalMs` real milliseconds
 * and terminates the connection (the client sees 1006) when a ping has gone unanswered for
 * `timeoutMs`. Only a pong echoing an outstanding ping's payload answers it (and every earlier
 * one); other pongs are unsolicited and keep nothing alive. No pings are sent while stalled.
 */
export interface SimHeartbeat {
  /** Real milliseconds between pings (> 0). */
  intervalMs: number;
  /** Real milliseconds a ping may stay unanswered before the connection is terminated (> 0). */
  timeoutMs: number;
}

/** Options of one WebSocket route ({@link Sim.onWsConnection}). */
export interface SimWsRouteOptions {
  /** Heartbeat of this route's connections; `false` = none even if the simulator has one.
   *  Default: the simulator's {@link SimOptions.heartbeat}. */
  heartbeat?: SimHeartbeat | false;
}

/** A running simulator: one loopback port serving HTTP routes and WebSocket upgrades. */
export interface Sim extends AsyncDisposable {
  /** The port the simulator listens on. */
  readonly port: number;
  /** Base URL for HTTP, e.g. `http://127.0.0.1:PORT`. */
  readonly httpUrl: string;
  /** Base URL for WebSocket, e.g. `ws://127.0.0.1:PORT`. */
  readonly wsUrl: string;
  /** Simulator time = clock.now() + skew (see {@link SimFaults.skewClock}). */
  now(): number;
  /**
   * Serves `handler` for requests to `path` (query ignored); method `'*'` matches any method.
   * `path` is exact, or a prefix pattern `'/prefix/*'` matching every path under `/prefix/`
   * (`'/*'` matches all). A request goes to the exact route if it serves the method, else to the
   * matching pattern with the longest prefix that does; `req.path` is always the full path.
   */
  route(method: string, path: string, handler: SimHttpHandler): void;
  /**
   * Accepts WebSocket upgrades to `path` (query ignored) and hands each connection to `handler`.
   * `path` is exact, or a prefix pattern `'/prefix/*'` (e.g. `'/ws/*'` serves `/ws/a` and
   * `/ws/a/b`, not `/ws`). An exact route wins over every pattern, the longest prefix wins among
   * patterns, and `conn.path` is the full path. `options.heartbeat` sets this route's heartbeat.
   */
  onWsConnection(path: string, handler: (conn: SimWsConnection) => void, options?: SimWsRouteOptions): void;
  /** Fault injection switches. */
  readonly faults: SimFaults;
  /** Traffic counters. */
  readonly stats: SimStats;
  /** Terminates every socket and closes the server; resolves when the port is released. Idempotent. */
  close(): Promise<void>;
}

/** Answers one HTTP request; may be async. A thrown error becomes a 500 JSON response. */
export type SimHttpHandler = (req: SimHttpRequest) => SimHttpResponse | Promise<SimHttpResponse>;

/** An HTTP request as a route handler sees it. */
export interface SimHttpRequest {
  /** Upper-case method, e.g. `GET`. */
  method: string;
  /** URL path without the query, e.g. `/api/time`. */
  path: string;
  /** The full URL as received. */
  url: URL;
  /** The parsed query string. */
  query: URLSearchParams;
  /** Request headers with lower-cased names (repeated headers joined with `, `). */
  headers: Record<string, string>;
  /** The raw body text (empty string when there is none). */
  body: string;
  /** The request target exactly as it arrived on the wire (path plus query, undecoded). */
  rawTarget: string;
}

/** What a route handler answers. */
export interface SimHttpResponse {
  /** HTTP status. Default 200. */
  status?: number;
  /** Extra response headers. */
  headers?: Record<string, string>;
  /** Serialized with `JSON.stringify`, sent with `content-type: application/json`. */
  json?: unknown;
  /** Raw alternative to `json`. */
  body?: string | Buffer;
}

/** One accepted WebSocket connection, as a simulator sees it. */
export interface SimWsConnection {
  /** Connection number, unique within one simulator, counting from 1. */
  readonly id: number;
  /** The path the client connected to. */
  readonly path: string;
  /** The query string of the upgrade request. */
  readonly query: URLSearchParams;
  /** Upgrade request headers with lower-cased names. */
  readonly headers: Record<string, string>;
  /** True until the connection starts closing. */
  readonly isOpen: boolean;
  /** Bytes queued on the socket and not yet handed to the OS. */
  readonly bufferedAmount: number;
  /** Sends a message: strings as text frames, Buffers as binary frames, anything else JSON-encoded as text.
   *  While the simulator is stalled the message is held and sent, in order, when the stall ends. */
  send(data: string | Buffer | object): void;
  /** Sends an already-serialized text frame (UTF-8 bytes or a string); held while stalled like `send`. */
  sendText(frame: string | Buffer): void;
  /** Writes `messageCount` complete text frames already encoded for the wire (see `encodeTextFrames`)
   *  in one socket write; held while stalled like `send`. For floods and benchmarks. */
  sendEncodedFrames(wire: Buffer, messageCount: number): void;
  /** Resolves when the socket can take more data without growing its buffer (or the connection closed). */
  writable(): Promise<void>;
  /** Starts the closing handshake. */
  close(code?: number, reason?: string): void;
  /** Destroys the socket at once, without a closing handshake. */
  terminate(): void;
  /** Calls `fn` with every message received (binary messages decoded as UTF-8). */
  onMessage(fn: (text: string, isBinary: boolean) => void): void;
  /** Calls `fn` once when the connection has closed (1006 when the socket was cut). */
  onClose(fn: (code: number, reason: string) => void): void;
  /** Sends a protocol ping frame (payload ≤ 125 bytes, default empty). Not sent while the
   *  simulator is stalled or the connection is closing. */
  ping(payload?: string | Buffer): void;
  /** Calls `fn` with the payload of every protocol ping the client sends (whether or not the
   *  harness answers it: see {@link SimFaults.stopPings}), before the pong is written. */
  onPing(fn: (payload: Buffer) => void): void;
  /** Calls `fn` with the payload of every protocol pong the client sends (answers to heartbeat or
   *  {@link SimWsConnection.ping} pings, and unsolicited ones). */
  onPong(fn: (payload: Buffer) => void): void;
}

/** Options of {@link SimFaults.httpStatus}. */
export interface HttpStatusFault {
  /** Status to answer with (429, 418, 500, 503 …). */
  status: number;
  /** Sent as `Retry-After` (seconds, written as given; fractions are allowed for fast tests). */
  retryAfterS?: number;
  /** How many requests to answer this way. Default 1; `Infinity` for every request until `reset()`. */
  times?: number;
  /** Only requests to this exact path (query ignored). Default: every path. */
  path?: string;
  /** Response body. Default `{ code, msg }` naming the status. */
  body?: unknown;
}

/** Fault injection switches, all off until a test turns them on. */
export interface SimFaults {
  /** Abruptly terminate every open WS connection (and keep-alive HTTP sockets). */
  dropAll(): void;
  /** Stop (true, default) / resume (false) answering the client's WebSocket protocol pings with
   *  pongs. Server heartbeat pings are not affected. */
  stopPings(on?: boolean): void;
  /** While on (default true): nothing is sent on any WS connection (messages are held and sent in order
   *  when the stall ends; pongs are not sent at all), new WS upgrades wait, and HTTP responses are held
   *  until `stall(false)`. */
  stall(on?: boolean): void;
  /** Send `count` (default 1) malformed text frames (not valid JSON) to every open WS connection. */
  sendMalformed(count?: number): void;
  /** Answer the next `times` HTTP requests (matching `path` if given) with `status`, a JSON body
   *  `{code,msg}` and `Retry-After: retryAfterS` if given. Rules queue up; the oldest matching one is used. */
  httpStatus(opts: HttpStatusFault): void;
  /** Adds `ms` to the simulator's time (`sim.now()`); calls accumulate, negative values move it back. */
  skewClock(ms: number): void;
  /** Delay every HTTP response by `ms` (0 = off). */
  httpLatency(ms: number): void;
  /** Clear all faults (releasing held messages and responses). */
  reset(): void;
}

/** Traffic counters of one simulator. */
export interface SimStats {
  /** HTTP requests received (including faulted and unknown-route ones; not WS upgrades). */
  httpRequests: number;
  /** WebSocket connections accepted since start. */
  wsConnectionsOpened: number;
  /** WebSocket connections open now. */
  readonly openWsConnections: number;
  /** WebSocket messages received from clients. */
  wsMessagesReceived: number;
  /** WebSocket messages written to clients (including malformed ones). */
  wsMessagesSent: number;
  /** Protocol pings received from clients. */
  wsPingsReceived: number;
  /** Protocol pongs received from clients (solicited or not). */
  wsPongsReceived: number;
  /** Protocol pings sent to clients (heartbeat and `conn.ping`). */
  wsPingsSent: number;
  /** Connections terminated because a heartbeat ping went unanswered for `timeoutMs`. */
  wsHeartbeatTimeouts: number;
  /** Faults that took effect: each faulted HTTP response, malformed frame, dropAll, stall / stopPings
   *  switched on, skewClock and non-zero httpLatency call. */
  faultsInjected: number;
}
