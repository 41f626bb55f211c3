// The sfc32 generator (string seeds hashed with cyrb128): the Binance simulator's markets and
// klines draw from it, so a seed gives the same Binance market it always has.
import { SeededRandom } from './seeded-random.js';

/** sfc32 random numbers from a numeric or string seed; equal seeds give equal sequences. */
export class Sfc32Random extends SeededRandom {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  /** Creates a generator; equal seeds give equal sequences. */
  constructor(seed: number | string) {
    super();
    const h = typeof seed === 'string' ? cyrb128(seed) : [seed >>> 0, 0x9e3779b9, 0x243f6a88, 0xb7e15162];
    this.#a = h[0]! | 0;
    this.#b = h[1]! | 0;
    this.#c = h[2]! | 0;
    this.#d = h[3]! | 0;
    for (let i = 0; i < 16; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const a = this.#a;
    const b = this.#b;
    const c = this.#c;
    const d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.#c = (r + t) | 0;
    return (t >>> 0) / 4294967296;
  }
}

/** Four 32-bit words from a string (cyrb128). */
function cyrb128(text: string): number[] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}
