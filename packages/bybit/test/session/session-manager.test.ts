// BybitSessionManager and the session each BybitHttpClient uses, against real loopback sockets:
// with the shared session set up, 100 clients keep the server-side socket count within
// maxConnections and closing a client leaves the session to the others; without it each client
// owns a session that its close() (or `await using`) closes; a client created before setup()
// keeps its own session.
import { createServer, type Server } from 'node:http';
import { HttpSessionClosedError, silentLogger } from '@venuekit/base';
import { BybitHttpClient, BybitSessionManager } from '@venuekit/bybit/plugin';
import { afterEach, describe, expect, it } from 'vitest';

afterEach(async () => {
  await BybitSessionManager.close();
});

/** A loopback server answering the v5 envelope after `holdMs`, counting sockets and concurrent requests. */
async function countingServer(holdMs: number) {
  const counts = { sockets: 0, openSockets: 0, maxOpenSockets: 0, active: 0, maxActive: 0 };
  const server: Server = createServer((_req, res) => {
    counts.active++;
    counts.maxActive = Math.max(counts.maxActive, counts.active);
    setTimeout(() => {
      counts.active--;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"retCode":0,"retMsg":"OK","result":{"ok":true},"retExtInfo":{},"time":1}');
    }, holdMs);
  });
  server.on('connection', (socket) => {
    counts.sockets++;
    counts.openSockets++;
    counts.maxOpenSockets = Math.max(counts.maxOpenSockets, counts.openSockets);
    socket.on('close', () => counts.openSockets--);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('BybitSessionManager', () => {
  it('100 clients on the shared session keep server-side sockets within maxConnections', async () => {
    const server = await countingServer(10);
    const session = BybitSessionManager.setup({ maxConnections: 8 });
    expect(BybitSessionManager.isInitialized()).toBe(true);
    const clients = Array.from(
      { length: 100 },
      (_, i) =>
        new BybitHttpClient({
          baseUrl: server.url,
          apiKey: `key-${i}`,
          apiSecret: `secret-${i}`,
          logger: silentLogger,
        }),
    );
    expect(clients.every((c) => c.session === session && c.usesSharedSession && !c.ownsSession)).toBe(true);
    const calls = clients.flatMap((c) => [0, 1, 2].map(() => c.get<{ ok: boolean }>('/v5/market/time')));
    let sawQueue = false;
    for (let i = 0; i < 1000 && !sawQueue; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      sawQueue = session.stats.queued > 0;
    }
    const results = await Promise.all(calls);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(sawQueue).toBe(true);
    expect(server.counts.maxActive).toBeLessThanOrEqual(8);
    expect(server.counts.maxOpenSockets).toBeLessThanOrEqual(8);
    expect(server.counts.sockets).toBeLessThanOrEqual(8);
    // Closing clients leaves the shared session open for the others.
    for (const c of clients.slice(0, 99)) await c.close();
    expect(session.closed).toBe(false);
    await expect(clients[99]!.get('/v5/market/time')).resolves.toEqual({ ok: true });
    await BybitSessionManager.close();
    expect(BybitSessionManager.isInitialized()).toBe(false);
    await expect(clients[99]!.get('/v5/market/time')).rejects.toThrow(HttpSessionClosedError);
    await server.close();
  });

  it('setup() twice returns the open session and ignores the new options', () => {
    const first = BybitSessionManager.setup({ maxConnections: 4 }, silentLogger);
    const second = BybitSessionManager.setup({ maxConnections: 100 }, silentLogger);
    expect(second).toBe(first);
    expect(second.stats.maxConnections).toBe(4);
  });

  it('without the shared session each client owns one, closed by `await using`', async () => {
    const server = await countingServer(0);
    let kept: BybitHttpClient;
    {
      await using client = new BybitHttpClient({ baseUrl: server.url, logger: silentLogger });
      kept = client;
      expect(client.ownsSession).toBe(true);
      await client.get('/v5/market/time');
    }
    expect(kept.session.closed).toBe(true);
    await server.close();
  });

  it('a client created before setup() keeps its own session', async () => {
    const early = new BybitHttpClient({ baseUrl: 'http://127.0.0.1:9', logger: silentLogger });
    const shared = BybitSessionManager.setup({ maxConnections: 4 });
    const late = new BybitHttpClient({ baseUrl: 'http://127.0.0.1:9', logger: silentLogger });
    expect(early.ownsSession).toBe(true);
    expect(early.session).not.toBe(shared);
    expect(late.session).toBe(shared);
    await early.close();
    await late.close();
    expect(shared.closed).toBe(false);
  });
});
