// Client basics against the generic venue's echo endpoint: methods, URL resolution, params merged
// into an existing query, body encodings, headers, and how JSON and non-JSON bodies come back.
import { Client, type HttpSession, ValidationError } from '@venuekit/base';
import { startGenericVenue, type GenericVenue } from '@venuekit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Echo {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

let venue: GenericVenue;
let client: Client;

beforeAll(async () => {
  venue = await startGenericVenue();
  client = new Client({ baseUrl: venue.httpUrl, apis: {} });
});
afterAll(async () => {
  await client.close();
  await venue.close();
});

describe('Client.fetch', () => {
  it('GETs a relative URL and decodes the JSON body', async () => {
    const { response, data, text } = await client.fetch<{ symbol: string; bid: number }>(
      'GET',
      '/api/ticker',
      {
        params: { symbol: 'BTCUSD' },
      },
    );
    expect(response.status).toBe(200);
    expect(response.isJson).toBe(true);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.url).toBe(`${venue.httpUrl}/api/ticker?symbol=BTCUSD`);
    expect(data.symbol).toBe('BTCUSD');
    expect(typeof data.bid).toBe('number');
    expect(JSON.parse(text)).toEqual(data);
  });

  it('merges params with a query already in the URL, keeping both (repeated keys too)', async () => {
    const { data } = await client.fetch<Echo>('GET', '/api/echo?a=1&b=x%20y', {
      params: { a: 2, c: 'd e', list: ['p', 'q'], skipped: undefined, nil: null, flag: true },
    });
    // The raw target arrives exactly as built: existing bytes first, params appended.
    const echoed = venue.requests.at(-1)!;
    expect(echoed.path).toBe('/api/echo');
    expect(data.query).toMatchObject({ b: 'x y', c: 'd e', flag: 'true' });
    expect(data.query).not.toHaveProperty('skipped');
    expect(data.query).not.toHaveProperty('nil');
    expect(venue.requests.length).toBeGreaterThan(0);
  });

  it('sends the exact query text: existing query kept byte for byte, params appended', async () => {
    const { response } = await client.fetch('GET', '/api/echo?z=1&a=%2C', { params: { m: 'a b', a: 3 } });
    expect(response.url).toBe(`${venue.httpUrl}/api/echo?z=1&a=%2C&m=a%20b&a=3`);
  });

  it('POSTs data as JSON by default with a JSON content type', async () => {
    const { data } = await client.fetch<Echo>('POST', '/api/echo', {
      data: { symbol: 'BTCUSD', qty: '0.1' },
    });
    expect(data.method).toBe('POST');
    expect(data.body).toBe('{"symbol":"BTCUSD","qty":"0.1"}');
    expect(data.headers['content-type']).toBe('application/json');
  });

  it('encodes data as a form when the client says so', async () => {
    await using formClient = new Client({ baseUrl: venue.httpUrl, bodyEncoding: 'form', apis: {} });
    const { data } = await formClient.fetch<Echo>('POST', '/api/echo', {
      data: { symbol: 'BTCUSD', side: 'BUY', note: 'a&b c', tags: ['x', 'y'] },
    });
    expect(data.body).toBe('symbol=BTCUSD&side=BUY&note=a%26b%20c&tags=x&tags=y');
    expect(data.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('sends a string body as is and keeps a caller content type', async () => {
    const { data } = await client.fetch<Echo>('PUT', '/api/echo', {
      data: 'raw=1',
      headers: { 'Content-Type': 'text/plain', 'X-Custom': 'yes' },
    });
    expect(data.method).toBe('PUT');
    expect(data.body).toBe('raw=1');
    expect(data.headers['content-type']).toBe('text/plain');
    expect(data.headers['x-custom']).toBe('yes');
    expect(data.headers['user-agent']).toBe('venuekit');
  });

  it('returns text when the body is not JSON, and says so', async () => {
    venue.sim.route('GET', '/plain', () => ({ status: 200, body: 'pong' }));
    const { response, data, text } = await client.fetch('GET', '/plain');
    expect(response.isJson).toBe(false);
    expect(data).toBe('pong');
    expect(text).toBe('pong');
    await expect(response.json()).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses data on GET and relative URLs without a baseUrl', async () => {
    await expect(client.fetch('GET', '/api/echo', { data: { a: 1 } })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await using bare = new Client({ apis: {} });
    await expect(bare.fetch('GET', '/api/echo')).rejects.toThrow(/relative but the Client has no baseUrl/);
  });
});

describe('request / get / post / put / delete', () => {
  it('return the response with json() and text()', async () => {
    const res = await client.get('/api/time');
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    const json = await res.json<{ serverTime: number }>();
    expect(typeof json.serverTime).toBe('number');
    expect(JSON.parse(await res.text())).toEqual(json);
    expect(res.header('Content-Type')).toContain('application/json');
  });

  it('each verb sends its method', async () => {
    const methods: string[] = [];
    for (const res of [
      await client.post('/api/echo', { data: {} }),
      await client.put('/api/echo'),
      await client.delete('/api/echo'),
      await client.request('PATCH', '/api/echo', { data: { a: 1 } }),
    ]) {
      methods.push((await res.json<Echo>()).method);
    }
    expect(methods).toEqual(['POST', 'PUT', 'DELETE', 'PATCH']);
  });

  it('joins baseUrl paths with exactly one slash and keeps absolute URLs', async () => {
    await using prefixed = new Client({ baseUrl: `${venue.httpUrl}/api/`, apis: {} });
    const a = await prefixed.fetch<Echo>('GET', '/echo');
    const b = await prefixed.fetch<Echo>('GET', 'echo');
    const c = await prefixed.fetch<Echo>('GET', `${venue.httpUrl}/api/echo?x=1`);
    expect([a.data.path, b.data.path, c.data.path]).toEqual(['/api/echo', '/api/echo', '/api/echo']);
  });

  it('reuses keep-alive connections', async () => {
    await using fresh = new Client({ baseUrl: venue.httpUrl, apis: {} });
    const session: HttpSession = fresh.session;
    for (let i = 0; i < 20; i++) await fresh.fetch('GET', '/api/time');
    // undici waits one event-loop turn before reusing a socket, so back-to-back requests may
    // alternate between two connections; without keep-alive there would be 20.
    expect(session.stats.openConnections).toBeLessThanOrEqual(2);
    expect(session.stats).toMatchObject({ inFlight: 0, queued: 0, requests: 20 });
  });
});
