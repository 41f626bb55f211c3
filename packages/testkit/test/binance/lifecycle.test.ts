import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { type BinanceSim, startBinanceSim } from '@venuekit/testkit';
import { call, DOC_KEY, ed25519Key, ed25519Sign, TestSocket } from './helpers.js';

/** A hand-driven clock: simulator time only moves when the test says so. */
function manualClock(start: number) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('Binance simulator keys, time and connection lifecycle', () => {
  let sim: BinanceSim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('verifies Ed25519 and RSA REST signatures (base64, percent-encoded)', async () => {
    const ed = ed25519Key('Ed25519Key000000000000000000000000000000000000000000000000000001');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsaKey = 'RsaKey0000000000000000000000000000000000000000000000000000000001';
    sim = await startBinanceSim({
      market: 'spot',
      apiKeys: [
        { apiKey: ed.apiKey, ed25519PublicKeyPem: ed.ed25519PublicKeyPem },
        { apiKey: rsaKey, rsaPublicKeyPem: rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString() },
      ],
    });
    const payload = `omitZeroBalances=true&timestamp=${Date.now()}`;
    const edSig = encodeURIComponent(ed25519Sign(ed.privateKey, payload));
    const ok = await call(sim.httpUrl, 'GET', '/api/v3/account', `${payload}&signature=${edSig}`, {
      headers: { 'X-MBX-APIKEY': ed.apiKey },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.balances.every((b: { free: string }) => b.free !== '0.00000000')).toBe(true);
    const tampered = await call(
      sim.httpUrl,
      'GET',
      '/api/v3/account',
      `${payload.replace('true', 'false')}&signature=${edSig}`,
      {
        headers: { 'X-MBX-APIKEY': ed.apiKey },
      },
    );
    expect(tampered.body.code).toBe(-1022);
    const rsaSig = encodeURIComponent(
      sign('sha256', Buffer.from(payload), rsa.privateKey).toString('base64'),
    );
    const viaRsa = await call(sim.httpUrl, 'GET', '/api/v3/account', `${payload}&signature=${rsaSig}`, {
      headers: { 'X-MBX-APIKEY': rsaKey },
    });
    expect(viaRsa.status).toBe(200);
    const docKey = await call(sim.httpUrl, 'GET', '/api/v3/account', `${payload}&signature=00`, {
      headers: { 'X-MBX-APIKEY': DOC_KEY },
    });
    expect(docKey.body.code).toBe(-2015); // not registered on this simulator
  });

  it('closes stream connections older than 24 hours of simulator time', async () => {
    const clock = manualClock(Date.UTC(2026, 5, 1));
    sim = await startBinanceSim({ market: 'spot', clock, symbols: [{ symbol: 'BTCUSDT', levels: 50 }] });
    const s = await TestSocket.open(`${sim.wsUrl}/ws/btcusdt@trade`);
    sim.market.step(1);
    clock.advance(24 * 3_600_000);
    sim.market.step(1);
    expect(await s.closed()).toBe(1000);
  });

  it('expires a listenKey after 60 minutes without keepalive', async () => {
    const clock = manualClock(Date.UTC(2026, 5, 1));
    sim = await startBinanceSim({ market: 'usdm', clock, symbols: [{ symbol: 'BTCUSDT', levels: 50 }] });
    const key = (
      await call(sim.httpUrl, 'POST', '/fapi/v1/listenKey', '', { headers: { 'X-MBX-APIKEY': DOC_KEY } })
    ).body.listenKey;
    const s = await TestSocket.open(`${sim.wsUrl}/private/ws/${key}`);
    clock.advance(59 * 60_000);
    expect(
      (await call(sim.httpUrl, 'PUT', '/fapi/v1/listenKey', '', { headers: { 'X-MBX-APIKEY': DOC_KEY } }))
        .status,
    ).toBe(200);
    clock.advance(61 * 60_000);
    sim.market.step(1);
    const expired = await s.waitFor((m) => m.e === 'listenKeyExpired');
    expect(expired.listenKey).toBe(key);
    expect(await s.closed()).toBe(1000);
    const again = await call(sim.httpUrl, 'PUT', '/fapi/v1/listenKey', '', {
      headers: { 'X-MBX-APIKEY': DOC_KEY },
    });
    expect(again.body.code).toBe(-1125);
  });

  it('streams on a timer, answers bad control frames, and forgets dropped connections', async () => {
    sim = await startBinanceSim({ market: 'spot', symbols: [{ symbol: 'BTCUSDT', levels: 50 }] });
    const s = await TestSocket.open(`${sim.wsUrl}/ws`);
    s.ws.send('{not json');
    expect((await s.waitFor((m) => m.code === 3)).id).toBeNull();
    expect(await s.request({ method: 'SET_PROPERTY', params: ['combined', true], id: 7 })).toEqual({
      result: null,
      id: 7,
    });
    expect(await s.request({ method: 'SUBSCRIBE', params: ['btcusdt@bookTicker'], id: 8 })).toEqual({
      result: null,
      id: 8,
    });
    sim.startStreaming({ intervalMs: 5 });
    const tick = await s.waitFor((m) => m.stream === 'btcusdt@bookTicker');
    sim.stopStreaming();
    expect(tick.data).toMatchObject({ s: 'BTCUSDT', u: expect.any(Number) });
    expect(Number(tick.data.b)).toBeLessThan(Number(tick.data.a));
    expect(sim.spot!.hub.subscriberCount('btcusdt@bookTicker')).toBe(1);
    sim.faults.dropAll();
    await s.closed();
    await expect.poll(() => sim!.spot!.hub.subscriberCount('btcusdt@bookTicker')).toBe(0);
  });
});
