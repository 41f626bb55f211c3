// The example of docs/cache.md, run as a test so it cannot rot. The guide's code block must
// equal the two marked regions of this file (imports, then the body without its indent); the
// last test checks that.
import { describe, expect, it } from 'vitest';
import { exampleBlock, markedRegions } from './example-block.js';
// example:start
import { inspect } from 'node:util';
import { ClientCache, cached, FakeClock, TtlCache } from '@venuekit/base';
// example:end

describe('docs/cache.md example', () => {
  it('caches with a TTL, de-duplicates calls and reuses clients by parameters', async () => {
    const log: unknown[][] = [];
    const console = { log: (...args: unknown[]) => log.push(args) };
    // example:start
    const clock = new FakeClock(); // tests drive time by hand; leave `clock` out in production

    // 1. TtlCache: entries live 5 s, at most 1,000 of them (least recently used go first).
    const prices = new TtlCache<string, number>({ ttlMs: 5000, maxSize: 1000, clock });
    prices.set('BTCUSDT', 64_000);
    console.log(prices.get('BTCUSDT')); // 64000
    clock.advance(5000);
    console.log(prices.get('BTCUSDT'), prices.stats().hitRate); // undefined 0.5
    using _sweeper = prices.startSweeper(60_000); // optional; stops at the end of the scope

    // 2. cached(): concurrent callers share one request; failures are never cached.
    let requests = 0;
    const exchangeInfo = cached(
      async (market: string) => {
        requests++;
        return { market, symbols: ['BTCUSDT', 'ETHUSDT'] };
      },
      { ttlMs: 3_600_000, clock },
    );
    const [a, b] = await Promise.all([exchangeInfo('spot'), exchangeInfo('spot')]);
    console.log(a === b, requests); // true 1

    // 3. ClientCache: one client per set of credentials, reused for 10 minutes, then closed.
    class HttpClient {
      constructor(readonly options: { apiKey: string; secret: string; testnet: boolean }) {}
      async close(): Promise<void> {}
    }
    const clients = new ClientCache({
      create: (options: { apiKey: string; secret: string; testnet: boolean }) => new HttpClient(options),
      lifetimeMs: 600_000,
      onEvict: (client) => client.close(),
      clock,
    });
    const params = { apiKey: 'my-key', secret: 'my-secret-value', testnet: true };
    const client = clients.getOrCreate(params);
    console.log(client === clients.getOrCreate({ ...params })); // true
    console.log(inspect(clients)); // ClientCache { size: 1, lifetimeMs: 600000 } (keys are hashes)
    using _cleanup = clients.createCleanupTask({ intervalMs: 60_000 });
    clock.advance(600_000);
    console.log(clients.size); // 0: expired and closed by the cleanup task
    // example:end
    expect(log).toEqual([
      [64_000],
      [undefined, 0.5],
      [true, 1],
      [true],
      ['ClientCache { size: 1, lifetimeMs: 600000 }'],
      [0],
    ]);
  });

  it('is the code shown in the guide', () => {
    expect(exampleBlock('docs/cache.md', 'packages/base/test/docs/cache.example.test.ts')).toBe(
      markedRegions(new URL(import.meta.url).pathname),
    );
  });
});
