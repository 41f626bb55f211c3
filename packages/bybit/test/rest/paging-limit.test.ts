// Listing calls that follow nextPageCursor (positions, instruments, open orders) against a
// loopback server that always has another page: past the page bound they throw
// BybitIncompleteListError naming the path, the pages read and the cursor left, instead of
// returning a silently cut list (review B8). A list that ends in time is returned whole.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isRetryable, silentLogger, VenueError } from '@venuekit/base';
import { BybitIncompleteListError, BybitRestClient } from '@venuekit/bybit/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { SIM_KEY } from './sim-helpers.js';

let server: Server | undefined;
afterEach(async () => {
  const s = server;
  server = undefined;
  if (s !== undefined) await new Promise<void>((resolve) => s.close(() => resolve()));
});

/** Answers every request with one item and a next cursor, until `pages` pages were served. */
async function pagingServer(pages: number): Promise<{ url: string; requests: URL[] }> {
  const requests: URL[] = [];
  const s = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const n = requests.length;
    const item = { symbol: `SYM${n}`, side: 'Buy', size: '1', orderId: `o${n}` };
    const result = { category: 'linear', list: [item], nextPageCursor: n < pages ? `page-${n + 1}` : '' };
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: Date.now() }));
  });
  server = s;
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const address = s.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, requests };
}

function client(baseUrl: string): BybitRestClient {
  return new BybitRestClient({ ...SIM_KEY, baseUrl, retry: false, logger: silentLogger });
}

describe('BybitRestClient: lists that do not end within the page bound', () => {
  it('positions() throws BybitIncompleteListError after 50 pages instead of returning a cut list', async () => {
    const { url, requests } = await pagingServer(Number.POSITIVE_INFINITY);
    await using rest = client(url);
    const error = await rest.positions({ category: 'linear', settleCoin: 'USDT' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BybitIncompleteListError);
    expect(error).toBeInstanceOf(VenueError);
    expect(isRetryable(error)).toBe(false);
    expect(requests).toHaveLength(50);
    expect((error as BybitIncompleteListError).details).toMatchObject({
      path: '/v5/position/list',
      pages: 50,
      items: 50,
      nextPageCursor: 'page-51',
    });
    expect((error as Error).message).toMatch(/\/v5\/position\/list.*50 pages/);
  });

  it('instruments() and openOrders() stop the same way', async () => {
    const { url } = await pagingServer(Number.POSITIVE_INFINITY);
    await using rest = client(url);
    await expect(rest.instruments('linear')).rejects.toBeInstanceOf(BybitIncompleteListError);
    await expect(rest.openOrders({ category: 'linear', settleCoin: 'USDT' })).rejects.toBeInstanceOf(
      BybitIncompleteListError,
    );
  });

  it('a list that ends within the bound is returned whole, each page asked with the previous cursor', async () => {
    const { url, requests } = await pagingServer(3);
    await using rest = client(url);
    const orders = await rest.openOrders({ category: 'linear', settleCoin: 'USDT' });
    expect(orders.map((o) => o.orderId)).toEqual(['o1', 'o2', 'o3']);
    expect(requests.map((r) => r.searchParams.get('cursor'))).toEqual([null, 'page-2', 'page-3']);
    expect(requests.every((r) => r.pathname === '/v5/order/realtime')).toBe(true);
    expect(requests[0]?.searchParams.get('limit')).toBe('50');
  });
});
