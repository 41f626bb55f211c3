import { describe, expect, it } from 'vitest';
import {
  GENERIC_DEFAULT_API_KEY,
  GENERIC_DEFAULT_SECRET,
  genericSignature,
  startGenericVenue,
} from '@venuekit/testkit';

describe('generic venue REST', () => {
  it('serves time and tickers, and rejects unknown symbols', async () => {
    const clock = { now: () => 1_700_000_000_000 };
    await using venue = await startGenericVenue({ clock });
    expect(await (await fetch(`${venue.httpUrl}/api/time`)).json()).toEqual({
      serverTime: 1_700_000_000_000,
    });
    const ticker = await (await fetch(`${venue.httpUrl}/api/ticker?symbol=BTCUSD`)).json();
    expect(ticker).toEqual({
      symbol: 'BTCUSD',
      bid: 50_000,
      ask: 50_001,
      last: 50_000.5,
      ts: 1_700_000_000_000,
    });
    const bad = await fetch(`${venue.httpUrl}/api/ticker?symbol=DOGEUSD`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'BAD_SYMBOL' });
  });

  it('accepts a correctly signed order and refuses a bad signature', async () => {
    await using venue = await startGenericVenue();
    const body = JSON.stringify({ symbol: 'BTCUSD', side: 'buy', qty: '0.01', price: '50000' });
    const ts = String(venue.now());
    const sign = genericSignature(GENERIC_DEFAULT_SECRET, ts, 'POST', '/api/private/order', body);
    const headers = { 'X-GEN-KEY': GENERIC_DEFAULT_API_KEY, 'X-GEN-TS': ts, 'X-GEN-SIGN': sign };
    const ok = await fetch(`${venue.httpUrl}/api/private/order`, { method: 'POST', body, headers });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({
      orderId: 1,
      symbol: 'BTCUSD',
      side: 'buy',
      qty: '0.01',
      price: '50000',
    });
    const bad = await fetch(`${venue.httpUrl}/api/private/order`, {
      method: 'POST',
      body,
      headers: { ...headers, 'X-GEN-SIGN': sign.replace(/^./, sign[0] === '0' ? '1' : '0') },
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ code: 'AUTH' });
  });
});
