// Signing a Bybit payload with a set of credentials (protocols/bybit.md §2, §7). System-generated
// keys are HMAC: HMAC-SHA256 as lower-case hex. Self-generated keys are RSA: the secret is the
// PKCS#8 PEM private key and the signature is RSA-SHA256 as base64. The kind is read from the
// secret, and a parsed key (a secret KeyObject for HMAC, saving a key import per request) is
// cached per credentials object.
import { createHmac, createPrivateKey, createSecretKey, type KeyObject, sign } from 'node:crypto';
import { ConfigError, type Credentials } from '@venuekit/base';

/** The key types Bybit accepts. */
export type BybitKeyType = 'hmac' | 'rsa';

interface ParsedKey {
  readonly type: BybitKeyType;
  readonly key: KeyObject;
}

const parsedKeys = new WeakMap<Credentials, ParsedKey>();

/** True when `secret` is PEM text (`-----BEGIN …`), i.e. a self-generated RSA private key. */
export function isPemSecret(secret: string): boolean {
  return secret.trimStart().startsWith('-----BEGIN');
}

function parse(credentials: Credentials): ParsedKey {
  const cached = parsedKeys.get(credentials);
  if (cached !== undefined) return cached;
  const secret = credentials.secret;
  let parsed: ParsedKey;
  if (!isPemSecret(secret)) {
    parsed = { type: 'hmac', key: createSecretKey(Buffer.from(secret, 'utf8')) };
  } else {
    let key: KeyObject;
    try {
      key = createPrivateKey(secret);
    } catch {
      throw new ConfigError(
        'bybit: the secret looks like a PEM key but is not a readable private key; expected an RSA private key in PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----") or the HMAC secret text',
        { venue: 'bybit' },
      );
    }
    if (key.asymmetricKeyType !== 'rsa') {
      throw new ConfigError(
        `bybit: the PEM secret is a ${key.asymmetricKeyType ?? 'unknown'} key; Bybit accepts RSA or HMAC (system-generated) keys`,
        { venue: 'bybit' },
      );
    }
    parsed = { type: 'rsa', key };
  }
  parsedKeys.set(credentials, parsed);
  return parsed;
}

/** The kind of key `credentials` hold: `'rsa'` for a PEM secret, otherwise `'hmac'`. */
export function keyTypeOf(credentials: Credentials): BybitKeyType {
  return parse(credentials).type;
}

/**
 * Signs `payload` (UTF-8) with `credentials`: HMAC-SHA256 as lower-case hex, or RSA-SHA256 as
 * base64 for a PEM secret. A PEM secret that is not an RSA private key is a ConfigError.
 */
export function signBybitPayload(credentials: Credentials, payload: string): string {
  const parsed = parse(credentials);
  if (parsed.type === 'hmac') return createHmac('sha256', parsed.key).update(payload).digest('hex');
  return sign('sha256', Buffer.from(payload, 'utf8'), parsed.key).toString('base64');
}
