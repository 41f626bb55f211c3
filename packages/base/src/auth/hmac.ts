// HMAC helpers for request signing (Binance, Bybit and bitFlyer use HMAC-SHA256 hex,
// Bitfinex HMAC-SHA384 hex, others SHA-512 or base64). A thin layer over node:crypto: each call
// builds a fresh Hmac (an Hmac cannot be reused after `digest`), so nothing is shared between
// calls or callers, and the overhead over calling `createHmac` directly is one function call.
import { createHmac, type KeyObject } from 'node:crypto';
import { ValidationError } from '../errors.js';

/** Hash functions the HMAC helpers support. */
export type HmacAlgorithm = 'sha256' | 'sha384' | 'sha512';

/** Output encodings of a digest. */
export type DigestEncoding = 'hex' | 'base64';

/** An HMAC key: the secret as text (UTF-8), raw bytes, or a secret `KeyObject`. */
export type HmacKey = string | Uint8Array | KeyObject;

/** Data to authenticate: text (hashed as UTF-8) or raw bytes. */
export type HmacData = string | Uint8Array;

/**
 * HMAC of `data` under `key` with `algorithm`, encoded as `encoding`. Strings are UTF-8: sign
 * exactly the bytes that will be sent. An unknown algorithm or encoding is a ValidationError.
 */
export function hmac(
  algorithm: HmacAlgorithm,
  key: HmacKey,
  data: HmacData,
  encoding: DigestEncoding,
): string {
  if (algorithm !== 'sha256' && algorithm !== 'sha384' && algorithm !== 'sha512') {
    throw new ValidationError(
      `hmac algorithm must be 'sha256', 'sha384' or 'sha512', got ${String(algorithm)}`,
    );
  }
  if (encoding !== 'hex' && encoding !== 'base64') {
    throw new ValidationError(`hmac encoding must be 'hex' or 'base64', got ${String(encoding)}`);
  }
  return createHmac(algorithm, key).update(data).digest(encoding);
}

/** HMAC-SHA256, hex (Binance, Bybit, bitFlyer). */
export function hmacSha256Hex(key: HmacKey, data: HmacData): string {
  return createHmac('sha256', key).update(data).digest('hex');
}
/** HMAC-SHA256, base64. */
export function hmacSha256Base64(key: HmacKey, data: HmacData): string {
  return createHmac('sha256', key).update(data).digest('base64');
}
/** HMAC-SHA384, hex (Bitfinex). */
export function hmacSha384Hex(key: HmacKey, data: HmacData): string {
  return createHmac('sha384', key).update(data).digest('hex');
}
/** HMAC-SHA384, base64. */
export function hmacSha384Base64(key: HmacKey, data: HmacData): string {
  return createHmac('sha384', key).update(data).digest('base64');
}
/** HMAC-SHA512, hex. */
export function hmacSha512Hex(key: HmacKey, data: HmacData): string {
  return createHmac('sha512', key).update(data).digest('hex');
}
/** HMAC-SHA512, base64. */
export function hmacSha512Base64(key: HmacKey, data: HmacData): string {
  return createHmac('sha512', key).update(data).digest('base64');
}
