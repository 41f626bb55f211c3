// The extra headers of one BybitHttpClient call (`{ headers }`, the seed's per-call `headers=`),
// checked so that none replaces a header the signer writes.
import { ValidationError } from '@venuekit/base';
import { BYBIT_AUTH_HEADERS } from '../auth/rest-signer.js';

const SIGNATURE_HEADERS: ReadonlySet<string> = new Set(
  Object.values(BYBIT_AUTH_HEADERS).map((name) => name.toLowerCase()),
);

/** A call's extra headers, refusing the ones the signer writes (a typo there would break the signature). */
export function callHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (SIGNATURE_HEADERS.has(name.toLowerCase()) || typeof value !== 'string')
      throw new ValidationError(
        `Bybit call option headers.${name}: ${typeof value !== 'string' ? 'must be a string' : 'is written by the signer; set recvWindow on the client instead'}`,
        { venue: 'bybit', details: { field: `headers.${name}` } },
      );
    out[name] = value;
  }
  return out;
}
