// The WebSocket API signing rule (all params but `signature`, sorted by name, raw UTF-8 values,
// apiKey and timestamp included) against Binance's worked examples, and its differences from REST.
import { generateKeyPairSync, verify } from 'node:crypto';
import { createCredentials } from '@venuekit/base';
import { signWsApiParams, wsApiLogonParams, wsApiSignaturePayload } from '@venuekit/binance/plugin';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const KEY = createCredentials({
  apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
  secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
});

describe('WS API signing', () => {
  it('reproduces the documented order.place example (aa1b57…)', () => {
    const params = {
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'LIMIT',
      timeInForce: 'GTC',
      quantity: '0.01000000',
      price: '52000.00',
      recvWindow: 100,
      timestamp: 1645423376532,
    };
    const signed = signWsApiParams(params, KEY, { now: () => 0 });
    expect(wsApiSignaturePayload(signed)).toBe(
      'apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT',
    );
    expect(signed.signature).toBe('aa1b5712c094bc4e57c05a1a5c1fd8d88dcd628338ea863fec7b88e59fe2db24');
    expect(signed.timestamp).toBe(1645423376532);
  });

  it('reproduces the documented session.logon example (1cf543…)', () => {
    const logon = wsApiLogonParams(KEY, { now: () => 1649729878532 });
    expect(logon).toEqual({
      apiKey: KEY.apiKey,
      timestamp: 1649729878532,
      signature: '1cf54395b336b0a9727ef27d5d98987962bc47aca6e13fe978612d0adee066ed',
    });
  });

  it('adds recvWindow when configured, drops null/undefined, replaces a stale signature', () => {
    const signed = signWsApiParams(
      { symbol: 'BTCUSDT', orderId: undefined, x: null, signature: 'old' },
      KEY,
      {
        now: () => 1000.7,
        recvWindow: 5000,
      },
    );
    expect(Object.keys(signed).sort()).toEqual(['apiKey', 'recvWindow', 'signature', 'symbol', 'timestamp']);
    expect(signed.timestamp).toBe(1000);
    expect(signed.signature).not.toBe('old');
  });

  it('signs raw UTF-8 values (unlike REST, which percent-encodes them)', () => {
    expect(wsApiSignaturePayload({ symbol: '１２３', a: true, list: ['A', 'B'] })).toBe(
      'a=true&list=["A","B"]&symbol=１２３',
    );
  });

  it('signs with Ed25519 as plain base64 over the sorted payload', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const creds = createCredentials({
      apiKey: 'a'.repeat(64),
      secret: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });
    const signed = signWsApiParams({ symbol: 'BTCUSDT' }, creds, { now: () => 1 });
    const payload = wsApiSignaturePayload(signed);
    expect(payload).toBe(`apiKey=${'a'.repeat(64)}&symbol=BTCUSDT&timestamp=1`);
    expect(
      verify(null, Buffer.from(payload), publicKey, Buffer.from(String(signed.signature), 'base64')),
    ).toBe(true);
  });

  it('the payload does not depend on the order params were given in', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.stringMatching(/^[a-zA-Z]{1,6}$/), fc.string(), { maxKeys: 6 }),
        (params) => {
          const reversed = Object.fromEntries(Object.entries(params).reverse());
          expect(wsApiSignaturePayload(reversed)).toBe(wsApiSignaturePayload(params));
        },
      ),
    );
  });
});
