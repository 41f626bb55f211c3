// The simulated market of one Binance venue (Spot or USDⓈ-M): a deterministic book per symbol
// that tests step by hand (`step(n)`) or stream on a timer, plus the taker path the matching
// engine uses. Listeners receive every published depth diff and trade.
import type { SymbolConfig } from '../symbols.js';
import type { DepthEvent, Fill, MarketListener, TradeEvent } from './events.js';
import { SymbolMarket } from './symbol-market.js';

/** Options of {@link SimulatedMarket}. */
export interface SimulatedMarketOptions {
  /** The symbols (all of one market kind). */
  symbols: readonly SymbolConfig[];
  /** Seed of every random choice; equal seeds give equal markets. Default `'venuekit'`. */
  seed?: number | string;
  /** Source of event times (the simulator's clock). */
  now: () => number;
  /** Most level changes in one depth event (uniform 1..N). Default 20. */
  changesPerEvent?: number;
}

/** The book as `GET /depth` would serve it, in integer units, best first. */
export interface BookSnapshotUnits {
  lastUpdateId: number;
  bids: Array<[number, number]>;
  asks: Array<[number, number]>;
}

/** A deterministic, evolving market for a set of symbols. */
export class SimulatedMarket {
  readonly #bySymbol = new Map<string, SymbolMarket>();
  readonly #listeners: MarketListener[] = [];
  readonly #now: () => number;

  /** Creates the market and seeds every book. */
  constructor(options: SimulatedMarketOptions) {
    this.#now = options.now;
    const seed = String(options.seed ?? 'venuekit');
    const changes = options.changesPerEvent ?? 20;
    if (!Number.isInteger(changes) || changes < 1) {
      throw new RangeError(`changesPerEvent must be a positive integer, got ${changes}`);
    }
    const start = options.now();
    for (const cfg of options.symbols)
      this.#bySymbol.set(cfg.symbol, new SymbolMarket(cfg, seed, start, changes));
  }

  /** The symbols' configs, in configuration order. */
  get symbols(): SymbolConfig[] {
    return [...this.#bySymbol.values()].map((m) => m.cfg);
  }

  /** Registers a listener; returns a function that removes it. */
  listen(listener: MarketListener): () => void {
    this.#listeners.push(listener);
    return () => {
      const i = this.#listeners.indexOf(listener);
      if (i >= 0) this.#listeners.splice(i, 1);
    };
  }

  /** The state of `symbol`, or undefined when this market does not trade it. */
  get(symbol: string): SymbolMarket | undefined {
    return this.#bySymbol.get(symbol);
  }

  /** Like {@link get} but throws a clear error for an unknown symbol (for test controls). */
  require(symbol: string): SymbolMarket {
    const m = this.#bySymbol.get(symbol);
    if (m === undefined) {
      throw new RangeError(
        `unknown symbol '${symbol}'; this market trades ${[...this.#bySymbol.keys()].join(', ')}`,
      );
    }
    return m;
  }

  /** Evolves `n` steps; each step gives every symbol (or just `symbol`) one depth event. */
  step(n = 1, symbol?: string): void {
    const list = symbol === undefined ? [...this.#bySymbol.values()] : [this.require(symbol)];
    for (let i = 0; i < n; i++) {
      for (const m of list) {
        m.evolve();
        this.#publish(m.commit(this.#now(), false));
        for (const l of this.#listeners) l.onStep?.(m.cfg);
      }
    }
  }

  /**
   * Applies one evolution of `symbol` without publishing it: subscribers miss real changes and
   * the next event's ids jump (Spot `U` > previous `u` + 1; futures `pu` ≠ previous `u`).
   */
  injectDepthGap(symbol: string): void {
    const m = this.require(symbol);
    m.evolve();
    this.#publish({ depth: undefined, trades: m.commit(this.#now(), true).trades });
  }

  /** Takes liquidity as a taker (see {@link SymbolMarket.take}) and publishes the result. */
  take(
    symbol: string,
    takerIsBuyer: boolean,
    limitPrice: number | undefined,
    maxQty: number,
    maxQuote?: bigint,
  ) {
    const m = this.require(symbol);
    const fills: Fill[] = m.take(takerIsBuyer, limitPrice, maxQty, maxQuote);
    const result = m.commit(this.#now(), false);
    this.#publish(result);
    return { fills, trades: result.trades };
  }

  /** Prints a public trade that did not come from the book (a resting simulator order filled). */
  printTrade(symbol: string, takerIsBuyer: boolean, price: number, qty: number): TradeEvent {
    const ev = this.require(symbol).printTrade(this.#now(), takerIsBuyer, price, qty);
    for (const l of this.#listeners) l.onTrade?.(ev);
    return ev;
  }

  /** The current book of `symbol` (the truth), top `limit` levels per side. */
  snapshot(symbol: string, limit?: number): BookSnapshotUnits {
    const m = this.require(symbol);
    return { lastUpdateId: m.lastUpdateId, bids: m.bids.top(limit), asks: m.asks.top(limit) };
  }

  #publish(result: { depth: DepthEvent | undefined; trades: TradeEvent[] }): void {
    for (const t of result.trades) for (const l of this.#listeners) l.onTrade?.(t);
    if (result.depth !== undefined) for (const l of this.#listeners) l.onDepth?.(result.depth);
  }
}
