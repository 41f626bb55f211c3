// The generic venue's request signature, written here independently of base's signers so a bug on
// one side cannot hide in a mirror image on the other: hex HMAC-SHA256(secret, ts + METHOD +
// pathWithQuery + body), carried in X-GEN-KEY / X-GEN-TS / X-GEN-SIGN.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying the API key. */
export const GENERIC_KEY_HEADER = 'x-gen-key';
/** Header carrying the request timestamp in epoch ms. */
export const GENERIC_TS_HEADER = 'x-gen-ts';
/** Header carrying the hex signature. */
export const GENERIC_SIGN_HEADER = 'x-gen-sign';

/** Computes the generic venue's signature (lower-case hex HMAC-SHA256). */
export function genericSignature(
  secret: string,
  ts: string | number,
  method: string,
  pathWithQuery: string,
  body: string,
): string {
  return createHmac('sha256', secret)
    .update(`${ts}${method.toUpperCase()}${pathWithQuery}${body}`)
    .digest('hex');
}

/** The credentials and clock a signature check needs. */
export interface SignatureCheck {
  apiKey: string;
  secret: string;
  recvWindowMs: number;
  now: number;
}

/** What arrived on the wire. */
export interface SignedRequestParts {
  method: string;
  /** The request target as received (path plus query, undecoded). */
  rawTarget: string;
  headers: Record<string, string>;
  body: string;
}

/** Why a signed request was refused: venue code, HTTP status and an actionable message. */
export interface SignatureFailure {
  status: 400 | 401;
  code: 'AUTH' | 'TIMESTAMP';
  msg: string;
}

/** Checks key, timestamp window and signature, in that order; returns the failure or undefined. */
export function verifyGenericSignature(
  req: SignedRequestParts,
  check: SignatureCheck,
): SignatureFailure | undefined {
  const key = req.headers[GENERIC_KEY_HEADER];
  const ts = req.headers[GENERIC_TS_HEADER];
  const sign = req.headers[GENERIC_SIGN_HEADER];
  if (key === undefined || key === '') return auth('missing X-GEN-KEY header');
  if (key !== check.apiKey) return auth('unknown API key');
  if (ts === undefined || !/^\d+$/.test(ts)) {
    return { status: 400, code: 'TIMESTAMP', msg: 'X-GEN-TS must be the request time in epoch milliseconds' };
  }
  const drift = Number(ts) - check.now;
  if (Math.abs(drift) > check.recvWindowMs) {
    return {
      status: 400,
      code: 'TIMESTAMP',
      msg: `X-GEN-TS is ${drift} ms from server time ${check.now}; allowed window is ±${check.recvWindowMs} ms`,
    };
  }
  if (sign === undefined || sign === '') return auth('missing X-GEN-SIGN header');
  const expected = Buffer.from(
    genericSignature(check.secret, ts, req.method, req.rawTarget, req.body),
    'utf8',
  );
  const given = Buffer.from(sign.toLowerCase(), 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return auth('signature mismatch: sign ts + METHOD + path?query + body with HMAC-SHA256, hex');
  }
  return undefined;
}

function auth(msg: string): SignatureFailure {
  return { status: 401, code: 'AUTH', msg };
}
