import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  ClientCache,
  FakeClock,
  hashedKey,
  type Logger,
  stableStringify,
  ValidationError,
} from '@venuekit/base';

interface Params {
  apiKey: string;
  secret: string;
  testnet?: boolean;
  recvWindow?: number;
}
class FakeClient {
  closed = false;
  constructor(readonly params: Params) {}
  close(): void {
    this.closed = true;
  }
}

function captureLogger(lines: string[]): Logger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${level} ${message} ${fields?.error instanceof Error ? fields.error.message : ''}`);
  const logger: Logger = {
    trace: log('trace'),
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: () => logger,
  };
  return logger;
}

const SECRET = 'sk-very-secret-value-123';

describe('ClientCache', () => {
  it('returns the same client for the same parameters, whatever the key order', () => {
    const cache = new ClientCache<Params, FakeClient>({
      create: (p) => new FakeClient(p),
      clock: new FakeClock(0),
    });
    const a = cache.getOrCreate({ apiKey: 'k', secret: SECRET, testnet: true });
    const b = cache.getOrCreate({ testnet: true, secret: SECRET, apiKey: 'k' });
    const c = cache.getOrCreate({ apiKey: 'k', secret: SECRET, testnet: false });
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(cache.size).toBe(2);
    expect(cache.get({ apiKey: 'k', secret: SECRET, testnet: true })).toBe(a);
    expect(cache.get({ apiKey: 'other', secret: SECRET })).toBeUndefined();
  });

  it('expires clients lifetimeMs after creation, on access, and closes them through onEvict', () => {
    const clock = new FakeClock(0);
    const cache = new ClientCache<Params, FakeClient>({
      create: (p) => new FakeClient(p),
      lifetimeMs: 1000,
      onEvict: (client) => client.close(),
      clock,
    });
    const params = { apiKey: 'k', secret: SECRET };
    const first = cache.getOrCreate(params);
    clock.advance(999);
    expect(cache.get(params)).toBe(first); // access does not extend the lifetime
    clock.advance(1);
    expect(cache.get(params)).toBeUndefined();
    expect(first.closed).toBe(true);
    const second = cache.getOrCreate(params);
    expect(second).not.toBe(first);
  });

  it('configure() changes the lifetime of cached clients too', () => {
    const clock = new FakeClock(0);
    const cache = new ClientCache<Params, FakeClient>({ create: (p) => new FakeClient(p), clock });
    cache.getOrCreate({ apiKey: 'a', secret: SECRET });
    clock.advance(400);
    cache.getOrCreate({ apiKey: 'b', secret: SECRET });
    clock.advance(200);
    expect(cache.cleanupExpired()).toBe(0);
    cache.configure({ lifetimeMs: 500 });
    expect(cache.lifetimeMs).toBe(500);
    expect(cache.cleanupExpired()).toBe(1); // 'a' is 600 ms old, 'b' 200 ms
    expect(cache.size).toBe(1);
    expect(() => cache.configure({ lifetimeMs: 0 })).toThrow(ValidationError);
  });

  it('runs a disposable cleanup task that reports what it removed', () => {
    const clock = new FakeClock(0);
    const removed: number[] = [];
    const cache = new ClientCache<Params, FakeClient>({
      create: (p) => new FakeClient(p),
      lifetimeMs: 100,
      clock,
    });
    cache.getOrCreate({ apiKey: 'a', secret: SECRET });
    const task = cache.createCleanupTask({ intervalMs: 60, onCleanup: (n) => removed.push(n) });
    clock.advance(180);
    expect(removed).toEqual([0, 1, 0]);
    task[Symbol.dispose]();
    expect(task.running).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('keys only on keyOf(params) when given', () => {
    const cache = new ClientCache<Params, FakeClient>({
      create: (p) => new FakeClient(p),
      keyOf: ({ apiKey, secret, testnet }) => ({ apiKey, secret, testnet }),
      clock: new FakeClock(0),
    });
    const a = cache.getOrCreate({ apiKey: 'k', secret: SECRET, recvWindow: 5000 });
    expect(cache.getOrCreate({ apiKey: 'k', secret: SECRET, recvWindow: 10_000 })).toBe(a);
  });

  it('evicts on set(), delete() and clear(); a failing onEvict is logged, not thrown', async () => {
    const lines: string[] = [];
    const evicted: string[] = [];
    const cache = new ClientCache<Params, FakeClient>({
      create: (p) => new FakeClient(p),
      onEvict: async (client) => {
        evicted.push(client.params.apiKey);
        if (client.params.apiKey === 'bad') throw new Error('close failed');
      },
      logger: captureLogger(lines),
      clock: new FakeClock(0),
    });
    const p = { apiKey: 'a', secret: SECRET };
    cache.getOrCreate(p);
    cache.set(p, new FakeClient({ apiKey: 'a2', secret: SECRET }));
    expect(cache.delete(p)).toBe(true);
    expect(cache.delete(p)).toBe(false);
    cache.getOrCreate({ apiKey: 'bad', secret: SECRET });
    cache.clear();
    await new Promise((r) => setImmediate(r));
    expect(evicted).toEqual(['a', 'a2', 'bad']);
    expect(lines).toEqual(['warn ClientCache onEvict failed close failed']);
    expect(cache.size).toBe(0);
  });

  it('treats a client its holder closed as a miss when isClosed says so (no onEvict for it)', () => {
    const evicted: FakeClient[] = [];
    const cache = new ClientCache<Params, FakeClient>({
      create: (p) => new FakeClient(p),
      isClosed: (c) => c.closed,
      onEvict: (c) => {
        evicted.push(c);
      },
      clock: new FakeClock(0),
    });
    const params = { apiKey: 'k', secret: SECRET };
    const first = cache.getOrCreate(params);
    first.close();
    expect(cache.get(params)).toBeUndefined();
    expect(cache.size).toBe(0);
    const second = cache.getOrCreate(params);
    expect(second).not.toBe(first);
    expect(second.closed).toBe(false);
    expect(cache.getOrCreate(params)).toBe(second);
    expect(evicted).toEqual([]);
  });

  it('hands out a closed client again when no isClosed is given (backward compatible)', () => {
    const cache = new ClientCache<Params, FakeClient>({
      create: (p) => new FakeClient(p),
      clock: new FakeClock(0),
    });
    const params = { apiKey: 'k', secret: SECRET };
    const first = cache.getOrCreate(params);
    first.close();
    expect(cache.getOrCreate(params)).toBe(first);
  });

  it('caches nothing when create throws', () => {
    const cache = new ClientCache<Params, FakeClient>({
      create: () => {
        throw new Error('no');
      },
      clock: new FakeClock(0),
    });
    expect(() => cache.getOrCreate({ apiKey: 'k', secret: SECRET })).toThrow('no');
    expect(cache.size).toBe(0);
  });

  it('drops a client whose async factory rejected, so the next call retries', async () => {
    let attempts = 0;
    const cache = new ClientCache<Params, Promise<FakeClient>>({
      create: async (p) => {
        attempts++;
        if (attempts === 1) throw new Error('login failed');
        return new FakeClient(p);
      },
      clock: new FakeClock(0),
    });
    const params = { apiKey: 'k', secret: SECRET };
    await expect(cache.getOrCreate(params)).rejects.toThrow('login failed');
    expect(cache.size).toBe(0);
    const client = await cache.getOrCreate(params);
    expect(client).toBeInstanceOf(FakeClient);
    expect(await cache.getOrCreate(params)).toBe(client);
    expect(attempts).toBe(2);
  });

  it('never shows a secret when printed', () => {
    const cache = new ClientCache<Params, FakeClient>({
      create: (p) => new FakeClient(p),
      clock: new FakeClock(0),
    });
    cache.getOrCreate({ apiKey: 'k', secret: SECRET });
    const printed = [
      inspect(cache, { depth: 10, showHidden: true }),
      JSON.stringify(cache),
      String(cache),
    ].join('\n');
    expect(printed).not.toContain(SECRET);
    expect(inspect(cache)).toBe('ClientCache { size: 1, lifetimeMs: 600000 }');
    expect(hashedKey({ secret: SECRET })).toMatch(/^[0-9a-f]{64}$/);
    expect(() => new ClientCache({} as never)).toThrow(/options.create must be a function/);
  });
});

describe('stableStringify', () => {
  it('is canonical', () => {
    expect(stableStringify({ b: 1, a: [1, { d: 2, c: undefined }], e: 10n })).toBe(
      '{"a":[1,{"d":2}],"b":1,"e":"10n"}',
    );
    expect(
      stableStringify(
        new Map([
          ['y', 1],
          ['x', 2],
        ]),
      ),
    ).toBe(
      stableStringify(
        new Map([
          ['x', 2],
          ['y', 1],
        ]),
      ),
    );
    expect(stableStringify(new Set([2, 1]))).toBe(stableStringify(new Set([1, 2])));
    expect(stableStringify(new Date(0))).toBe('"1970-01-01T00:00:00.000Z"');
    expect(stableStringify({ url: new URL('https://api.bybit.com') })).not.toBe(
      stableStringify({ url: new URL('https://api-testnet.bybit.com') }),
    );
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => stableStringify(loop)).toThrow(ValidationError);
    expect(() => stableStringify({ f: () => 1 })).toThrow(/cannot key on a function/);
  });
});
