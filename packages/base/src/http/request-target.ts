// Where a request goes: resolving a URL against the client's `baseUrl` (by joining, as pybotters
// does, so `https://api.bitfinex.com/v2` + `/ticker` keeps the `/v2`), and merging `params` into
// the query string. Existing query text is kept byte for byte and params are appended after it,
// so what the signer signs is exactly what goes on the wire.
import { ValidationError } from '../errors.js';
import { redactPathAndQuery } from './safe-url.js';

/** A scalar query/form value; `null` and `undefined` are dropped. */
export type ParamScalar = string | number | boolean | bigint | null | undefined;

/** Query parameters (or form fields): arrays repeat the key (`a=1&a=2`). */
export type QueryParams = Readonly<Record<string, ParamScalar | readonly ParamScalar[]>> | URLSearchParams;

const HAS_SCHEME = /^[a-zA-Z][a-zA-Z\d+.-]*:\/\//;

/**
 * Resolves `url` against `baseUrl`: absolute URLs (with a scheme) are used as they are; relative
 * ones are appended to `baseUrl` with exactly one `/` between them.
 */
export function resolveUrl(url: string | URL, baseUrl: string | undefined): URL {
  if (url instanceof URL) return new URL(url.href);
  let text = url;
  if (!HAS_SCHEME.test(url)) {
    if (baseUrl === undefined || baseUrl === '')
      throw new ValidationError(
        `url "${redactPathAndQuery(url)}" is relative but the Client has no baseUrl; pass an absolute URL or set baseUrl`,
      );
    const baseSlash = baseUrl.endsWith('/');
    const urlSlash = url.startsWith('/') || url.startsWith('?') || url === '';
    text =
      baseSlash && url.startsWith('/')
        ? baseUrl + url.slice(1)
        : baseSlash || urlSlash
          ? baseUrl + url
          : `${baseUrl}/${url}`;
  }
  try {
    return new URL(text);
  } catch (cause) {
    throw new ValidationError(`url "${redactPathAndQuery(text)}" is not a valid absolute URL`, { cause });
  }
}

/** Encodes params as `k=v&k=v` with `encodeURIComponent` (spaces as `%20`), skipping null/undefined. */
export function encodeParams(params: QueryParams, field: string): string {
  if (params instanceof URLSearchParams) {
    let out = '';
    for (const [k, v] of params) out += `${out ? '&' : ''}${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
    return out;
  }
  let out = '';
  for (const key in params) {
    const value = params[key];
    if (Array.isArray(value)) {
      for (const item of value as readonly ParamScalar[]) out = appendPair(out, key, item, field);
    } else {
      out = appendPair(out, key, value as ParamScalar, field);
    }
  }
  return out;
}

/** Appends encoded `params` after any query already in `url` (both are kept). */
export function appendParams(url: URL, params: QueryParams): void {
  const encoded = encodeParams(params, 'params');
  if (encoded === '') return;
  const existing = url.search;
  url.search = existing.length > 1 ? `${existing}&${encoded}` : `?${encoded}`;
}

function appendPair(out: string, key: string, value: ParamScalar, field: string): string {
  if (value === null || value === undefined) return out;
  const type = typeof value;
  if (type !== 'string' && type !== 'number' && type !== 'boolean' && type !== 'bigint')
    throw new ValidationError(
      `${field}.${key} must be a string, number, boolean or an array of them (got ${type})`,
    );
  const pair = `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
  return out === '' ? pair : `${out}&${pair}`;
}
