// Reads every page of a Bybit v5 list (`result.list` + `result.nextPageCursor`) by following the
// cursor, up to a bound. A list still unfinished at the bound throws BybitIncompleteListError: a
// silently cut list of positions or open orders is worse than an error a caller can act on.
import { BybitIncompleteListError } from '../errors/incomplete-list.js';
import type { BybitCallOptions, BybitHttpClient, BybitParams } from './http-client.js';
import type { ListResultWire } from './wire-types.js';

/** Pages a listing call reads at most before it reports the list incomplete. */
export const MAX_LIST_PAGES = 50;

/**
 * Every item of GET `path` with `params`, page after page (`cursor` set from the previous page's
 * `nextPageCursor`) until a page has no cursor. Throws BybitIncompleteListError after `maxPages`
 * pages with a cursor still pending.
 */
export async function readAllPages<T>(
  client: BybitHttpClient,
  path: string,
  params: BybitParams,
  options: BybitCallOptions | undefined,
  maxPages = MAX_LIST_PAGES,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let page = 1; ; page++) {
    const r = await client.get<ListResultWire<T>>(path, { ...params, cursor }, options);
    for (const item of r.list) out.push(item);
    cursor = r.nextPageCursor;
    if (cursor === undefined || cursor === '') return out;
    if (page >= maxPages)
      throw new BybitIncompleteListError(
        `Bybit GET ${path}: still another page after ${page} pages (${out.length} items); the list is incomplete — narrow the query (e.g. one symbol instead of a settle coin) or continue from details.nextPageCursor`,
        { venue: 'bybit', details: { path, pages: page, items: out.length, nextPageCursor: cursor } },
      );
  }
}
