// Lets feeds accept a symbol in either form a user may type, the venue's own (`BTCUSDT`,
// `tBTCUSD`, `BTC_JPY`) or unified (`BTC/USDT`), and map between the two. Lookups are plain Map
// hits so the per-message path can call `toUnified` freely; unknown symbols get a BadSymbolError
// with the closest known one.
import { BadSymbolError } from '../errors.js';
import { closestMatch } from '../registry/closest-match.js';

/** The two names of an instrument, which is all the mapper needs. */
export interface SymbolPair {
  /** Venue form (`BTCUSDT`). */
  readonly symbol: string;
  /** Unified form (`BTC/USDT`). */
  readonly unifiedSymbol: string;
}

/**
 * Maps symbols both ways for one venue. Lookup order: exact venue form, exact unified form,
 * then the same two case-insensitively (`btcusdt`, `btc/usdt`) when that is unambiguous.
 */
export class SymbolMapper<I extends SymbolPair = SymbolPair> {
  readonly venue: string;
  #byVenue = new Map<string, I>();
  #byUnified = new Map<string, I>();
  #byFolded: Map<string, I | null> | undefined;

  /** @param venue named in errors; @param instruments the venue's instruments (see {@link SymbolMapper.update}). */
  constructor(venue: string, instruments: Iterable<I> = []) {
    this.venue = venue;
    this.update(instruments);
  }

  /** Replaces the known instruments (after a fresh `getInstruments()`). */
  update(instruments: Iterable<I>): void {
    const byVenue = new Map<string, I>();
    const byUnified = new Map<string, I>();
    for (const instrument of instruments) {
      byVenue.set(instrument.symbol, instrument);
      byUnified.set(instrument.unifiedSymbol, instrument);
    }
    this.#byVenue = byVenue;
    this.#byUnified = byUnified;
    this.#byFolded = undefined;
  }

  /** Number of instruments known. */
  get size(): number {
    return this.#byVenue.size;
  }

  /** The instrument for `symbol` in either form, or undefined. */
  find(symbol: string): I | undefined {
    return (
      this.#byVenue.get(symbol) ??
      this.#byUnified.get(symbol) ??
      this.#folded().get(symbol.toLowerCase()) ??
      undefined
    );
  }

  /** True if `symbol` (either form) is known. */
  has(symbol: string): boolean {
    return this.find(symbol) !== undefined;
  }

  /** The instrument for `symbol` in either form; throws `BadSymbolError` if unknown. */
  instrument(symbol: string): I {
    const found = this.find(symbol);
    if (found === undefined) throw this.#unknown(symbol);
    return found;
  }

  /** The venue form of `symbol` (either form accepted); throws `BadSymbolError` if unknown. */
  toVenue(symbol: string): string {
    return this.instrument(symbol).symbol;
  }

  /** The unified form of `symbol` (either form accepted); throws `BadSymbolError` if unknown. */
  toUnified(symbol: string): string {
    return this.instrument(symbol).unifiedSymbol;
  }

  /** Every known instrument. */
  instruments(): IterableIterator<I> {
    return this.#byVenue.values();
  }

  #folded(): Map<string, I | null> {
    if (this.#byFolded !== undefined) return this.#byFolded;
    // null marks a folded name two instruments share: ambiguous, so not resolved.
    const folded = new Map<string, I | null>();
    const add = (name: string, instrument: I): void => {
      const key = name.toLowerCase();
      const seen = folded.get(key);
      folded.set(key, seen === undefined || seen === instrument ? instrument : null);
    };
    for (const instrument of this.#byVenue.values()) {
      add(instrument.symbol, instrument);
      add(instrument.unifiedSymbol, instrument);
    }
    this.#byFolded = folded;
    return folded;
  }

  #unknown(symbol: string): BadSymbolError {
    const known = [...this.#byVenue.keys(), ...this.#byUnified.keys()];
    const closest = closestMatch(symbol, known);
    const hint =
      closest === undefined
        ? ' No instruments are loaded yet: call getInstruments() or connect() first.'
        : ` Closest known symbol: ${closest}.`;
    return new BadSymbolError(
      `Unknown ${this.venue} symbol ${JSON.stringify(symbol)}: expected the venue's form or a unified symbol such as "BTC/USDT".${hint}`,
      { venue: this.venue, details: { symbol, closest } },
    );
  }
}
