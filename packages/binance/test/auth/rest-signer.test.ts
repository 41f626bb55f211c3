// The REST signer against Binance's published worked examples (Spot and USD-M, query, body,
// mixed, non-ASCII), key-only and untouched requests, and Ed25519/RSA keys.
import { generateKeyPairSync, verify } from 'node:crypto';
import { ConfigError, createCredentials, type SignableRequest } from '@venuekit/base';
import {
  binanceSigner,
  createBinanceSigner,
  endpointSecurity,
  percentEncodeNonAscii,
} from '@venuekit/binance/plugin';
import { describe, expect, it } from 'vitest';

const SPOT_KEY = createCredentials({
  apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
  secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
});
const FUTURES_KEY = createCredentials({
  apiKey: 'dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83',
  secret: '2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9',
});
const SPOT_PARAMS = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1';
const FUTURES_PARAMS = 'symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC';

const at = (ms: number) => ({ now: () => ms, nonce: () => String(ms) });

function request(method: string, url: string, body?: string): SignableRequest {
  return { method, url: new URL(url), headers: {}, body };
}

describe('Binance REST signer: official worked examples', () => {
  const signer = createBinanceSigner({ recvWindow: 5000 });

  it('signs the Spot example in the query string (c8db56…)', () => {
    const req = signer.sign(
      request('POST', `https://api.binance.com/api/v3/order?${SPOT_PARAMS}`),
      SPOT_KEY,
      at(1499827319559),
    );
    expect(req.url.search).toBe(
      `?${SPOT_PARAMS}&recvWindow=5000&timestamp=1499827319559&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71`,
    );
    expect(req.headers['x-mbx-apikey']).toBe(SPOT_KEY.apiKey);
    expect(req.body).toBeUndefined();
  });

  it('signs the Spot example in the body, with signature last in the body', () => {
    const req = signer.sign(
      request('POST', 'https://api.binance.com/api/v3/order', SPOT_PARAMS),
      SPOT_KEY,
      at(1499827319559),
    );
    expect(req.url.search).toBe('');
    expect(req.body).toBe(
      `${SPOT_PARAMS}&recvWindow=5000&timestamp=1499827319559&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71`,
    );
  });

  it('percent-encodes non-ASCII before signing (e1353e…)', () => {
    const body = SPOT_PARAMS.replace('LTCBTC', '１２３４５６');
    const req = signer.sign(
      request('POST', 'https://api.binance.com/api/v3/order', body),
      SPOT_KEY,
      at(1499827319559),
    );
    expect(req.body).toBe(
      `${SPOT_PARAMS.replace('LTCBTC', '%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96')}&recvWindow=5000&timestamp=1499827319559&signature=e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3`,
    );
  });

  it('signs the USD-M example identically as query or body (3c6612…)', () => {
    const sig = '3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9';
    const inQuery = signer.sign(
      request('POST', `https://fapi.binance.com/fapi/v1/order?${FUTURES_PARAMS}`),
      FUTURES_KEY,
      at(1591702613943),
    );
    expect(inQuery.url.searchParams.get('signature')).toBe(sig);
    const inBody = signer.sign(
      request('POST', 'https://fapi.binance.com/fapi/v1/order', FUTURES_PARAMS),
      FUTURES_KEY,
      at(1591702613943),
    );
    expect(inBody.body?.endsWith(`&signature=${sig}`)).toBe(true);
  });

  it('signs a mixed query + body as their concatenation with no separator (30baaf…)', () => {
    const req = signer.sign(
      request(
        'POST',
        'https://fapi.binance.com/fapi/v1/order?symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC',
        'quantity=1&price=9000',
      ),
      FUTURES_KEY,
      at(1591702613943),
    );
    expect(req.url.search).toBe('?symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC');
    expect(req.body).toBe(
      'quantity=1&price=9000&recvWindow=5000&timestamp=1591702613943&signature=30baaf0fab549bbeda7f5ef201898b34122da25fd23c646cac2c529aebe670a4',
    );
  });
});

