// The Bybit simulator's true top of book at every cross sequence `seq`, recorded by the test as
// it steps the market one step at a time (each step commits one `seq`). Book tests compare every
// top of book the client emits with the truth at the `seq` of the last message it applied.
import type { BestQuote } from '@venuekit/base';
import type { BybitCategory, BybitSim } from '@venuekit/testkit';

/** A top of book as comparable text: `bid|bidSize|ask|askSize`. */
export function topKey(best: BestQuote): string {
  return `${best.bid?.[0]}|${best.bid?.[1]}|${best.ask?.[0]}|${best.ask?.[1]}`;
}

/** The recorder of one symbol's truth. */
export interface TruthRecorder {
  /** Top of book by `seq`. */
  readonly tops: Map<number, string>;
  /** Records the current truth (after every step or injected fault). */
  record(): void;
  /** Steps the market `n` times, recording after each step. */
  step(n: number): void;
}

/** Starts recording `symbol`'s truth in `category`. */
export function recordTruth(sim: BybitSim, category: BybitCategory, symbol: string): TruthRecorder {
  const tops = new Map<number, string>();
  const record = (): void => {
    const s = sim.bookSnapshot(category, symbol, 1);
    const bid = s.bids[0];
    const ask = s.asks[0];
    tops.set(
      s.seq,
      topKey({
        bid: bid === undefined ? undefined : [+bid[0], +bid[1]],
        ask: ask === undefined ? undefined : [+ask[0], +ask[1]],
      }),
    );
  };
  const step = (n: number): void => {
    for (let i = 0; i < n; i++) {
      sim.market.step(1, symbol, category);
      record();
    }
  };
  record();
  return { tops, record, step };
}
