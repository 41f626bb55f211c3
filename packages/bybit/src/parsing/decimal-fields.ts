// Reading Bybit's decimal strings as numbers, once, at the boundary. `Number()` alone would turn a
// missing or garbled field into NaN (or "" into 0) and let it travel on; these helpers refuse it
// with a ValidationError naming the field, and map Bybit's "" / "0" placeholders to `undefined`
// where the model has no zero.
import { ValidationError } from '@venuekit/base';

/** A finite number from a Bybit decimal string (or number); ValidationError otherwise. */
export function decimalField(value: unknown, field: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else if (typeof value === 'string' && value !== '') {
    const n = +value;
    if (Number.isFinite(n)) return n;
  }
  throw new ValidationError(
    `Bybit ${field}: expected a decimal string such as "0.01", got ${value === undefined ? 'nothing' : JSON.stringify(value)}`,
    { venue: 'bybit', details: { field } },
  );
}

/** Like {@link decimalField}, but absent, empty and zero values are `undefined`. */
export function positiveOrUndefined(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = decimalField(value, field);
  return n > 0 ? n : undefined;
}

/** Like {@link decimalField}, but absent and empty values are 0. */
export function decimalOrZero(value: unknown, field: string): number {
  if (value === undefined || value === null || value === '') return 0;
  return decimalField(value, field);
}

/** A millisecond timestamp from a string or number; ValidationError otherwise. */
export function timeField(value: unknown, field: string): number {
  const n = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
  throw new ValidationError(
    `Bybit ${field}: expected a time in ms, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`,
    { venue: 'bybit', details: { field } },
  );
}
