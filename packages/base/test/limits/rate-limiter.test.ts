import { describe, expect, it } from 'vitest';
import { FakeClock, RateLimiter, type RateLimitRule, ValidationError, VenueError } from '@venuekit/base';

interface Tracked {
  done: boolean;
  error: unknown;
}
function track(p: Promise<void>): Tracked {
  const t: Tracked = { done: false, error: undefined };
  p.then(
    () => {
      t.done = true;
    },
    (e: unknown) => {
      t.error = e;
    },
  );
  return t;
}
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await null;
}

const perSecond = (limit: number, extra: Partial<RateLimitRule> = {}): RateLimitRule =>
  ({ name: 'rps', kind: 'slidingWindow', intervalMs: 1000, limit, ...extra }) as RateLimitRule;

describe('RateLimiter.acquire', () => {
  it('admits up to the limit at once, then wakes the next waiter exactly when room frees, with one timer', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter([perSecond(2)], { clock });
    const a = track(limiter.acquire({}));
    clock.advance(300);
    const b = track(limiter.acquire({}));
    const c = track(limiter.acquire({}));
    const d = track(limiter.acquire({}));
    await flush();
    expect([a.done, b.done, c.done, d.done]).toEqual([true, true, false, false]);
    expect(clock.pendingTimers).toBe(1); // one timer for the whole queue, no polling
    clock.advance(699);
    await flush();
    expect(c.done).toBe(false);
    clock.advance(1); // t=1000: the take at t=0 leaves the window
    await flush();
    expect([c.done, d.done]).toEqual([true, false]);
    clock.advance(300); // t=1300: the take at t=300 leaves
    await flush();
    expect(d.done).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('is FIFO: a light request does not overtake a heavy one queued earlier', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter([perSecond(10)], { clock });
    await limiter.acquire({ weight: 8 });
    const order: string[] = [];
    const heavy = limiter.acquire({ weight: 5 }).then(() => order.push('heavy'));
    const light = limiter.acquire({ weight: 1 }).then(() => order.push('light'));
    await flush();
    expect(order).toEqual([]); // the light one would fit, but must wait its turn
    expect(limiter.tryAcquire({ weight: 1 })).toBe(false);
    clock.advance(1000);
    await Promise.all([heavy, light]);
    expect(order).toEqual(['heavy', 'light']);
  });

  it('does not hold up requests that share no window with the queue', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(
      [
        { name: 'orders', kind: 'fixedWindow', intervalMs: 1000, limit: 1, endpoints: '/order' },
        { name: 'data', kind: 'fixedWindow', intervalMs: 1000, limit: 5, endpoints: '/depth' },
      ],
      { clock },
    );
    await limiter.acquire({ endpoint: '/order' });
    const queued = track(limiter.acquire({ endpoint: '/order' }));
    const other = track(limiter.acquire({ endpoint: '/depth' }));
    await flush();
    expect(queued.done).toBe(false);
    expect(other.done).toBe(true);
  });

  it('is all-or-nothing across rules', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(
      [
        { name: 'global', kind: 'slidingWindow', intervalMs: 1000, limit: 10 },
        { name: 'orders', kind: 'slidingWindow', intervalMs: 1000, limit: 1, endpoints: '/order' },
      ],
      { clock },
    );
    expect(limiter.tryAcquire({ endpoint: '/order' })).toBe(true);
    expect(limiter.tryAcquire({ endpoint: '/order' })).toBe(false);
    expect(limiter.state().global!.used).toBe(1); // the refused request took nothing
    const waiting = track(limiter.acquire({ endpoint: '/order' }));
    await flush();
    expect(limiter.state().global!.used).toBe(1);
    clock.advance(1000);
    await flush();
    expect(waiting.done).toBe(true);
    expect(limiter.state().global!.used).toBe(1);
    expect(limiter.state().orders!.used).toBe(1);
  });

  it('weighs by "METHOD /path", then METHOD, then the default, times the caller weight', () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(
      [
        {
          name: 'weight',
          kind: 'fixedWindow',
          intervalMs: 60_000,
          limit: 1000,
          weight: 2,
          weights: { 'GET /api/v3/depth': 50, POST: 10, 'DELETE /api/v3/order': 0 },
        },
      ],
      { clock },
    );
    const used = (): number => limiter.state().weight!.used;
    limiter.tryAcquire({ endpoint: '/api/v3/depth', method: 'GET' });
    expect(used()).toBe(50);
    limiter.tryAcquire({ endpoint: '/api/v3/depth', method: 'get', weight: 2 });
    expect(used()).toBe(150);
    limiter.tryAcquire({ endpoint: '/api/v3/order', method: 'POST' });
    expect(used()).toBe(160);
    limiter.tryAcquire({ endpoint: '/api/v3/ticker', method: 'GET' });
    expect(used()).toBe(162);
    limiter.tryAcquire({ endpoint: '/api/v3/order', method: 'DELETE' }); // weight 0: rule does not apply
    expect(used()).toBe(162);
  });

  it('counts one unit per request in an unweighted rule, whatever the caller weight', () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(
      [
        { name: 'weight', kind: 'fixedWindow', intervalMs: 60_000, limit: 1000 },
        { name: 'requests', kind: 'fixedWindow', intervalMs: 60_000, limit: 3, unweighted: true },
      ],
      { clock },
    );
    // A weight of 50 would be refused outright by a 3-unit rule that the weight multiplied.
    for (let i = 0; i < 3; i++)
      expect(limiter.tryAcquire({ endpoint: '/x', method: 'GET', weight: 50 })).toBe(true);
    expect(limiter.state().weight!.used).toBe(150);
    expect(limiter.state().requests!.used).toBe(3);
    expect(limiter.tryAcquire({ endpoint: '/x', method: 'GET', weight: 1 })).toBe(false);
  });

  it('rejects at once a request heavier than a limit, naming the rule', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter([perSecond(5)], { clock });
    const error = await limiter
      .acquire({ endpoint: '/x', method: 'GET', weight: 6 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/GET \/x costs 6 units of rule "rps" but its limit is 5/);
    expect(() => limiter.tryAcquire({ weight: 6 })).toThrow(ValidationError);
    await expect(limiter.acquire({ weight: -1 })).rejects.toThrow(/weight must be a finite number >= 0/);
    await expect(limiter.acquire({ weight: Number.NaN })).rejects.toThrow(ValidationError);
  });

  it('gives each endpoint its own window with perEndpoint', () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(
      [
        {
          name: 'ep',
          kind: 'fixedWindow',
          intervalMs: 1000,
          limit: 1,
          endpoints: '/v5/**',
          perEndpoint: true,
        },
      ],
      { clock },
    );
    expect(limiter.tryAcquire({ endpoint: '/v5/order/create' })).toBe(true);
    expect(limiter.tryAcquire({ endpoint: '/v5/order/cancel' })).toBe(true);
    expect(limiter.tryAcquire({ endpoint: '/v5/order/create' })).toBe(false);
    expect(Object.keys(limiter.state()).sort()).toEqual(['ep /v5/order/cancel', 'ep /v5/order/create']);
    expect(limiter.observe({ rule: 'ep', endpoint: '/v5/order/cancel', used: 0, limit: 3 })).toBe(true);
    expect(limiter.tryAcquire({ endpoint: '/v5/order/cancel' })).toBe(true);
    expect(limiter.observe({ rule: 'ep', used: 1 })).toBe(false); // which endpoint?
  });

  it('drops idle per-endpoint windows when distinct endpoints pile up, keeping every busy one', () => {
    const clock = new FakeClock(0);
    const rule = {
      name: 'ep',
      kind: 'fixedWindow',
      intervalMs: 1000,
      limit: 1,
      endpoints: '/v5/**',
    } as const;
    const limiter = new RateLimiter([{ ...rule, perEndpoint: true }], { clock });
    // An account tag per endpoint, as Bybit's per-account windows have: 5000 distinct windows.
    for (let i = 0; i < 5000; i++)
      expect(limiter.tryAcquire({ endpoint: `/v5/order/create@${i}` })).toBe(true);
    expect(Object.keys(limiter.state()).length).toBe(5000); // all still counting: nothing dropped
    clock.advance(1000);
    expect(limiter.tryAcquire({ endpoint: '/v5/hot' })).toBe(true);
    for (let i = 5000; i < 9100; i++) limiter.tryAcquire({ endpoint: `/v5/order/create@${i}` });
    // The cache started over once the idle windows had emptied: they are gone, the busy ones stay.
    const kept = Object.keys(limiter.state());
    expect(kept.length).toBeLessThan(4200);
    expect(kept).toContain('ep /v5/hot');
    expect(limiter.tryAcquire({ endpoint: '/v5/hot' })).toBe(false); // its usage survived
    expect(limiter.tryAcquire({ endpoint: '/v5/order/create@0' })).toBe(true); // a dropped one comes back empty
  });

  it('keeps an idle per-endpoint window whose limit a server report changed', () => {
    const clock = new FakeClock(0);
    const rule = {
      name: 'ep',
      kind: 'fixedWindow',
      intervalMs: 1000,
      limit: 1,
      endpoints: '/v5/**',
    } as const;
    const limiter = new RateLimiter([{ ...rule, perEndpoint: true }], { clock });
    expect(limiter.observe({ rule: 'ep', endpoint: '/v5/raised', used: 0, limit: 5 })).toBe(true);
    for (let i = 0; i < 4100; i++) limiter.tryAcquire({ endpoint: `/v5/other@${i}` });
    clock.advance(1000);
    for (let i = 4100; i < 8300; i++) limiter.tryAcquire({ endpoint: `/v5/other@${i}` });
    expect(limiter.state()['ep /v5/raised']).toMatchObject({ limit: 5 });
  });
});

