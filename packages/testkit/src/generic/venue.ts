// startGenericVenue: a small venue protocol (REST + WebSocket) served by the simulator harness,
// for base's own transport tests. Everything a Sim has is forwarded, plus the venue's controls:
// publish / flood, ack modes, subscription and connection counts with event-driven waits.
import { startSim } from '../sim/server.js';
import { SimVenue } from '../sim/sim-venue.js';
import { SimTimers } from '../sim/timers.js';
import type { Sim, SimClock, SimHttpHandler, SimWsConnection } from '../sim/types.js';
import { type GenericQuote, type GenericRequestRecord, registerGenericRest } from './rest.js';
import { type GenericAckMode, type GenericSubscription, GenericWsProtocol } from './ws.js';

/** Default API key the generic venue accepts. */
export const GENERIC_DEFAULT_API_KEY = 'test-key-0001';
/** Default secret of {@link GENERIC_DEFAULT_API_KEY}. */
export const GENERIC_DEFAULT_SECRET = 'test-secret-0001-do-not-leak';
/** Default timestamp window of signed requests, ms. */
export const GENERIC_DEFAULT_RECV_WINDOW_MS = 5000;
/** Default wait limit of `waitForConnections` / `waitForSubscriptions`, ms. */
export const GENERIC_DEFAULT_WAIT_TIMEOUT_MS = 10_000;

/** Options of {@link startGenericVenue}. */
export interface GenericVenueOptions {
  /** Source of server time (`/api/time`, timestamp checks, pongs). Default `Date.now`. */
  clock?: SimClock;
  /** The one API key accepted on signed endpoints. Default {@link GENERIC_DEFAULT_API_KEY}. */
  apiKey?: string;
  /** Its secret. Default {@link GENERIC_DEFAULT_SECRET}. */
  secret?: string;
  /** Allowed |X-GEN-TS − server time| in ms. Default 5000. */
  recvWindowMs?: number;
  /** Topics one connection may hold. Default unlimited. */
  maxTopicsPerConnection?: number;
  /** Delay (real ms) before each subscribe / unsubscribe ack; the change applies when the ack is sent. */
  ackDelayMs?: number;
}

/** A running generic venue: a {@link Sim} plus the venue's own controls. */
export interface GenericVenue extends Sim {
  /** The underlying simulator. */
  readonly sim: Sim;
  /** Every request the venue's REST routes received, oldest first (faulted requests never reach them). */
  readonly requests: GenericRequestRecord[];
  /** Open connections on /ws. */
  readonly connections: number;
  /** Sends `{ topic, seq, data }` to every connection subscribed to `topic`; returns how many it reached. */
  publish(topic: string, data: unknown): number;
  /** Publishes `count` pre-serialized messages to `topic` as fast as the sockets drain (data from
   *  `makeData(i)` or a small fixed trade); resolves with the number of connections, once all were written. */
  flood(topic: string, count: number, makeData?: (i: number) => unknown): Promise<number>;
  /** normal: acks as usual; never: subscribe / unsubscribe requests are ignored (no ack, no change);
   *  reject: answered with `success: false`, no change. */
  setAckMode(mode: GenericAckMode): void;
  /** Subscriptions of each open connection. */
  subscriptions(): GenericSubscription[];
  /** Resolves once at least `n` connections are open on /ws; rejects after `timeoutMs` (default 10 s). */
  waitForConnections(n: number, timeoutMs?: number): Promise<void>;
  /** Resolves once open connections hold at least `n` topic subscriptions in total; rejects after `timeoutMs`. */
  waitForSubscriptions(n: number, timeoutMs?: number): Promise<void>;
  /** Sets the quote `/api/ticker` serves for `symbol` (adds the symbol if new). */
  setQuote(symbol: string, quote: GenericQuote): void;
}

/** Starts the generic venue on a fresh loopback simulator. */
export async function startGenericVenue(options: GenericVenueOptions = {}): Promise<GenericVenue> {
  const maxTopics = options.maxTopicsPerConnection ?? Number.POSITIVE_INFINITY;
  if (!(maxTopics >= 1)) {
    throw new RangeError(`startGenericVenue: maxTopicsPerConnection must be >= 1, got ${maxTopics}`);
  }
  const ackDelayMs = options.ackDelayMs ?? 0;
  if (!(ackDelayMs >= 0))
    throw new RangeError(`startGenericVenue: ackDelayMs must be >= 0, got ${ackDelayMs}`);
  const sim = await startSim(options.clock === undefined ? {} : { clock: options.clock });
  return new RunningGenericVenue(sim, options, maxTopics, ackDelayMs);
}

class RunningGenericVenue extends SimVenue implements GenericVenue {
  readonly requests: GenericRequestRecord[] = [];
  readonly #timers = new SimTimers();
  readonly #quotes = new Map<string, GenericQuote>([
    ['BTCUSD', { bid: 50_000, ask: 50_001, last: 50_000.5 }],
    ['ETHUSD', { bid: 3_000, ask: 3_000.5, last: 3_000.25 }],
  ]);
  readonly #ws: GenericWsProtocol;

  constructor(sim: Sim, options: GenericVenueOptions, maxTopicsPerConnection: number, ackDelayMs: number) {
    super(sim);
    registerGenericRest({
      sim,
      timers: this.#timers,
      apiKey: options.apiKey ?? GENERIC_DEFAULT_API_KEY,
      secret: options.secret ?? GENERIC_DEFAULT_SECRET,
      recvWindowMs: options.recvWindowMs ?? GENERIC_DEFAULT_RECV_WINDOW_MS,
      requests: this.requests,
      quotes: this.#quotes,
    });
    this.#ws = new GenericWsProtocol(sim, this.#timers, { maxTopicsPerConnection, ackDelayMs });
  }

  get connections(): number {
    return this.#ws.connections;
  }

  route(method: string, path: string, handler: SimHttpHandler): void {
    this.sim.route(method, path, handler);
  }
  onWsConnection(path: string, handler: (conn: SimWsConnection) => void): void {
    this.sim.onWsConnection(path, handler);
  }
  publish(topic: string, data: unknown): number {
    return this.#ws.publish(topic, data);
  }
  flood(topic: string, count: number, makeData?: (i: number) => unknown): Promise<number> {
    return this.#ws.flood(topic, count, makeData);
  }
  setAckMode(mode: GenericAckMode): void {
    this.#ws.setAckMode(mode);
  }
  subscriptions(): GenericSubscription[] {
    return this.#ws.subscriptions();
  }
  waitForConnections(n: number, timeoutMs = GENERIC_DEFAULT_WAIT_TIMEOUT_MS): Promise<void> {
    return this.#ws.connectionWaiters.waitFor(n, timeoutMs);
  }
  waitForSubscriptions(n: number, timeoutMs = GENERIC_DEFAULT_WAIT_TIMEOUT_MS): Promise<void> {
    return this.#ws.subscriptionWaiters.waitFor(n, timeoutMs);
  }
  setQuote(symbol: string, quote: GenericQuote): void {
    this.#quotes.set(symbol, { bid: quote.bid, ask: quote.ask, last: quote.last });
  }

  protected stopVenue(): void {
    this.#timers.cancelAll();
    this.#ws.close();
  }
}
