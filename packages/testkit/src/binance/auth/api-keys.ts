// The API keys a Binance simulator accepts: HMAC (shared secret), Ed25519 and RSA (public key
// PEM), each with the account it trades for. Keys are looked up by the X-MBX-APIKEY value.
import { createPublicKey, type KeyObject } from 'node:crypto';

/** How a test registers a key: an HMAC secret, or an Ed25519 / RSA public key in PEM form. */
export type BinanceApiKeyOption =
  | { apiKey: string; secret: string }
  | { apiKey: string; ed25519PublicKeyPem: string }
  | { apiKey: string; rsaPublicKeyPem: string };

/** A registered key with its verifier material. */
export type RegisteredApiKey =
  | { readonly apiKey: string; readonly kind: 'HMAC'; readonly secret: Buffer }
  | { readonly apiKey: string; readonly kind: 'ED25519' | 'RSA'; readonly publicKey: KeyObject };

/**
 * The worked example key of Binance's REST docs (`rest-api.md`): requests signed with it can be
 * checked against the documented signatures. Used when a simulator is started without `apiKeys`.
 */
export const BINANCE_DOCS_HMAC_KEY = {
  apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
  secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
} as const;

/** Binance API keys are 64 alphanumeric characters; anything else is a format error (-2014). */
export const API_KEY_FORMAT = /^[A-Za-z0-9]{64}$/;

/** Registered keys, by key string. */
export class ApiKeyRegistry {
  readonly #keys = new Map<string, RegisteredApiKey>();

  /** Registers the given keys (validating PEMs). */
  constructor(options: readonly BinanceApiKeyOption[]) {
    for (const o of options) this.add(o);
  }

  /** Registers (or replaces) one key. */
  add(option: BinanceApiKeyOption): RegisteredApiKey {
    if (typeof option.apiKey !== 'string' || option.apiKey.length === 0) {
      throw new TypeError('apiKeys: every entry needs a non-empty apiKey string');
    }
    let key: RegisteredApiKey;
    if ('secret' in option) {
      key = { apiKey: option.apiKey, kind: 'HMAC', secret: Buffer.from(option.secret, 'utf8') };
    } else if ('ed25519PublicKeyPem' in option) {
      const publicKey = createPublicKey(option.ed25519PublicKeyPem);
      if (publicKey.asymmetricKeyType !== 'ed25519') {
        throw new TypeError(`apiKeys: ed25519PublicKeyPem of a '${publicKey.asymmetricKeyType}' key`);
      }
      key = { apiKey: option.apiKey, kind: 'ED25519', publicKey };
    } else if ('rsaPublicKeyPem' in option) {
      const publicKey = createPublicKey(option.rsaPublicKeyPem);
      if (publicKey.asymmetricKeyType !== 'rsa') {
        throw new TypeError(`apiKeys: rsaPublicKeyPem of a '${publicKey.asymmetricKeyType}' key`);
      }
      key = { apiKey: option.apiKey, kind: 'RSA', publicKey };
    } else {
      throw new TypeError(
        'apiKeys: give { apiKey, secret } or { apiKey, ed25519PublicKeyPem } or { apiKey, rsaPublicKeyPem }',
      );
    }
    this.#keys.set(option.apiKey, key);
    return key;
  }

  /** The key registered as `apiKey`, or undefined. */
  get(apiKey: string): RegisteredApiKey | undefined {
    return this.#keys.get(apiKey);
  }

  /** Every registered key string. */
  list(): string[] {
    return [...this.#keys.keys()];
  }
}
