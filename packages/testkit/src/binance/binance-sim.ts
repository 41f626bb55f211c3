// startBinanceSim: a protocol-faithful Binance (Spot and/or USDⓈ-M futures) on one loopback
// port, built on the testkit harness: REST, market streams, the Spot WS API, user data, a
// deterministic market that tests step or stream, a matching engine, signatures, rate limits with
// 429 / 418, server pings with the pong deadline, and venue faults (depth gaps, the 24-hour
// disconnect) on top of the harness's.
import { startSim } from '../sim/server.js';
import { buildOnSim, SimVenue } from '../sim/sim-venue.js';
import type { Sim, SimClock, SimFaults, SimStats } from '../sim/types.js';
import { ApiKeyRegistry, BINANCE_DOCS_HMAC_KEY, type BinanceApiKeyOption } from './auth/api-keys.js';
import { type BinanceLimitOverrides, resolveLimits } from './limits/limit-config.js';
import { type ViolationRecord, Violations, type ViolationKind } from './limits/violations.js';
import { buildMarketVenue, type MarketVenue } from './market-venue.js';
import {
  type BinanceMarketKind,
  type BinanceSymbolSpec,
  formatPrice,
  formatQty,
  resolveSymbols,
} from './symbols.js';
import { type BinanceHeartbeatOption, resolveHeartbeat } from './ws/heartbeat-config.js';
import { UserDataHub } from './ws/user-data-hub.js';
import type { WsApiServer } from './ws/ws-api.js';
import { buildUsdmWsApi } from './ws/ws-api-usdm.js';
import { mountWsRoutes } from './ws/ws-routes.js';

/** Symbols for both markets alike, or per market. */
export type BinanceSimSymbols =
  | ReadonlyArray<string | BinanceSymbolSpec>
  | { spot?: ReadonlyArray<string | BinanceSymbolSpec>; usdm?: ReadonlyArray<string | BinanceSymbolSpec> };

/** Options of {@link startBinanceSim}. */
export interface BinanceSimOptions {
  /** Simulator time source (base's FakeClock fits). Default `Date.now`. */
  clock?: SimClock;
  /** Interface (default 127.0.0.1) and port (default 0 = any free port). */
  host?: string;
  port?: number;
  /** Which markets to serve. Default `'both'`: Spot on `/api/v3` + `/ws` + `/stream` + `/ws-api/v3`,
   *  USDⓈ-M on `/fapi` + `/public/…` + `/market/…` + `/private/…` + `/ws-fapi/v1`. With `'usdm'` alone, `/ws` and
   *  `/stream` serve futures (unrouted: public streams only, as on Binance). */
  market?: 'spot' | 'usdm' | 'both';
  /** Symbols traded (default BTCUSDT and ETHUSDT). */
  symbols?: BinanceSimSymbols;
  /** Seed of the simulated market (default `'venuekit'`). */
  seed?: number | string;
  /** Accepted API keys (default: Binance's documented example HMAC key, {@link BINANCE_DOCS_HMAC_KEY}). */
  apiKeys?: readonly BinanceApiKeyOption[];
  /** Limit overrides for both markets, with `spot` / `usdm` sections for one market only. */
  limits?: BinanceLimitOverrides & { spot?: BinanceLimitOverrides; usdm?: BinanceLimitOverrides };
  /** Interval of {@link BinanceSim.startStreaming} when not given there (default 100 ms). */
  depthIntervalMs?: number;
  /** Most level changes per depth event (default 20). */
  changesPerEvent?: number;
  /** Starting balances of every account: Spot `{ASSET: "amount"}` and USDⓈ-M wallet. */
  balances?: { spot?: Record<string, string>; usdm?: Record<string, string> };
  /**
   * Server pings: every `intervalMs` real ms a ping frame with its own payload; a connection whose
   * oldest unanswered ping is `timeoutMs` old is dropped (1006). Defaults are Binance's: Spot
   * streams and WS API 20 s / 60 s, USDⓈ-M streams and user data 180 s / 600 s. Overrides apply to
   * both markets, `spot` / `usdm` sections to one; `false` turns server pings off.
   */
  heartbeat?: BinanceHeartbeatOption;
}

/** The true book of a symbol, formatted as `GET /depth` serves it. */
export interface BinanceBookSnapshot {
  symbol: string;
  market: BinanceMarketKind;
  lastUpdateId: number;
  bids: Array<[string, string]>;
  asks: Array<[string, string]>;
}

