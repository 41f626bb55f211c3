// The simulated market of one Bybit category (spot or linear): a deterministic book per symbol
// that tests step by hand or stream on a timer, the taker path the matching engine uses, and the
// venue faults of Bybit's order book streams (a hidden step that makes `u` jump, a `u = 1`
// restart). Listeners receive every committed step.
import { SymbolMarkets } from '../../shared/market/symbol-markets.js';
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
export class CategoryMarket extends SymbolMarkets<SymbolMarket, BybitSymbolConfig, MarketListener> {
  readonly category: BybitCategory;
  readonly #now: () => number;

  /** Creates the market and seeds every book. */
  constructor(options: CategoryMarketOptions) {
    super();
    this.category = options.category;
    this.#now = options.now;
    const changes = options.changesPerStep ?? 12;
    if (!Number.isInteger(changes) || changes < 1) {
      throw new RangeError(`changesPerStep must be a positive integer, got ${changes}`);
    }
    const start = options.now();
    for (const cfg of options.symbols)
      this.bySymbol.set(cfg.symbol, new SymbolMarket(cfg, options.seed, start, changes));
  }

  /** One step of one symbol: one change batch (and the trades it printed). */
  protected stepSymbol(m: SymbolMarket): void {
    m.evolve();
    this.#publish(m.commit(this.#now(), false));
    for (const l of this.listeners) l.onEvolve?.(m);
  }

  /** Names the unknown symbol and what this market trades. */
  protected unknownSymbolMessage(symbol: string, traded: string): string {
    return `unknown ${this.category} symbol '${symbol}'; this simulator trades ${traded}`;
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
    for (const l of this.listeners) l.onStep?.(result);
  }
}
