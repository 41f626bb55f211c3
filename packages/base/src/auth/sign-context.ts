// The SignContext a signer reads time and nonces from. Built once per API key and reused for
// every request signed with it, so the key's nonces keep increasing.
import { type Clock, systemClock } from '../clock.js';
import { ConfigError } from '../errors.js';
import { createNonceSource, type NonceSource, type NonceUnit } from './nonce.js';
import type { SignContext } from './types.js';

/** Options of {@link createSignContext}. */
export interface SignContextOptions {
  /** Where `now()` reads time (default the system clock; use a ServerOffsetClock to follow the venue). */
  clock?: Clock;
  /**
   * Where `nonce()` comes from: a {@link NonceSource}, a function returning the next nonce, or a
   * unit for a new source on `clock` (default `'ms'`).
   */
  nonce?: NonceSource | (() => string) | NonceUnit;
}

/**
 * Creates the context signers receive: `now()` is `clock.now()` and `nonce()` draws from one
 * strictly increasing nonce source. The returned object is frozen.
 */
export function createSignContext(options: SignContextOptions = {}): SignContext {
  const clock = options.clock ?? systemClock;
  const nonce = options.nonce ?? 'ms';
  let nextNonce: () => string;
  if (typeof nonce === 'function') nextNonce = nonce;
  else if (typeof nonce === 'string') {
    const source = createNonceSource({ clock, unit: nonce });
    nextNonce = () => source.next();
  } else if (nonce !== null && typeof nonce === 'object' && typeof nonce.next === 'function') {
    nextNonce = () => nonce.next();
  } else {
    throw new ConfigError("sign context option nonce must be a NonceSource, a function, 'ms' or 'us'", {
      details: { field: 'nonce' },
    });
  }
  return Object.freeze({ now: () => clock.now(), nonce: nextNonce });
}