/** A running Binance simulator. */
export interface BinanceSim extends AsyncDisposable {
  /** The underlying harness simulator (routes, faults, stats). */
  readonly sim: Sim;
  readonly port: number;
  readonly httpUrl: string;
  readonly wsUrl: string;
  readonly faults: SimFaults;
  readonly stats: SimStats;
  /** Simulator time. */
  now(): number;
  /** The Spot market (undefined when not served). */
  readonly spot: MarketVenue | undefined;
  /** The USDⓈ-M market (undefined when not served). */
  readonly usdm: MarketVenue | undefined;
  /** Steps every served market: `step(n)` gives each symbol `n` depth events. */
  readonly market: { step(n?: number, symbol?: string): void };
  /** Steps the markets every `intervalMs` real milliseconds until stopStreaming(). */
  startStreaming(options?: { intervalMs?: number; stepsPerTick?: number }): void;
  stopStreaming(): void;
  /** The true book of `symbol` (default market: Spot when served). */
  bookSnapshot(symbol: string, market?: BinanceMarketKind, limit?: number): BinanceBookSnapshot;
  /** Applies real changes to `symbol`'s book without publishing them: the next diff's ids jump. */
  injectDepthGap(symbol: string, market?: BinanceMarketKind): void;
  /** Requests / messages that arrived while over a limit or banned (0 for a well-behaved client). */
  readonly violations: number;
  /** Violations per kind and the latest ones. */
  readonly violationDetails: {
    byKind: Readonly<Record<ViolationKind, number>>;
    recent: readonly ViolationRecord[];
  };
  /** Clears usage, bans and the violation counters. */
  resetLimits(): void;
  /** Publishes `count` messages on `stream` (stepping the market), bounded by socket drain. */
  flood(stream: string, count: number, market?: BinanceMarketKind): Promise<number>;
  /** Resolves when `stream` has `n` subscribers (default timeout 5 s). */
  waitForSubscribers(
    stream: string,
    n?: number,
    options?: { market?: BinanceMarketKind; timeoutMs?: number },
  ): Promise<void>;
  /** Closes every stream, user-data and WS API connection, as Binance does at 24 h; returns how many. */
  disconnectAll24h(): number;
  /** Registers another API key at runtime. */
  addApiKey(key: BinanceApiKeyOption): void;
  close(): Promise<void>;
}

/** Starts a Binance simulator; see {@link BinanceSimOptions}. */
export async function startBinanceSim(options: BinanceSimOptions = {}): Promise<BinanceSim> {
  const kind = options.market ?? 'both';
  if (kind !== 'spot' && kind !== 'usdm' && kind !== 'both')
    throw new TypeError(`market must be 'spot', 'usdm' or 'both', got '${kind}'`);
  const seed = String(options.seed ?? 'venuekit');
  const keys = new ApiKeyRegistry(options.apiKeys ?? [BINANCE_DOCS_HMAC_KEY]);
  const interval = options.depthIntervalMs ?? 100;
  const heartbeats = {
    spot: resolveHeartbeat('spot', options.heartbeat),
    usdm: resolveHeartbeat('usdm', options.heartbeat),
  };
  const symbolsFor = (k: BinanceMarketKind) => {
    const s = options.symbols;
    return resolveSymbols(
      k,
      s === undefined || Array.isArray(s)
        ? (s as ReadonlyArray<string | BinanceSymbolSpec> | undefined)
        : (s as Record<string, undefined>)[k],
    );
  };
  const sim = await startSim({ clock: options.clock, host: options.host, port: options.port });
  const violations = new Violations();
  const userData = new UserDataHub(seed, () => sim.now());
  const build = (k: BinanceMarketKind) =>
    buildMarketVenue(sim, {
      kind: k,
      symbols: symbolsFor(k),
      seed,
      limits: resolveLimits(k, options.limits, options.limits?.[k]),
      keys,
      violations,
      userData,
      balances: options.balances?.[k],
      changesPerEvent: options.changesPerEvent,
    });
  const { spot, usdm, usdmWsApi } = await buildOnSim(sim, () => {
    const spot = kind !== 'usdm' ? build('spot') : undefined;
    const usdm = kind !== 'spot' ? build('usdm') : undefined;
    const usdmWsApi = usdm === undefined ? undefined : buildUsdmWsApi(usdm.venue, userData);
    mountWsRoutes(sim, spot, usdm, userData, heartbeats, usdmWsApi);
    return { spot, usdm, usdmWsApi };
  });
  return new RunningBinanceSim(sim, spot, usdm, userData, violations, keys, interval, usdmWsApi);
}

