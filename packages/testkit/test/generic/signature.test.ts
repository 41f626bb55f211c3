import { describe, expect, it } from 'vitest';
import {
  GENERIC_DEFAULT_API_KEY,
  GENERIC_DEFAULT_SECRET,
  type GenericVenue,
  genericSignature,
  startGenericVenue,
  verifyGenericSignature,
} from '@venuekit/testkit';

/** Sends a signed request the way the generic venue documents it. */
async function signedFetch(
  venue: GenericVenue,
  method: string,
  pathWithQuery: string,
  opts: { body?: string; ts?: number; key?: string; secret?: string } = {},
): Promise<Response> {
  const body = opts.body ?? '';
  const ts = String(opts.ts ?? venue.now());
  const sign = genericSignature(opts.secret ?? GENERIC_DEFAULT_SECRET, ts, method, pathWithQuery, body);
  const headers = { 'X-GEN-KEY': opts.key ?? GENERIC_DEFAULT_API_KEY, 'X-GEN-TS': ts, 'X-GEN-SIGN': sign };
  return fetch(`${venue.httpUrl}${pathWithQuery}`, { method, headers, ...(body === '' ? {} : { body }) });
}

describe('generic venue signature', () => {
  it('genericSignature is hex HMAC-SHA256 over ts + METHOD + path?query + body (published test vector)', () => {
    // HMAC-SHA256(key="key", "The quick brown fox jumps over the lazy dog"), a widely published vector.
    expect(genericSignature('key', 'The quick brown fox jumps over the lazy dog', '', '', '')).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
    // The parts are concatenated in order: ts, METHOD, path?query, body.
    expect(genericSignature('key', 'The quick ', 'brown fox ', 'jumps over the lazy', ' dog')).toBe(
      genericSignature('key', 'The quick BROWN FOX jumps over the lazy dog', '', '', ''),
    );
    // The method is upper-cased before signing.
    expect(genericSignature('s', 1, 'get', '/p', '')).toBe(genericSignature('s', '1', 'GET', '/p', ''));
  });

  it('accepts a signed GET with a query and a signed POST order', async () => {
    await using venue = await startGenericVenue();
    const account = await signedFetch(venue, 'GET', '/api/private/account?recv=1');
    expect(account.status).toBe(200);
    expect(await account.json()).toMatchObject({
      balances: [{ asset: 'USD', free: 10_000, locked: 0 }, { asset: 'BTC' }],
    });

    const body = JSON.stringify({ symbol: 'BTCUSD', side: 'buy', qty: '0.01', price: '50000' });
    const order = await signedFetch(venue, 'POST', '/api/private/order', { body });
    expect(order.status).toBe(200);
    expect(await order.json()).toEqual({
      orderId: 1,
      symbol: 'BTCUSD',
      side: 'buy',
      qty: '0.01',
      price: '50000',
    });
    const second = await signedFetch(venue, 'POST', '/api/private/order', { body });
    expect(await second.json()).toMatchObject({ orderId: 2 });
    expect(venue.requests.at(-1)?.headers['x-gen-key']).toBe(GENERIC_DEFAULT_API_KEY);
  });

  it('rejects bad signatures, unknown keys and missing headers with 401 AUTH', async () => {
    await using venue = await startGenericVenue();
    const wrongSecret = await signedFetch(venue, 'GET', '/api/private/account', { secret: 'nope' });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({
      code: 'AUTH',
      msg: expect.stringContaining('signature'),
    });
    const wrongKey = await signedFetch(venue, 'GET', '/api/private/account', { key: 'other-key' });
    expect(wrongKey.status).toBe(401);
    expect(await wrongKey.json()).toEqual({ code: 'AUTH', msg: 'unknown API key' });
    const unsigned = await fetch(`${venue.httpUrl}/api/private/account`);
    expect(unsigned.status).toBe(401);
    // Signing one path and sending another is caught (the query is part of what is signed).
    const ts = String(venue.now());
    const sign = genericSignature(GENERIC_DEFAULT_SECRET, ts, 'GET', '/api/private/account', '');
    const moved = await fetch(`${venue.httpUrl}/api/private/account?x=1`, {
      headers: { 'X-GEN-KEY': GENERIC_DEFAULT_API_KEY, 'X-GEN-TS': ts, 'X-GEN-SIGN': sign },
    });
    expect(moved.status).toBe(401);
    // A tampered body is caught.
    const body = JSON.stringify({ symbol: 'BTCUSD', side: 'buy', qty: 1, price: 1 });
    const signedBody = genericSignature(GENERIC_DEFAULT_SECRET, ts, 'POST', '/api/private/order', body);
    const tampered = await fetch(`${venue.httpUrl}/api/private/order`, {
      method: 'POST',
      body: body.replace('"qty":1', '"qty":9'),
      headers: { 'X-GEN-KEY': GENERIC_DEFAULT_API_KEY, 'X-GEN-TS': ts, 'X-GEN-SIGN': signedBody },
    });
    expect(tampered.status).toBe(401);
  });

  it('rejects timestamps outside recvWindowMs with 400 TIMESTAMP, following sim time and skew', async () => {
    const now = 1_700_000_000_000;
    await using venue = await startGenericVenue({ clock: { now: () => now }, recvWindowMs: 1_000 });
    expect((await signedFetch(venue, 'GET', '/api/private/account', { ts: now - 999 })).status).toBe(200);
    const late = await signedFetch(venue, 'GET', '/api/private/account', { ts: now - 1_001 });
    expect(late.status).toBe(400);
    expect(await late.json()).toEqual({ code: 'TIMESTAMP', msg: expect.stringContaining('±1000 ms') });
    venue.faults.skewClock(5_000); // the venue's clock runs ahead; a client that has not synced is refused
    expect((await signedFetch(venue, 'GET', '/api/private/account', { ts: now })).status).toBe(400);
    expect((await signedFetch(venue, 'GET', '/api/private/account', { ts: venue.now() })).status).toBe(200);
  });

  it('validates order bodies after the signature', async () => {
    await using venue = await startGenericVenue();
    const cases: Array<[string, string]> = [
      ['not json', 'BAD_REQUEST'],
      ['[1]', 'BAD_REQUEST'],
      [JSON.stringify({ symbol: 'XXX', side: 'buy', qty: 1, price: 1 }), 'BAD_SYMBOL'],
      [JSON.stringify({ symbol: 'BTCUSD', side: 'hold', qty: 1, price: 1 }), 'BAD_REQUEST'],
      [JSON.stringify({ symbol: 'BTCUSD', side: 'sell', qty: '-1', price: 1 }), 'BAD_REQUEST'],
      [JSON.stringify({ symbol: 'BTCUSD', side: 'sell', qty: 1 }), 'BAD_REQUEST'],
    ];
    for (const [body, code] of cases) {
      const res = await signedFetch(venue, 'POST', '/api/private/order', { body });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code });
    }
  });

  it('verifyGenericSignature checks key, then timestamp, then signature', () => {
    const check = { apiKey: 'k', secret: 's', recvWindowMs: 100, now: 10_000 };
    const req = (headers: Record<string, string>) => ({ method: 'GET', rawTarget: '/p', headers, body: '' });
    const good = genericSignature('s', '10000', 'GET', '/p', '');
    expect(
      verifyGenericSignature(req({ 'x-gen-key': 'k', 'x-gen-ts': '10000', 'x-gen-sign': good }), check),
    ).toBe(undefined);
    expect(verifyGenericSignature(req({}), check)).toMatchObject({ status: 401, code: 'AUTH' });
    expect(
      verifyGenericSignature(req({ 'x-gen-key': 'k', 'x-gen-ts': '1e4', 'x-gen-sign': good }), check),
    ).toMatchObject({ status: 400, code: 'TIMESTAMP' });
    expect(verifyGenericSignature(req({ 'x-gen-key': 'k', 'x-gen-ts': '10000' }), check)).toMatchObject({
      status: 401,
      msg: 'missing X-GEN-SIGN header',
    });
    expect(
      verifyGenericSignature(
        req({ 'x-gen-key': 'k', 'x-gen-ts': '10000', 'x-gen-sign': good.toUpperCase() }),
        check,
      ),
    ).toBe(undefined);
  });
});
