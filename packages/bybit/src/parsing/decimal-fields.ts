// Bybit's decimal strings and times read as numbers, once, at the boundary, with base's
// wire-field readers: a missing or garbled field is a ValidationError naming it, and Bybit's
// "" / "0" placeholders become `undefined` where the model has no zero.
import { wireFieldReaders } from '@venuekit/base';

const bybitFields = wireFieldReaders('bybit', 'Bybit');

/** A finite number from a Bybit decimal string (or number); ValidationError otherwise. */
export const decimalField = bybitFields.decimal;
/** Like {@link decimalField}, but absent, empty and zero values are `undefined`. */
export const positiveOrUndefined = bybitFields.positiveOrUndefined;
/** Like {@link decimalField}, but absent and empty values are 0. */
export const decimalOrZero = bybitFields.decimalOrZero;
/** A millisecond timestamp from a string or number; ValidationError otherwise. */
export const timeField = bybitFields.time;
