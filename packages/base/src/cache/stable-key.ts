// Stable cache keys from parameters: a canonical JSON text (object keys sorted, so `{a, b}` and
// `{b, a}` agree) and its SHA-256, for keys built from secrets: a hashed key can be logged,
// printed or inspected without revealing what went into it.
import { createHash } from 'node:crypto';
import { ValidationError } from '../errors.js';

/**
 * Canonical JSON of `value`: sorted object keys, `undefined` properties dropped, bigint as
 * `"123n"`, objects with `toJSON` (Date, URL, …) by what it returns, Map and Set sorted.
 */
export function stableStringify(value: unknown): string {
  return write(value, new Set());
}

function write(value: unknown, seen: Set<object>): string {
  if (value === null || typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string')
    return JSON.stringify(value) ?? 'null';
  if (value === undefined) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(`${value}n`);
  if (typeof value === 'function' || typeof value === 'symbol')
    throw new ValidationError(`stableStringify: cannot key on a ${typeof value}`);
  const obj = value as object;
  if (seen.has(obj)) throw new ValidationError('stableStringify: cannot key on a circular structure');
  if (obj instanceof Date) return JSON.stringify(obj.toISOString());
  const toJSON = (obj as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return write(toJSON.call(obj), seen); // URL, Decimal, …
  seen.add(obj);
  let out: string;
  if (Array.isArray(obj)) out = `[${obj.map((v) => write(v, seen)).join(',')}]`;
  else if (obj instanceof Map)
    out = write(
      [...obj.entries()]
        .map(([k, v]) => [write(k, seen), v])
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      seen,
    );
  else if (obj instanceof Set) out = write([...obj].map((v) => write(v, seen)).sort(), seen);
  else {
    const record = obj as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    out = `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], seen)}`).join(',')}}`;
  }
  seen.delete(obj);
  return out;
}

/** SHA-256 (hex) of the canonical JSON of `value`: a key that never shows the material behind it. */
export function hashedKey(value: unknown): string {
  return createHash('sha256').update(stableStringify(value)).digest('hex');
}
