// The one overflow policy every bounded stream in base speaks (WebSocket buffers and pool
// streams, feed `watch*` streams, `bus.stream()`, store `watch()`), and the checks that turn a
// bad capacity or policy into a ConfigError naming the field and the expected form.
import { ConfigError } from '../errors.js';

/**
 * What a full stream buffer does with one more item. Each stream picks its own default; every
 * item lost counts in the stream's `dropped`.
 * - `'conflate'`: keep the latest rather than a backlog — for snapshots and state (tickers,
 *   books, balances), never for deltas. With a key (`keyOf`), each key is buffered once: a newer
 *   item replaces its key's entry in place at any fill level (counted in `conflated`, not lost),
 *   and a new key arriving at `capacity` keys drops the oldest key's entry. Without a key, a
 *   full buffer's newest entry is replaced by the arriving item.
 * - `'dropOldest'`: the oldest buffered item is dropped to make room.
 * - `'dropNewest'`: the arriving item is dropped; what is buffered stays.
 * - `'error'`: the arriving item is refused and the stream fails with `BufferOverflowError`
 *   (its source released), for streams where a silent gap would be a wrong result.
 */
export type OverflowPolicy = 'conflate' | 'dropOldest' | 'dropNewest' | 'error';

/** Every {@link OverflowPolicy}, in the order error messages list them. */
export const OVERFLOW_POLICIES: readonly OverflowPolicy[] = Object.freeze([
  'conflate',
  'dropOldest',
  'dropNewest',
  'error',
]);

/** `'a', 'b' or 'c'`: the accepted values, as an error message lists them. */
export function listPolicies(policies: readonly string[]): string {
  const quoted = policies.map((p) => `'${p}'`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}` : quoted.join('');
}

/** Returns `value` if it is an integer ≥ 1; otherwise throws ConfigError naming `field`. */
export function checkCapacity(value: number, field: string): number {
  if (Number.isInteger(value) && value >= 1) return value;
  throw new ConfigError(`${field}: expected a positive integer, got ${String(value)}`, {
    details: { field },
  });
}

/**
 * Returns `value` if it is one of `allowed` (default: every policy); otherwise throws
 * ConfigError naming `field` and listing what is accepted.
 */
export function checkOverflowPolicy<P extends string = OverflowPolicy>(
  value: P,
  field: string,
  allowed: readonly string[] = OVERFLOW_POLICIES,
): P {
  if (allowed.includes(value)) return value;
  throw new ConfigError(`${field}: expected ${listPolicies(allowed)}, got ${String(value)}`, {
    details: { field },
  });
}
