// Property test: for any interleaving of concurrent acquires (random endpoints, weights,
// arrival times), cancellations, server reports and penalties, driven by a FakeClock one
// millisecond at a time, no window ever admits more than its limit, no request passes during
// a penalty, waiters sharing a window are served in arrival order, every request settles, and
// the limiter never holds more than one timer (it does not poll).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeClock, RateLimiter, type RateLimitRule, ValidationError } from '@venuekit/base';

const ENDPOINTS = ['/a/x', '/a/y', '/b/z/w', '/c'] as const;

interface Req {
  at: number;
  endpoint: number;
  weight: number;
  cancelAfter: number | null;
}
interface Scenario {
  slidingLimit: number;
  slidingInterval: number;
  fixedLimit: number;
  fixedInterval: number;
  capacity: number;
  refillPerSecond: number;
  requests: Req[];
  penalties: { at: number; ms: number }[];
  reports: { at: number; used: number }[];
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  slidingLimit: fc.integer({ min: 1, max: 10 }),
  slidingInterval: fc.integer({ min: 5, max: 60 }),
  fixedLimit: fc.integer({ min: 1, max: 10 }),
  fixedInterval: fc.integer({ min: 5, max: 60 }),
  capacity: fc.integer({ min: 1, max: 10 }),
  refillPerSecond: fc.integer({ min: 20, max: 1000 }),
  requests: fc.array(
    fc.record({
      at: fc.integer({ min: 0, max: 200 }),
      endpoint: fc.integer({ min: 0, max: ENDPOINTS.length - 1 }),
      weight: fc.integer({ min: 1, max: 12 }),
      cancelAfter: fc.option(fc.integer({ min: 0, max: 80 }), { freq: 4 }),
    }),
    { minLength: 1, maxLength: 40 },
  ),
  penalties: fc.array(
    fc.record({ at: fc.integer({ min: 0, max: 200 }), ms: fc.integer({ min: 1, max: 50 }) }),
    {
      maxLength: 2,
    },
  ),
  reports: fc.array(
    fc.record({ at: fc.integer({ min: 0, max: 200 }), used: fc.integer({ min: 0, max: 10 }) }),
    {
      maxLength: 3,
    },
  ),
});

interface Outcome {
  admittedAt: number | undefined;
  order: number;
  error: unknown;
}

async function flush(): Promise<void> {
  for (let i = 0; i < 4; i++) await null;
}

