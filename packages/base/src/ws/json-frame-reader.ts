// JsonFrameReader: the pieces a venue needs to decode its hottest frames (order-book diffs)
// straight from the socket's bytes, without the frame's string, a generic object, or a string per
// price. It reads compact JSON only — no whitespace, no escapes, plain decimals — and says so
// (false / NaN) at anything else, so that a decoder built on it can decline the frame and let the
// caller fall back to JSON.parse. Numbers come out exactly as `+"65000.5"` gives them: an integer
// of at most 15 significant digits divided by an exact power of ten (at most 10^22) is correctly
// rounded.

/** Byte values of the JSON punctuation the reader checks for. */
export const JSON_BYTE = {
  quote: 0x22,
  comma: 0x2c,
  colon: 0x3a,
  openBrace: 0x7b,
  closeBrace: 0x7d,
  openBracket: 0x5b,
  closeBracket: 0x5d,
} as const;

const { quote: QUOTE, comma: COMMA, colon: COLON } = JSON_BYTE;
const { openBrace: OPEN_BRACE, closeBrace: CLOSE_BRACE } = JSON_BYTE;
const { openBracket: OPEN_BRACKET, closeBracket: CLOSE_BRACKET } = JSON_BYTE;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const BACKSLASH = 0x5c;
const LOWER_E = 0x65;
const UPPER_E = 0x45;

/** Most significant digits read exactly as a double (below 2^53). */
const MAX_DIGITS = 15;
/** Largest power of ten that is an exact double (10^22): the most decimals one division can scale. */
const MAX_SCALE = 22;
const POWERS_OF_TEN = Array.from({ length: MAX_SCALE + 1 }, (_, i) => 10 ** i);

/** An ASCII word (a key or a value to compare) as bytes, made once and compared with {@link JsonFrameReader.is}. */
export function jsonWord(word: string): Uint8Array {
  return Buffer.from(word, 'latin1');
}

/** A cursor over one compact JSON frame; reuse one per stream with {@link reset}. */
export class JsonFrameReader {
  #buf: Uint8Array = new Uint8Array(0);
  #p = 0;
  #wordStart = 0;
  #wordEnd = 0;

  /** Starts reading `frame` from its first byte. */
  reset(frame: Uint8Array): void {
    this.#buf = frame;
    this.#p = 0;
  }

  /** True once every byte was read (a frame must end right after its closing brace). */
  get atEnd(): boolean {
    return this.#p === this.#buf.length;
  }

  /** Consumes `byte` if it is next. */
  take(byte: number): boolean {
    if (this.#buf[this.#p] !== byte) return false;
    this.#p++;
    return true;
  }

  /** After a value: 1 on a comma (more follows), 0 on `close` (consumed), -1 on anything else. */
  next(close: number): 1 | 0 | -1 {
    const c = this.#buf[this.#p];
    this.#p++;
    return c === COMMA ? 1 : c === close ? 0 : -1;
  }

  /** Reads `"name":`; compare the name with {@link is}. */
  key(): boolean {
    return this.string() && this.take(COLON);
  }

  /** Reads a plain string (no escapes); compare it with {@link is}. */
  string(): boolean {
    if (!this.take(QUOTE)) return false;
    this.#wordStart = this.#p;
    if (!this.#stringBody()) return false;
    this.#wordEnd = this.#p - 1;
    return true;
  }

  /** True when the last key or string read is `word`. */
  is(word: Uint8Array): boolean {
    const start = this.#wordStart;
    if (this.#wordEnd - start !== word.length) return false;
    const buf = this.#buf;
    for (let i = 0; i < word.length; i++) if (buf[start + i] !== word[i]) return false;
    return true;
  }

  /**
   * A plain decimal (`-`? digits (`.` digits)?), quoted or not, of at most 15 significant digits
   * and 22 decimals, as the number `+text` gives; NaN (nothing consumed) for anything else.
   */
  number(): number {
    const buf = this.#buf;
    let p = this.#p;
    const quoted = buf[p] === QUOTE;
    if (quoted) p++;
    const negative = buf[p] === MINUS;
    if (negative) p++;
    // Significant digits only: leading zeros and a fraction's trailing zeros do not change the
    // value (Binance pads sizes to 8 decimals: "12345678.00000000" has 8 significant digits).
    let mantissa = 0;
    let significant = 0;
    let sawDigit = false;
    let scale = 0;
    let c = buf[p];
    while (c !== undefined && c >= ZERO && c <= NINE) {
      sawDigit = true;
      if (mantissa !== 0 || c !== ZERO) {
        mantissa = mantissa * 10 + (c - ZERO);
        significant++;
      }
      c = buf[++p];
    }
    if (c === DOT) {
      c = buf[++p];
      let fraction = 0;
      let zeros = 0;
      while (c !== undefined && c >= ZERO && c <= NINE) {
        fraction++;
        if (c === ZERO) zeros++;
        else {
          // The zeros before this digit count now: they sit between significant digits.
          scale += zeros + 1;
          if (mantissa === 0) {
            mantissa = c - ZERO;
            significant = 1;
          } else {
            significant += zeros + 1;
            if (significant > MAX_DIGITS) return Number.NaN;
            mantissa = mantissa * POWERS_OF_TEN[zeros + 1]! + (c - ZERO);
          }
          zeros = 0;
        }
        c = buf[++p];
      }
      if (fraction === 0) return Number.NaN;
      sawDigit = true;
    }
    if (!sawDigit || significant > MAX_DIGITS || scale > MAX_SCALE) return Number.NaN;
    if (quoted) {
      if (c !== QUOTE) return Number.NaN;
      p++;
    } else if (c === LOWER_E || c === UPPER_E) return Number.NaN;
    this.#p = p;
    const value = scale === 0 ? mantissa : mantissa / POWERS_OF_TEN[scale]!;
    return negative ? -value : value;
  }

  /**
   * Price levels `[[price, size], …]` into `out` (its length set to the count), reusing the pairs
   * kept in `pairs` from frame to frame. False at anything but two plain decimals per level.
   */
  levels(out: number[][], pairs: number[][]): boolean {
    if (!this.take(OPEN_BRACKET)) return false;
    let n = 0;
    if (!this.take(CLOSE_BRACKET)) {
      for (;;) {
        if (!this.take(OPEN_BRACKET)) return false;
        const price = this.number();
        if (Number.isNaN(price) || !this.take(COMMA)) return false;
        const size = this.number();
        if (Number.isNaN(size) || !this.take(CLOSE_BRACKET)) return false;
        let pair = pairs[n];
        if (pair === undefined) {
          pair = [0, 0];
          pairs.push(pair);
        }
        pair[0] = price;
        pair[1] = size;
        out[n++] = pair;
        const more = this.next(CLOSE_BRACKET);
        if (more === 1) continue;
        if (more === -1) return false;
        break;
      }
    }
    // Shrinking by pop stays in compiled code (setting `length` is a runtime call).
    while (out.length > n) out.pop();
    return true;
  }

  /** Skips any value (string, number, literal, nested object or array) up to the comma or brace after it. */
  skipValue(): boolean {
    const buf = this.#buf;
    const start = this.#p;
    let depth = 0;
    for (let p = start, n = buf.length; p < n; p++) {
      const c = buf[p]!;
      if (c === QUOTE) {
        this.#p = p + 1;
        if (!this.#stringBody()) return false;
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

  #endValue(start: number, p: number): boolean {
    this.#p = p;
    return p > start;
  }

  /** After an opening quote: up to and past the closing one; false at a backslash or the end. */
  #stringBody(): boolean {
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
}
