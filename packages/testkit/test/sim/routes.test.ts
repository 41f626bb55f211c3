import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type SimWsConnection, startSim } from '@venuekit/testkit';
import { connectRaw } from '../support/raw-client.js';

/** The HTTP status a WebSocket upgrade to `url` was refused with (101 when it was accepted). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.terminate();
      resolve(101);
    });
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => {});
  });
}

/** A connection handler that tells the client which route took it and what it saw. */
const tag = (route: string) => (conn: SimWsConnection) =>
  conn.send({ route, path: conn.path, q: conn.query.get('q') });

describe('prefix routes', () => {
  it('WebSocket: exact routes win, the longest prefix wins, the handler sees the full path', async () => {
    await using sim = await startSim();
    sim.onWsConnection('/ws', tag('exact /ws'));
    sim.onWsConnection('/ws/special', tag('exact /ws/special'));
    sim.onWsConnection('/ws/*', tag('/ws/*'));
    sim.onWsConnection('/ws/deep/*', tag('/ws/deep/*'));

    const cases: Array<[string, string]> = [
      ['/ws', 'exact /ws'],
      ['/ws/special', 'exact /ws/special'],
      ['/ws/special/more', '/ws/*'],
      ['/ws/btcusdt@depth/ethusdt@trade', '/ws/*'],
      ['/ws/deep', '/ws/*'], // '/ws/deep/*' needs something under /ws/deep/
      ['/ws/deep/a/b', '/ws/deep/*'],
    ];
    for (const [path, route] of cases) {
      const client = await connectRaw(`${sim.wsUrl}${path}?q=${encodeURIComponent(path)}`);
      expect(await client.nextJson()).toEqual({ route, path, q: path });
      await client.close();
    }
    // A prefix ends at a segment boundary: '/ws/*' does not serve '/wsx'.
    expect(await upgradeStatus(`${sim.wsUrl}/wsx/a`)).toBe(404);
    expect(await upgradeStatus(`${sim.wsUrl}/other`)).toBe(404);

    sim.onWsConnection('/*', tag('/*')); // a catch-all, still below every other route
    for (const [path, route] of [
      ['/other', '/*'],
      ['/wsx/a', '/*'],
      ['/ws/a', '/ws/*'],
    ] as const) {
      const client = await connectRaw(`${sim.wsUrl}${path}`);
      expect(await client.nextJson()).toMatchObject({ route, path });
      await client.close();
    }
  });

  it('registering a pattern again replaces its handler; bad patterns are refused by name', async () => {
    await using sim = await startSim();
    sim.onWsConnection('/ws/*', tag('first'));
    sim.onWsConnection('/ws/*', tag('second'));
    const client = await connectRaw(`${sim.wsUrl}/ws/x`);
    expect(await client.nextJson()).toMatchObject({ route: 'second' });
    await client.close();

    for (const bad of ['/ws*', '/a/*/b', '/a/**', 'ws/*', '*']) {
      expect(() => sim.onWsConnection(bad, () => {})).toThrow(TypeError);
      expect(() => sim.route('GET', bad, () => ({}))).toThrow(TypeError);
    }
    expect(() => sim.onWsConnection('/a/*/b', () => {})).toThrow(/only allowed as a final '\/\*' segment/);
  });

  it('HTTP: the exact route serves its methods, other methods fall through to the longest pattern', async () => {
    await using sim = await startSim();
    const answer = (route: string) => (req: { method: string; path: string; query: URLSearchParams }) => ({
      json: { route, method: req.method, path: req.path, q: req.query.get('q') },
    });
    sim.route('GET', '/api/v3/time', answer('GET /api/v3/time'));
    sim.route('POST', '/api/v3/order', answer('POST /api/v3/order'));
    sim.route('*', '/api/v3/*', answer('* /api/v3/*'));
    sim.route('GET', '/api/*', answer('GET /api/*'));

    const hit = async (method: string, path: string) => {
      const res = await fetch(`${sim.httpUrl}${path}?q=1`, { method });
      return { status: res.status, body: await res.json() };
    };
    expect(await hit('GET', '/api/v3/time')).toMatchObject({ body: { route: 'GET /api/v3/time' } });
    expect(await hit('POST', '/api/v3/order')).toMatchObject({ body: { route: 'POST /api/v3/order' } });
    expect(await hit('GET', '/api/v3/order')).toMatchObject({
      body: { route: '* /api/v3/*', method: 'GET', path: '/api/v3/order', q: '1' },
    });
    expect(await hit('DELETE', '/api/v3/a/b')).toMatchObject({
      body: { route: '* /api/v3/*', path: '/api/v3/a/b' },
    });
    expect(await hit('GET', '/api/other')).toMatchObject({ body: { route: 'GET /api/*' } });

    const refused = await hit('POST', '/api/other');
    expect(refused.status).toBe(404);
    expect(refused.body).toEqual({
      code: 'NOT_FOUND',
      msg: 'no route for POST /api/other; this path serves GET',
    });
    expect((await hit('GET', '/apix')).status).toBe(404);
  });
});
