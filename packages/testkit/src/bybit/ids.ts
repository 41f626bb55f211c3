// Identifiers the Bybit simulator hands out, shaped like Bybit's and reproducible from the seed:
// UUIDs (linear order / execution ids, public connection ids, private event ids) and private-stream
// connection ids (`cejreaspqfh3sjdnldmg-p`).
import { createHash } from 'node:crypto';

/** A UUID-shaped id (8-4-4-4-12 lower-case hex) derived from `seed` and `n`. */
export function uuidFrom(seed: string, n: number): string {
  const h = createHash('sha256').update(`${seed}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const BASE32 = 'abcdefghijklmnopqrstuv0123456789';

/** A private-stream connection id: 20 lower-case characters, `-`, and a short suffix. */
export function privateConnId(seed: string, n: number): string {
  const bytes = createHash('sha256').update(`${seed}:private:${n}`).digest();
  let head = '';
  for (let i = 0; i < 20; i++) head += BASE32[bytes[i]! & 31];
  return `${head}-${n.toString(36)}`;
}
