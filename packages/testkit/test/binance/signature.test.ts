import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiKeyRegistry } from '../../src/binance/auth/api-keys.js';
import { restSignedPayload, verifySignature, wsApiSignedPayload } from '../../src/binance/auth/signature.js';

const SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
const keys = new ApiKeyRegistry([{ apiKey: 'k', secret: SECRET }]);
const hmacKey = keys.get('k')!;
const param = fc.tuple(fc.stringMatching(/^[a-zA-Z]{1,10}$/), fc.stringMatching(/^[A-Za-z0-9.%-]{0,12}$/));

describe('Binance signature rules', () => {
  it('REST: the payload is query + body with no separator, wherever signature sits', () => {
    fc.assert(
      fc.property(
        fc.array(param, { maxLength: 6 }),
        fc.array(param, { maxLength: 6 }),
        fc.boolean(),
        (q, b, sigInBody) => {
          const query = q.map(([k, v]) => `${k}=${v}`).join('&');
          const body = b.map(([k, v]) => `${k}=${v}`).join('&');
          const sig = createHmac('sha256', SECRET)
            .update(query + body)
            .digest('hex');
          const withSig = (s: string) => (s === '' ? `signature=${sig}` : `${s}&signature=${sig}`);
          const got = sigInBody
            ? restSignedPayload(query, withSig(body))
            : restSignedPayload(withSig(query), body);
          return (
            got.payload === query + body &&
            got.signature === sig &&
            verifySignature(hmacKey, got.payload, got.signature!)
          );
        },
      ),
    );
  });

  it('HMAC signatures are case-insensitive hex; any other change fails', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.nat(63), (payload, at) => {
        const sig = createHmac('sha256', SECRET).update(payload).digest('hex');
        const flipped = sig.slice(0, at) + (sig[at] === '0' ? '1' : '0') + sig.slice(at + 1);
        return (
          verifySignature(hmacKey, payload, sig.toUpperCase()) &&
          !verifySignature(hmacKey, payload, flipped) &&
          !verifySignature(hmacKey, `${payload}x`, sig)
        );
      }),
    );
  });

  it('Ed25519 signatures are base64 and case-sensitive', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const reg = new ApiKeyRegistry([
      { apiKey: 'e', ed25519PublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
    ]);
    const key = reg.get('e')!;
    const payload = 'symbol=BTCUSDT&timestamp=1';
    const sig = sign(null, Buffer.from(payload), privateKey).toString('base64');
    expect(verifySignature(key, payload, sig)).toBe(true);
    expect(verifySignature(key, payload, sig.toLowerCase())).toBe(false);
    expect(verifySignature(key, payload, 'not base64!')).toBe(false);
    // A '+' sent unencoded arrives as a space in a form value and cannot verify.
    expect(restSignedPayload(`${payload}&signature=${sig.replace(/\+/g, '%2B')}`, '').signature).toBe(sig);
    expect(() => new ApiKeyRegistry([{ apiKey: 'x', ed25519PublicKeyPem: 'garbage' }])).toThrow();
  });

  it('WS API: every param but signature, sorted by name, raw values', () => {
    expect(
      wsApiSignedPayload({
        timestamp: 2,
        apiKey: 'K',
        symbol: 'BTCUSDT',
        signature: 'zzz',
        price: '0.1',
        flag: true,
      }),
    ).toBe('apiKey=K&flag=true&price=0.1&symbol=BTCUSDT&timestamp=2');
    const ts = 1649729878532;
    const logon = createHmac('sha256', SECRET)
      .update(
        wsApiSignedPayload({
          apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
          timestamp: ts,
        }),
      )
      .digest('hex');
    expect(logon).toBe('1cf54395b336b0a9727ef27d5d98987962bc47aca6e13fe978612d0adee066ed');
  });
});
