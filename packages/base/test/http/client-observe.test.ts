// The onResponse hook's `sentAt`: passed to `limiter.observe()`, a lower figure from the venue
// lowers local usage, with the reporting request (and anything admitted since) still counted.
import { Client, FakeClock, RateLimiter, type ResponseHookContext } from '@venuekit/base';
import { type GenericVenue, startGenericVenue } from '@venuekit/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let venue: GenericVenue;

beforeAll(async () => {
  venue = await startGenericVenue();
  venue.sim.route('GET', '/weighted', () => ({ headers: { 'x-used-weight-1m': '2' }, json: { ok: true } }));
});
afterAll(async () => {
  await venue.close();
});

function setup(passSentAt: boolean) {
  const clock = new FakeClock();
  const limiter = new RateLimiter(
    [{ name: 'weight1m', kind: 'fixedWindow', intervalMs: 60_000, limit: 100 }],
    {
      clock,
    },
  );
  const seen: ResponseHookContext[] = [];
  const client = new Client({
    baseUrl: venue.httpUrl,
    apis: {},
    retry: false,
    clock,
    limiter,
    onResponse: (response, context) => {
      seen.push(context);
      const used = Number(response.header('x-used-weight-1m'));
      context.limiter?.observe({ rule: 'weight1m', used, ...(passSentAt ? { sentAt: context.sentAt } : {}) });
    },
  });
  return { clock, limiter, client, seen };
}

describe('onResponse sentAt', () => {
  it('is when the attempt asked the limiter, so a lower server figure lowers usage', async () => {
    const { clock, limiter, client, seen } = setup(true);
    await using _client = client;
    for (let i = 0; i < 5; i++) await limiter.acquire({ endpoint: '/other' }); // counted locally, unknown to the venue
    clock.advance(1);
    const askedAt = clock.now();
    await client.fetch('GET', '/weighted');
    expect(seen[0]?.sentAt).toBe(askedAt);
    // The venue's 2, plus this request, admitted at or after sentAt.
    expect(limiter.state().weight1m?.used).toBe(3);
  });

  it('without it, a lower server figure is ignored (usage is only raised)', async () => {
    const { clock, limiter, client } = setup(false);
    await using _client = client;
    for (let i = 0; i < 5; i++) await limiter.acquire({ endpoint: '/other' });
    clock.advance(1);
    await client.fetch('GET', '/weighted');
    expect(limiter.state().weight1m?.used).toBe(6);
  });
});
