// The WebSocket side of a simulator: accepts upgrades on registered paths and `/prefix/*`
// patterns (held while stalled), wraps each socket in a HubConnection with its route's heartbeat,
// tracks the open ones, and acts on them for faults.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { SimFaultState } from './faults.js';
import { checkHeartbeat } from './heartbeat.js';
import { flattenHeaders } from './http-pipeline.js';
import { PathTable, parsePath } from './path-table.js';
import type { SimStatsCounter } from './stats.js';
import type { SimHeartbeat, SimWsConnection, SimWsRouteOptions } from './types.js';
import { HubConnection, truncateReason } from './ws-connection.js';

interface WsRoute {
  readonly handler: (conn: SimWsConnection) => void;
  /** undefined: the simulator's default; false: none. */
  readonly heartbeat: SimHeartbeat | false | undefined;
}

/** Text frames that are not JSON, sent by `faults.sendMalformed`. */
const MALFORMED_FRAMES = [
  '{"topic":"trades.BTCUSD","data":[',
  'not json at all',
  '{]',
  '\u0000garbage\u0000',
];

/** Accepts and tracks the simulator's WebSocket connections. */
export class WsHub {
  readonly #wss = new WebSocketServer({ noServer: true, autoPong: false, perMessageDeflate: false });
  readonly #routes = new PathTable<WsRoute>();
  readonly #open = new Set<HubConnection>();
  readonly #faults: SimFaultState;
  readonly #stats: SimStatsCounter;
  readonly #origin: string;
  readonly #heartbeat: SimHeartbeat | undefined;
  #nextId = 1;
  #closing = false;

  /** `heartbeat`: the default heartbeat of every route (already checked). */
  constructor(
    faults: SimFaultState,
    stats: SimStatsCounter,
    origin: string,
    heartbeat: SimHeartbeat | undefined,
  ) {
    this.#faults = faults;
    this.#stats = stats;
    this.#origin = origin;
    this.#heartbeat = heartbeat;
  }

  /** Number of open connections. */
  get openCount(): number {
    return this.#open.size;
  }

  /** Registers the handler for upgrades to `path` (exact, or a `/prefix/*` pattern). */
  onConnection(
    path: string,
    handler: (conn: SimWsConnection) => void,
    options: SimWsRouteOptions = {},
  ): void {
    const where = 'onWsConnection(path, handler, options)';
    const parsed = parsePath(path, where);
    if (typeof handler !== 'function') throw new TypeError(`${where}: handler must be a function`);
    const hb = options.heartbeat;
    const heartbeat = hb === undefined || hb === false ? hb : checkHeartbeat(hb, where);
    this.#routes.set(parsed, { handler, heartbeat });
  }

  /** Handles an HTTP upgrade request from the server. */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', this.#origin);
    const route = this.#routes.match(url.pathname);
    if (route === undefined || this.#closing) {
      rejectUpgrade(socket, 404, `no WebSocket endpoint at ${url.pathname} on this simulator`);
      return;
    }
    while (this.#faults.stalled && !this.#closing) await this.#faults.whenUnstalled();
    if (this.#closing || socket.destroyed) {
      socket.destroy();
      return;
    }
    this.#wss.handleUpgrade(req, socket, head, (ws) => {
      const origin = {
        id: this.#nextId++,
        path: url.pathname,
        query: url.searchParams,
        headers: flattenHeaders(req),
      };
      const conn = new HubConnection(origin, ws, socket, this.#faults, this.#stats);
      this.#open.add(conn);
      this.#stats.wsConnectionsOpened++;
      conn.onClose(() => this.#open.delete(conn));
      if (this.#closing) {
        conn.terminate();
        return;
      }
      const heartbeat = route.heartbeat === undefined ? this.#heartbeat : route.heartbeat;
      if (heartbeat !== false && heartbeat !== undefined) conn.startHeartbeat(heartbeat);
      try {
        route.handler(conn);
      } catch (error) {
        const msg = error instanceof Error ? error.message : String(error);
        conn.close(1011, truncateReason(`simulator error: ${msg}`));
      }
    });
  }

  /** Destroys every open connection's socket. */
  terminateAll(): void {
    for (const conn of [...this.#open]) conn.terminate();
  }

  /** Sends `count` malformed text frames on every open connection. */
  sendMalformed(count: number): void {
    for (const conn of this.#open) {
      for (let i = 0; i < count; i++) {
        conn.sendText(MALFORMED_FRAMES[i % MALFORMED_FRAMES.length]!);
        this.#stats.faultsInjected++;
      }
    }
  }

  /** Sends everything held during a stall. */
  flushHeld(): void {
    for (const conn of this.#open) conn.flushHeld();
  }

  /** Refuses new upgrades and terminates every connection. */
  close(): void {
    this.#closing = true;
    this.terminateAll();
    this.#wss.close();
  }
}

function rejectUpgrade(socket: Duplex, status: number, msg: string): void {
  const body = JSON.stringify({ code: 'NOT_FOUND', msg });
  socket.end(
    `HTTP/1.1 ${status} Not Found\r\nConnection: close\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
