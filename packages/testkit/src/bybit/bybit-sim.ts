// startBybitSim: a protocol-faithful Bybit v5 (spot and/or linear) on one loopback port, built on
// the testkit harness: REST with signatures, receive window and per-UID / per-IP limits, public
// streams with depth-windowed order books (`u` / `seq`), trades, tickers and klines, the private
// stream with auth and account events, a deterministic market that tests step or stream, a
// matching engine with asynchronous acknowledgements, and Bybit's stream faults (a `u = 1`
// restart, a sequence jump) beside the harness's.
import { startSim } from '../sim/server.js';
import { buildOnSim, SimVenue } from '../sim/sim-venue.js';
import type { Sim, SimClock, SimFaults, SimStats } from '../sim/types.js';
import type { BybitApiKeyOption } from './auth/api-keys.js';
import { type BuiltVenue, type BybitSimSymbols, buildVenue } from './build-venue.js';
import { formatUnits } from './decimal.js';
import type { BybitLimitOverrides } from './limits/limit-config.js';
import type { BybitViolationKind, BybitViolationRecord } from './limits/violations.js';
import { BYBIT_CATEGORIES, type BybitCategory } from './symbols.js';
import type { PublicHub } from './ws/public-hub.js';

/** Options of {@link startBybitSim}. */
export interface BybitSimOptions {
  /** Simulator time source (base's FakeClock fits). Default `Date.now`. */
  clock?: SimClock;
  /** Interface (default 127.0.0.1) and port (default 0 = any free port). */
  host?: string;
  port?: number;
  /** Categories served (default both): REST `category=`, `/v5/public/{category}`. */
  categories?: readonly BybitCategory[];
  /** Symbols traded (default BTCUSDT and ETHUSDT), for every category alike or per category. */
  symbols?: BybitSimSymbols;
  /** Seed of the simulated market and of every id (default `'venuekit'`). */
  seed?: number | string;
  /** Accepted API keys (default {@link BYBIT_SIM_DEFAULT_KEY}: `XXXXXXXXXX` / `test-secret`). */
  apiKeys?: readonly BybitApiKeyOption[];
  /** Limit overrides (per-IP, per-UID endpoint, WebSocket caps). */
  limits?: BybitLimitOverrides;
  /** Starting balances of every unified account, `{COIN: "amount"}`. */
  balances?: Record<string, string>;
  /** Most level changes per market step (default 12). */
  changesPerStep?: number;
  /** Real ms between an order acknowledgement and the matching engine taking it in (default 1). */
  orderAckDelayMs?: number;
  /** Idle cut of connections without ping or data, in simulator ms (default 600000 = 10 minutes). */
  idleTimeoutMs?: number;
  /** Interval of {@link BybitSim.startStreaming} when not given there (default 100 ms). */
  streamIntervalMs?: number;
}

/** The true book of a symbol (strings, best first), with its REST / 1000-level `u` and `seq`. */
export interface BybitBookSnapshot {
  category: BybitCategory;
  symbol: string;
  u: number;
  seq: number;
  bids: Array<[string, string]>;
  asks: Array<[string, string]>;
}

/** Base URLs of a running simulator, to point a client at. */
export interface BybitSimUrls {
  /** REST base, e.g. `http://127.0.0.1:PORT` (paths start with `/v5/`). */
  rest: string;
  publicSpot: string;
  publicLinear: string;
  private: string;
}

