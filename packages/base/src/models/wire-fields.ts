// Reading a venue's wire fields as numbers, once, at the boundary. `Number()` alone would turn a
// missing or garbled field into NaN (or "" into 0) and let it travel on; these readers refuse it
// with a ValidationError that names the venue and the field, and map the "" / "0" placeholders
// venues send for "none" to `undefined` where a model has no zero. Each venue package makes its
// readers once (`wireFieldReaders('bybit', 'Bybit')`) and parses every payload with them.
import { ValidationError } from '../errors.js';

/** Number readers for one venue's payloads; every one names the venue and field when it refuses. */
export interface WireFieldReaders {
  /** A finite number from a decimal string (or number); ValidationError otherwise. */
  decimal(value: unknown, field: string): number;
  /** Like `decimal`, but absent, empty and zero values are `undefined`. */
  positiveOrUndefined(value: unknown, field: string): number | undefined;
  /** Like `decimal`, but absent and empty values are 0. */
  decimalOrZero(value: unknown, field: string): number;
  /** A safe integer given as a number (ids, timestamps in number fields); ValidationError otherwise. */
  integer(value: unknown, field: string): number;
  /** A millisecond time ≥ 0 given as a number or a string of digits; ValidationError otherwise. */
  time(value: unknown, field: string): number;
}

function shown(value: unknown): string {
  return value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
}

/**
 * The wire-field readers of a venue: `venue` is the id put on errors (`'bybit'`), `venueName`
 * starts their messages (`'Bybit price: expected a decimal string such as "0.01", got "abc"'`).
 */
export function wireFieldReaders(venue: string, venueName: string): WireFieldReaders {
  const refuse = (field: string, expected: string, value: unknown): never => {
    throw new ValidationError(`${venueName} ${field}: expected ${expected}, got ${shown(value)}`, {
      venue,
      details: { field },
    });
  };
  const decimal = (value: unknown, field: string): number => {
    if (typeof value === 'number') {
      if (Number.isFinite(value)) return value;
    } else if (typeof value === 'string' && value !== '') {
      const n = +value;
      if (Number.isFinite(n)) return n;
    }
    return refuse(field, 'a decimal string such as "0.01"', value);
  };
  return {
    decimal,
    positiveOrUndefined(value, field) {
      if (value === undefined || value === null || value === '') return undefined;
      const n = decimal(value, field);
      return n > 0 ? n : undefined;
    },
    decimalOrZero(value, field) {
      if (value === undefined || value === null || value === '') return 0;
      return decimal(value, field);
    },
    integer(value, field) {
      if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
      return refuse(field, 'an integer', value);
    },
    time(value, field) {
      const n = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
      if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
      return refuse(field, 'a time in ms', value);
    },
  };
}
