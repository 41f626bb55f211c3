import { describe, expect, it } from 'vitest';
import { startGenericVenue } from '@venuekit/testkit';

describe('generic venue REST', () => {
  it('serves time and tickers from the injected clock, and rejects unknown symbols', async () => {
    let now = 1_700_000_000_000;
    await using venue = await startGenericVenue({ clock: { now: () => now } });
    expect(await (await fetch(`${venue.httpUrl}/api/time`)).json()).toEqual({
      serverTime: 1_700_000_000_000,
    });
    now += 250;
    const ticker = await (await fetch(`${venue.httpUrl}/api/ticker?symbol=BTCUSD`)).json();
    expect(ticker).toEqual({
      symbol: 'BTCUSD',
      bid: 50_000,
      ask: 50_001,
      last: 50_000.5,
      ts: 1_700_000_000_250,
    });
    const eth = await (await fetch(`${venue.httpUrl}/api/ticker?symbol=ETHUSD`)).json();
    expect(eth).toMatchObject({ symbol: 'ETHUSD', bid: 3_000, ask: 3_000.5 });
    for (const query of ['?symbol=DOGEUSD', '']) {
      const bad = await fetch(`${venue.httpUrl}/api/ticker${query}`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({
        code: 'BAD_SYMBOL',
        msg: expect.stringContaining('BTCUSD, ETHUSD'),
      });
    }
    venue.setQuote('SOLUSD', { bid: 100, ask: 101, last: 100.5 });
    expect(await (await fetch(`${venue.httpUrl}/api/ticker?symbol=SOLUSD`)).json()).toMatchObject({
      last: 100.5,
    });
  });

  it('echoes method, path, query, headers and body for any method, and logs requests', async () => {
    await using venue = await startGenericVenue();
    const echoed = await fetch(`${venue.httpUrl}/api/echo?a=1&b=two`, { headers: { 'X-Trace': 't1' } });
    const get = (await echoed.json()) as { headers: Record<string, string> };
    expect(get).toMatchObject({ method: 'GET', path: '/api/echo', query: { a: '1', b: 'two' }, body: '' });
    expect(get.headers['x-trace']).toBe('t1');
    const post = await (
      await fetch(`${venue.httpUrl}/api/echo`, {
        method: 'POST',
        body: '{"x":1}',
        headers: { 'content-type': 'application/json' },
      })
    ).json();
    expect(post).toMatchObject({
      method: 'POST',
      body: '{"x":1}',
      headers: { 'content-type': 'application/json' },
    });
    const del = await (await fetch(`${venue.httpUrl}/api/echo?id=9`, { method: 'DELETE' })).json();
    expect(del).toMatchObject({ method: 'DELETE', query: { id: '9' } });
    expect(venue.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/echo',
      'POST /api/echo',
      'DELETE /api/echo',
    ]);
    expect(venue.requests[1]).toMatchObject({ body: '{"x":1}', query: {} });
  });

  it('answers /api/slow after the requested delay and refuses silly delays', async () => {
    await using venue = await startGenericVenue();
    const started = performance.now();
    const res = await fetch(`${venue.httpUrl}/api/slow?ms=80`);
    expect(await res.json()).toEqual({ ok: true, ms: 80 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    for (const ms of ['-1', 'abc', '600000']) {
      const bad = await fetch(`${venue.httpUrl}/api/slow?ms=${ms}`);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ code: 'BAD_REQUEST' });
    }
  });

  it('/api/flaky fails the first N requests per key with 503, then succeeds', async () => {
    await using venue = await startGenericVenue();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await fetch(`${venue.httpUrl}/api/flaky?key=a&fail=2`)).status);
    expect(statuses).toEqual([503, 503, 200]);
    const third = await fetch(`${venue.httpUrl}/api/flaky?key=a&fail=2`);
    expect(await third.json()).toEqual({ ok: true, attempts: 4 });
    const other = await fetch(`${venue.httpUrl}/api/flaky?key=b&fail=1`);
    expect(other.status).toBe(503);
    expect(await other.json()).toMatchObject({ code: 'UNAVAILABLE' });
    expect((await fetch(`${venue.httpUrl}/api/flaky?key=c&fail=-3`)).status).toBe(400);
  });

  it('answers unknown paths with 404 and wrong methods on known paths with 404 naming the served methods', async () => {
    await using venue = await startGenericVenue();
    const res = await fetch(`${venue.httpUrl}/api/time`, { method: 'POST', body: '' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'NOT_FOUND', msg: expect.stringContaining('serves GET') });
  });
});
