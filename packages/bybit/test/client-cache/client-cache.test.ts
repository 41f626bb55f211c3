// BybitClientCache on a FakeClock: the same parameters give the same client within its lifetime
// (10 minutes by default), different credentials or environments give different ones, expiry is
// checked lazily on access and by cleanupExpired() / the cleanup task, evicted clients are NOT
// closed (their holders may still use them), a client its holder closed is a miss (the seed's
// `async with` pattern), configure() changes the lifetime, and nothing secret is printed.
import { inspect } from 'node:util';
import { FakeClock, silentLogger } from '@venuekit/base';
import { startBybitSim } from '@venuekit/testkit';
import { BybitClientCache, BybitHttpClient } from '@venuekit/bybit/plugin';
import { afterEach, describe, expect, it } from 'vitest';

const params = {
  apiKey: 'cache-key-0001',
  apiSecret: 'cache-secret-0001-do-not-print',
  testnet: true,
  logger: silentLogger,
};

afterEach(() => {
  BybitClientCache.clear();
});

describe('BybitClientCache', () => {
  it('returns the same instance for the same parameters, a different one otherwise', () => {
    const cache = new BybitClientCache({ clock: new FakeClock() });
    const a = cache.getOrCreate(params);
    expect(a).toBeInstanceOf(BybitHttpClient);
    expect(cache.getOrCreate({ ...params })).toBe(a);
    expect(cache.getOrCreate({ ...params, testnet: false })).not.toBe(a);
    expect(cache.getOrCreate({ ...params, apiSecret: 'other-secret-value' })).not.toBe(a);
    expect(cache.getOrCreate({ ...params, demo: true, testnet: false })).not.toBe(
      cache.getOrCreate({ ...params, testnet: false }),
    );
    expect(cache.size).toBe(4);
    expect(a.environment).toBe('testnet');
  });

  it('expires lazily on access after 10 minutes and leaves the old client open for its holders', () => {
    const clock = new FakeClock();
    const cache = new BybitClientCache({ clock });
    const a = cache.getOrCreate(params);
    clock.advance(599_999);
    expect(cache.get(params)).toBe(a);
    clock.advance(1);
    expect(cache.get(params)).toBeUndefined();
    expect(a.closed).toBe(false);
    const b = cache.getOrCreate(params);
    expect(b).not.toBe(a);
    expect(b.closed).toBe(false);
  });

  it('cleanupExpired() removes only expired clients (without closing them) and returns how many', () => {
    const clock = new FakeClock();
    const cache = new BybitClientCache({ clock });
    const old1 = cache.getOrCreate(params);
    const old2 = cache.getOrCreate({ ...params, testnet: false });
    clock.advance(300_000);
    const fresh = cache.getOrCreate({ ...params, recvWindow: 10_000 });
    clock.advance(300_000);
    expect(cache.cleanupExpired()).toBe(2);
    expect(old1.closed || old2.closed).toBe(false);
    expect(cache.get(params)).toBeUndefined();
    expect(fresh.closed).toBe(false);
    expect(cache.size).toBe(1);
    expect(cache.cleanupExpired()).toBe(0);
  });

  it('configure({ lifetimeSeconds }) changes the lifetime, for cached clients too', () => {
    const clock = new FakeClock();
    const cache = new BybitClientCache({ clock });
    const a = cache.getOrCreate(params);
    cache.configure({ lifetimeSeconds: 30 });
    expect(cache.lifetimeSeconds).toBe(30);
    clock.advance(30_000);
    expect(cache.get(params)).toBeUndefined();
    expect(a.closed).toBe(false);
  });

  it('createCleanupTask({ intervalSeconds }) sweeps in the background until stopped', () => {
    const clock = new FakeClock();
    const cache = new BybitClientCache({ clock, lifetimeSeconds: 60 });
    const removed: number[] = [];
    const a = cache.getOrCreate(params);
    {
      using _task = cache.createCleanupTask({ intervalSeconds: 30, onCleanup: (n) => removed.push(n) });
      clock.advance(30_000);
      expect(removed).toEqual([0]);
      clock.advance(30_000);
      expect(removed).toEqual([0, 1]);
      expect(cache.get(params)).toBeUndefined();
      expect(a.closed).toBe(false);
      expect(cache.size).toBe(0);
    }
    cache.getOrCreate(params);
    clock.advance(120_000);
    expect(removed).toEqual([0, 1]);
    expect(cache.size).toBe(1);
  });

  it('the static API is one process-wide cache', () => {
    const a = BybitClientCache.getOrCreate(params);
    expect(BybitClientCache.getOrCreate({ ...params })).toBe(a);
    expect(BybitClientCache.size()).toBe(1);
    BybitClientCache.configure({ lifetimeSeconds: 1800 });
    expect(BybitClientCache.shared.lifetimeSeconds).toBe(1800);
    expect(BybitClientCache.cleanupExpired()).toBe(0);
    BybitClientCache.configure({ lifetimeSeconds: 600 });
  });

  it('never prints the secret', () => {
    const cache = new BybitClientCache({ clock: new FakeClock() });
    const client = cache.getOrCreate(params);
    const printed = `${inspect(cache)} ${inspect(client)} ${JSON.stringify(client)} ${JSON.stringify(cache)}`;
    expect(printed).not.toContain(params.apiSecret);
    expect(printed).not.toContain(params.apiKey);
  });

  it("closing a cached client makes it a miss: the seed's `async with` (await using) pattern works twice", async () => {
    await using sim = await startBybitSim();
    const cache = new BybitClientCache({ clock: new FakeClock() });
    const simParams = { ...params, baseUrl: sim.httpUrl };
    let first: BybitHttpClient | undefined;
    {
      await using client = cache.getOrCreate(simParams);
      first = client;
      await client.get('/v5/market/time');
    }
    expect(first.closed).toBe(true);
    expect(cache.get(simParams)).toBeUndefined();
    {
      await using client = cache.getOrCreate(simParams);
      expect(client).not.toBe(first);
      const time = await client.get<{ timeSecond: string }>('/v5/market/time');
      expect(time.timeSecond).toMatch(/^\d+$/);
    }
  });

  it('an expired or removed client keeps working for a service that still holds it', async () => {
    await using sim = await startBybitSim();
    const clock = new FakeClock();
    const cache = new BybitClientCache({ clock });
    const simParams = { ...params, baseUrl: sim.httpUrl };
    const held = cache.getOrCreate(simParams);
    clock.advance(600_000);
    const fresh = cache.getOrCreate(simParams);
    expect(fresh).not.toBe(held);
    cache.clear();
    expect(cache.size).toBe(0);
    await expect(held.get('/v5/market/time')).resolves.toBeDefined();
    await expect(fresh.get('/v5/market/time')).resolves.toBeDefined();
    await held.close();
    await fresh.close();
  });
});
