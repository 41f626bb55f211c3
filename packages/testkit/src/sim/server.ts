// startSim: one node:http server on loopback serving a simulator's HTTP routes and WebSocket
// upgrades on the same port, with fault injection and counters, closed from a test with
// `await sim.close()` or `await using`.
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { SimFaultState } from './faults.js';
import { checkHeartbeat } from './heartbeat.js';
import { handleHttpRequest } from './http-pipeline.js';
import { HttpRouter } from './http-router.js';
import { SimStatsCounter } from './stats.js';
import { SimTimers } from './timers.js';
import type {
  Sim,
  SimClock,
  SimHeartbeat,
  SimHttpHandler,
  SimOptions,
  SimWsConnection,
  SimWsRouteOptions,
} from './types.js';
import { WsHub } from './ws-hub.js';

const systemClock: SimClock = { now: () => Date.now() };

/** Starts a simulator listening on `host:port` (default `127.0.0.1:0`); resolves once it accepts connections. */
export async function startSim(options: SimOptions = {}): Promise<Sim> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`startSim: port must be an integer 0-65535, got ${port}`);
  }
  const heartbeat =
    options.heartbeat === undefined ? undefined : checkHeartbeat(options.heartbeat, 'startSim');
  const server = createServer({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('startSim: server has no TCP address');
  return new RunningSim(server, host, address.port, options.clock ?? systemClock, heartbeat);
}

class RunningSim implements Sim {
  readonly port: number;
  readonly httpUrl: string;
  readonly wsUrl: string;
  readonly faults: SimFaultState;
  readonly stats: SimStatsCounter;
  readonly router = new HttpRouter();
  readonly timers = new SimTimers();
  readonly origin: string;
  closing = false;
  readonly #server: Server;
  readonly #clock: SimClock;
  readonly #hub: WsHub;
  readonly #sockets = new Set<Socket>();
  #closed: Promise<void> | undefined;

  constructor(
    server: Server,
    host: string,
    port: number,
    clock: SimClock,
    heartbeat: SimHeartbeat | undefined,
  ) {
    this.#server = server;
    this.#clock = clock;
    this.port = port;
    const hostPart = host.includes(':') ? `[${host}]` : host;
    this.httpUrl = `http://${hostPart}:${port}`;
    this.wsUrl = `ws://${hostPart}:${port}`;
    this.origin = this.httpUrl;
    this.stats = new SimStatsCounter(() => this.#hub.openCount);
    this.faults = new SimFaultState(
      {
        dropAll: () => this.#dropAll(),
        sendMalformed: (count) => this.#hub.sendMalformed(count),
        flushHeld: () => this.#hub.flushHeld(),
      },
      this.stats,
    );
    this.#hub = new WsHub(this.faults, this.stats, this.origin, heartbeat);
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
    server.on('request', (req, res) => void handleHttpRequest(this, req, res));
    server.on('upgrade', (req, socket, head) => void this.#hub.handleUpgrade(req, socket, head));
    server.on('clientError', (_error, socket) => socket.destroy());
  }

  now(): number {
    return this.#clock.now() + this.faults.skewMs;
  }

  route(method: string, path: string, handler: SimHttpHandler): void {
    this.router.route(method, path, handler);
  }

  onWsConnection(path: string, handler: (conn: SimWsConnection) => void, options?: SimWsRouteOptions): void {
    this.#hub.onConnection(path, handler, options);
  }

  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  async #close(): Promise<void> {
    this.closing = true;
    this.timers.cancelAll();
    this.faults.releaseForClose();
    this.#hub.close();
    const released = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    await released;
  }

  #dropAll(): void {
    this.#hub.terminateAll();
    for (const socket of this.#sockets) socket.destroy();
  }
}