/** A running Bybit simulator. */
export interface BybitSim extends AsyncDisposable {
  /** The harness simulator underneath (routes, faults, stats). */
  readonly sim: Sim;
  readonly port: number;
  readonly httpUrl: string;
  readonly wsUrl: string;
  readonly urls: BybitSimUrls;
  readonly faults: SimFaults;
  readonly stats: SimStats;
  readonly categories: readonly BybitCategory[];
  /** Simulator time. */
  now(): number;
  /** `step(n)` gives every symbol of every category (or only `symbol` / `category`) `n` market steps. */
  readonly market: { step(n?: number, symbol?: string, category?: BybitCategory): void };
  /** Steps the market every `intervalMs` real milliseconds until stopStreaming(). */
  startStreaming(options?: { intervalMs?: number; stepsPerTick?: number }): void;
  stopStreaming(): void;
  /** The true book of `symbol` in `category` (all levels, or the best `limit`). */
  bookSnapshot(category: BybitCategory, symbol: string, limit?: number): BybitBookSnapshot;
  /** A service restart: some changes are lost, then every orderbook topic of `symbol` gets a `u = 1` snapshot. */
  injectReset(symbol: string, category?: BybitCategory): void;
  /** Applies real changes without publishing them: the next delta of every depth of `symbol` skips a `u`. */
  injectSequenceJump(symbol: string, category?: BybitCategory): void;
  /** Publishes `count` messages on `topic` (stepping the market), bounded by socket drain; resolves with subscribers reached. */
  flood(topic: string, count: number, category?: BybitCategory): Promise<number>;
  /** Resolves when `topic` has `n` subscribers (default timeout 5 s). */
  waitForSubscribers(
    topic: string,
    n?: number,
    options?: { category?: BybitCategory; timeoutMs?: number },
  ): Promise<void>;
  /** Subscribers of `topic`. */
  subscriberCount(topic: string, category?: BybitCategory): number;
  /** Makes the matching engine take in every acknowledged order / cancel now. */
  flushOrders(): void;
  /** Requests acknowledged and not yet taken in. */
  readonly pendingOrders: number;
  /** Closes connections idle past their timeout at the current simulator time; returns how many (also runs on every step). */
  expireIdleConnections(): number;
  /** Requests / messages that broke a limit (0 for a well-behaved client). */
  readonly violations: number;
  readonly violationDetails: {
    byKind: Readonly<Record<BybitViolationKind, number>>;
    recent: readonly BybitViolationRecord[];
  };
  /** Clears limit usage, bans and violation counts. */
  resetLimits(): void;
  /** Registers another API key. */
  addApiKey(key: BybitApiKeyOption): void;
  /** Closes every public and private connection (code 1001); returns how many. */
  disconnectAll(): number;
  close(): Promise<void>;
}

/** Starts a Bybit simulator; see {@link BybitSimOptions}. */
export async function startBybitSim(options: BybitSimOptions = {}): Promise<BybitSim> {
  const categories = [...new Set(options.categories ?? BYBIT_CATEGORIES)];
  if (categories.length === 0 || categories.some((c) => !BYBIT_CATEGORIES.includes(c))) {
    throw new TypeError(
      `categories must be a non-empty list of 'spot' / 'linear', got ${JSON.stringify(options.categories)}`,
    );
  }
  const ackDelay = options.orderAckDelayMs ?? 1;
  if (!Number.isFinite(ackDelay) || ackDelay < 0)
    throw new RangeError(`orderAckDelayMs must be ≥ 0, got ${ackDelay}`);
  const sim = await startSim({ clock: options.clock, host: options.host, port: options.port });
  const built = await buildOnSim(sim, () =>
    buildVenue(sim, {
      categories,
      symbols: options.symbols,
      seed: String(options.seed ?? 'venuekit'),
      apiKeys: options.apiKeys,
      limits: options.limits,
      balances: options.balances,
      changesPerStep: options.changesPerStep,
      orderAckDelayMs: ackDelay,
      idleTimeoutMs: options.idleTimeoutMs,
    }),
  );
  return new RunningBybitSim(sim, categories, built, options.streamIntervalMs ?? 100);
}