describe('cancellation', () => {
  it('rejects with the reason, removes the waiter and wakes the next', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter([perSecond(10)], { clock });
    await limiter.acquire({ weight: 6 });
    const controller = new AbortController();
    const heavy = track(limiter.acquire({ weight: 8, signal: controller.signal }));
    const light = track(limiter.acquire({ weight: 4 }));
    await flush();
    expect(limiter.pending).toBe(2);
    expect(limiter.state().rps!.waiting).toBe(2);
    controller.abort(new Error('user gave up'));
    await flush();
    expect((heavy.error as Error).message).toBe('user gave up');
    expect(light.done).toBe(true); // it fits now that the heavy one left the queue
    expect(limiter.pending).toBe(0);
    expect(limiter.state().rps!.used).toBe(10);
  });

  it('rejects an already-aborted signal without taking anything', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter([perSecond(1)], { clock });
    await expect(limiter.acquire({ signal: AbortSignal.abort(new Error('no')) })).rejects.toThrow('no');
    expect(limiter.state().rps!.used).toBe(0);
  });
});

describe('observe', () => {
  it('raises usage to what the server reports and adopts its limit', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter(
      [{ name: 'weight1m', kind: 'fixedWindow', intervalMs: 60_000, limit: 1200 }],
      {
        clock,
      },
    );
    await limiter.acquire({ weight: 10 });
    expect(limiter.observe({ rule: 'weight1m', used: 1195, limit: 1200 })).toBe(true);
    expect(limiter.tryAcquire({ weight: 10 })).toBe(false);
    limiter.observe({ rule: 'weight1m', used: 1195, limit: 6000 });
    expect(limiter.tryAcquire({ weight: 10 })).toBe(true);
    expect(limiter.state().weight1m).toMatchObject({ used: 1205, limit: 6000, remaining: 4795 });
    expect(limiter.observe({ rule: 'nope', used: 1 })).toBe(false);
    expect(() => limiter.observe({ rule: 'weight1m', used: -1 })).toThrow(ValidationError);
  });

  it('wakes waiters when a report frees room, and rejects those a lower limit makes impossible', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter([perSecond(10)], { clock });
    await limiter.acquire({ weight: 10 });
    clock.advance(100);
    const small = track(limiter.acquire({ weight: 2 }));
    await flush();
    expect(small.done).toBe(false);
    // Answer to a request sent at t=50: nothing taken since is in flight, so the server's lower
    // figure is adopted.
    limiter.observe({ rule: 'rps', used: 5, sentAt: 50 });
    await flush();
    expect(small.done).toBe(true);
    await limiter.acquire({ weight: 3 });
    const big = track(limiter.acquire({ weight: 9 }));
    limiter.observe({ rule: 'rps', used: 10, limit: 8 });
    await flush();
    expect(big.error).toBeInstanceOf(ValidationError);
  });
});

