// HttpSession and sharedSession: a total connection cap across many clients (counted on the
// server's side), the shared session's lifecycle, owned sessions closed by their client with no
// handle left open, and option validation.
import { createServer, type Server } from 'node:http';
import { Client, ConfigError, HttpSession, HttpSessionClosedError, sharedSession } from '@venuekit/base';
import { startGenericVenue, type GenericVenue } from '@venuekit/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { captureLogger } from './support/capture-logger.js';
import { settle } from './support/settle.js';

let venue: GenericVenue;

beforeAll(async () => {
  venue = await startGenericVenue();
});
afterEach(async () => {
  await sharedSession.close();
});
afterAll(async () => {
  await venue.close();
});

function newCounts() {
  return { sockets: 0, openSockets: 0, maxOpenSockets: 0, active: 0, maxActive: 0 };
}

/**
 * A loopback server that answers after `holdMs` and counts sockets and concurrent requests
 * (into `counts`, which several servers may share).
 */
async function countingServer(holdMs: number, counts = newCounts()) {
  const server: Server = createServer((_req, res) => {
    counts.active++;
    counts.maxActive = Math.max(counts.maxActive, counts.active);
    setTimeout(() => {
      counts.active--;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
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

describe('connection cap', () => {
  it('100 clients on one shared session keep server-side sockets within maxConnections', async () => {
    const server = await countingServer(15);
    // connections beyond the cap are clamped: one origin can never take more than the cap.
    const session = sharedSession.setup({ maxConnections: 8, connections: 1000 });
    expect(session.connections).toBe(8);
    const clients = Array.from({ length: 100 }, () => new Client({ baseUrl: server.url, apis: {} }));
    expect(clients.every((c) => c.session === session && !c.ownsSession)).toBe(true);
    let sawQueue = false;
    const calls = clients.flatMap((c) =>
      [0, 1, 2].map(async () => (await c.fetch<{ ok: boolean }>('GET', '/')).data.ok),
    );
    sawQueue = session.stats.queued > 0;
    expect(await Promise.all(calls)).toHaveLength(300);
    expect(sawQueue).toBe(true);
    expect(server.counts.maxActive).toBeLessThanOrEqual(8);
    expect(server.counts.maxOpenSockets).toBeLessThanOrEqual(8);
    expect(server.counts.sockets).toBeLessThanOrEqual(8);
    expect(session.stats).toMatchObject({ inFlight: 0, queued: 0, requests: 300, maxConnections: 8 });
    expect(session.stats.openConnections).toBeLessThanOrEqual(8);
    // Closing the clients leaves the shared session open for others.
    for (const c of clients) await c.close();
    expect(session.closed).toBe(false);
    await server.close();
  });

  it('the total cap holds across origins, where per-origin limits alone would allow more', async () => {
    const counts = newCounts();
    const servers = [await countingServer(15, counts), await countingServer(15, counts)];
    const session = sharedSession.setup({ maxConnections: 6, connections: 6 });
    const clients = Array.from(
      { length: 100 },
      (_, i) => new Client({ baseUrl: servers[i % 2]!.url, apis: {} }),
    );
    await Promise.all(clients.flatMap((c) => [c.fetch('GET', '/'), c.fetch('GET', '/')]));
    // Requests in flight (connections in use) never exceeded 6 in total, though each origin may hold 6.
    expect(counts.maxActive).toBeLessThanOrEqual(6);
    expect(counts.maxActive).toBeGreaterThan(3);
    expect(session.stats.requests).toBe(200);
    for (const server of servers) await server.close();
  });

  it('caps connections per origin', async () => {
    const server = await countingServer(10);
    await using session = new HttpSession({ maxConnections: 100, connections: 3 });
    await using client = new Client({ baseUrl: server.url, apis: {}, session });
    await Promise.all(Array.from({ length: 30 }, () => client.fetch('GET', '/')));
    expect(server.counts.maxOpenSockets).toBeLessThanOrEqual(3);
    expect(session.stats.openConnections).toBeLessThanOrEqual(3);
    await server.close();
  });
});

describe('sharedSession', () => {
  it('is used by clients created after setup, and only by those', async () => {
    const early = new Client({ baseUrl: venue.httpUrl, apis: {} });
    expect(sharedSession.current).toBeUndefined();
    const session = sharedSession.setup();
    expect(session.stats.maxConnections).toBe(2000);
    expect(session.connections).toBe(1000);
    const late = new Client({ baseUrl: venue.httpUrl, apis: {} });
    expect(early.ownsSession).toBe(true);
    expect(late.session).toBe(session);
    await late.fetch('GET', '/api/time');
    await late.close();
    await early.close();
    expect(session.closed).toBe(false);
    expect(early.session.closed).toBe(true);
  });

  it('a second setup returns the open session and warns that new options are ignored', () => {
    const { logger, count } = captureLogger();
    const first = sharedSession.setup({ maxConnections: 10 }, logger);
    const second = sharedSession.setup({ maxConnections: 20 }, logger);
    expect(second).toBe(first);
    expect(second.stats.maxConnections).toBe(10);
    expect(count('already open')).toBe(1);
  });

  it('close() is idempotent; requests through a closed shared session fail clearly', async () => {
    sharedSession.setup();
    const client = new Client({ baseUrl: venue.httpUrl, apis: {} });
    await sharedSession.close();
    await sharedSession.close();
    expect(sharedSession.isSetUp).toBe(false);
    const error = await client.fetch('GET', '/api/time').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpSessionClosedError);
    expect((error as Error).message).toMatch(/session is closed/);
  });
});

describe('owned sessions', () => {
  function handleCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const name of process.getActiveResourcesInfo()) counts[name] = (counts[name] ?? 0) + 1;
    return counts;
  }

  it('close() releases every socket and timer the client opened', async () => {
    // Warm up the venue side once so its own handles are in the baseline.
    const before = handleCounts();
    const client = new Client({ baseUrl: venue.httpUrl, apis: {} });
    await Promise.all(Array.from({ length: 10 }, () => client.fetch('GET', '/api/time')));
    expect(client.session.stats.openConnections).toBeGreaterThan(0);
    await client.close();
    expect(client.session.closed).toBe(true);
    expect(client.session.stats.openConnections).toBe(0);
    // Client sockets are gone at once; the simulator's side of each closes when it sees the FIN.
    await settle(() => (handleCounts().TCPSocketWrap ?? 0) <= (before.TCPSocketWrap ?? 0));
    expect(handleCounts().Timeout ?? 0).toBeLessThanOrEqual(before.Timeout ?? 0);
    await expect(client.fetch('GET', '/api/time')).rejects.toThrow(/Client is closed/);
  });

  it('`await using` closes the owned session at the end of the scope', async () => {
    let session: HttpSession | undefined;
    {
      await using client = new Client({ baseUrl: venue.httpUrl, apis: {} });
      session = client.session;
      await client.fetch('GET', '/api/time');
    }
    expect(session.closed).toBe(true);
    expect(session.stats.openConnections).toBe(0);
  });

  it('a session passed in is not closed by the client', async () => {
    await using session = new HttpSession();
    const client = new Client({ baseUrl: venue.httpUrl, apis: {}, session });
    await client.close();
    expect(session.closed).toBe(false);
  });
});

describe('options', () => {
  it('bad session and client options are ConfigErrors naming the field', () => {
    expect(() => new HttpSession({ maxConnections: 0 })).toThrow(ConfigError);
    expect(() => new HttpSession({ maxConnections: 0 })).toThrow(/maxConnections/);
    expect(() => new HttpSession({ proxy: 'not a url' })).toThrow(/proxy/);
    expect(() => new HttpSession({ bogus: 1 } as never)).toThrow(/bogus/);
    expect(() => new Client({ baseUrl: 'nope', apis: {} })).toThrow(/baseUrl must be an absolute URL/);
    expect(() => new Client({ timeoutMs: -5, apis: {} })).toThrow(/timeoutMs/);
    expect(() => new Client({ signers: {} as never, apis: {} })).toThrow(/signers must be/);
  });
});
