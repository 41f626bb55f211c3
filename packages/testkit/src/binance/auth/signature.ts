// Signature checks written from Binance's docs, independently of any client: the REST payload
// (query string + body exactly as sent, no separator, without the `signature` parameter), the WS
// API payload (all params but `signature`, sorted by name, raw values), and HMAC-SHA256 (hex,
// case-insensitive), Ed25519 and RSA-SHA256 (base64) verification.
import { createHmac, timingSafeEqual, verify } from 'node:crypto';
import type { RegisteredApiKey } from './api-keys.js';

/** The signed payload of a REST request and the signature it carries (decoded), if any. */
export interface RestSignedPayload {
  /** Query string and body with `signature=…` removed, concatenated with nothing in between. */
  payload: string;
  /** The `signature` value, percent-decoded as a form value; undefined when absent. */
  signature: string | undefined;
}

/** Extracts the payload and signature from the raw (undecoded) query string and body. */
export function restSignedPayload(rawQuery: string, rawBody: string): RestSignedPayload {
  const q = stripSignature(rawQuery);
  const b = stripSignature(rawBody);
  return { payload: q.rest + b.rest, signature: q.signature ?? b.signature };
}

/** The WS API payload: every param except `signature`, sorted by name, `k=v` joined with `&`. */
export function wsApiSignedPayload(params: Record<string, unknown>): string {
  const names = Object.keys(params)
    .filter((k) => k !== 'signature')
    .sort();
  const parts: string[] = [];
  for (const k of names) {
    const v = params[k];
    if (v === undefined) continue;
    parts.push(`${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`);
  }
  return parts.join('&');
}

/** True if `signature` is valid for `payload` under `key`. */
export function verifySignature(key: RegisteredApiKey, payload: string, signature: string): boolean {
  if (key.kind === 'HMAC') {
    if (!/^[0-9a-fA-F]{64}$/.test(signature)) return false;
    const expected = createHmac('sha256', key.secret).update(payload, 'utf8').digest();
    return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signature) || signature.length % 4 !== 0) return false;
  const sig = Buffer.from(signature, 'base64');
  try {
    if (key.kind === 'ED25519') return verify(null, Buffer.from(payload, 'utf8'), key.publicKey, sig);
    return verify('sha256', Buffer.from(payload, 'utf8'), key.publicKey, sig);
  } catch {
    return false;
  }
}

function stripSignature(raw: string): { rest: string; signature: string | undefined } {
  if (!raw.includes('signature=')) return { rest: raw, signature: undefined };
  const kept: string[] = [];
  let signature: string | undefined;
  for (const part of raw.split('&')) {
    if (part.startsWith('signature=')) {
      signature = decodeFormValue(part.slice('signature='.length));
    } else {
      kept.push(part);
    }
  }
  return { rest: kept.join('&'), signature };
}

function decodeFormValue(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, ' '));
  } catch {
    return v;
  }
}
