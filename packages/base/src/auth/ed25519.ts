// Ed25519 request signing (Binance accepts Ed25519 API keys: the signature is the base64 of
// an Ed25519 signature over the payload). Parsing a PEM key costs more than signing with it,
// so hot paths should parse once with `ed25519Signer` (or pass a KeyObject).
import { createPrivateKey, type KeyObject, sign } from 'node:crypto';
import { ConfigError } from '../errors.js';

/** A private key as PKCS#8 PEM text (`-----BEGIN PRIVATE KEY-----`) or a parsed `KeyObject`. */
export type Ed25519PrivateKey = string | KeyObject;

/**
 * Parses an Ed25519 private key. A value that is not a readable private key, or a key of
 * another type (RSA, EC), is a ConfigError that says so without quoting the key.
 */
export function parseEd25519PrivateKey(privateKey: Ed25519PrivateKey): KeyObject {
  let key: KeyObject;
  if (typeof privateKey === 'string') {
    try {
      key = createPrivateKey(privateKey);
    } catch {
      throw new ConfigError(
        'the Ed25519 private key is not a readable PEM private key; expected PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----")',
      );
    }
  } else {
    key = privateKey;
  }
  if (key.type !== 'private' || key.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError(
      `expected an Ed25519 private key, got a ${key.type} ${key.asymmetricKeyType ?? 'secret'} key`,
    );
  }
  return key;
}

/** Signs `data` (UTF-8 when a string) with an Ed25519 private key; returns the signature as base64. */
export function ed25519Sign(privateKey: Ed25519PrivateKey, data: string | Uint8Array): string {
  const key = parseEd25519PrivateKey(privateKey);
  return sign(null, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, key).toString('base64');
}

/** Parses the key once and returns a function that signs data with it (base64 signatures). */
export function ed25519Signer(privateKey: Ed25519PrivateKey): (data: string | Uint8Array) => string {
  const key = parseEd25519PrivateKey(privateKey);
  return (data) =>
    sign(null, typeof data === 'string' ? Buffer.from(data, 'utf8') : data, key).toString('base64');
}
