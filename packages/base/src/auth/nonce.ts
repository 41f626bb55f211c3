// Monotonic nonces for signed requests. Venues reject a nonce that is not greater than the
// last one seen for the key (Bitfinex: microseconds; others: milliseconds), so a nonce source
// must keep increasing even when its clock stands still (many requests in one millisecond) or
// goes backwards (an NTP step, a server-offset correction).
import { type Clock, systemClock } from '../clock.js';
import { ConfigError, ValidationError } from '../errors.js';

/** Units a nonce counts in. */
export type NonceUnit = 'ms' | 'us';

/** A strictly increasing nonce sequence. Share one per API key: every signer of that key must draw from it. */
export interface NonceSource {
  /** The next nonce as a decimal string (what signers put on the wire). */
  next(): string;
  /** The next nonce as a number (a safe integer). */
  nextValue(): number;
  /** The last nonce handed out, or `undefined` before the first. */
  readonly last: number | undefined;
  /** The unit the nonces count in. */
  readonly unit: NonceUnit;
}

/** Options of {@link createNonceSource}. */
export interface NonceSourceOptions {
  /** Where time comes from (default the system clock; pass a ServerOffsetClock to follow the venue). */
  clock?: Clock;
  /** `'ms'` (default) or `'us'` (microseconds, as Bitfinex expects). */
  unit?: NonceUnit;
  /**
   * Every nonce will be greater than this (e.g. the last nonce a previous process used, so a
   * restart within a burst cannot reuse one). Default: none.
   */
  after?: number;
}

/**
 * Creates a nonce source: each nonce is the clock's time in `unit`, or one more than the
 * previous nonce if the clock has not moved past it. Strictly increasing per instance, whatever
 * the clock does. Microsecond nonces from a millisecond clock are `ms × 1000`, bumped by one
 * per extra call within the same millisecond.
 */
export function createNonceSource(options: NonceSourceOptions = {}): NonceSource {
  const clock = options.clock ?? systemClock;
  const unit = options.unit ?? 'ms';
  if (unit !== 'ms' && unit !== 'us') {
    throw new ConfigError(`nonce unit must be 'ms' or 'us', got ${String(unit)}`, {
      details: { field: 'unit' },
    });
  }
  const after = options.after;
  if (after !== undefined && !(Number.isSafeInteger(after) && after >= 0)) {
    throw new ConfigError('nonce option "after" must be a non-negative safe integer', {
      details: { field: 'after' },
    });
  }
  const factor = unit === 'us' ? 1000 : 1;
  let last = after ?? Number.NEGATIVE_INFINITY;
  let handedOut = false;
  const nextValue = (): number => {
    const now = Math.floor(clock.now() * factor);
    if (!(now >= 0)) throw new ValidationError(`the nonce clock returned an invalid time (${now})`);
    last = now > last ? now : last + 1;
    handedOut = true;
    return last;
  };
  return Object.freeze({
    next: (): string => String(nextValue()),
    nextValue,
    get last(): number | undefined {
      return handedOut ? last : undefined;
    },
    unit,
  });
}
