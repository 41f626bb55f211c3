// Feed ids name one venue market: `VENUE___MARKET` (upper case, three underscores between),
// e.g. `ACME___SPOT` or `ACME___USD_PERP`. One format everywhere means ids can be parsed back
// into a venue and a market, and typos can be caught at registration.
import { ConfigError } from '../errors.js';

/** `VENUE___MARKET`: upper-case letters and digits, single underscores inside each part. */
export const FEED_ID_PATTERN = /^[A-Z0-9]+(?:_[A-Z0-9]+)*___[A-Z0-9]+(?:_[A-Z0-9]+)*$/;

/** True when `id` is a well-formed feed id. */
export function isFeedId(id: unknown): id is string {
  return typeof id === 'string' && FEED_ID_PATTERN.test(id);
}

/** Splits a feed id into its venue and market parts (`ACME___SPOT` → `{ venue: 'ACME', market: 'SPOT' }`). */
export function parseFeedId(id: string): { venue: string; market: string } {
  assertFeedId(id);
  const cut = id.indexOf('___');
  return { venue: id.slice(0, cut), market: id.slice(cut + 3) };
}

/** Throws `ConfigError` naming `field` unless `id` is a well-formed feed id. */
export function assertFeedId(id: unknown, field = 'feed id'): asserts id is string {
  if (isFeedId(id)) return;
  throw new ConfigError(`${field} ${describe(id)}: ${FEED_ID_EXPECTATION}`, { details: { field } });
}

/** How a feed id must look, for error messages. */
export const FEED_ID_EXPECTATION =
  'expected VENUE___MARKET: upper-case letters and digits, three underscores between venue and market (e.g. "ACME___SPOT", "ACME___USD_PERP")';

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : `(${typeof value})`;
}