class RunningBybitSim extends SimVenue implements BybitSim {
  readonly categories: readonly BybitCategory[];
  readonly urls: BybitSimUrls;
  readonly market: { step(n?: number, symbol?: string, category?: BybitCategory): void };
  readonly #b: BuiltVenue;
  readonly #interval: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(sim: Sim, categories: readonly BybitCategory[], built: BuiltVenue, interval: number) {
    super(sim);
    this.categories = categories;
    this.#b = built;
    this.#interval = interval;
    this.urls = {
      rest: sim.httpUrl,
      publicSpot: `${sim.wsUrl}/v5/public/spot`,
      publicLinear: `${sim.wsUrl}/v5/public/linear`,
      private: `${sim.wsUrl}/v5/private`,
    };
    this.market = {
      step: (n = 1, symbol?: string, category?: BybitCategory) => this.#step(n, symbol, category),
    };
  }

  get violations(): number {
    return this.#b.venue.violations.total;
  }
  get violationDetails() {
    const v = this.#b.venue.violations;
    return { byKind: v.byKind, recent: v.recent };
  }
  get pendingOrders(): number {
    return this.#b.venue.engine.pendingCount;
  }

  startStreaming(options: { intervalMs?: number; stepsPerTick?: number } = {}): void {
    this.stopStreaming();
    const ms = options.intervalMs ?? this.#interval;
    const steps = options.stepsPerTick ?? 1;
    if (!(ms > 0)) throw new RangeError(`startStreaming: intervalMs must be > 0, got ${ms}`);
    if (!Number.isInteger(steps) || steps < 1)
      throw new RangeError(`startStreaming: stepsPerTick must be a positive integer, got ${steps}`);
    this.#timer = setInterval(() => this.#step(steps, undefined, undefined), ms);
    this.#timer.unref?.();
  }

  stopStreaming(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  bookSnapshot(category: BybitCategory, symbol: string, limit?: number): BybitBookSnapshot {
    const m = this.#market(category).require(symbol);
    const cfg = m.cfg;
    const fmt = (levels: Array<[number, number]>) =>
      levels.map(([p, q]): [string, string] => [
        formatUnits(p, cfg.priceDecimals),
        formatUnits(q, cfg.qtyDecimals),
      ]);
    return {
      category,
      symbol,
      u: m.window(1000).u,
      seq: m.seq,
      bids: fmt(m.bids.top(limit)),
      asks: fmt(m.asks.top(limit)),
    };
  }

  injectReset(symbol: string, category?: BybitCategory): void {
    for (const market of this.#marketsWith(symbol, category)) market.injectRestart(symbol);
  }

  injectSequenceJump(symbol: string, category?: BybitCategory): void {
    for (const market of this.#marketsWith(symbol, category)) market.injectSequenceJump(symbol);
  }

  flood(topic: string, count: number, category?: BybitCategory): Promise<number> {
    return this.#hub(category).flood(topic, count);
  }

  waitForSubscribers(
    topic: string,
    n = 1,
    options: { category?: BybitCategory; timeoutMs?: number } = {},
  ): Promise<void> {
    return this.#hub(options.category).waitForSubscribers(topic, n, options.timeoutMs ?? 5000);
  }

  subscriberCount(topic: string, category?: BybitCategory): number {
    return this.#hub(category).subscriberCount(topic);
  }

  flushOrders(): void {
    this.#b.venue.engine.flush();
  }

  expireIdleConnections(): number {
    const now = this.now();
    let n = this.#b.privateHub.expireIdle(now);
    for (const hub of this.#b.hubs.values()) n += hub.expireIdle(now);
    return n;
  }

  resetLimits(): void {
    this.#b.venue.ipLimiter.reset();
    this.#b.venue.uidLimiter.reset();
    this.#b.admission.reset();
    this.#b.venue.violations.reset();
  }

  addApiKey(key: BybitApiKeyOption): void {
    this.#b.venue.keys.add(key);
  }

  disconnectAll(): number {
    let n = this.#b.privateHub.disconnectAll(1001, 'server restarting');
    for (const hub of this.#b.hubs.values()) n += hub.disconnectAll(1001, 'server restarting');
    return n;
  }

  protected stopVenue(): void {
    this.stopStreaming();
    this.#b.timers.cancelAll();
  }

  #step(n: number, symbol: string | undefined, category: BybitCategory | undefined): void {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`market.step(n): n must be an integer ≥ 0, got ${n}`);
    const markets =
      symbol === undefined
        ? category === undefined
          ? [...this.#b.venue.markets.values()]
          : [this.#market(category)]
        : this.#marketsWith(symbol, category);
    for (const market of markets) market.step(n, symbol);
    this.expireIdleConnections();
  }

  #market(category: BybitCategory) {
    const m = this.#b.venue.markets.get(category);
    if (m === undefined)
      throw new RangeError(
        `this simulator does not serve the '${category}' category (serves ${this.categories.join(', ')})`,
      );
    return m;
  }

  #marketsWith(symbol: string, category: BybitCategory | undefined) {
    if (category !== undefined) return [this.#market(category)];
    const list = [...this.#b.venue.markets.values()].filter((m) => m.get(symbol) !== undefined);
    if (list.length === 0) throw new RangeError(`no served category trades '${symbol}'`);
    return list;
  }

  #hub(category: BybitCategory | undefined): PublicHub {
    const hub = this.#b.hubs.get(category ?? this.categories[0]!);
    if (hub === undefined) throw new RangeError(`this simulator does not serve the '${category}' category`);
    return hub;
  }
}
