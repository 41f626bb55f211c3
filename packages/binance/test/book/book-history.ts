// A true depth history for book-sync tests: a starting book, a list of Binance diffs built from
// random level changes (Spot `U = previous u + 1`; USD-M with `U` jumping ahead and `pu` =
// previous `u`), and the book as it stood at every update id, so a test can ask "what was the
// book at id X" for any X a snapshot or a diff names.
import type { DepthDiff, DepthSnapshot } from '../../src/book/index.js';

/** One level change: side, integer price, quantity (0 deletes). */
export interface Change {
  bid: boolean;
  price: number;
  qty: number;
}

/** Both sides as price → quantity. */
export interface ModelBook {
  bids: Map<number, number>;
  asks: Map<number, number>;
}

/** What {@link buildHistory} returns. */
export interface History {
  diffs: DepthDiff[];
  /** The book at each update id from the start id to the last diff's `u`. */
  states: Map<number, ModelBook>;
  startId: number;
  lastId: number;
  /** Ids where a snapshot may be taken: the start and every id inside a diff. */
  snapshotIds: number[];
}

function clone(book: ModelBook): ModelBook {
  return { bids: new Map(book.bids), asks: new Map(book.asks) };
}

function apply(book: ModelBook, change: Change): void {
  const side = change.bid ? book.bids : book.asks;
  if (change.qty === 0) side.delete(change.price);
  else side.set(change.price, change.qty);
}

/** Builds the history; `skips[i]` (USD-M only) is how far the i-th diff's `U` jumps ahead. */
export function buildHistory(
  market: 'spot' | 'usdm',
  initial: Change[],
  events: Change[][],
  skips: number[] = [],
  startId = 1000,
): History {
  const book: ModelBook = { bids: new Map(), asks: new Map() };
  for (const change of initial) if (change.qty > 0) apply(book, change);
  const states = new Map<number, ModelBook>([[startId, clone(book)]]);
  const snapshotIds = [startId];
  const diffs: DepthDiff[] = [];
  let id = startId;
  events.forEach((changes, i) => {
    const skip = market === 'usdm' ? (skips[i] ?? 0) : 0;
    for (let s = 1; s <= skip; s++) states.set(id + s, clone(book));
    const U = id + skip + 1;
    changes.forEach((change, j) => {
      apply(book, change);
      states.set(U + j, clone(book));
      snapshotIds.push(U + j);
    });
    const u = U + changes.length - 1;
    const level = (c: Change): [string, string] => [String(c.price), String(c.qty)];
    const diff: DepthDiff = {
      U,
      u,
      b: changes.filter((c) => c.bid).map(level),
      a: changes.filter((c) => !c.bid).map(level),
      ...(market === 'usdm' ? { pu: id } : {}),
    };
    diffs.push(diff);
    id = u;
  });
  return { diffs, states, startId, lastId: id, snapshotIds };
}

/** The book at `id` as a `GET /depth` answer. */
export function snapshotAt(history: History, id: number): DepthSnapshot {
  const state = history.states.get(id);
  if (state === undefined) throw new Error(`no state at ${id}`);
  const levels = (side: Map<number, number>): Array<[string, string]> =>
    [...side].map(([p, q]) => [String(p), String(q)]);
  return { lastUpdateId: id, bids: levels(state.bids), asks: levels(state.asks) };
}

/** A sorted store book as a model book. */
export function modelOf(sorted: { bids: Array<[number, number]>; asks: Array<[number, number]> }): ModelBook {
  return { bids: new Map(sorted.bids), asks: new Map(sorted.asks) };
}

/** True when both books hold the same levels. */
export function sameBook(a: ModelBook, b: ModelBook): boolean {
  const same = (x: Map<number, number>, y: Map<number, number>): boolean =>
    x.size === y.size && [...x].every(([p, q]) => y.get(p) === q);
  return same(a.bids, b.bids) && same(a.asks, b.asks);
}
