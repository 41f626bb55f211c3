// The API keys a Bybit simulator accepts (HMAC: key + shared secret), each with the UID its
// account and its per-UID rate limits belong to. Keys are looked up by the X-BAPI-API-KEY value
// (REST) or the first `auth` argument (private WebSocket).
import { fnv1a } from '../../shared/random/hash-noise.js';

/** How a test registers a key; `uid` defaults to a number derived from the key. */
export interface BybitApiKeyOption {
  apiKey: string;
  secret: string;
  uid?: number;
}

/** A registered key. */
export interface RegisteredBybitKey {
  readonly apiKey: string;
  readonly secret: Buffer;
  readonly uid: number;
}

/**
 * The key used when a simulator is started without `apiKeys`: the key string of Bybit's own
 * signing example (`XXXXXXXXXX`) with the secret `test-secret`, so the self-computed vectors in
 * the protocol notes (REST `236d8f71…`, WebSocket auth `f072aab6…`) verify against the simulator.
 */
export const BYBIT_SIM_DEFAULT_KEY: Readonly<Required<BybitApiKeyOption>> = {
  apiKey: 'XXXXXXXXXX',
  secret: 'test-secret',
  uid: 100_000_001,
};

/** Registered keys by key string. */
export class BybitKeyRegistry {
  readonly #keys = new Map<string, RegisteredBybitKey>();

  /** Registers `options`. */
  constructor(options: readonly BybitApiKeyOption[]) {
    for (const o of options) this.add(o);
  }

  /** Registers (or replaces) a key. */
  add(option: BybitApiKeyOption): RegisteredBybitKey {
    if (typeof option.apiKey !== 'string' || option.apiKey === '') {
      throw new TypeError('apiKeys: every entry needs a non-empty apiKey string');
    }
    if (typeof option.secret !== 'string' || option.secret === '') {
      throw new TypeError(`apiKeys: key '${option.apiKey}' needs a non-empty secret string`);
    }
    const uid = option.uid ?? 100_000_000 + (fnv1a(option.apiKey) % 900_000_000);
    if (!Number.isSafeInteger(uid) || uid <= 0)
      throw new TypeError(`apiKeys: uid must be a positive integer, got ${uid}`);
    const key: RegisteredBybitKey = {
      apiKey: option.apiKey,
      secret: Buffer.from(option.secret, 'utf8'),
      uid,
    };
    this.#keys.set(option.apiKey, key);
    return key;
  }

  /** The key registered as `apiKey`, or undefined. */
  get(apiKey: string): RegisteredBybitKey | undefined {
    return this.#keys.get(apiKey);
  }
}
