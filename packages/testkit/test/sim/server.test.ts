import { describe, expect, it } from 'vitest';
import { startSim } from '@venuekit/testkit';
import { connectRaw } from '../support/raw-client.js';

describe('startSim', () => {
  it('serves HTTP routes and WebSocket upgrades on one loopback port', async () => {
    await using sim = await startSim();
    expect(sim.httpUrl).toBe(`http://127.0.0.1:${sim.port}`);
    expect(sim.wsUrl).toBe(`ws://127.0.0.1:${sim.port}`);
    sim.route('POST', '/echo', (req) => ({
      json: { body: req.body, q: req.query.get('q'), h: req.headers['x-a'] },
    }));
    sim.onWsConnection('/ws', (conn) => conn.onMessage((text) => conn.send({ got: text })));

    const res = await fetch(`${sim.httpUrl}/echo?q=1`, {
      method: 'POST',
      body: 'hi',
      headers: { 'X-A': 'b' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({ body: 'hi', q: '1', h: 'b' });

    const client = await connectRaw(`${sim.wsUrl}/ws?x=1`);
    client.ws.send('hello');
    expect(await client.nextJson()).toEqual({ got: 'hello' });
    await client.close();
    expect(sim.stats.httpRequests).toBe(1);
    expect(sim.stats.wsConnectionsOpened).toBe(1);
    expect(sim.stats.wsMessagesReceived).toBe(1);
    expect(sim.stats.wsMessagesSent).toBe(1);
  });

  it('answers an unknown route with 404 JSON and a thrown handler with 500 JSON', async () => {
    await using sim = await startSim();
    sim.route('GET', '/boom', () => {
      throw new Error('kaboom');
    });
    const missing = await fetch(`${sim.httpUrl}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND' });
    const boom = await fetch(`${sim.httpUrl}/boom`);
    expect(boom.status).toBe(500);
    expect(await boom.json()).toEqual({ code: 'SIM_HANDLER_ERROR', msg: 'simulator handler failed: kaboom' });
  });

  it('turns a handler that answers nothing or something unserializable into a 500, and keeps serving', async () => {
    await using sim = await startSim();
    sim.route('GET', '/nothing', () => undefined as never);
    sim.route('GET', '/bigint', () => ({ json: { n: 1n } }));
    sim.route('GET', '/ok', async () => ({ status: 201, body: Buffer.from('raw') }));
    for (const path of ['/nothing', '/bigint']) {
      const res = await fetch(`${sim.httpUrl}${path}`);
      expect(res.status).toBe(500);
      expect(await res.json()).toMatchObject({ code: 'SIM_HANDLER_ERROR' });
    }
    const ok = await fetch(`${sim.httpUrl}/ok`);
    expect(ok.status).toBe(201);
    expect(await ok.text()).toBe('raw');
  });

  it('matches routes by exact path, any method with *, and the last registration wins', async () => {
    await using sim = await startSim();
    sim.route('*', '/any', (req) => ({ json: req.method }));
    sim.route('get', '/x', () => ({ json: 1 }));
    sim.route('GET', '/x', () => ({ json: 2 }));
    expect(await (await fetch(`${sim.httpUrl}/any`, { method: 'PATCH' })).json()).toBe('PATCH');
    expect(await (await fetch(`${sim.httpUrl}/x?q=1`)).json()).toBe(2);
    expect((await fetch(`${sim.httpUrl}/x/`)).status).toBe(404);
    expect(() => sim.route('GET', 'x', () => ({}))).toThrow(/must start with/);
  });

  it('closes a connection with 1011 when the connection handler throws', async () => {
    await using sim = await startSim();
    sim.onWsConnection('/ws', () => {
      throw new Error('cannot accept');
    });
    const client = await connectRaw(`${sim.wsUrl}/ws`);
    expect(await client.closed).toEqual({ code: 1011, reason: 'simulator error: cannot accept' });
  });
});
