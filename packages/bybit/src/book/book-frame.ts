// Decodes a Bybit orderbook frame straight from the socket's bytes (bybit.md §6), without building
// the frame's string, a generic object, or a string per price: `{"topic":…,"type":"delta","ts":…,
// "data":{"s":…,"b":[["65000.5","0.12"],…],"a":[…],"u":…,"seq":…},"cts":…}` in any key order, with
// unknown keys skipped. Prices and sizes become numbers with exactly the value `+"65000.5"` gives
// (an integer of at most 15 digits divided by a power of ten is correctly rounded). Anything else —
// whitespace, escapes, exponents, longer numbers, a missing field, a value of another type —
// makes `decode` return false, and the caller falls back to JSON.parse, which handles every case
// the old way. The levels land in arrays reused from frame to frame: read them before the next one.

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const BACKSLASH = 0x5c;

/** Most digits read exactly as a double (below 2^53). */
const MAX_DIGITS = 15;
const POWERS_OF_TEN = Array.from({ length: MAX_DIGITS + 1 }, (_, i) => 10 ** i);

const KEY_TOPIC = key('topic');
const KEY_TYPE = key('type');
const KEY_TS = key('ts');
const KEY_DATA = key('data');
const KEY_BIDS = key('b');
const KEY_ASKS = key('a');
const KEY_U = key('u');
const KEY_SEQ = key('seq');
const SNAPSHOT = key('snapshot');
const DELTA = key('delta');

