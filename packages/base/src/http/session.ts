// HttpSession: the connection pool every HTTP request of venuekit goes through. It wraps one
// undici Agent (or ProxyAgent when `proxy` is set) with keep-alive pooling, a per-origin
// connection limit, a total limit across origins (a counting gate in front of dispatch), connect /
// headers / body timeouts, and counters for monitoring. Many clients can share one session
// (see `sharedSession`); closing it is the owner's job.
import { inspect } from 'node:util';
import { Agent, type Dispatcher, Pool, ProxyAgent } from 'undici';
import { z } from 'zod';
import { ConfigError, registerSecret } from '../errors.js';
import { BufferedExchange, type ExchangeHost, type ExchangeRequest } from './buffered-exchange.js';
import { ConnectionGate } from './connection-gate.js';
import { sessionEgress } from './session-egress.js';
import { HttpSessionClosedError } from './transport-errors.js';

/** Where to send requests through a proxy: a URL (`http://user:pass@proxy:3128`) or details. */
export type ProxyOption = string | URL | { uri: string; token?: string; headers?: Record<string, string> };

/** Options of {@link HttpSession}. Every field is optional. */
export interface HttpSessionOptions {
  /**
   * Requests in flight at once across all origins; each holds one connection, so this is the
   * cap on connections in use (as aiohttp's `limit`). Idle keep-alive sockets are bounded per
   * origin by `connections` and close after `keepAliveTimeoutMs`. Default 2000.
   */
  maxConnections?: number;
  /** Sockets per origin, at most `maxConnections`. Default half of `maxConnections` (at least 1), as the Bybit seed. */
  connections?: number;
  /** How long an idle keep-alive connection is kept, in ms. Default 30 000. */
  keepAliveTimeoutMs?: number;
  /** Limit on establishing a connection (TCP + TLS), in ms. Default 10 000. */
  connectTimeoutMs?: number;
  /** Limit on waiting for response headers once the request is sent, in ms (0 = none). Default 30 000. */
  headersTimeoutMs?: number;
  /** Limit on a pause between body chunks, in ms (0 = none). Default 30 000. */
  bodyTimeoutMs?: number;
  /** Largest response body accepted, in bytes. Default 64 MiB. */
  maxResponseBytes?: number;
  /** Requests pipelined per connection. Default 1 (no pipelining). */
  pipelining?: number;
  /** Send every request through this HTTP(S) proxy (CONNECT tunnel), via undici's ProxyAgent. */
  proxy?: ProxyOption;
  /**
   * Local IP address to connect from (a machine with several addresses; each address has its
   * own per-IP venue limits). Not used with `proxy` (the proxy's address is what venues see).
   */
  localAddress?: string;
}

/** A snapshot of a session's counters. */
export interface HttpSessionStats {
  /** Sockets currently open (busy or idle). */
  openConnections: number;
  /** Requests holding a slot: dispatched and not yet finished. */
  inFlight: number;
  /** Requests waiting for a slot because `maxConnections` are in flight. */
  queued: number;
  /** Requests started since the session was created. */
  requests: number;
  /** The total cap. */
  maxConnections: number;
  /** The per-origin cap. */
  connections: number;
}

const proxySchema = z.union([
  z.string().url(),
  z.instanceof(URL),
  z.object({
    uri: z.string().url(),
    token: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
  }),
]);

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

const optionsSchema = z
  .object({
    maxConnections: positiveInt.optional(),
    connections: positiveInt.optional(),
    keepAliveTimeoutMs: positiveInt.optional(),
    connectTimeoutMs: positiveInt.optional(),
    headersTimeoutMs: nonNegativeInt.optional(),
    bodyTimeoutMs: nonNegativeInt.optional(),
    maxResponseBytes: positiveInt.optional(),
    pipelining: positiveInt.optional(),
    proxy: proxySchema.optional(),
    localAddress: z.union([z.ipv4(), z.ipv6()]).optional(),
  })
  .strict();

/** Validates session options; a bad field gives a ConfigError naming it and the expected form. */
export function parseSessionOptions(options: HttpSessionOptions): HttpSessionOptions {
  const parsed = optionsSchema.safeParse(options);
  if (parsed.success) return options;
  const detail = parsed.error.issues
    .map((issue) => `${issue.path.join('.') || '(options)'}: ${issue.message}`)
    .join('; ');
  throw new ConfigError(`Invalid HttpSession options — ${detail}`);
}

