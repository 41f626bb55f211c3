// Signing: the signer is picked by the URL's exact host or named with `auth: '<name>'`, gets
// credentials from `apis` by its name, and signs exactly the bytes that are sent (the generic
// venue verifies the signature independently). Retries are signed anew.
import { Client, ConfigError, AuthenticationError, ExchangeRegistry } from '@venuekit/base';
import { startGenericVenue, type GenericVenue } from '@venuekit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERIC_APIS, genericSigner } from './support/generic-signer.js';

let venue: GenericVenue;

beforeAll(async () => {
  venue = await startGenericVenue();
});
afterAll(async () => {
  await venue.close();
});

describe('signer choice', () => {
  it('signs a request whose host a signer declares', async () => {
    const signer = genericSigner(['127.0.0.1']);
    await using client = new Client({ baseUrl: venue.httpUrl, apis: GENERIC_APIS, signers: [signer] });
    const { data } = await client.fetch<{ balances: unknown[] }>('GET', '/api/private/account', {
      params: { recvWindow: 5000 },
    });
    expect(data.balances.length).toBeGreaterThan(0);
    expect(signer.calls).toBe(1);
  });

  it('signs for another host when the signer is named with auth', async () => {
    const signer = genericSigner(['api.generic.example']);
    await using client = new Client({ baseUrl: venue.httpUrl, apis: GENERIC_APIS, signers: [signer] });
    // Host 127.0.0.1 is not the signer's: unsigned, refused.
    await expect(client.fetch('GET', '/api/private/account')).rejects.toBeInstanceOf(AuthenticationError);
    expect(signer.calls).toBe(0);
    const { data } = await client.fetch<{ orderId: number; qty: string }>('POST', '/api/private/order', {
      auth: 'generic',
      data: { symbol: 'BTCUSD', side: 'buy', qty: '0.5', price: '100.25' },
    });
    expect(data.orderId).toBeGreaterThan(0);
    expect(data.qty).toBe('0.5');
    // The body the venue verified is the one the signer saw.
    expect(venue.requests.at(-1)!.body).toBe('{"symbol":"BTCUSD","side":"buy","qty":"0.5","price":"100.25"}');
  });

  it('sends unsigned with auth: false, and when apis has no credentials for the signer', async () => {
    const signer = genericSigner(['127.0.0.1']);
    await using withKeys = new Client({ baseUrl: venue.httpUrl, apis: GENERIC_APIS, signers: [signer] });
    await withKeys.fetch('GET', '/api/echo', { auth: false });
    expect(venue.requests.at(-1)!.headers['x-gen-sign']).toBeUndefined();
    await using noKeys = new Client({ baseUrl: venue.httpUrl, apis: {}, signers: [signer] });
    await noKeys.fetch('GET', '/api/time');
    expect(signer.calls).toBe(0);
  });

  it('reads signers from a resolver such as an isolated registry', async () => {
    const registry = ExchangeRegistry.createIsolated();
    const signer = genericSigner(['127.0.0.1']);
    registry.use({ name: 'generic-test', version: '0.0.0', feeds: {}, signers: [signer] });
    await using client = new Client({ baseUrl: venue.httpUrl, apis: GENERIC_APIS, signers: registry });
    const res = await client.get('/api/private/account');
    expect(res.status).toBe(200);
    expect(signer.calls).toBe(1);
  });

  it('names what is missing when auth cannot be honoured', async () => {
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {}, signers: [genericSigner()] });
    await expect(client.fetch('GET', '/api/echo', { auth: 'nope' })).rejects.toThrow(ConfigError);
    await expect(client.fetch('GET', '/api/echo', { auth: 'nope' })).rejects.toThrow(
      /no signer named "nope"/,
    );
    await expect(client.fetch('GET', '/api/echo', { auth: 'generic' })).rejects.toThrow(
      /no credentials named "generic"/,
    );
  });
});

describe('what is signed is what is sent', () => {
  it('signs the merged query and a form body with the signer’s encoding', async () => {
    const signer = genericSigner([], 'form');
    await using client = new Client({ baseUrl: venue.httpUrl, apis: GENERIC_APIS, signers: [signer] });
    const res = await client.post('/api/echo?x=1', {
      auth: 'generic',
      params: { y: 'a b' },
      data: { q: 'ü&' },
    });
    const echoed = await res.json<{ body: string; headers: Record<string, string> }>();
    expect(echoed.body).toBe('q=%C3%BC%26');
    expect(echoed.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(echoed.headers['x-gen-sign']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives a wrong secret an AuthenticationError that never shows the secret', async () => {
    const secret = 'wrong-secret-that-must-not-leak-42';
    await using client = new Client({
      baseUrl: venue.httpUrl,
      apis: { generic: { apiKey: 'test-key-0001', secret } },
      signers: [genericSigner(['127.0.0.1'])],
    });
    const error = await client
      .fetch('GET', '/api/private/account', { params: { signature: 'abcdef0123456789' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const err = error as AuthenticationError;
    expect(err.status).toBe(401);
    expect(err.code).toBe('AUTH');
    expect(err.venue).toBe('generic');
    expect(err.message).toContain('/api/private/account');
    expect(err.message).toContain('signature=[REDACTED]');
    const printed = `${err.message} ${JSON.stringify(err)} ${String(err.stack)}`;
    expect(printed).not.toContain(secret);
    expect(printed).not.toContain('abcdef0123456789');
  });

  it('re-signs each retry with a fresh timestamp', async () => {
    const signer = genericSigner(['127.0.0.1']);
    await using client = new Client({
      baseUrl: venue.httpUrl,
      apis: GENERIC_APIS,
      signers: [signer],
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    });
    venue.faults.httpStatus({ status: 503, times: 1, path: '/api/private/account' });
    const res = await client.get('/api/private/account');
    expect(res.status).toBe(200);
    expect(signer.calls).toBe(2);
  });
});

describe('default resolver', () => {
  it('uses the global registry when no signers are given', async () => {
    const { registry, definePlugin } = await import('@venuekit/base');
    const signer = genericSigner(['localhost']);
    registry.use(definePlugin({ name: 'generic-global-test', version: '0.0.0', signers: [signer] }));
    await using client = new Client({ apis: GENERIC_APIS });
    const res = await client.get(`http://localhost:${venue.port}/api/private/account`);
    expect(res.status).toBe(200);
    expect(signer.calls).toBe(1);
  });
});
