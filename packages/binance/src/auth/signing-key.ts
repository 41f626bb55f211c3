// Which kind of Binance API key a set of credentials holds, and signing a payload with it. An
// HMAC key's secret is the shared secret text; an Ed25519 (recommended by Binance) or RSA key's
// secret is its PKCS#8 PEM private key. The kind is read from the secret itself, and a parsed PEM
// key is cached per credentials object so the hot path never parses PEM twice.
import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { ConfigError, type Credentials, hmacSha256Hex } from '@venuekit/base';

/** The key types Binance accepts. */
export type BinanceKeyType = 'hmac' | 'ed25519' | 'rsa';

/** A key ready to sign: its type and, for asymmetric keys, the parsed private key. */
export interface BinanceSigningKey {
  readonly type: BinanceKeyType;
  readonly privateKey: KeyObject | undefined;
}

const HMAC_KEY: BinanceSigningKey = Object.freeze({ type: 'hmac', privateKey: undefined });
const parsedKeys = new WeakMap<Credentials, BinanceSigningKey>();

/** True when `secret` is PEM text (`-----BEGIN …`), i.e. an Ed25519 or RSA private key. */
export function isPemSecret(secret: string): boolean {
  return secret.trimStart().startsWith('-----BEGIN');
}

/**
 * The signing key of `credentials`: HMAC unless the secret is a PEM private key, which must be
 * Ed25519 or RSA. A PEM that cannot be read, or of another key type, is a ConfigError that says
 * so without quoting the key.
 */
export function signingKeyOf(credentials: Credentials): BinanceSigningKey {
  const secret = credentials.secret;
  if (!isPemSecret(secret)) return HMAC_KEY;
  const cached = parsedKeys.get(credentials);
  if (cached !== undefined) return cached;
  let key: KeyObject;
  try {
    key = createPrivateKey(secret);
  } catch {
    throw new ConfigError(
      'binance: the secret looks like a PEM key but is not a readable private key; expected an Ed25519 or RSA private key in PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----"), or the HMAC secret text',
      { venue: 'binance' },
    );
  }
  const kind = key.asymmetricKeyType;
  if (kind !== 'ed25519' && kind !== 'rsa') {
    throw new ConfigError(
      `binance: the PEM secret is a ${kind ?? 'unknown'} key; Binance accepts Ed25519, RSA or HMAC keys`,
      { venue: 'binance' },
    );
  }
  const parsed: BinanceSigningKey = Object.freeze({ type: kind, privateKey: key });
  parsedKeys.set(credentials, parsed);
  return parsed;
}

/**
 * Signs `payload` (UTF-8) with `credentials`: HMAC-SHA256 as lower-case hex, Ed25519 and
 * RSASSA-PKCS1-v1_5/SHA-256 as base64 (not yet percent-encoded; REST callers encode it).
 */
export function signPayload(credentials: Credentials, payload: string): string {
  const key = signingKeyOf(credentials);
  if (key.type === 'hmac') return hmacSha256Hex(credentials.secret, payload);
  const data = Buffer.from(payload, 'utf8');
  return sign(key.type === 'ed25519' ? null : 'sha256', data, key.privateKey!).toString('base64');
}
