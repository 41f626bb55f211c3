// The simulated market of one Bybit category (spot or linear): a deterministic book per symbol
// that tests step by hand or stream on a timer, the taker path the matching engine uses, and the
// venue faults of Bybit's order book streams (a hidden step that makes `u` jump, a `u = 1`
// restart). Listeners receive every committed step.
import type { BybitCategory, BybitSymbolConfig } from '../symbols.js';
import type { MarketListener, StepResult } from './events.js';
import { SymbolMarket, type TakenLevel } from './symbol-market.js';

/** Options of {@link CategoryMarket}. */
export interface CategoryMarketOptions {
  category: BybitCategory;
  symbols: readonly BybitSymbolConfig[];
  seed: string;
  /** Source of event times (the simulator's clock). */
  now: () => number;
  /** Most level changes in one step (uniform 1..N, default 12). */
  changesPerStep?: number;
}

/** A deterministic, evolving market for the symbols of one category. */
export class CategoryMarket {
  readonly category: BybitCategory;
  readonly #bySymbol = new Map<string, SymbolMarket>();
  readonly #listeners: MarketListener[] = [];
  readonly #now: () => number;

  /** Creates the market and seeds every book. */
  constructor(options: CategoryMarketOptions) {
    this.category = options.category;
    this.#now = options.now;
    const changes = options.changesPerStep ?? 12;
    if (!Number.isInteger(changes) || changes < 1) {
      throw new RangeError(`changesPerStep must be a positive integer, got ${changes}`);
    }
    const start = options.now();
    for (const cfg of options.symbols)
      this.#bySymbol.set(cfg.symbol, new SymbolMarket(cfg, options.seed, start, changes));
  }

  /** The symbols' configs, in configuration order. */
  get symbols(): BybitSymbolConfig[] {
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

  /** The market of `symbol`, or undefined when this category does not trade it. */
  get(symbol: string): SymbolMarket | undefined {
    return this.#bySymbol.get(symbol);
  }

  /** Like {@link get}, with an error naming the traded symbols. */
  require(symbol: string): SymbolMarket {
    const m = this.#bySymbol.get(symbol);
    if (m === undefined) {
      throw new RangeError(
        `unknown ${this.category} symbol '${symbol}'; this simulator trades ${[...this.#bySymbol.keys()].join(', ')}`,
      );
    }
    return m;
  }

  /** Evolves `n` steps; each gives every symbol (or only `symbol`) one change batch. */
  step(n = 1, symbol?: string): void {
    const list = symbol === undefined ? [...this.#bySymbol.values()] : [this.require(symbol)];
    for (let i = 0; i < n; i++) {
      for (const m of list) {
        m.evolve();
        this.#publish(m.commit(this.#now(), false));
        for (const l of this.#listeners) l.onEvolve?.(m);
      }
    }
  }

  /** Applies a real evolution of `symbol` without publishing its depth: the next delta's `u` jumps. */
  injectSequenceJump(symbol: string): void {
    const m = this.require(symbol);
    m.evolve();
    const result = m.commit(this.#now(), true);
    if (result !== undefined && result.trades.length > 0) this.#publish({ ...result, depth: [] });
  }

  /**
   * A service restart of `symbol`'s book: some changes are lost (applied, never published), then
   * every orderbook topic restarts with a `u = 1` snapshot.
   */
  injectRestart(symbol: string): void {
    const m = this.require(symbol);
    m.evolve();
    m.commit(this.#now(), true);
    this.#publish(m.restart(this.#now()));
  }

  /** Takes liquidity as a taker (see {@link SymbolMarket.take}) and publishes the step. */
  take(
    symbol: string,
    takerIsBuy: boolean,
    limitPrice: number | undefined,
    maxSize: number,
    maxQuote?: bigint,
  ) {
    const m = this.require(symbol);
    const levels: TakenLevel[] = m.take(takerIsBuy, limitPrice, maxSize, maxQuote);
    const result = m.commit(this.#now(), false);
    this.#publish(result);
    return { levels, trades: result?.trades ?? [] };
  }

  /** Prints a public trade that did not come from the book (a resting order filled) and publishes it. */
  printTrade(symbol: string, takerIsBuy: boolean, price: number, size: number) {
    const m = this.require(symbol);
    m.printTrade(takerIsBuy, price, size);
    const result = m.commit(this.#now(), false);
    this.#publish(result);
    return result?.trades[0];
  }

  #publish(result: StepResult | undefined): void {
    if (result === undefined) return;
    for (const l of this.#listeners) l.onStep?.(result);
  }
}