/** A pool of keep-alive connections shared by any number of clients. */
export class HttpSession implements ExchangeHost, AsyncDisposable {
  /** The undici dispatcher (Agent or ProxyAgent) requests go through. */
  readonly dispatcher: Dispatcher;
  /** The total-connections gate. */
  readonly gate: ConnectionGate;
  /** Largest response body accepted, in bytes. */
  readonly maxResponseBytes: number;
  /** The per-origin connection cap. */
  readonly connections: number;
  /**
   * How requests leave this machine: `'direct'`, `'direct from <localAddress>'` or
   * `'proxy <scheme>://<host>'` (never credentials). Clients on sessions with the same egress
   * share a venue's per-IP limits.
   */
  readonly egress: string;
  #openConnections = 0;
  #requests = 0;
  #closing: Promise<void> | undefined;

  constructor(options: HttpSessionOptions = {}) {
    parseSessionOptions(options);
    const maxConnections = options.maxConnections ?? 2000;
    // A pool never opens more sockets to one origin than the total cap allows in flight.
    this.connections = Math.min(
      maxConnections,
      options.connections ?? Math.max(1, Math.floor(maxConnections / 2)),
    );
    this.gate = new ConnectionGate(maxConnections);
    this.maxResponseBytes = options.maxResponseBytes ?? 64 * 1024 * 1024;
    const connectTimeout = options.connectTimeoutMs ?? 10_000;
    this.egress = sessionEgress(options);
    const onConnect = (): void => {
      this.#openConnections++;
    };
    const onDisconnect = (): void => {
      this.#openConnections--;
    };
    const poolOptions = {
      connections: this.connections,
      pipelining: options.pipelining ?? 1,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
      headersTimeout: options.headersTimeoutMs ?? 30_000,
      bodyTimeout: options.bodyTimeoutMs ?? 30_000,
      factory: (origin: string | URL, opts: object): Dispatcher =>
        new Pool(origin, opts).on('connect', onConnect).on('disconnect', onDisconnect),
    };
    this.dispatcher =
      options.proxy === undefined
        ? new Agent({
            ...poolOptions,
            connect:
              options.localAddress === undefined
                ? { timeout: connectTimeout }
                : { timeout: connectTimeout, localAddress: options.localAddress },
          })
        : new ProxyAgent({
            ...proxyAgentTarget(options.proxy),
            ...poolOptions,
            proxyTls: { timeout: connectTimeout },
            requestTls: { timeout: connectTimeout },
          });
  }

  /** True once {@link close} or {@link destroy} was called. */
  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** Current counters. */
  get stats(): HttpSessionStats {
    return {
      openConnections: this.#openConnections,
      inFlight: this.gate.inUse,
      queued: this.gate.queued,
      requests: this.#requests,
      maxConnections: this.gate.capacity,
      connections: this.connections,
    };
  }

  /**
   * Starts one exchange. It is dispatched at once when a slot is free, else queued in FIFO order.
   * Await `exchange.promise` for the buffered response; `exchange.abort(reason)` stops it.
   * Throws {@link HttpSessionClosedError} when the session is closed.
   */
  start(request: ExchangeRequest, venue?: string): BufferedExchange {
    if (this.#closing !== undefined) {
      throw new HttpSessionClosedError(
        'The HTTP session is closed; create a new Client (or call sharedSession.setup() again)',
        { venue },
      );
    }
    this.#requests++;
    const exchange = new BufferedExchange(this, request, venue);
    if (this.gate.tryTake()) exchange.grant();
    else this.gate.enqueue(exchange);
    return exchange;
  }

  /** Stops accepting requests, lets those in flight finish, then closes every connection. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= this.dispatcher.close();
    return this.#closing;
  }

  /** Closes every connection now; requests in flight fail. Idempotent. */
  destroy(): Promise<void> {
    const destroyed = this.dispatcher.destroy();
    this.#closing ??= destroyed;
    return destroyed;
  }

  /** Prints counters only: the dispatcher holds the proxy URL, which may carry a password. */
  [inspect.custom](): string {
    return `HttpSession ${inspect({ closed: this.closed, proxied: this.dispatcher instanceof ProxyAgent, egress: this.egress, ...this.stats })}`;
  }

  /** `await using session = new HttpSession()` closes it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

function proxyAgentTarget(proxy: ProxyOption): {
  uri: string;
  token?: string;
  headers?: Record<string, string>;
} {
  const target = typeof proxy === 'string' || proxy instanceof URL ? { uri: String(proxy) } : { ...proxy };
  const url = new URL(target.uri);
  // Credentials in the proxy URL must never show up in messages or logs.
  if (url.password) registerSecret(decodeURIComponent(url.password));
  if (target.token !== undefined) registerSecret(target.token);
  return target;
}
