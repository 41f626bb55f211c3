// The example of docs/rate-limits.md, run as a test so it cannot rot. The guide's code block
// must equal the two marked regions of this file (imports, then the body without its indent);
// the last test checks that.
import { describe, expect, it } from 'vitest';
import { exampleBlock, markedRegions } from './example-block.js';
// example:start
import { FakeClock, RateLimiter } from '@venuekit/base';
// example:end

describe('docs/rate-limits.md example', () => {
  it('limits weight and orders, queues in order, adopts server usage and obeys a 429', async () => {
    const log: unknown[][] = [];
    const console = { log: (...args: unknown[]) => log.push(args) };
    // example:start
    const clock = new FakeClock(); // tests drive time by hand; leave `clock` out in production
    const limiter = new RateLimiter(
      [
        // Binance spot: 6,000 request weight per epoch-aligned minute, weights per endpoint.
        {
          name: 'weight1m',
          kind: 'fixedWindow',
          intervalMs: 60_000,
          limit: 6000,
          weights: { 'GET /api/v3/depth': 5, 'GET /api/v3/exchangeInfo': 20 },
        },
        // Orders: 10 per any sliding second, POSTs to /api/v3/order only.
        {
          name: 'orders1s',
          kind: 'slidingWindow',
          intervalMs: 1000,
          limit: 10,
          endpoints: 'POST /api/v3/order',
        },
      ],
      { clock },
    );

    // 1. Ask before each request. Under the limits this resolves at once.
    await limiter.acquire({ endpoint: '/api/v3/depth', method: 'GET' }); // costs 5 weight

    // 2. A burst of 12 orders: 10 go now, 2 wait their turn (FIFO, one timer, no polling).
    const sent: number[] = [];
    const orders = Array.from({ length: 12 }, (_, i) =>
      limiter.run({ endpoint: '/api/v3/order', method: 'POST' }, () => sent.push(i)),
    );
    await clock.advanceAsync(0);
    console.log(sent.length, limiter.state().orders1s?.waiting); // 10 2
    await clock.advanceAsync(1000); // a second later the window has room again
    await Promise.all(orders);
    console.log(sent.length); // 12

    // 3. Adopt what the venue says was used (e.g. the X-MBX-USED-WEIGHT-1M header).
    limiter.observe({ rule: 'weight1m', used: 5990 });
    console.log(limiter.tryAcquire({ endpoint: '/api/v3/exchangeInfo', method: 'GET' })); // false: 20 > 10 left

    // 4. Give up on a wait with an AbortSignal.
    const controller = new AbortController();
    const waiting = limiter.acquire({
      endpoint: '/api/v3/exchangeInfo',
      method: 'GET',
      signal: controller.signal,
    });
    controller.abort(new Error('no longer needed'));
    await waiting.catch((error: Error) => console.log(error.message)); // no longer needed

    // 5. After a 429 with Retry-After: 2, hold every request for 2 s.
    limiter.penalize(2000);
    console.log(limiter.tryAcquire({ endpoint: '/api/v3/depth', method: 'GET' })); // false
    console.log(limiter.penalties()); // [ { endpoint: undefined, remainingMs: 2000 } ]
    // example:end
    expect(log).toEqual([
      [10, 2],
      [12],
      [false],
      ['no longer needed'],
      [false],
      [[{ endpoint: undefined, remainingMs: 2000 }]],
    ]);
    expect(limiter.state().weight1m).toMatchObject({ used: 5990, limit: 6000, remaining: 10 });
  });

  it('is the code shown in the guide', () => {
    expect(exampleBlock('docs/rate-limits.md', 'packages/base/test/docs/limits.example.test.ts')).toBe(
      markedRegions(new URL(import.meta.url).pathname),
    );
  });
});
