// What the simulated market emits: depth diffs (with Binance update ids) and trades. Levels are
// flat number arrays [price, qty, price, qty, …] in the symbol's integer units; qty 0 = delete.
import type { SymbolConfig } from '../symbols.js';

/** One diff-depth event, as `<symbol>@depth` carries it. */
export interface DepthEvent {
  readonly cfg: SymbolConfig;
  /** `U`: first update id in the event. */
  readonly firstUpdateId: number;
  /** `u`: final update id in the event. */
  readonly finalUpdateId: number;
  /** `pu` (futures): final update id of the previous event of this symbol's stream. */
  readonly prevFinalUpdateId: number;
  /** Event time (`E`, and `T` on futures). */
  readonly time: number;
  /** Changed bid levels, flat [price, qty, …]. */
  readonly bids: number[];
  /** Changed ask levels, flat [price, qty, …]. */
  readonly asks: number[];
}

/** One public trade. */
export interface TradeEvent {
  readonly cfg: SymbolConfig;
  readonly id: number;
  /** Aggregate trade id (one aggregate per trade in this simulator). */
  readonly aggId: number;
  readonly price: number;
  readonly qty: number;
  readonly time: number;
  /** True when the buyer was the maker (the taker sold). */
  readonly isBuyerMaker: boolean;
}

/** A book level as the matching engine takes it: price and quantity units. */
export interface Fill {
  readonly price: number;
  readonly qty: number;
}

/** Receives market events; every method is optional. */
export interface MarketListener {
  /** A depth diff that subscribers see (hidden gap updates are not reported). */
  onDepth?(event: DepthEvent): void;
  /** A public trade. */
  onTrade?(event: TradeEvent): void;
  /** After every evolution step of `symbol` (resting orders may now be crossed). */
  onStep?(cfg: SymbolConfig): void;
}
