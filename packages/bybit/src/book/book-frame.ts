// Decodes a Bybit orderbook frame straight from the socket's bytes (bybit.md §6) with base's
// JsonFrameReader: `{"topic":…,"type":"delta","ts":…,"data":{"s":…,"b":[["65000.5","0.12"],…],
// "a":[…],"u":…,"seq":…},"cts":…}` in any key order, unknown keys skipped, prices and sizes as the
// numbers `+"65000.5"` gives. Anything else — whitespace, escapes, exponents, longer numbers, a
// missing field, a value of another type — makes `decode` return false, and the caller falls back
// to JSON.parse, which handles every case the old way. The levels land in arrays reused from
// frame to frame: use them before the next one.
import { JSON_BYTE, JsonFrameReader, jsonWord } from '@venuekit/base';

const TYPE = jsonWord('type');
const TS = jsonWord('ts');
const DATA = jsonWord('data');
const BIDS = jsonWord('b');
const ASKS = jsonWord('a');
const U = jsonWord('u');
const SEQ = jsonWord('seq');
const DELTA = jsonWord('delta');
const SNAPSHOT = jsonWord('snapshot');

/** The `data` of the last frame decoded; the level arrays are reused by the next frame. */
export interface DecodedBookData {
  /** Bids `[price, size]` as numbers. */
  readonly b: number[][];
  /** Asks `[price, size]` as numbers. */
  readonly a: number[][];
  /** Update id. */
  u: number;
  /** Cross sequence, when the frame had one. */
  seq: number | undefined;
}

/** A reusable decoder of one topic's orderbook frames. */
export class BookFrameDecoder {
  /** `snapshot` or `delta` of the last frame decoded. */
  type: 'snapshot' | 'delta' = 'delta';
  /** Send time `ts` of the last frame decoded, when it had one. */
  ts: number | undefined;
  /** Its `data`. */
  readonly data: DecodedBookData = { b: [], a: [], u: 0, seq: undefined };
  readonly #reader = new JsonFrameReader();
  readonly #bidPairs: number[][] = [];
  readonly #askPairs: number[][] = [];

  /** Decodes one frame; false when its form is not the plain one (decode it as JSON instead). */
  decode(frame: Buffer): boolean {
    const r = this.#reader;
    r.reset(frame);
    this.ts = undefined;
    let type: 'snapshot' | 'delta' | undefined;
    let data = false;
    if (!r.take(JSON_BYTE.openBrace)) return false;
    for (;;) {
      if (!r.key()) return false;
      if (r.is(DATA)) {
        if (!this.#data(r)) return false;
        data = true;
      } else if (r.is(TYPE)) {
        if (!r.string()) return false;
        type = r.is(DELTA) ? 'delta' : r.is(SNAPSHOT) ? 'snapshot' : undefined;
        if (type === undefined) return false;
      } else if (r.is(TS)) {
        const ts = r.number();
        if (Number.isNaN(ts)) return false;
        this.ts = ts;
      } else if (!r.skipValue()) return false;
      const more = r.next(JSON_BYTE.closeBrace);
      if (more === 1) continue;
      if (more === -1) return false;
      break;
    }
    if (!r.atEnd || type === undefined || !data) return false;
    this.type = type;
    return true;
  }

  /** The `data` object: `b`, `a` and `u` required, `seq` optional, the rest skipped. */
  #data(r: JsonFrameReader): boolean {
    const out = this.data;
    out.seq = undefined;
    let seen = 0;
    if (!r.take(JSON_BYTE.openBrace)) return false;
    for (;;) {
      if (!r.key()) return false;
      if (r.is(BIDS)) {
        if (!r.levels(out.b, this.#bidPairs)) return false;
        seen |= 1;
      } else if (r.is(ASKS)) {
        if (!r.levels(out.a, this.#askPairs)) return false;
        seen |= 2;
      } else if (r.is(U)) {
        const u = r.number();
        if (Number.isNaN(u)) return false;
        out.u = u;
        seen |= 4;
      } else if (r.is(SEQ)) {
        const seq = r.number();
        if (Number.isNaN(seq)) return false;
        out.seq = seq;
      } else if (!r.skipValue()) return false;
      const more = r.next(JSON_BYTE.closeBrace);
      if (more === 1) continue;
      return more === 0 && seen === 7;
    }
  }
}