class RunningBinanceSim extends SimVenue implements BinanceSim {
  readonly spot: MarketVenue | undefined;
  readonly usdm: MarketVenue | undefined;
  readonly market: { step(n?: number, symbol?: string): void };
  readonly #userData: UserDataHub;
  readonly #violations: Violations;
  readonly #keys: ApiKeyRegistry;
  readonly #interval: number;
  readonly #usdmWsApi: WsApiServer | undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    sim: Sim,
    spot: MarketVenue | undefined,
    usdm: MarketVenue | undefined,
    userData: UserDataHub,
    violations: Violations,
    keys: ApiKeyRegistry,
    interval: number,
    usdmWsApi: WsApiServer | undefined,
  ) {
    super(sim);
    this.#usdmWsApi = usdmWsApi;
    this.spot = spot;
    this.usdm = usdm;
    this.#userData = userData;
    this.#violations = violations;
    this.#keys = keys;
    this.#interval = interval;
    this.market = { step: (n = 1, symbol?: string) => this.#step(n, symbol) };
  }

  get violations(): number {
    return this.#violations.total;
  }
  get violationDetails() {
    return { byKind: this.#violations.byKind, recent: this.#violations.recent };
  }

  startStreaming(options: { intervalMs?: number; stepsPerTick?: number } = {}): void {
    this.stopStreaming();
    const ms = options.intervalMs ?? this.#interval;
    const steps = options.stepsPerTick ?? 1;
    if (!(ms > 0)) throw new RangeError(`startStreaming: intervalMs must be > 0, got ${ms}`);
    this.#timer = setInterval(() => this.#step(steps, undefined), ms);
    this.#timer.unref?.();
  }

  stopStreaming(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  bookSnapshot(symbol: string, market?: BinanceMarketKind, limit?: number): BinanceBookSnapshot {
    const mv = this.#pick(market);
    const snap = mv.venue.market.snapshot(symbol, limit);
    const cfg = mv.venue.market.require(symbol).cfg;
    const fmt = (levels: Array<[number, number]>) =>
      levels.map(([p, q]): [string, string] => [formatPrice(cfg, p), formatQty(cfg, q)]);
    return {
      symbol,
      market: mv.venue.kind,
      lastUpdateId: snap.lastUpdateId,
      bids: fmt(snap.bids),
      asks: fmt(snap.asks),
    };
  }

  injectDepthGap(symbol: string, market?: BinanceMarketKind): void {
    this.#pick(market).venue.market.injectDepthGap(symbol);
  }

  resetLimits(): void {
    for (const mv of [this.spot, this.usdm]) {
      mv?.venue.ipLimiter.reset();
      mv?.venue.orderLimiter.reset();
    }
    this.#violations.reset();
  }

  flood(stream: string, count: number, market?: BinanceMarketKind): Promise<number> {
    return this.#pick(market).hub.flood(stream, count);
  }

  waitForSubscribers(
    stream: string,
    n = 1,
    options: { market?: BinanceMarketKind; timeoutMs?: number } = {},
  ): Promise<void> {
    return this.#pick(options.market).hub.waitForSubscribers(stream, n, options.timeoutMs ?? 5000);
  }

  disconnectAll24h(): number {
    const reason = 'Connection lifetime (24h) reached';
    let n = this.#userData.disconnectAll(1000, reason);
    for (const mv of [this.spot, this.usdm]) {
      n += mv?.hub.disconnectAll(1000, reason) ?? 0;
      n += mv?.wsApi?.disconnectAll(1000, reason) ?? 0;
    }
    n += this.#usdmWsApi?.disconnectAll(1000, reason) ?? 0;
    return n;
  }

  addApiKey(key: BinanceApiKeyOption): void {
    this.#keys.add(key);
  }

  protected stopVenue(): void {
    this.stopStreaming();
  }

  #step(n: number, symbol: string | undefined): void {
    for (const mv of [this.spot, this.usdm]) {
      if (mv === undefined || (symbol !== undefined && mv.venue.market.get(symbol) === undefined)) continue;
      mv.venue.market.step(n, symbol);
      mv.hub.enforceLifetime(mv.venue.now());
    }
    this.#userData.expireDue();
  }

  #pick(market: BinanceMarketKind | undefined): MarketVenue {
    const mv = market === undefined ? (this.spot ?? this.usdm) : market === 'spot' ? this.spot : this.usdm;
    if (mv === undefined) throw new RangeError(`this simulator does not serve the '${market}' market`);
    return mv;
  }
}
