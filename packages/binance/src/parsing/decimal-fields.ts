// Binance's decimal strings read as numbers, once, at the boundary, with base's wire-field
// readers: a missing or garbled field is a ValidationError naming it, and Binance's "0"
// placeholders (no last price, no stop price) become `undefined` where the model has no zero.
import { wireFieldReaders } from '@venuekit/base';

const binanceFields = wireFieldReaders('binance', 'Binance');

/** A finite number from a Binance decimal string (or number); ValidationError otherwise. */
export const decimalField = binanceFields.decimal;
/** Like {@link decimalField}, but absent, empty and zero values are `undefined`. */
export const positiveOrUndefined = binanceFields.positiveOrUndefined;
/** An integer timestamp (ms) or id; ValidationError otherwise. */
export const integerField = binanceFields.integer;