describe('penalize', () => {
  it('blocks every request until the penalty ends', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter([perSecond(100)], { clock });
    limiter.penalize(5000);
    expect(limiter.tryAcquire({})).toBe(false);
    const waiting = track(limiter.acquire({}));
    clock.advance(4999);
    await flush();
    expect(waiting.done).toBe(false);
    expect(limiter.penalties()).toEqual([{ endpoint: undefined, remainingMs: 1 }]);
    clock.advance(1);
    await flush();
    expect(waiting.done).toBe(true);
    expect(limiter.penalties()).toEqual([]);
    expect(() => limiter.penalize(-1)).toThrow(ValidationError);
  });

  it('blocks only matching requests; a held request steps aside for others', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter([perSecond(100)], { clock });
    limiter.penalize(1000, 'POST /api/v3/order');
    const order = track(limiter.acquire({ endpoint: '/api/v3/order', method: 'POST' }));
    const depth = track(limiter.acquire({ endpoint: '/api/v3/depth', method: 'GET' }));
    await flush();
    expect(order.done).toBe(false);
    expect(depth.done).toBe(true);
    expect(limiter.tryAcquire({ endpoint: '/api/v3/order', method: 'DELETE' })).toBe(true);
    clock.advance(1000);
    await flush();
    expect(order.done).toBe(true);
  });
});

