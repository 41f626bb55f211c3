// Property test: whatever the REST signer produces (any parameters, any text, query or body),
// the Binance simulator's independently written signature check reconstructs the same payload
// and accepts the signature.
import { createCredentials, type SignContext } from '@venuekit/base';
import { binanceSigner } from '@venuekit/binance/plugin';
import { restSignedPayload, verifySignature } from '@venuekit/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const SPOT_KEY = createCredentials({
  apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
  secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
});
const at = (ms: number): SignContext => ({ now: () => ms, nonce: () => String(ms) });

describe('Binance REST signer: agrees with the simulator’s independent check', () => {
  const simKey = { apiKey: SPOT_KEY.apiKey, kind: 'HMAC' as const, secret: Buffer.from(SPOT_KEY.secret) };
  const value = fc.string({ unit: 'binary', minLength: 1, maxLength: 12 });
  const params = fc.dictionary(fc.stringMatching(/^[a-zA-Z]{1,8}$/), value, { minKeys: 0, maxKeys: 5 });

  it('every signed query/body pair verifies with the payload the server reconstructs', () => {
    fc.assert(
      fc.property(params, params, fc.boolean(), (query, body, post) => {
        const url = new URL('https://api.binance.com/api/v3/order');
        for (const [k, v] of Object.entries(query)) url.searchParams.append(k, v);
        const bodyText = post ? new URLSearchParams(body).toString() : undefined;
        const req = binanceSigner.sign(
          { method: post ? 'POST' : 'GET', url, headers: {}, body: bodyText },
          SPOT_KEY,
          at(1700000000123),
        );
        const signed = restSignedPayload(req.url.search.slice(1), req.body ?? '');
        expect(signed.signature).toMatch(/^[0-9a-f]{64}$/);
        expect(verifySignature(simKey, signed.payload, signed.signature!)).toBe(true);
        expect(/[^\x20-\x7e]/.test(req.url.search + (req.body ?? ''))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
