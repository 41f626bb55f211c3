// Serialises request `data` once, in the encoding the venue expects ('json' by default, 'form'
// for venues such as Binance). The resulting text is what the signer signs and what is sent:
// nothing re-serialises it afterwards. A string is taken as an already-encoded body.
import type { BodyEncoding } from '../auth/types.js';
import { ValidationError } from '../errors.js';
import { encodeParams, type QueryParams } from './request-target.js';

/** Content-Type sent for each encoding (unless the caller set one). */
export const CONTENT_TYPES: Readonly<Record<BodyEncoding, string>> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
};

/** Encodes `data` as the request body text; `undefined` means no body. */
export function encodeBody(data: unknown, encoding: BodyEncoding): string | undefined {
  if (data === undefined) return undefined;
  if (typeof data === 'string') return data;
  if (encoding === 'form') {
    if (data === null || typeof data !== 'object' || Array.isArray(data))
      throw new ValidationError('data must be a plain object of fields for a form-encoded body');
    return encodeParams(data as QueryParams, 'data');
  }
  try {
    return JSON.stringify(data);
  } catch (cause) {
    throw new ValidationError(
      `data could not be encoded as JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}