function key(name: string): Uint8Array {
  return Buffer.from(name, 'latin1');
}

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
  readonly #bidPairs: number[][] = [];
  readonly #askPairs: number[][] = [];
  #buf: Buffer = Buffer.alloc(0);
  #p = 0;

  /** Decodes one frame; false when its form is not the plain one (decode it as JSON instead). */
  decode(frame: Buffer): boolean {
    this.#buf = frame;
    this.#p = 0;
    this.ts = undefined;
    let type: 'snapshot' | 'delta' | undefined;
    let data = false;
    if (!this.#take(OPEN_BRACE)) return false;
    for (;;) {
      const start = this.#p + 1;
      if (!this.#take(QUOTE) || !this.#skipStringBody() || !this.#take(COLON)) return false;
      const end = this.#p - 2;
      if (this.#is(start, end, KEY_DATA)) {
        if (!this.#data()) return false;
        data = true;
      } else if (this.#is(start, end, KEY_TYPE)) {
        type = this.#type();
        if (type === undefined) return false;
      } else if (this.#is(start, end, KEY_TS)) {
        const ts = this.#number();
        if (Number.isNaN(ts)) return false;
        this.ts = ts;
      } else if (!(this.#is(start, end, KEY_TOPIC) ? this.#skipString() : this.#skipValue())) return false;
      if (this.#take(COMMA)) continue;
      if (!this.#take(CLOSE_BRACE)) return false;
      break;
    }
    if (this.#p !== frame.length || type === undefined || !data) return false;
    this.type = type;
    return true;
  }

  /** The `data` object: `b`, `a` and `u` required, `seq` optional, the rest skipped. */
  #data(): boolean {
    const out = this.data;
    out.seq = undefined;
    let seen = 0;
    if (!this.#take(OPEN_BRACE)) return false;
    for (;;) {
      const start = this.#p + 1;
      if (!this.#take(QUOTE) || !this.#skipStringBody() || !this.#take(COLON)) return false;
      const end = this.#p - 2;
      if (this.#is(start, end, KEY_BIDS)) {
        if (!this.#levels(out.b, this.#bidPairs)) return false;
        seen |= 1;
      } else if (this.#is(start, end, KEY_ASKS)) {
        if (!this.#levels(out.a, this.#askPairs)) return false;
        seen |= 2;
      } else if (this.#is(start, end, KEY_U)) {
        const u = this.#number();
        if (Number.isNaN(u)) return false;
        out.u = u;
        seen |= 4;
      } else if (this.#is(start, end, KEY_SEQ)) {
        const seq = this.#number();
        if (Number.isNaN(seq)) return false;
        out.seq = seq;
      } else if (!this.#skipValue()) return false;
      if (this.#take(COMMA)) continue;
      return this.#take(CLOSE_BRACE) && seen === 7;
    }
  }

  /** `[[price, size], …]` into `out`, reusing the pairs kept in `pairs`. */
  #levels(out: number[][], pairs: number[][]): boolean {
    if (!this.#take(OPEN_BRACKET)) return false;
    let n = 0;
    if (!this.#take(CLOSE_BRACKET)) {
      for (;;) {
        if (!this.#take(OPEN_BRACKET)) return false;
        const price = this.#number();
        if (Number.isNaN(price) || !this.#take(COMMA)) return false;
        const size = this.#number();
        if (Number.isNaN(size) || !this.#take(CLOSE_BRACKET)) return false;
        let pair = pairs[n];
        if (pair === undefined) {
          pair = [0, 0];
          pairs.push(pair);
        }
        pair[0] = price;
        pair[1] = size;
        out[n++] = pair;
        if (this.#take(COMMA)) continue;
        if (!this.#take(CLOSE_BRACKET)) return false;
        break;
      }
    }
    out.length = n;
    return true;
  }

  /** `"snapshot"` or `"delta"`; undefined for anything else. */
  #type(): 'snapshot' | 'delta' | undefined {
    const start = this.#p + 1;
    if (!this.#skipString()) return undefined;
    const end = this.#p - 1;
    return this.#is(start, end, DELTA) ? 'delta' : this.#is(start, end, SNAPSHOT) ? 'snapshot' : undefined;
  }

  /**
   * A plain decimal (`-`? digits (`.` digits)?), quoted or not, of at most 15 digits, as the
   * number `+text` gives; NaN for anything else.
   */
  #number(): number {
    const buf = this.#buf;
    let p = this.#p;
    const quoted = buf[p] === QUOTE;
    if (quoted) p++;
    const negative = buf[p] === MINUS;
    if (negative) p++;
    let mantissa = 0;
    let digits = 0;
    let scale = 0;
    let c = buf[p];
    while (c !== undefined && c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
      c = buf[++p];
    }
    if (c === DOT) {
      c = buf[++p];
      while (c !== undefined && c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO);
        digits++;
        scale++;
        c = buf[++p];
      }
      if (scale === 0) return Number.NaN;
    }
    if (digits === 0 || digits > MAX_DIGITS) return Number.NaN;
    if (quoted) {
      if (c !== QUOTE) return Number.NaN;
      p++;
    }
    this.#p = p;
    const value = scale === 0 ? mantissa : mantissa / POWERS_OF_TEN[scale]!;
    return negative ? -value : value;
  }

  /** True when the bytes at `[start, end)` equal `word`. */
  #is(start: number, end: number, word: Uint8Array): boolean {
    if (end - start !== word.length) return false;
    const buf = this.#buf;
    for (let i = 0; i < word.length; i++) if (buf[start + i] !== word[i]) return false;
    return true;
  }

  /** Consumes `byte` if it is next. */
  #take(byte: number): boolean {
    if (this.#buf[this.#p] !== byte) return false;
    this.#p++;
    return true;
  }

  #skipString(): boolean {
    return this.#take(QUOTE) && this.#skipStringBody();
  }

  /** After an opening quote: up to and past the closing one; false at a backslash or the end. */
  #skipStringBody(): boolean {
    const buf = this.#buf;
    for (let p = this.#p, n = buf.length; p < n; p++) {
      const c = buf[p];
      if (c === QUOTE) {
        this.#p = p + 1;
        return true;
      }
      if (c === BACKSLASH) return false;
    }
    return false;
  }

  /** Any JSON value without whitespace or escapes: strings, numbers, literals, nested objects and arrays. */
  #skipValue(): boolean {
    const buf = this.#buf;
    const start = this.#p;
    let depth = 0;
    for (let p = start, n = buf.length; p < n; p++) {
      const c = buf[p]!;
      if (c === QUOTE) {
        this.#p = p + 1;
        if (!this.#skipStringBody()) return false;
        p = this.#p - 1;
      } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
      else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth === 0) return this.#endValue(start, p);
        depth--;
      } else if (c === COMMA && depth === 0) return this.#endValue(start, p);
      else if (c <= 0x20) return false;
    }
    return false;
  }

  /** A skipped value ends before `p`: true unless it was empty. */
  #endValue(start: number, p: number): boolean {
    this.#p = p;
    return p > start;
  }
}
