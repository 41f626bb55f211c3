// The `proxy` session option: requests travel through an HTTP CONNECT proxy (a tiny loopback
// one here, tunnelling to the generic venue), proxy credentials are sent and never printed.
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Client, HttpSession, NetworkError } from '@venuekit/base';
import { startGenericVenue, type GenericVenue } from '@venuekit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PROXY_PASSWORD = 'proxy-pass-never-printed-77';

let venue: GenericVenue;
let proxyUrl: string;
const tunnels: { target: string; auth: string | undefined }[] = [];
const sockets = new Set<Socket>();
const proxy = createServer((_req, res) => res.writeHead(405).end());

beforeAll(async () => {
  venue = await startGenericVenue();
  proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const auth = req.headers['proxy-authorization'];
    tunnels.push({ target: req.url ?? '', auth });
    const expected = `Basic ${Buffer.from(`trader:${PROXY_PASSWORD}`).toString('base64')}`;
    if (auth !== undefined && auth !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await venue.close();
});

describe('proxy option', () => {
  it('sends requests through one keep-alive CONNECT tunnel', async () => {
    tunnels.length = 0;
    await using session = new HttpSession({ proxy: proxyUrl, connections: 1 });
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {}, session });
    for (let i = 0; i < 3; i++) {
      const { data } = await client.fetch<{ serverTime: number }>('GET', '/api/time');
      expect(typeof data.serverTime).toBe('number');
    }
    const { data } = await client.fetch<{ body: string }>('POST', '/api/echo', { data: { via: 'proxy' } });
    expect(data.body).toBe('{"via":"proxy"}');
    expect(tunnels).toEqual([{ target: `127.0.0.1:${venue.port}`, auth: undefined }]);
  });

  it('sends proxy credentials from the URL, and a refused tunnel never prints them', async () => {
    tunnels.length = 0;
    const withAuth = `http://trader:${PROXY_PASSWORD}@${proxyUrl.slice('http://'.length)}`;
    await using session = new HttpSession({ proxy: withAuth });
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {}, session });
    expect((await client.fetch('GET', '/api/time')).response.status).toBe(200);
    expect(tunnels[0]!.auth).toBe(`Basic ${Buffer.from(`trader:${PROXY_PASSWORD}`).toString('base64')}`);

    const wrong = `http://trader:wrong-${PROXY_PASSWORD}@${proxyUrl.slice('http://'.length)}`;
    await using badSession = new HttpSession({ proxy: { uri: wrong } });
    await using badClient = new Client({
      baseUrl: venue.httpUrl,
      apis: {},
      session: badSession,
      retry: false,
    });
    const error = await badClient.fetch('GET', '/api/time').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(/407/);
    const printed = `${(error as Error).message} ${JSON.stringify(error)}`;
    expect(printed).not.toContain(PROXY_PASSWORD);
  });
});

describe('printing', () => {
  it('inspect() of a proxied session or its client shows counters, never the proxy password', async () => {
    const { inspect } = await import('node:util');
    await using session = new HttpSession({ proxy: `http://trader:${PROXY_PASSWORD}@127.0.0.1:9` });
    await using client = new Client({ session, apis: {} });
    const printed = `${inspect(session, { depth: 8 })} ${inspect(client, { depth: 8 })}`;
    expect(printed).toContain('proxied: true');
    expect(printed).not.toContain(PROXY_PASSWORD);
  });
});
