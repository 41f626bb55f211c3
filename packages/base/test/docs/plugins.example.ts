import { createHmac, timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ExchangeRegistry, loadPlugins } from '@venuekit/base';
import { acmePlugin } from './plugins.example-plugin.js';

// A stand-in for the ACME venue on 127.0.0.1 (in real tests, a testkit simulator). It checks
// signatures with its own code, never the plugin's, so a bug cannot hide on both sides.
const KEY = 'acme-demo-key-4567';
const SECRET = 'acme-demo-secret-0123';
const venue = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const reply = (status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (url.pathname === '/api/ticker') return reply(200, { bid: 64000.5, ask: 64001, ts: 1_700_000_000_000 });
  if (url.pathname !== '/api/balances') return reply(404, { error: 'not found' });
  const timestamp = String(req.headers['acme-timestamp']);
  const expected = createHmac('sha256', SECRET)
    .update(`${timestamp}GET${url.pathname}${url.search}`)
    .digest();
  const given = Buffer.from(String(req.headers['acme-signature']), 'hex');
  const valid =
    req.headers['acme-key'] === KEY && given.length === expected.length && timingSafeEqual(given, expected);
  return valid
    ? reply(200, [{ asset: 'BTC', free: 0.5, locked: 0.25 }])
    : reply(401, { error: 'bad signature' });
});
venue.listen(0, '127.0.0.1');
await once(venue, 'listening');
const rest = `http://127.0.0.1:${(venue.address() as AddressInfo).port}`;

// Register the plugin: its feeds by id, its signer by name and by host.
const registry = ExchangeRegistry.createIsolated().use(acmePlugin);
export const signerForApiHost = registry.signerForHost('api.acme.example')?.name; // 'acme'

// Create a feed pointed at the stand-in with `urls`, and use it.
const feed = registry.createFeed('ACME___SPOT', {
  urls: { rest },
  credentials: { apiKey: KEY, secret: SECRET },
});
export const ticker = await feed.getTicker('BTC/USD');
export const balances = await feed.getBalances();

// A wrong secret: the venue refuses the signature, the feed throws AuthenticationError.
const wrong = registry.createFeed('ACME___SPOT', {
  urls: { rest },
  credentials: { apiKey: KEY, secret: 'not-the-secret' },
});
export const wrongSecret = await wrong.getBalances().catch((error: unknown) => error);

// Plugins named in configuration load by package name or path (relative to `cwd`).
const configured = ExchangeRegistry.createIsolated();
export const loaded = await loadPlugins(['./plugins.example-plugin.ts'], {
  registry: configured,
  cwd: import.meta.dirname,
});

venue.closeAllConnections();
venue.close();
