// The simulated market of one Binance venue (Spot or USDⓈ-M): a deterministic book per symbol
// that tests step by hand (`step(n)`) or stream on a timer, plus the taker path the matching
// engine uses. Listeners receive every published depth diff and trade.
import { SymbolMarkets } from '../../shared/market/symbol-markets.js';
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
export class SimulatedMarket extends SymbolMarkets<SymbolMarket, SymbolConfig, MarketListener> {
  readonly #now: () => number;

  /** Creates the market and seeds every book. */
  constructor(options: SimulatedMarketOptions) {
    super();
    this.#now = options.now;
    const seed = String(options.seed ?? 'venuekit');
    const changes = options.changesPerEvent ?? 20;
    if (!Number.isInteger(changes) || changes < 1) {
      throw new RangeError(`changesPerEvent must be a positive integer, got ${changes}`);
    }
    const start = options.now();
    for (const cfg of options.symbols)
      this.bySymbol.set(cfg.symbol, new SymbolMarket(cfg, seed, start, changes));
  }

  /** One step of one symbol: one depth event (and the trades it printed). */
  protected stepSymbol(m: SymbolMarket): void {
    m.evolve();
    this.#publish(m.commit(this.#now(), false));
    for (const l of this.listeners) l.onStep?.(m.cfg);
  }

  /** Names the unknown symbol and what this market trades. */
  protected unknownSymbolMessage(symbol: string, traded: string): string {
    return `unknown symbol '${symbol}'; this market trades ${traded}`;
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
    for (const l of this.listeners) l.onTrade?.(ev);
    return ev;
  }

  /** The current book of `symbol` (the truth), top `limit` levels per side. */
  snapshot(symbol: string, limit?: number): BookSnapshotUnits {
    const m = this.require(symbol);
    return { lastUpdateId: m.lastUpdateId, bids: m.bids.top(limit), asks: m.asks.top(limit) };
  }

  #publish(result: { depth: DepthEvent | undefined; trades: TradeEvent[] }): void {
    for (const t of result.trades) for (const l of this.listeners) l.onTrade?.(t);
    if (result.depth !== undefined) for (const l of this.listeners) l.onDepth?.(result.depth);
  }
}
