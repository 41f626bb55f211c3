// Decodes a combined-stream depth frame straight from the socket's bytes (binance.md §6,
// binance-usdm.md §5) with base's JsonFrameReader: `{"stream":…,"data":{"e":"depthUpdate","E":…,
// "s":…,"U":…,"u":…,"pu":…,"b":[["65000.5","0.12"],…],"a":[…]}}`, keys in any order, unknown keys
// skipped, prices and sizes as the numbers `+"65000.5"` gives. Anything else — whitespace,
// escapes, exponents, longer numbers, a missing field — makes `decode` return false, and the
// caller takes the decoded JSON instead. The diff and its level arrays are reused from frame to
// frame: hand it on with `reused` (BookSync copies what it keeps).
import { JSON_BYTE, JsonFrameReader, jsonWord } from '@venuekit/base';

const DATA = jsonWord('data');
const EVENT_TIME = jsonWord('E');
const FIRST = jsonWord('U');
const FINAL = jsonWord('u');
const PREVIOUS = jsonWord('pu');
const BIDS = jsonWord('b');
const ASKS = jsonWord('a');

/** The diff of the last frame decoded (a DepthDiff with its event time). */
export interface DecodedDepthDiff {
  /** Event time, when the frame had one. */
  E: number | undefined;
  /** First update id in this event (`U`). */
  U: number;
  /** Final update id in this event (`u`): on Spot the next event's `U` is `u + 1`, on USD-M its `pu` is `u`. */
  u: number;
  /** USD-M only: the final update id of the previous event (`pu`); `undefined` on Spot. */
  pu: number | undefined;
  /** Bid levels `[price, quantity]` as numbers (quantity 0 removes the level). */
  readonly b: number[][];
  /** Ask levels `[price, quantity]` as numbers (quantity 0 removes the level). */
  readonly a: number[][];
}

/** A reusable decoder of one stream's depth frames. */
export class DepthFrameDecoder {
  /** The last diff decoded; overwritten by the next frame. */
  readonly diff: DecodedDepthDiff = { E: undefined, U: 0, u: 0, pu: undefined, b: [], a: [] };
  readonly #reader = new JsonFrameReader();
  readonly #bidPairs: number[][] = [];
  readonly #askPairs: number[][] = [];

  /** Decodes one frame; false when its form is not the plain one (decode it as JSON instead). */
  decode(frame: Buffer): boolean {
    const r = this.#reader;
    r.reset(frame);
    let data = false;
    if (!r.take(JSON_BYTE.openBrace)) return false;
    for (;;) {
      if (!r.key()) return false;
      if (r.is(DATA)) {
        if (!this.#data(r)) return false;
        data = true;
      } else if (!r.skipValue()) return false;
      const more = r.next(JSON_BYTE.closeBrace);
      if (more === 1) continue;
      if (more === -1) return false;
      break;
    }
    return data && r.atEnd;
  }

  /** The payload: `U`, `u`, `b` and `a` required, `E` and `pu` optional, the rest skipped. */
  #data(r: JsonFrameReader): boolean {
    const d = this.diff;
    d.E = undefined;
    d.pu = undefined;
    let seen = 0;
    if (!r.take(JSON_BYTE.openBrace)) return false;
    for (;;) {
      if (!r.key()) return false;
      if (r.is(BIDS)) {
        if (!r.levels(d.b, this.#bidPairs)) return false;
        seen |= 1;
      } else if (r.is(ASKS)) {
        if (!r.levels(d.a, this.#askPairs)) return false;
        seen |= 2;
      } else if (r.is(FIRST)) {
        d.U = r.number();
        if (Number.isNaN(d.U)) return false;
        seen |= 4;
      } else if (r.is(FINAL)) {
        d.u = r.number();
        if (Number.isNaN(d.u)) return false;
        seen |= 8;
      } else if (r.is(PREVIOUS)) {
        d.pu = r.number();
        if (Number.isNaN(d.pu)) return false;
      } else if (r.is(EVENT_TIME)) {
        d.E = r.number();
        if (Number.isNaN(d.E)) return false;
      } else if (!r.skipValue()) return false;
      const more = r.next(JSON_BYTE.closeBrace);
      if (more === 1) continue;
      return more === 0 && seen === 15;
    }
  }
}