describe('state, run and close', () => {
  it('reports used, remaining, reset and waiting per rule', async () => {
    const clock = new FakeClock(10_000);
    const limiter = new RateLimiter(
      [
        { name: 'sec', kind: 'fixedWindow', intervalMs: 1000, limit: 2 },
        { name: 'bucket', kind: 'tokenBucket', capacity: 4, refillPerSecond: 2 },
      ],
      { clock },
    );
    clock.advance(250);
    await limiter.acquire({ weight: 2 });
    const waiting = track(limiter.acquire({}));
    await flush();
    expect(limiter.state()).toEqual({
      sec: {
        rule: 'sec',
        endpoint: undefined,
        kind: 'fixedWindow',
        used: 2,
        limit: 2,
        remaining: 0,
        resetInMs: 750,
        waiting: 1,
      },
      bucket: {
        rule: 'bucket',
        endpoint: undefined,
        kind: 'tokenBucket',
        used: 2,
        limit: 4,
        remaining: 2,
        resetInMs: 1000,
        waiting: 1,
      },
    });
    clock.advance(750);
    await flush();
    expect(waiting.done).toBe(true);
  });

  it('run() waits, then returns what fn returns', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter([perSecond(1)], { clock });
    expect(await limiter.run({}, () => 'first')).toBe('first');
    const second = limiter.run({}, async () => 'second');
    clock.advance(1000);
    expect(await second).toBe('second');
  });

  it('close() rejects queued and later requests and cancels the timer', async () => {
    const clock = new FakeClock(0);
    const limiter = new RateLimiter([perSecond(1)], { clock });
    await limiter.acquire({});
    const queued = track(limiter.acquire({}));
    limiter[Symbol.dispose]();
    await flush();
    expect(queued.error).toBeInstanceOf(VenueError);
    expect(clock.pendingTimers).toBe(0);
    await expect(limiter.acquire({})).rejects.toThrow('RateLimiter closed');
  });

  it('works on the system clock without polling', async () => {
    const limiter = new RateLimiter([{ name: 'r', kind: 'slidingWindow', intervalMs: 40, limit: 1 }]);
    const start = performance.now();
    await Promise.all([limiter.acquire({}), limiter.acquire({}), limiter.acquire({})]);
    expect(performance.now() - start).toBeGreaterThanOrEqual(78);
  });
});
