// Leases on LimiterRegistry entries: an entry nobody holds any more is dropped once its windows
// are empty (never before, so a client made later within the window cannot get a fresh budget),
// entries taken with get() are kept, rejoin() leases an entry found on a client, and a property
// test drives random clients of random accounts against a model.
import {
  FakeClock,
  LimiterRegistry,
  RateLimiter,
  type RegistryLease,
  rateLimiterIdleInMs,
} from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleBlock, markedRegions } from '../docs/example-block.js';

const WINDOW_MS = 1000;
const perAccount = (clock: FakeClock) => () =>
  new RateLimiter([{ name: 'uid', kind: 'slidingWindow', intervalMs: WINDOW_MS, limit: 10 }], { clock });

describe('LimiterRegistry leases', () => {
  it('1000 clients of distinct accounts leased and returned: back to the route entry once the window passes', () => {
    const clock = new FakeClock(0);
    const registry = new LimiterRegistry<RateLimiter>();
    const route = registry.lease(clock, 'route api.example.com direct', perAccount(clock));
    const leases: RegistryLease<RateLimiter>[] = [];
    for (let i = 0; i < 1000; i++) {
      const lease = registry.lease(clock, `account ${i}`, perAccount(clock));
      if (i % 2 === 0) expect(lease.entry.tryAcquire({})).toBe(true); // half of them used their window
      leases.push(lease);
    }
    expect(registry.size(clock)).toBe(1001);
    for (const lease of leases) lease.release();
    // The unused ones go at once; the used ones stay while their window holds what they took.
    expect(registry.size(clock)).toBe(501);
    clock.advance(WINDOW_MS - 1);
    expect(registry.size(clock)).toBe(501);
    clock.advance(1);
    expect(registry.keys(clock)).toEqual(['route api.example.com direct']);
    expect(clock.pendingTimers).toBe(0);
    expect(registry.leases(clock, 'route api.example.com direct')).toBe(1);
    route.release();
    expect(registry.size(clock)).toBe(0);
  });

  it('a client of the same account made within the window shares the old entry (no second budget)', () => {
    const clock = new FakeClock(0);
    const registry = new LimiterRegistry<RateLimiter>();
    const first = registry.lease(clock, 'account a', perAccount(clock));
    for (let i = 0; i < 10; i++) expect(first.entry.tryAcquire({})).toBe(true);
    first.release();
    expect(first.released).toBe(true);
    first.release(); // a second release changes nothing
    clock.advance(600);
    const second = registry.lease(clock, 'account a', perAccount(clock));
    expect(second.entry).toBe(first.entry);
    expect(second.entry.tryAcquire({})).toBe(false);
    clock.advance(400);
    expect(second.entry.tryAcquire({})).toBe(true);
    expect(registry.leases(clock, 'account a')).toBe(1);
    // The timer of the first release was cancelled: the held entry outlives its old deadline.
    clock.advance(5000);
    expect(registry.peek(clock, 'account a')).toBe(first.entry);
    second.release();
    expect(registry.peek(clock, 'account a')).toBeUndefined();
    expect(registry.lease(clock, 'account a', perAccount(clock)).entry).not.toBe(first.entry);
  });

  it('keeps an entry while a penalty lasts or requests wait in it', async () => {
    const clock = new FakeClock(0);
    const registry = new LimiterRegistry<RateLimiter>();
    const lease = registry.lease(clock, 'route', perAccount(clock));
    lease.entry.penalize(30_000);
    lease.release();
    expect(rateLimiterIdleInMs(lease.entry)).toBe(30_000);
    clock.advance(29_999);
    expect(registry.size(clock)).toBe(1);
    clock.advance(1);
    expect(registry.size(clock)).toBe(0);

    const busy = registry.lease(clock, 'busy', perAccount(clock));
    for (let i = 0; i < 10; i++) busy.entry.tryAcquire({});
    const waiting = busy.entry.acquire({});
    busy.release();
    expect(rateLimiterIdleInMs(busy.entry)).toBeGreaterThanOrEqual(WINDOW_MS);
    clock.advance(WINDOW_MS);
    await waiting;
    expect(registry.size(clock)).toBe(1); // the waiter took its unit at 1000: kept until 2000
    clock.advance(WINDOW_MS);
    expect(registry.size(clock)).toBe(0);
  });

  it('never drops an entry taken with get(), and forget() cancels pending drops', () => {
    const clock = new FakeClock(0);
    const registry = new LimiterRegistry<RateLimiter>();
    const pinned = registry.get(clock, 'pinned', perAccount(clock));
    const lease = registry.lease(clock, 'pinned', perAccount(clock));
    expect(lease.entry).toBe(pinned);
    lease.release();
    expect(registry.peek(clock, 'pinned')).toBe(pinned);
    const other = registry.lease(clock, 'other', perAccount(clock));
    other.entry.tryAcquire({});
    other.release();
    expect(clock.pendingTimers).toBe(1);
    expect(registry.forget(clock)).toBe(2);
    expect(clock.pendingTimers).toBe(0);
  });

  it('drops a non-limiter entry at once unless idleInMs says otherwise', () => {
    const clock = new FakeClock(0);
    let busyFor = 0;
    const plain = new LimiterRegistry<{ n: number }>();
    plain.lease(clock, 'k', () => ({ n: 1 })).release();
    expect(plain.size(clock)).toBe(0);
    const custom = new LimiterRegistry<{ n: number }>({ idleInMs: () => busyFor });
    busyFor = 500;
    custom.lease(clock, 'k', () => ({ n: 1 })).release();
    busyFor = 200; // asked again after 500 ms: still busy for 200
    clock.advance(500);
    expect(custom.size(clock)).toBe(1);
    busyFor = 0;
    clock.advance(200);
    expect(custom.size(clock)).toBe(0);
  });

  it('rejoin() leases an entry it made (registering it again if dropped), nothing else', () => {
    const clock = new FakeClock(0);
    const registry = new LimiterRegistry<RateLimiter>();
    const first = registry.lease(clock, 'route', perAccount(clock));
    const joined = registry.rejoin(clock, first.entry);
    expect(joined?.entry).toBe(first.entry);
    expect(registry.leases(clock, 'route')).toBe(2);
    first.release();
    joined!.release();
    expect(registry.size(clock)).toBe(0);
    const again = registry.rejoin(clock, first.entry);
    expect(registry.peek(clock, 'route')).toBe(first.entry);
    again!.release();
    expect(registry.rejoin(clock, perAccount(clock)())).toBeUndefined();
    expect(registry.rejoin(new FakeClock(0), first.entry)).toBeUndefined();
    const newer = registry.lease(clock, 'route', perAccount(clock));
    expect(newer.entry).not.toBe(first.entry);
    expect(registry.rejoin(clock, first.entry)).toBeUndefined();
  });
});

