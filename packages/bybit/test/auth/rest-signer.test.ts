// The v5 REST signer against the protocol file's vectors (the official string construction and
// the self-computed HMAC for secret `test-secret`), the private-stream auth vector, exact-bytes
// signing of GET queries and POST bodies, the recv window rule, and RSA keys.
import { generateKeyPairSync, verify } from 'node:crypto';
import { ConfigError, createCredentials } from '@venuekit/base';
import {
  BYBIT_AUTH_HEADERS,
  bybitRestSignString,
  bybitWsAuthMessage,
  bybitWsAuthSignature,
  createBybitSigner,
  signBybitPayload,
} from '@venuekit/bybit/plugin';
import { describe, expect, it } from 'vitest';

const creds = createCredentials({ apiKey: 'XXXXXXXXXX', secret: 'test-secret' });
const ctxAt = (ms: number) => ({ now: () => ms, nonce: () => '1' });

describe('Bybit REST signer', () => {
  it('builds the official GET string and the self-computed signature for test-secret', () => {
    const text = bybitRestSignString(
      '1658384314791',
      'XXXXXXXXXX',
      '5000',
      'category=option&symbol=BTC-29JUL22-25000-C',
    );
    expect(text).toBe('1658384314791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C');
    expect(signBybitPayload(creds, text)).toBe(
      '236d8f7132d3e4c8bad803010e296f3d07211356e54c01455b26c8229a682297',
    );
  });

  it('signs a GET over the query string exactly as sent and adds the four headers', () => {
    const signer = createBybitSigner();
    const req = signer.sign(
      {
        method: 'GET',
        url: new URL('https://api.bybit.com/v5/order/realtime?category=option&symbol=BTC-29JUL22-25000-C'),
        headers: {},
      },
      creds,
      ctxAt(1658384314791),
    );
    expect(req.headers).toEqual({
      [BYBIT_AUTH_HEADERS.apiKey]: 'XXXXXXXXXX',
      [BYBIT_AUTH_HEADERS.timestamp]: '1658384314791',
      [BYBIT_AUTH_HEADERS.recvWindow]: '5000',
      [BYBIT_AUTH_HEADERS.sign]: '236d8f7132d3e4c8bad803010e296f3d07211356e54c01455b26c8229a682297',
    });
    expect(req.url.search).toBe('?category=option&symbol=BTC-29JUL22-25000-C');
  });

  it('signs a POST over the body text as given, spaces included (the official example body)', () => {
    const body = '{"category": "option"}';
    const req = createBybitSigner().sign(
      { method: 'POST', url: new URL('https://api.bybit.com/v5/order/create'), headers: {}, body },
      creds,
      ctxAt(1658385579423),
    );
    expect(req.body).toBe(body);
    expect(req.headers[BYBIT_AUTH_HEADERS.sign]).toBe(
      signBybitPayload(creds, `1658385579423XXXXXXXXXX5000${body}`),
    );
    // A compact re-serialisation would be a different signature: the bytes matter.
    expect(req.headers[BYBIT_AUTH_HEADERS.sign]).not.toBe(
      signBybitPayload(creds, '1658385579423XXXXXXXXXX5000{"category":"option"}'),
    );
  });

  it('uses the request’s own X-BAPI-RECV-WINDOW in the signed string, else the configured one', () => {
    const signer = createBybitSigner({ recvWindow: 10_000 });
    const url = new URL('https://api.bybit.com/v5/account/wallet-balance?accountType=UNIFIED');
    const a = signer.sign({ method: 'GET', url, headers: {} }, creds, ctxAt(1));
    expect(a.headers[BYBIT_AUTH_HEADERS.recvWindow]).toBe('10000');
    expect(a.headers[BYBIT_AUTH_HEADERS.sign]).toBe(
      signBybitPayload(creds, '1XXXXXXXXXX10000accountType=UNIFIED'),
    );
    const b = signer.sign({ method: 'GET', url, headers: { 'X-BAPI-RECV-WINDOW': '7500' } }, creds, ctxAt(1));
    expect(b.headers[BYBIT_AUTH_HEADERS.sign]).toBe(
      signBybitPayload(creds, '1XXXXXXXXXX7500accountType=UNIFIED'),
    );
  });

  it('floors fractional clock readings to whole ms', () => {
    const req = createBybitSigner().sign(
      { method: 'GET', url: new URL('https://api.bybit.com/v5/position/list'), headers: {} },
      creds,
      ctxAt(1700000000123.9),
    );
    expect(req.headers[BYBIT_AUTH_HEADERS.timestamp]).toBe('1700000000123');
  });

  it('rejects a bad recvWindow with a ConfigError naming the field', () => {
    expect(() => createBybitSigner({ recvWindow: 0 })).toThrow(ConfigError);
    expect(() => createBybitSigner({ recvWindow: 1.5 })).toThrow(/recvWindow/);
  });

  it('signs with an RSA key as base64 RSA-SHA256 when the secret is a PEM private key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const rsa = createCredentials({ apiKey: 'rsa-key', secret: pem });
    const signature = signBybitPayload(rsa, 'payload');
    expect(verify('sha256', Buffer.from('payload'), publicKey, Buffer.from(signature, 'base64'))).toBe(true);
  });

  it('refuses a PEM key that is not RSA', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => signBybitPayload(createCredentials({ apiKey: 'k', secret: pem }), 'x')).toThrow(ConfigError);
  });
});

describe('private-stream auth', () => {
  it('matches the self-computed vector (test-secret, expires 1662350400000)', () => {
    expect(bybitWsAuthSignature(creds, 1662350400000)).toBe(
      'f072aab6fa18cd774da998325df6cfc87c3ccf10d5722e6b43b570c5feaf6172',
    );
  });

  it('builds the auth op with expires 5 s after now', () => {
    const msg = bybitWsAuthMessage(creds, 1662350395000, 'a1');
    expect(msg).toEqual({
      req_id: 'a1',
      op: 'auth',
      args: ['XXXXXXXXXX', 1662350400000, 'f072aab6fa18cd774da998325df6cfc87c3ccf10d5722e6b43b570c5feaf6172'],
    });
  });
});