async function simulate(s: Scenario): Promise<void> {
  const clock = new FakeClock(0);
  const rules: RateLimitRule[] = [
    { name: 'sliding', kind: 'slidingWindow', intervalMs: s.slidingInterval, limit: s.slidingLimit },
    {
      name: 'fixed',
      kind: 'fixedWindow',
      intervalMs: s.fixedInterval,
      limit: s.fixedLimit,
      endpoints: '/a/*',
    },
    {
      name: 'bucket',
      kind: 'tokenBucket',
      capacity: s.capacity,
      refillPerSecond: s.refillPerSecond,
      endpoints: '/b/**',
    },
  ];
  const limiter = new RateLimiter(rules, { clock });
  const matches = (rule: string, endpoint: string): boolean =>
    rule === 'sliding' || (rule === 'fixed' ? endpoint.startsWith('/a/') : endpoint.startsWith('/b/'));
  const limitOf = (rule: string): number =>
    rule === 'sliding' ? s.slidingLimit : rule === 'fixed' ? s.fixedLimit : s.capacity;

  // Arrival order = order of acquire() calls: by time, then by index.
  const arrivals = s.requests.map((r, i) => ({ ...r, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const outcomes: Outcome[] = arrivals.map(() => ({ admittedAt: undefined, order: -1, error: undefined }));
  const controllers: (AbortController | undefined)[] = [];
  /** [admissions counted when it began, end time] */
  const penaltyWindows: [number, number][] = [];
  let admitted = 0;
  let settled = 0;
  let next = 0;
  const end = 200 + 60 + 50 * 2 + 12 * 60 + 1000; // enough for every request to be served

  for (let t = 0; t <= end && settled < arrivals.length; t++) {
    if (t > 0) clock.advance(1);
    await flush();
    for (const p of s.penalties)
      if (p.at === t) {
        limiter.penalize(p.ms);
        penaltyWindows.push([admitted, t + p.ms]);
      }
    for (const r of s.reports) if (r.at === t) limiter.observe({ rule: 'sliding', used: r.used }); // only raises
    while (next < arrivals.length && arrivals[next]!.at === t) {
      const idx = next++;
      const req = arrivals[idx]!;
      const controller = req.cancelAfter === null ? undefined : new AbortController();
      controllers[idx] = controller;
      limiter
        .acquire({ endpoint: ENDPOINTS[req.endpoint], weight: req.weight, signal: controller?.signal })
        .then(
          () => {
            outcomes[idx]!.admittedAt = clock.now();
            outcomes[idx]!.order = admitted++;
            settled++;
          },
          (e: unknown) => {
            outcomes[idx]!.error = e;
            settled++;
          },
        );
    }
    for (let idx = 0; idx < next; idx++) {
      const req = arrivals[idx]!;
      if (req.cancelAfter !== null && req.at + req.cancelAfter === t)
        controllers[idx]!.abort(new Error(`cancel ${idx}`));
    }
    await flush();
    expect(clock.pendingTimers).toBeLessThanOrEqual(1);
  }
  expect(settled).toBe(arrivals.length);

  const served = arrivals
    .map((r, idx) => ({ r, idx, o: outcomes[idx]!, endpoint: ENDPOINTS[r.endpoint]! }))
    .filter((x) => x.o.admittedAt !== undefined);

  for (const x of arrivals.map((r, idx) => ({ r, idx, o: outcomes[idx]! }))) {
    const endpoint = ENDPOINTS[x.r.endpoint]!;
    const tooHeavy = ['sliding', 'fixed', 'bucket'].some(
      (rule) => matches(rule, endpoint) && x.r.weight > limitOf(rule),
    );
    if (tooHeavy) expect(x.o.error).toBeInstanceOf(ValidationError);
    else if (x.o.error !== undefined) expect((x.o.error as Error).message).toBe(`cancel ${x.idx}`);
    // a request is either admitted or rejected, and an admitted one was not cancelled before
    if (x.o.admittedAt !== undefined && x.r.cancelAfter !== null)
      expect(x.o.admittedAt).toBeLessThanOrEqual(x.r.at + x.r.cancelAfter);
  }

  // Penalties: nothing admitted after penalize() until the penalty ends.
  for (const x of served)
    for (const [countAtStart, to] of penaltyWindows)
      if (x.o.order >= countAtStart) expect(x.o.admittedAt).toBeGreaterThanOrEqual(to);

  // Sliding window: in every span (t - interval, t], admitted weight <= limit (reports only add usage).
  for (const x of served) {
    const t = x.o.admittedAt!;
    const sum = served
      .filter((y) => y.o.admittedAt! > t - s.slidingInterval && y.o.admittedAt! <= t)
      .reduce((a, y) => a + y.r.weight, 0);
    expect(sum).toBeLessThanOrEqual(s.slidingLimit);
  }
  // Fixed window: per epoch-aligned window, admitted weight of /a/* <= limit.
  const perWindow = new Map<number, number>();
  for (const x of served.filter((y) => matches('fixed', y.endpoint))) {
    const w = Math.floor(x.o.admittedAt! / s.fixedInterval);
    perWindow.set(w, (perWindow.get(w) ?? 0) + x.r.weight);
  }
  for (const sum of perWindow.values()) expect(sum).toBeLessThanOrEqual(s.fixedLimit);
  // Token bucket: in any span [a, b], admitted weight of /b/** <= capacity + refill * (b - a).
  const bucket = served.filter((y) => matches('bucket', y.endpoint));
  for (const first of bucket)
    for (const last of bucket) {
      const a = first.o.admittedAt!;
      const b = last.o.admittedAt!;
      if (b < a) continue;
      const sum = bucket
        .filter((y) => y.o.admittedAt! >= a && y.o.admittedAt! <= b)
        .reduce((acc, y) => acc + y.r.weight, 0);
      expect(sum).toBeLessThanOrEqual(s.capacity + (s.refillPerSecond * (b - a)) / 1000 + 1e-6);
    }
  // FIFO: two served requests that share a rule were admitted in arrival order.
  for (const x of served)
    for (const y of served) {
      if (x.idx >= y.idx) continue;
      const share = ['sliding', 'fixed', 'bucket'].some(
        (rule) => matches(rule, x.endpoint) && matches(rule, y.endpoint),
      );
      if (share) expect(x.o.order).toBeLessThan(y.o.order);
    }
  expect(limiter.pending).toBe(0);
}

describe('RateLimiter (property)', () => {
  it('never admits more than a window allows, serves waiters in order, and settles every request', async () => {
    await fc.assert(fc.asyncProperty(scenario, simulate), { numRuns: Number(process.env.PROP_RUNS ?? 200) });
  }, 60_000);
});
