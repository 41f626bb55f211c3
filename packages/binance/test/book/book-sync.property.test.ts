// Property tests of BookSync: whatever order, duplication or loss the diffs arrive with, and
// whatever snapshots (old, new, repeated) come in between, whenever the book is live it is
// exactly the true book at its update id — never a wrong book. And with a clean stream and any
// snapshot the stream can bridge, it ends live at the last state.
import { OrderBookStore } from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BookSync, type DepthDiff } from '../../src/book/index.js';
import { buildHistory, type Change, type History, modelOf, sameBook, snapshotAt } from './book-history.js';

const change = fc.record({
  bid: fc.boolean(),
  price: fc.integer({ min: 1, max: 12 }),
  qty: fc.integer({ min: 0, max: 4 }),
});
const initial = fc.array(change, { maxLength: 12 });
const events = fc.array(fc.array(change, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 25 });
const skips = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 25 });

/** How delivery differs from the true order. */
const perturbation = fc.record({
  kind: fc.constantFrom('duplicate', 'drop', 'swap', 'replayOld'),
  at: fc.nat(),
  other: fc.nat(),
});

/** A delivery step: a diff (by position in the perturbed order) or a snapshot (by state index). */
type Step = { diff: DepthDiff } | { snapshotId: number };

function deliveries(
  history: History,
  perturbations: Array<{ kind: string; at: number; other: number }>,
  snapshots: Array<{ after: number; state: number }>,
): Step[] {
  const order = history.diffs.map((_, i) => i);
  for (const p of perturbations) {
    if (order.length === 0) break;
    const i = p.at % order.length;
    if (p.kind === 'duplicate') order.splice(i, 0, order[i]!);
    else if (p.kind === 'drop') order.splice(i, 1);
    else if (p.kind === 'swap') {
      const j = p.other % order.length;
      [order[i], order[j]] = [order[j]!, order[i]!];
    } else order.splice(i, 0, order[p.other % (i + 1)]!);
  }
  const steps: Step[] = order.map((i) => ({ diff: history.diffs[i]! }));
  const ids = history.snapshotIds;
  const placed = [...snapshots].sort((a, b) => b.after - a.after);
  for (const s of placed)
    steps.splice(Math.min(s.after, steps.length), 0, { snapshotId: ids[s.state % ids.length]! });
  return steps;
}

function checkNeverWrong(market: 'spot' | 'usdm') {
  return fc.property(
    initial,
    events,
    skips,
    fc.array(perturbation, { maxLength: 8 }),
    fc.array(fc.record({ after: fc.nat({ max: 40 }), state: fc.nat() }), { minLength: 1, maxLength: 4 }),
    (init: Change[], evs: Change[][], sk: number[], perturbations, snapshots) => {
      const history = buildHistory(market, init, evs, sk);
      const store = new OrderBookStore();
      const sync = new BookSync('X', market, store);
      for (const step of deliveries(history, perturbations, snapshots)) {
        if ('diff' in step) sync.onDiff(step.diff);
        else sync.onSnapshot(snapshotAt(history, step.snapshotId));
        if (sync.live) {
          const truth = history.states.get(sync.lastUpdateId);
          expect(truth, `book live at ${sync.lastUpdateId}, an id the history never had`).toBeDefined();
          expect(sameBook(modelOf(store.sorted({ symbol: 'X' })), truth!)).toBe(true);
        } else {
          expect(store.symbols()).toEqual([]); // nothing is served while not live
        }
      }
    },
  );
}

function checkCleanStreamSyncs(market: 'spot' | 'usdm') {
  return fc.property(
    initial,
    events,
    skips,
    fc.nat(),
    fc.nat(),
    (init: Change[], evs: Change[][], sk: number[], snapAt: number, deliverAfter: number) => {
      const history = buildHistory(market, init, evs, sk);
      // Any snapshot from the start up to an id inside the last diff, delivered at any point
      // after the diffs it contains were buffered: the stream bridges it.
      const ids = history.snapshotIds;
      const snapshotId = ids[snapAt % ids.length]!;
      const sync = new BookSync('X', market, new OrderBookStore());
      const firstAfter = history.diffs.findIndex((d) => d.u >= snapshotId);
      const at =
        firstAfter < 0
          ? history.diffs.length
          : firstAfter + (deliverAfter % (history.diffs.length - firstAfter + 1));
      history.diffs.forEach((diff, i) => {
        if (i === at) expect(sync.onSnapshot(snapshotAt(history, snapshotId))).toBe('live');
        sync.onDiff(diff);
      });
      if (at === history.diffs.length) expect(sync.onSnapshot(snapshotAt(history, snapshotId))).toBe('live');
      expect(sync.live).toBe(true);
      expect(sync.lastUpdateId).toBe(history.lastId);
      expect(sync.stats.gaps).toBe(0);
    },
  );
}

describe('BookSync properties', () => {
  it('Spot: any interleaving, duplication, loss or reordering is applied correctly or detected — never a wrong book', () => {
    fc.assert(checkNeverWrong('spot'), { numRuns: 400 });
  });

  it('USD-M: the same with U jumps and the pu chain', () => {
    fc.assert(checkNeverWrong('usdm'), { numRuns: 400 });
  });

  it('Spot: a clean stream with any bridgeable snapshot ends live at the last state', () => {
    fc.assert(checkCleanStreamSyncs('spot'), { numRuns: 200 });
  });

  it('USD-M: a clean stream with any bridgeable snapshot ends live at the last state', () => {
    fc.assert(checkCleanStreamSyncs('usdm'), { numRuns: 200 });
  });
});
