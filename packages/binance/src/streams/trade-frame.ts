// Decodes a combined-stream trade frame straight from the socket's bytes into a Trade, without
// the frame's string, JSON.parse's object or a string per price: `{"stream":…,"data":{"e":"trade",
// "E":…,"s":…,"t":…,"p":"65000.5","q":"0.12","T":…,"m":true,"M":true}}` (or `aggTrade` with id
// `a`), keys in any order, unknown keys skipped. It accepts exactly what tradeFromEvent accepts
// and gives the same Trade; anything else — whitespace, escapes, exponents, longer numbers, an
// id or time that is a string, a missing or bad field — makes it return undefined, and the
// caller takes the decoded JSON (and tradeFromEvent's error) instead.
import { JSON_BYTE, JsonFrameReader, jsonWord, type Trade } from '@venuekit/base';
import type { SymbolNames } from '../parsing/market.js';

const DATA = jsonWord('data');
const EVENT = jsonWord('e');
const AGG_TRADE = jsonWord('aggTrade');
const TRADE_ID = jsonWord('t');
const AGG_ID = jsonWord('a');
const PRICE = jsonWord('p');
const QUANTITY = jsonWord('q');
const TIME = jsonWord('T');
const MAKER = jsonWord('m');
const { quote: QUOTE, openBrace: OPEN_BRACE, closeBrace: CLOSE_BRACE } = JSON_BYTE;
const TRUE = jsonWord('true');
const FALSE = jsonWord('false');

/** A reusable decoder of one trade stream's frames. */
export class TradeFrameDecoder {
  readonly #reader = new JsonFrameReader();
  readonly #names: SymbolNames;
  // The payload's fields while decoding one frame (NaN: absent).
  #aggregate = false;
  #tradeId = Number.NaN;
  #aggId = Number.NaN;
  #price = Number.NaN;
  #quantity = Number.NaN;
  #time = Number.NaN;
  #sell = false;

  constructor(names: SymbolNames) {
    this.#names = names;
  }

  /** The frame's trade, or undefined when its form is not the plain one (decode it as JSON instead). */
  decode(frame: Buffer): Trade | undefined {
    const r = this.#reader;
    r.reset(frame);
    let data = false;
    if (!r.take(OPEN_BRACE)) return undefined;
    for (;;) {
      if (!r.key()) return undefined;
      if (r.is(DATA)) {
        if (data || !this.#data(r)) return undefined; // a repeated `data`: JSON.parse keeps the last
        data = true;
      } else if (!r.skipValue()) return undefined;
      const more = r.next(CLOSE_BRACE);
      if (more === 1) continue;
      if (more === -1) return undefined;
      break;
    }
    if (!data || !r.atEnd) return undefined;
    const id = this.#aggregate ? this.#aggId : this.#tradeId;
    const price = this.#price;
    const quantity = this.#quantity;
    const time = this.#time;
    // NaN fails every comparison: an absent field declines. Numbers read are finite.
    if (!(price > 0) || !(quantity > 0) || Number.isNaN(id) || Number.isNaN(time)) return undefined;
    const names = this.#names;
    return {
      venue: 'binance',
      symbol: names.symbol,
      unifiedSymbol: names.unifiedSymbol,
      id: String(id),
      price,
      quantity,
      side: this.#sell ? 'sell' : 'buy',
      timestamp: time,
    };
  }

  /** The payload: `e`, the id, `p`, `q`, `T` and `m` read, the rest skipped; false to decline. */
  #data(r: JsonFrameReader): boolean {
    this.#aggregate = false;
    this.#tradeId = this.#aggId = this.#price = this.#quantity = this.#time = Number.NaN;
    this.#sell = false;
    if (!r.take(OPEN_BRACE)) return false;
    if (r.take(CLOSE_BRACE)) return true;
    for (;;) {
      if (!r.key()) return false;
      if (r.is(PRICE)) {
        this.#price = r.number(); // quoted or not, as tradeFromEvent's `+p`
        if (Number.isNaN(this.#price)) return false;
      } else if (r.is(QUANTITY)) {
        this.#quantity = r.number();
        if (Number.isNaN(this.#quantity)) return false;
      } else if (r.is(TRADE_ID)) {
        this.#tradeId = plainNumber(r);
        if (Number.isNaN(this.#tradeId)) return false;
      } else if (r.is(AGG_ID)) {
        this.#aggId = plainNumber(r);
        if (Number.isNaN(this.#aggId)) return false;
      } else if (r.is(TIME)) {
        this.#time = plainNumber(r);
        if (Number.isNaN(this.#time)) return false;
      } else if (r.is(MAKER)) {
        // tradeFromEvent: `m === true` sells; a literal other than true or false declines.
        if (takeWord(r, TRUE)) this.#sell = true;
        else if (takeWord(r, FALSE)) this.#sell = false;
        else return false;
      } else if (r.is(EVENT)) {
        if (!r.string()) return false; // not a plain string: let tradeFromEvent judge it
        this.#aggregate = r.is(AGG_TRADE);
      } else if (!r.skipValue()) return false;
      const more = r.next(CLOSE_BRACE);
      if (more === 1) continue;
      return more === 0;
    }
  }
}

/** Consumes the bytes of `word` (a literal); false (partly consumed: decline) when they differ. */
function takeWord(r: JsonFrameReader, word: Uint8Array): boolean {
  for (let i = 0; i < word.length; i++) if (!r.take(word[i]!)) return false;
  return true;
}

/** An unquoted number (tradeFromEvent wants a JSON number, not a string, for ids and times); NaN otherwise. */
function plainNumber(r: JsonFrameReader): number {
  if (r.take(QUOTE)) return Number.NaN;
  return r.number();
}
