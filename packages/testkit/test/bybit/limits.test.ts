// Rate limits: X-Bapi-Limit headers and 10006 per UID per endpoint, the per-IP HTTP 403 with its
// 10-minute ban, and limits that only count.
import { afterEach, describe, expect, it } from 'vitest';
import { type BybitSim, startBybitSim } from '@venuekit/testkit';
import { get, manualClock, signedGet, signedPost } from './helpers.js';

describe('Bybit simulator rate limits', () => {
  let sim: BybitSim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('sends X-Bapi-Limit headers per endpoint and answers 10006 over the rolling second, per UID', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 5, 12));
    sim = await startBybitSim({
      clock,
      categories: ['linear'],
      symbols: [{ symbol: 'BTCUSDT', levels: 30 }],
      orderAckDelayMs: 0,
    });
    sim.addApiKey({ apiKey: 'OTHERKEY01', secret: 'other-secret' });
    const order = (i: number) => ({
      category: 'linear',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.001',
      price: '50000',
      orderLinkId: `l-${i}`,
    });
    const statuses: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await signedPost(sim.httpUrl, '/v5/order/create', order(i), clock.now());
      expect(r.body.retCode).toBe(0);
      expect(r.headers.get('x-bapi-limit')).toBe('10');
      statuses.push(r.headers.get('x-bapi-limit-status')!);
      clock.advance(10);
    }
    expect(statuses).toEqual(['9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);
    const over = await signedPost(sim.httpUrl, '/v5/order/create', order(99), clock.now());
    expect(over.status).toBe(200);
    expect(over.body).toMatchObject({ retCode: 10006, result: {} });
    expect(over.headers.get('x-bapi-limit-status')).toBe('0');
    const resetAt = Number(over.headers.get('x-bapi-limit-reset-timestamp'));
    expect(resetAt).toBe(Date.UTC(2026, 0, 5, 12) + 1000);
    expect(sim.violations).toBe(1);
    expect(sim.violationDetails.byKind.uidLimit).toBe(1);
    const other = await signedPost(sim.httpUrl, '/v5/order/create', order(100), clock.now(), {
      key: 'OTHERKEY01',
      secret: 'other-secret',
    });
    expect(other.body.retCode).toBe(0);
    const reads = await signedGet(
      sim.httpUrl,
      '/v5/order/realtime',
      'category=linear&symbol=BTCUSDT',
      clock.now(),
    );
    expect(reads.headers.get('x-bapi-limit')).toBe('50');
    expect(reads.headers.get('x-bapi-limit-reset-timestamp')).toBe(String(clock.now()));
    clock.set(resetAt);
    const again = await signedPost(sim.httpUrl, '/v5/order/create', order(101), clock.now());
    expect(again.body.retCode).toBe(0);
    expect(again.headers.get('x-bapi-limit-status')).toBe('0');
    const pub = await get(sim.httpUrl, '/v5/market/time');
    expect(pub.headers.get('x-bapi-limit')).toBeNull();
  });

  it('limits spot order entry at 20/s, separately from linear', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 5, 12));
    sim = await startBybitSim({ clock, symbols: [{ symbol: 'BTCUSDT', levels: 30 }] });
    const spot = {
      category: 'spot',
      symbol: 'BTCUSDT',
      side: 'Buy',
      orderType: 'Limit',
      qty: '0.0001',
      price: '50000',
    };
    const first = await signedPost(sim.httpUrl, '/v5/order/create', spot, clock.now());
    expect(first.headers.get('x-bapi-limit')).toBe('20');
    const linear = await signedPost(
      sim.httpUrl,
      '/v5/order/create',
      { ...spot, category: 'linear', qty: '0.001' },
      clock.now(),
    );
    expect(linear.headers.get('x-bapi-limit')).toBe('10');
    expect(linear.headers.get('x-bapi-limit-status')).toBe('9');
  });

  it('answers HTTP 403 over 600 requests per 5 s per IP and bans the IP for 10 minutes of simulator time', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 5, 12));
    sim = await startBybitSim({
      clock,
      categories: ['spot'],
      symbols: [{ symbol: 'BTCUSDT', levels: 20 }],
      limits: { ipRequestsPer5s: 20 },
    });
    for (let i = 0; i < 20; i++) expect((await get(sim.httpUrl, '/v5/market/time')).status).toBe(200);
    const refused = await get(sim.httpUrl, '/v5/market/time');
    expect(refused.status).toBe(403);
    expect(refused.body.retMsg).toContain('access too frequent');
    const other = await fetch(`${sim.httpUrl}/v5/market/time`, {
      headers: { 'x-forwarded-for': '10.0.0.2' },
    });
    expect(other.status).toBe(200);
    clock.advance(5000);
    expect((await get(sim.httpUrl, '/v5/market/time')).status).toBe(403);
    expect(sim.violationDetails.byKind).toMatchObject({ ipLimit: 1, ipBanned: 1 });
    clock.advance(600_000);
    expect((await get(sim.httpUrl, '/v5/market/time')).status).toBe(200);
    sim.resetLimits();
    expect(sim.violations).toBe(0);
  });

  it('counts but never refuses with limits disabled', async () => {
    const clock = manualClock(Date.UTC(2026, 0, 5, 12));
    sim = await startBybitSim({
      clock,
      categories: ['spot'],
      symbols: [{ symbol: 'BTCUSDT', levels: 20 }],
      limits: { enabled: false, ipRequestsPer5s: 3 },
    });
    for (let i = 0; i < 6; i++) expect((await get(sim.httpUrl, '/v5/market/time')).status).toBe(200);
    expect(sim.violationDetails.byKind.ipLimit).toBe(3);
  });
});
