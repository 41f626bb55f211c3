// What a simulated Bybit category market emits after every change: the depth messages of each
// orderbook window that moved, the public trades, and the step's cross sequence. Levels are flat
// number arrays [price, size, price, size, …] in the symbol's integer units; size 0 = delete.
import type { BybitSymbolConfig } from '../symbols.js';
import type { DepthWindow } from './depth-window.js';
import type { SymbolMarket } from './symbol-market.js';

/** Bybit's tick direction of a trade against the previous one (linear `L` field). */
export type TickDirection = 'PlusTick' | 'ZeroPlusTick' | 'MinusTick' | 'ZeroMinusTick';

/** One public trade. */
export interface TradeEvent {
  readonly cfg: BybitSymbolConfig;
  /** Trade id: a long numeric string on spot, a UUID on linear. */
  readonly id: string;
  readonly price: number;
  readonly size: number;
  readonly time: number;
  /** Taker side: true for Buy. */
  readonly takerIsBuy: boolean;
  /** Cross sequence of the step that printed it. */
  readonly seq: number;
  readonly tickDirection: TickDirection;
}

/** One message of an orderbook topic. */
export interface DepthMessage {
  readonly window: DepthWindow;
  readonly type: 'snapshot' | 'delta';
  readonly u: number;
  /** Delta levels, or the whole window for a snapshot (best first). */
  readonly bids: readonly number[];
  readonly asks: readonly number[];
}

/** Everything one committed step of a symbol produced. */
export interface StepResult {
  readonly market: SymbolMarket;
  /** Simulator time of the step (`ts` and `cts`). */
  readonly time: number;
  /** Cross sequence after the step. */
  readonly seq: number;
  readonly depth: readonly DepthMessage[];
  readonly trades: readonly TradeEvent[];
}

/** Receives market events; every method is optional. */
export interface MarketListener {
  /** A committed step (published; hidden steps are not reported). */
  onStep?(result: StepResult): void;
  /** After a random evolution of `market` (resting orders may now be crossed). */
  onEvolve?(market: SymbolMarket): void;
}
