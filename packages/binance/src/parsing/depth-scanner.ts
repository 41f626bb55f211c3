// A direct reader of `GET /depth` bodies: it walks the response text once and produces the number
// levels of an OrderBook, without building the JSON tree of strings that JSON.parse + parseDepth
// would make and throw away (on a 1000-level snapshot that tree is ~4,000 strings and 2,000
// arrays). It reads only the forms Binance sends: an object of `lastUpdateId`, `E`, `T` (plain
// integers), `bids` and `asks` (arrays of `["price","qty"]` with plain decimal strings). For
// anything else — exponents, signs, more than 15 significant digits, escapes, unknown or repeated
// keys — it answers `undefined` and the caller takes the JSON.parse path, which also produces the
// errors. Within what it reads, its numbers are exactly those of `+text` (see readDecimal).
import type { OrderBook, OrderBookLevel } from '@venuekit/base';
import type { DepthWire } from '../rest/wire-types.js';
import { parseDepth, type SymbolNames } from './market.js';

const QUOTE = 34;
const COMMA = 44;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const COLON = 58;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;

/** Exact powers of ten (10^0 … 10^22 are exactly representable as doubles). */
const POWERS_OF_TEN: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Reading state: the text and the position of the next character. */
interface Cursor {
  readonly text: string;
  at: number;
  /** The value of the last number read. */
  value: number;
}

function skipSpace(c: Cursor): void {
  const text = c.text;
  let at = c.at;
  for (;;) {
    const ch = text.charCodeAt(at);
    if (ch !== 32 && ch !== 10 && ch !== 13 && ch !== 9) break;
    at++;
  }
  c.at = at;
}

function expect(c: Cursor, ch: number): boolean {
  skipSpace(c);
  if (c.text.charCodeAt(c.at) !== ch) return false;
  c.at++;
  return true;
}

/**
 * Reads `digits[.digits]` (no sign, no exponent) into `c.value`. With at most 15 significant
 * digits the digits form an integer below 2^53 and the scale is a power of ten up to 10^22, both
 * exact doubles, so one IEEE division gives the correctly rounded value — the same double as
 * `Number(text)`. Anything longer or differently shaped is refused (false).
 */
function readDecimal(c: Cursor, end: number): boolean {
  const text = c.text;
  let at = c.at;
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let scale = 0;
  let inFraction = false;
  for (; at < end; at++) {
    const ch = text.charCodeAt(at);
    if (ch >= ZERO && ch <= NINE) {
      digits++;
      if (mantissa !== 0 || ch !== ZERO) significant++;
      mantissa = mantissa * 10 + (ch - ZERO);
      if (inFraction) scale++;
    } else if (ch === DOT && !inFraction && digits > 0) inFraction = true;
    else return false;
  }
  if (digits === 0 || significant > 15 || scale > 22 || text.charCodeAt(at - 1) === DOT) return false;
  c.value = scale === 0 ? mantissa : mantissa / POWERS_OF_TEN[scale]!;
  c.at = end;
  return true;
}

/** Reads `"decimal"` into `c.value`. */
function readQuotedDecimal(c: Cursor): boolean {
  if (!expect(c, QUOTE)) return false;
  const start = c.at;
  const end = c.text.indexOf('"', start);
  if (end < 0 || !readDecimal(c, end)) return false;
  c.at = end + 1;
  return true;
}

/** Reads a plain non-negative safe integer (JSON number without fraction or exponent). */
function readInteger(c: Cursor): boolean {
  skipSpace(c);
  const text = c.text;
  let at = c.at;
  const start = at;
  let value = 0;
  for (;;) {
    const ch = text.charCodeAt(at);
    if (ch < ZERO || ch > NINE) break;
    value = value * 10 + (ch - ZERO);
    at++;
  }
  const length = at - start;
  // JSON allows no leading zero; 15 digits stay below 2^53.
  if (length === 0 || length > 15 || (length > 1 && text.charCodeAt(start) === ZERO)) return false;
  c.value = value;
  c.at = at;
  return true;
}

/** Reads `[["p","q"],…]`; prices must be > 0 (otherwise the JSON path reports or keeps them). */
function readLevels(c: Cursor): OrderBookLevel[] | undefined {
  if (!expect(c, OPEN_ARRAY)) return undefined;
  const levels: OrderBookLevel[] = [];
  skipSpace(c);
  if (c.text.charCodeAt(c.at) === CLOSE_ARRAY) {
    c.at++;
    return levels;
  }
  for (;;) {
    if (!expect(c, OPEN_ARRAY) || !readQuotedDecimal(c)) return undefined;
    const price = c.value;
    if (!(price > 0) || !expect(c, COMMA) || !readQuotedDecimal(c)) return undefined;
    if (!expect(c, CLOSE_ARRAY)) return undefined;
    levels.push([price, c.value]);
    skipSpace(c);
    const next = c.text.charCodeAt(c.at++);
    if (next === CLOSE_ARRAY) return levels;
    if (next !== COMMA) return undefined;
  }
}

/** Reads `"key"` (letters only) and the colon after it. */
function readKey(c: Cursor): string | undefined {
  if (!expect(c, QUOTE)) return undefined;
  const start = c.at;
  const end = c.text.indexOf('"', start);
  if (end < 0 || end - start > 16) return undefined;
  const key = c.text.slice(start, end);
  c.at = end + 1;
  return expect(c, COLON) ? key : undefined;
}

/**
 * The OrderBook of a `GET /depth` body, read straight from its text, or `undefined` when the
 * text is not in the plain form Binance sends (parse it with JSON.parse + parseDepth instead).
 */
export function scanDepth(text: string, names: SymbolNames, now: number): OrderBook | undefined {
  const c: Cursor = { text, at: 0, value: 0 };
  if (!expect(c, OPEN_OBJECT)) return undefined;
  let sequence: number | undefined;
  let eventTime: number | undefined;
  let transactTime: number | undefined;
  let bids: OrderBookLevel[] | undefined;
  let asks: OrderBookLevel[] | undefined;
  for (;;) {
    const key = readKey(c);
    if (key === 'bids' && bids === undefined) bids = readLevels(c);
    else if (key === 'asks' && asks === undefined) asks = readLevels(c);
    else if (key === 'lastUpdateId' && sequence === undefined && readInteger(c)) sequence = c.value;
    else if (key === 'E' && eventTime === undefined && readInteger(c)) eventTime = c.value;
    else if (key === 'T' && transactTime === undefined && readInteger(c)) transactTime = c.value;
    else return undefined;
    if ((key === 'bids' && bids === undefined) || (key === 'asks' && asks === undefined)) return undefined;
    skipSpace(c);
    const next = c.text.charCodeAt(c.at++);
    if (next === CLOSE_OBJECT) break;
    if (next !== COMMA) return undefined;
  }
  skipSpace(c);
  if (c.at !== text.length || bids === undefined || asks === undefined || sequence === undefined)
    return undefined;
  return {
    venue: 'binance',
    symbol: names.symbol,
    unifiedSymbol: names.unifiedSymbol,
    bids,
    asks,
    timestamp: transactTime ?? eventTime ?? Math.floor(now),
    sequence,
  };
}

/**
 * The OrderBook of a `GET /depth` body: {@link scanDepth} when it reads the text, else
 * JSON.parse + parseDepth (which throws SyntaxError for text that is not JSON and ValidationError
 * for bad levels, as the plain path does).
 */
export function decodeDepth(text: string, names: SymbolNames, now: number): OrderBook {
  return scanDepth(text, names, now) ?? parseDepth(JSON.parse(text) as DepthWire, names, now);
}
