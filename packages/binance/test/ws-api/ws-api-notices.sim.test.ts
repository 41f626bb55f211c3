// What a WS API server may say unasked, on a scripted venue built on the testkit harness (the
// Binance simulator never sends these): `serverShutdown` — the session lets the request in flight
// finish, then reconnects — and an unsolicited 401 when the logged-on key is revoked.
import { AuthenticationError, silentLogger } from '@venuekit/base';
import { startSim } from '@venuekit/testkit';
import { describe, expect, it } from 'vitest';
import { BinanceWsApi } from '../../src/ws-api/index.js';
import { nextEvent } from './ws-api-helpers.js';

type Request = { id: string; method: string };

describe('BinanceWsApi and unsolicited server frames', () => {
  it('finishes the request in flight after serverShutdown, then reconnects', async () => {
    await using sim = await startSim();
    let held: (() => void) | undefined;
    sim.onWsConnection('/ws-api/v3', (conn) => {
      conn.onMessage((text) => {
        const req = JSON.parse(text) as Request;
        const answer = () => conn.send({ id: req.id, status: 200, result: { serverTime: Date.now() } });
        if (req.method === 'ping' && held === undefined) {
          held = answer;
          conn.send({ event: { e: 'serverShutdown', E: Date.now() } });
        } else answer();
      });
    });
    await using api = new BinanceWsApi({
      url: `${sim.wsUrl}/ws-api/v3`,
      logger: silentLogger,
      reconnect: { initialDelayMs: 5, jitter: 0 },
    });
    await api.start();
    const shutdown = nextEvent(api, 'serverShutdown');
    const ping = api.ping();
    await shutdown;
    expect(sim.stats.wsConnectionsOpened).toBe(1); // still waiting for the answer in flight
    const back = nextEvent(api, 'reconnected');
    held?.();
    await expect(ping).resolves.toMatchObject({ serverTime: expect.any(Number) });
    await back;
    expect(sim.stats.wsConnectionsOpened).toBe(2);
    expect((await api.time()).serverTime).toBeGreaterThan(0);
  });

  it('reports a revoked key (unsolicited 401) as an AuthenticationError event', async () => {
    await using sim = await startSim();
    sim.onWsConnection('/ws-api/v3', (conn) => {
      conn.onMessage((text) => {
        const req = JSON.parse(text) as Request;
        conn.send({ id: req.id, status: 200, result: { serverTime: Date.now() } });
        if (req.method === 'time')
          conn.send({
            id: null,
            status: 401,
            error: { code: -2015, msg: 'Invalid API-key, IP, or permissions for action.' },
          });
      });
    });
    await using api = new BinanceWsApi({ url: `${sim.wsUrl}/ws-api/v3`, logger: silentLogger });
    const revoked = nextEvent<[Error]>(api, 'error');
    await api.start();
    const [error] = await revoked;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ code: -2015, status: 401 });
  });
});
