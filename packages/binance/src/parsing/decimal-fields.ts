// Reading Binance's decimal strings as numbers, once, at the boundary. `Number()` alone would
// turn a missing or garbled field into NaN (or "" into 0) and let it travel on; these helpers
// refuse it with a ValidationError naming the field, and map Binance's "0" placeholders (no last
// price, no stop price) to `undefined` where the model has no zero.
import { ValidationError } from '@venuekit/base';

/** A finite number from a Binance decimal string (or number); ValidationError otherwise. */
export function decimalField(value: unknown, field: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
  } else if (typeof value === 'string' && value !== '') {
    const n = +value;
    if (Number.isFinite(n)) return n;
  }
  throw new ValidationError(
    `Binance ${field}: expected a decimal string such as "0.01", got ${value === undefined ? 'nothing' : JSON.stringify(value)}`,
    { venue: 'binance', details: { field } },
  );
}

/** Like {@link decimalField}, but absent, empty and zero values are `undefined`. */
export function positiveOrUndefined(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = decimalField(value, field);
  return n > 0 ? n : undefined;
}

/** An integer timestamp (ms) or id; ValidationError otherwise. */
export function integerField(value: unknown, field: string): number {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  throw new ValidationError(
    `Binance ${field}: expected an integer, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`,
    { venue: 'binance', details: { field } },
  );
}
