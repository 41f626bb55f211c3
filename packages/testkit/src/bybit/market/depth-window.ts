// What subscribers of one `orderbook.{depth}.{symbol}` topic have been told. Bybit's depth streams
// show only the best `depth` levels per side, so a step's delta is the change inside that window:
// changed levels that are (still) in it, size-0 deletes for levels that left it, and levels that
// slid into it from below when better ones were removed. Each published delta takes the next `u`
// (u + 1 per message); a snapshot with `u = 1` is what a service restart looks like.
import type { PriceLevelSide } from '../../shared/market/price-level-side.js';

/** The size every changed price had before the step (0 = no level), per side. */
export interface StepChanges {
  readonly bids: ReadonlyMap<number, number>;
  readonly asks: ReadonlyMap<number, number>;
}

/** A delta as flat `[price, size, price, size, …]` arrays per side (size 0 = delete). */
export interface WindowDelta {
  readonly bids: number[];
  readonly asks: number[];
}

/** The published window of one depth of one symbol. */
export class DepthWindow {
  /** Levels per side shown by this topic (1, 50, 200 or 1000). */
  readonly depth: number;
  /** Update id of the last message (snapshot or delta) of this topic. */
  u: number;
  #bidEdge: number | undefined;
  #askEdge: number | undefined;

  /** Creates the window over the current book, with update id `u`. */
  constructor(depth: number, bids: PriceLevelSide, asks: PriceLevelSide, u: number) {
    this.depth = depth;
    this.u = u;
    this.#bidEdge = edgeOf(bids, depth);
    this.#askEdge = edgeOf(asks, depth);
  }

  /**
   * The visible change of a step (the book already holds the new state), or undefined when nothing
   * inside the window changed. Moves the window to the new book either way; the caller decides
   * whether the delta is published and advances `u`.
   */
  advance(bids: PriceLevelSide, asks: PriceLevelSide, changes: StepChanges): WindowDelta | undefined {
    const bidEdge = edgeOf(bids, this.depth);
    const askEdge = edgeOf(asks, this.depth);
    const b = diffSide(bids, changes.bids, this.#bidEdge, bidEdge);
    const a = diffSide(asks, changes.asks, this.#askEdge, askEdge);
    this.#bidEdge = bidEdge;
    this.#askEdge = askEdge;
    return b.length === 0 && a.length === 0 ? undefined : { bids: b, asks: a };
  }

  /** Re-reads the window from the book (after a reset). */
  rebase(bids: PriceLevelSide, asks: PriceLevelSide): void {
    this.#bidEdge = edgeOf(bids, this.depth);
    this.#askEdge = edgeOf(asks, this.depth);
  }
}

/** The worst price inside the top `depth` levels, or undefined for an empty side. */
function edgeOf(side: PriceLevelSide, depth: number): number | undefined {
  return side.priceAt(Math.min(depth, side.size) - 1);
}

function inside(side: PriceLevelSide, price: number, edge: number | undefined): boolean {
  return edge !== undefined && !side.isWorse(price, edge);
}

/** The delta of one side between the old window (edge `oldEdge`) and the new one (`newEdge`). */
export function diffSide(
  side: PriceLevelSide,
  before: ReadonlyMap<number, number>,
  oldEdge: number | undefined,
  newEdge: number | undefined,
): number[] {
  const out: number[] = [];
  for (const [price, was] of before) {
    const now = side.qtyAt(price);
    const inNew = now > 0 && inside(side, price, newEdge);
    const wasIn = was > 0 && inside(side, price, oldEdge);
    if (inNew) {
      if (!wasIn || now !== was) out.push(price, now);
    } else if (wasIn) {
      out.push(price, 0);
    }
  }
  if (newEdge === undefined) return out;
  if (oldEdge === undefined || side.isWorse(newEdge, oldEdge)) {
    // The window reaches further out: unchanged levels between the edges slid into view.
    let i = oldEdge === undefined ? 0 : side.indexFor(oldEdge);
    if (oldEdge !== undefined && side.priceAt(i) === oldEdge) i++;
    for (let p = side.priceAt(i); p !== undefined && !side.isWorse(p, newEdge); p = side.priceAt(++i)) {
      if (!before.has(p)) out.push(p, side.qtyAt(p));
    }
  } else if (side.isWorse(oldEdge, newEdge)) {
    // The window ends sooner: unchanged levels between the edges fell out of view.
    let i = side.indexFor(newEdge) + 1;
    for (let p = side.priceAt(i); p !== undefined && !side.isWorse(p, oldEdge); p = side.priceAt(++i)) {
      if (!before.has(p)) out.push(p, 0);
    }
  }
  return out;
}
