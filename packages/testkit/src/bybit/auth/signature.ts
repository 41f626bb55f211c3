// Bybit v5 HMAC signatures, written from Bybit's documentation independently of the adapter:
// REST signs `timestamp + apiKey + recvWindow + payload` (payload = the query string exactly as
// sent for GET, the raw body text for POST; no separators); the private WebSocket `auth` signs
// `"GET/realtime" + expires`. Both are lower-case hex HMAC-SHA256, compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The REST string to sign: `timestamp + apiKey + recvWindow + payload`. */
export function restSignString(
  timestamp: string,
  apiKey: string,
  recvWindow: string,
  payload: string,
): string {
  return timestamp + apiKey + recvWindow + payload;
}

/** The private-stream string to sign: `"GET/realtime" + expires`. */
export function wsAuthSignString(expires: string): string {
  return `GET/realtime${expires}`;
}

/** Lower-case hex HMAC-SHA256 of `text` under `secret`. */
export function hmacHex(secret: Buffer | string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/** True when `signature` is the hex HMAC-SHA256 of `text` (lower-case hex, as Bybit documents it). */
export function verifyHmacHex(secret: Buffer | string, text: string, signature: string): boolean {
  const expected = Buffer.from(hmacHex(secret, text), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
