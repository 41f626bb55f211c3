// The simulator's true top of book at every update id, recorded as the market moves: each depth
// event the simulated market publishes (to subscribers or not) and each hidden change a test
// injects. Book tests compare every top of book the client emits with the truth at its id.
import type { BestQuote } from '@venuekit/base';
import type { BinanceSim } from '@venuekit/testkit';

/** A top of book as comparable text: `bid|bidSize|ask|askSize`. */
export function topKey(best: BestQuote): string {
  return `${best.bid?.[0]}|${best.bid?.[1]}|${best.ask?.[0]}|${best.ask?.[1]}`;
}

/** The recorder of one symbol's truth. */
export interface TruthRecorder {
  /** Top of book by update id. */
  readonly tops: Map<number, string>;
  /** Records the current truth (call after `injectDepthGap`). */
  record(): void;
  /** The simulator's current update id. */
  lastId(): number;
  stop(): void;
}

/** Starts recording `symbol`'s truth on `market`. */
export function recordTruth(sim: BinanceSim, market: 'spot' | 'usdm', symbol: string): TruthRecorder {
  const tops = new Map<number, string>();
  const record = (): void => {
    const s = sim.bookSnapshot(symbol, market, 1);
    const bid = s.bids[0];
    const ask = s.asks[0];
    tops.set(
      s.lastUpdateId,
      topKey({
        bid: bid === undefined ? undefined : [+bid[0], +bid[1]],
        ask: ask === undefined ? undefined : [+ask[0], +ask[1]],
      }),
    );
  };
  const venue = market === 'spot' ? sim.spot : sim.usdm;
  const stop = venue!.venue.market.listen({
    onDepth: (event) => {
      if (event.cfg.symbol === symbol) record();
    },
  });
  record();
  return { tops, record, lastId: () => sim.bookSnapshot(symbol, market, 1).lastUpdateId, stop };
}
