// The example of docs/http-client.md, run as a test against the testkit's generic venue so it
// cannot rot. The guide's code block must equal the marked regions of this file (imports, then
// the body without its indent); the last test checks that.
import { describe, expect, it } from 'vitest';
import { exampleBlock, markedRegions } from './example-block.js';
// example:start
import { createHmac } from 'node:crypto';
import { Client, RateLimiter, RateLimitError, type Signer, sharedSession } from '@venuekit/base';
import { startGenericVenue } from '@venuekit/testkit';
// example:end

describe('docs/http-client.md example', () => {
  it('fetches, signs, posts, reads responses and maps a 429', async () => {
    const log: unknown[][] = [];
    const console = { log: (...args: unknown[]) => log.push(args) };
    // example:start
    // A local venue to talk to (the testkit's generic venue). In production: the venue's URL.
    await using venue = await startGenericVenue();

    // A venue's signing recipe. Venue plugins ship theirs; this is the generic venue's:
    // hex HMAC-SHA256 over timestamp + METHOD + path?query + body, in three headers.
    const genericSigner: Signer = {
      name: 'generic', // credentials are looked up in `apis` by this name
      hosts: ['api.generic.example'], // requests to these hosts are signed automatically
      sign(req, credentials, ctx) {
        const ts = String(ctx.now());
        const payload = `${ts}${req.method}${req.url.pathname}${req.url.search}${req.body ?? ''}`;
        req.headers['X-GEN-KEY'] = credentials.apiKey;
        req.headers['X-GEN-TS'] = ts;
        req.headers['X-GEN-SIGN'] = createHmac('sha256', credentials.secret).update(payload).digest('hex');
        return req;
      },
    };

    // One connection pool for the whole process, set up once at start-up (optional).
    sharedSession.setup({ maxConnections: 200 });

    await using client = new Client({
      baseUrl: venue.httpUrl,
      apis: { generic: ['test-key-0001', 'test-secret-0001-do-not-leak'] },
      signers: [genericSigner],
      limiter: new RateLimiter([{ name: 'all', kind: 'slidingWindow', intervalMs: 1000, limit: 50 }]),
      timeoutMs: 5000,
    });

    // 1. fetch(): the decoded JSON (or the text, when the body is not JSON).
    const { response, data: ticker } = await client.fetch<{ symbol: string; last: number }>(
      'GET',
      '/api/ticker',
      { params: { symbol: 'BTCUSD' } },
    );
    console.log(response.status, ticker.symbol); // 200 BTCUSD

    // 2. A signed POST. The simulator's host is not the signer's, so name the signer.
    const { data: order } = await client.fetch<{ orderId: number; qty: string }>(
      'POST',
      '/api/private/order',
      {
        auth: 'generic',
        data: { symbol: 'BTCUSD', side: 'buy', qty: '0.01', price: '50000' },
      },
    );
    console.log(order.orderId, order.qty); // 1 0.01

    // 3. get/post/put/delete return the response; read it with json() or text().
    const res = await client.get('/api/time', { signal: AbortSignal.timeout(2000) });
    const { serverTime } = await res.json<{ serverTime: number }>();
    console.log(res.status, typeof serverTime); // 200 number

    // 4. Failures are typed. A 429 also holds every request in the limiter until Retry-After ends.
    venue.faults.httpStatus({ status: 429, retryAfterS: 0.2 });
    try {
      await client.fetch('GET', '/api/time');
    } catch (error) {
      if (error instanceof RateLimitError) console.log(error.name, error.retryAfterMs); // RateLimitError 200
    }

    await sharedSession.close(); // at shutdown; clients never close the shared session
    // example:end
    expect(log).toEqual([
      [200, 'BTCUSD'],
      [1, '0.01'],
      [200, 'number'],
      ['RateLimitError', 200],
    ]);
    expect(client.ownsSession).toBe(false);
  });

  it('is the code shown in the guide', () => {
    expect(exampleBlock('docs/http-client.md', 'packages/base/test/docs/http-client.example.test.ts')).toBe(
      markedRegions(new URL(import.meta.url).pathname),
    );
  });
});