describe('Binance REST signer: what it leaves alone', () => {
  it('gives USER_STREAM (listenKey) endpoints the key header only', () => {
    for (const url of [
      'https://fapi.binance.com/fapi/v1/listenKey',
      'https://api.binance.com/api/v3/userDataStream?listenKey=abc',
      'https://api.binance.com/sapi/v1/userDataStream/isolated',
    ]) {
      const req = binanceSigner.sign(request('POST', url), SPOT_KEY, at(1));
      expect(req.url.href).toBe(url);
      expect(req.body).toBeUndefined();
      expect(req.headers['x-mbx-apikey']).toBe(SPOT_KEY.apiKey);
    }
  });

  it('does not sign public market-data endpoints', () => {
    const req = binanceSigner.sign(
      request('GET', 'https://api.binance.com/api/v3/depth?symbol=BTCUSDT'),
      SPOT_KEY,
      at(1),
    );
    expect(req.url.search).toBe('?symbol=BTCUSDT');
    expect(endpointSecurity('/fapi/v1/ticker/bookTicker')).toBe('public');
    expect(endpointSecurity('/futures/data/openInterestHist')).toBe('public');
    expect(endpointSecurity('/fapi/v3/account')).toBe('signed');
    expect(endpointSecurity('/sapi/v1/capital/config/getall')).toBe('signed');
  });

  it('leaves WebSocket upgrades untouched', () => {
    const ws = request('GET', 'wss://stream.binance.com:9443/ws/btcusdt@depth');
    expect(binanceSigner.sign(ws, SPOT_KEY, at(1)).headers).toEqual({});
    const upgrade: SignableRequest = {
      ...request('GET', 'https://api.binance.com/api/v3/order'),
      headers: { upgrade: 'websocket' },
    };
    const out = binanceSigner.sign(upgrade, SPOT_KEY, at(1));
    expect(out.url.search).toBe('');
    expect(out.headers['x-mbx-apikey']).toBeUndefined();
  });

  it('keeps a timestamp or recvWindow the caller already set and sends no recvWindow unless configured', () => {
    const req = binanceSigner.sign(
      request('GET', 'https://api.binance.com/api/v3/account?timestamp=42'),
      SPOT_KEY,
      at(99),
    );
    expect(req.url.search).toMatch(/^\?timestamp=42&signature=[0-9a-f]{64}$/);
    const rw = createBinanceSigner({ recvWindow: 6000.5 }).sign(
      request('GET', 'https://api.binance.com/api/v3/account?recvWindow=100'),
      SPOT_KEY,
      at(7),
    );
    expect(rw.url.search).toMatch(/^\?recvWindow=100&timestamp=7&signature=/);
  });

  it('refuses a bad recvWindow with a ConfigError naming the field', () => {
    for (const bad of [0, -1, 60_001, 1.2345, Number.NaN])
      expect(() => createBinanceSigner({ recvWindow: bad })).toThrow(/recvWindow must be/);
    expect(() => createBinanceSigner({ recvWindow: 60_000 })).not.toThrow();
  });

  it('percent-encodes only non-ASCII text', () => {
    expect(percentEncodeNonAscii('a=1&b=x y')).toBe('a=1&b=x y');
    expect(percentEncodeNonAscii('s=é€')).toBe('s=%C3%A9%E2%82%AC');
  });
});

describe('Binance REST signer: asymmetric keys', () => {
  it('signs with Ed25519 as percent-encoded base64 that verifies', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const creds = createCredentials({
      apiKey: 'ed25519key00000000000000000000000000000000000000000000000000000A',
      secret: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const req = binanceSigner.sign(
      request('GET', 'https://api.binance.com/api/v3/account?omitZeroBalances=true'),
      creds,
      at(1700000000000),
    );
    const search = req.url.search.slice(1);
    const [payload, encoded] = search.split('&signature=') as [string, string];
    expect(payload).toBe('omitZeroBalances=true&timestamp=1700000000000');
    expect(encoded).not.toMatch(/[+/=]/);
    const signature = Buffer.from(decodeURIComponent(encoded), 'base64');
    expect(verify(null, Buffer.from(payload), publicKey, signature)).toBe(true);
  });

  it('signs with RSA (PKCS#1 v1.5, SHA-256)', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const creds = createCredentials({
      apiKey: 'rsakey0000000000000000000000000000000000000000000000000000000000',
      secret: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const req = binanceSigner.sign(
      request('POST', 'https://api.binance.com/api/v3/order', 'symbol=BTCUSDT'),
      creds,
      at(5),
    );
    const [payload, encoded] = (req.body ?? '').split('&signature=') as [string, string];
    expect(
      verify('sha256', Buffer.from(payload), publicKey, Buffer.from(decodeURIComponent(encoded), 'base64')),
    ).toBe(true);
  });

  it('refuses an unreadable PEM or an unsupported key type with a ConfigError that quotes no key', () => {
    const bad = createCredentials({
      apiKey: 'k'.repeat(64),
      secret: '-----BEGIN PRIVATE KEY-----\nnotakey\n-----END PRIVATE KEY-----',
    });
    const sign = () =>
      binanceSigner.sign(request('GET', 'https://api.binance.com/api/v3/account'), bad, at(1));
    expect(sign).toThrow(ConfigError);
    expect(sign).toThrow(/not a readable private key/);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const ecCreds = createCredentials({ apiKey: 'e'.repeat(64), secret: ec });
    expect(() =>
      binanceSigner.sign(request('GET', 'https://api.binance.com/api/v3/account'), ecCreds, at(1)),
    ).toThrow(/ec key/);
  });
});
