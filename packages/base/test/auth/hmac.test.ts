import '../setup/secret-guard.js';
import { createHmac, createSecretKey } from 'node:crypto';
import {
  hmac,
  hmacSha256Base64,
  hmacSha256Hex,
  hmacSha384Base64,
  hmacSha384Hex,
  hmacSha512Base64,
  hmacSha512Hex,
  ValidationError,
} from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('hmac', () => {
  it('matches the Binance documentation example (HMAC-SHA256 hex of the query string)', () => {
    const secret = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';
    const query =
      'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559';
    const expected = 'c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71';
    expect(hmacSha256Hex(secret, query)).toBe(expected);
    expect(hmac('sha256', secret, query, 'hex')).toBe(expected);
  });

  // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
  it.each([
    ['sha256', '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    [
      'sha384',
      'af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649',
    ],
    [
      'sha512',
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    ],
  ] as const)('RFC 4231 case 2 with %s (hex and base64)', (algorithm, hex) => {
    const key = 'Jefe';
    const data = 'what do ya want for nothing?';
    const base64 = Buffer.from(hex, 'hex').toString('base64');
    expect(hmac(algorithm, key, data, 'hex')).toBe(hex);
    expect(hmac(algorithm, key, data, 'base64')).toBe(base64);
    const shortcuts = {
      sha256: [hmacSha256Hex, hmacSha256Base64],
      sha384: [hmacSha384Hex, hmacSha384Base64],
      sha512: [hmacSha512Hex, hmacSha512Base64],
    } as const;
    const [toHex, toBase64] = shortcuts[algorithm];
    expect(toHex(key, data)).toBe(hex);
    expect(toBase64(key, data)).toBe(base64);
  });

  it('accepts keys as bytes and KeyObjects and data as bytes', () => {
    const key = Buffer.from('0b'.repeat(20), 'hex');
    const data = Buffer.from('Hi There');
    // RFC 4231 test case 1.
    const expected = 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7';
    expect(hmacSha256Hex(key, data)).toBe(expected);
    expect(hmacSha256Hex(createSecretKey(key), 'Hi There')).toBe(expected);
  });

  it('hashes strings as UTF-8 (sign exactly the bytes that are sent)', () => {
    const text = 'symbol=BTCUSDT&note=日本語';
    expect(hmacSha256Hex('k3y-secret', text)).toBe(hmacSha256Hex('k3y-secret', Buffer.from(text, 'utf8')));
  });

  it('property: equals node:crypto for any key, data, algorithm and encoding', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.oneof(fc.string(), fc.uint8Array()),
        fc.constantFrom('sha256', 'sha384', 'sha512' as const),
        fc.constantFrom('hex', 'base64' as const),
        (key, data, algorithm, encoding) => {
          const expected = createHmac(algorithm, key).update(data).digest(encoding);
          expect(hmac(algorithm, key, data, encoding)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses an unknown algorithm or encoding with a ValidationError naming the argument', () => {
    expect(() => hmac('md5' as never, 'key', 'data', 'hex')).toThrow(ValidationError);
    expect(() => hmac('md5' as never, 'key', 'data', 'hex')).toThrow(
      "hmac algorithm must be 'sha256', 'sha384' or 'sha512', got md5",
    );
    expect(() => hmac('sha256', 'key', 'data', 'latin1' as never)).toThrow(
      "hmac encoding must be 'hex' or 'base64', got latin1",
    );
  });
});