describe('docs/rate-limits.md: releasing shared limiters', () => {
  it("shows this example: a closed client's entry outlives it until its window passes", () => {
    const clock = new FakeClock(0);
    const log: unknown[] = [];
    const console = { log: (value: unknown) => log.push(value) };
    // example:start
    const registry = new LimiterRegistry<RateLimiter>();
    const uidRules = [{ name: 'uid', kind: 'slidingWindow', intervalMs: 1000, limit: 10 }] as const;
    const make = () => new RateLimiter([...uidRules], { clock });

    const lease = registry.lease(clock, 'account 1a2b3c', make); // a client opens
    lease.entry.tryAcquire({}); // and sends a request
    lease.release(); // the client closes
    console.log(registry.size(clock)); // 1: its window still counts that request
    // example:end
    clock.advance(500);
    // example:start
    const next = registry.lease(clock, 'account 1a2b3c', make); // same account, 500 ms later
    console.log(next.entry === lease.entry); // true: the same window, no second budget
    next.release();
    clock.advance(1000);
    console.log(registry.size(clock)); // 0: idle, dropped
    // example:end
    expect(log).toEqual([1, true, 0]);
    expect(
      exampleBlock('docs/rate-limits.md', 'packages/base/test/limits/limiter-registry-release.test.ts'),
    ).toBe(markedRegions(import.meta.filename));
  });
});

type Op =
  | { kind: 'open'; account: number }
  | { kind: 'close'; client: number }
  | { kind: 'take'; client: number }
  | { kind: 'wait'; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('open' as const), account: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('close' as const), client: fc.nat(20) }),
  fc.record({ kind: fc.constant('take' as const), client: fc.nat(20) }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 1500 }) }),
);

describe('LimiterRegistry leases (property)', () => {
  it('never gives a second budget: every account admits at most its limit per window, and idle entries go', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 120 }), (ops) => {
        const clock = new FakeClock(0);
        const registry = new LimiterRegistry<RateLimiter>();
        const clients: { account: number; lease: RegistryLease<RateLimiter> }[] = [];
        const admitted: number[][] = [[], [], [], [], []]; // per account: admission times
        for (const op of ops) {
          if (op.kind === 'open')
            clients.push({
              account: op.account,
              lease: registry.lease(clock, `a${op.account}`, perAccount(clock)),
            });
          else if (op.kind === 'wait') clock.advance(op.ms);
          else {
            const client = clients[op.client % Math.max(1, clients.length)];
            if (client === undefined || client.lease.released) continue;
            if (op.kind === 'close') client.lease.release();
            else if (client.lease.entry.tryAcquire({})) admitted[client.account]!.push(clock.now());
          }
          // Whatever the clients did, an account never had more than 10 admissions in a window.
          for (const times of admitted) {
            const now = clock.now();
            expect(times.filter((t) => t > now - WINDOW_MS).length).toBeLessThanOrEqual(10);
          }
          // An account with open clients is registered; with none, only while its window holds units.
          for (let a = 0; a < 5; a++) {
            const open = clients.some((c) => c.account === a && !c.lease.released);
            const recent = admitted[a]!.some((t) => t > clock.now() - WINDOW_MS);
            expect(registry.peek(clock, `a${a}`) !== undefined).toBe(open || recent);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
