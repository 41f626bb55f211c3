// Stateless determinism: a 32-bit string hash (FNV-1a) for per-key salts and ids, and noise in
// [-1, 1) for an integer under a salt, so a value at a given time or index needs no generator.

/** A 32-bit hash of `text` (FNV-1a). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Deterministic noise in [-1, 1) for an integer `k` under `salt` (no state). */
export function noiseAt(salt: number, k: number): number {
  let z = (salt ^ Math.imul(k | 0, 0x27d4eb2d) ^ Math.floor(k / 4294967296)) | 0;
  z = Math.imul(z ^ (z >>> 15), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return (z >>> 0) / 2147483648 - 1;
}
