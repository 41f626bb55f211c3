// Shared limiters are released when no client uses them any more (review2 B4), against the
// simulator on a FakeClock: 1000 clients of distinct keys created and closed leave only the
// route's limiter once the per-UID window has passed; a client of the same account made within
// the window shares the old windows (the simulator sees no violation); a client given another
// client's limiter keeps it registered while it is open.
import { FakeClock, HttpSession, silentLogger } from '@venuekit/base';
import { type BybitHttpClient, BybitHttpClient as Client } from '@venuekit/bybit/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedBybitLimiterCount } from '../../src/rest/shared-limiters.js';
import { type BybitSim, simClient, startBybitSim, until } from './sim-helpers.js';

const START = 1_700_000_000_000;
const sims: BybitSim[] = [];
const open: BybitHttpClient[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function sim(options: Parameters<typeof startBybitSim>[0]): Promise<BybitSim> {
  const s = await startBybitSim(options);
  sims.push(s);
  return s;
}
const wallet = (c: BybitHttpClient) => c.get('/v5/account/wallet-balance', { accountType: 'UNIFIED' });

describe('shared Bybit limiters are released with their clients', () => {
  it('1000 clients of distinct keys created and closed: back to the route limiter after the window', async () => {
    const clock = new FakeClock(START);
    const used = Array.from({ length: 20 }, (_, i) => ({ apiKey: `USEDKEY${i}`, secret: `secret-${i}` }));
    const s = await sim({ clock, apiKeys: used });
    await using session = new HttpSession();
    const publicClient = new Client({ baseUrl: s.httpUrl, clock, session, logger: silentLogger });
    open.push(publicClient);
    const clients = Array.from(
      { length: 1000 },
      (_, i) =>
        new Client({
          baseUrl: s.httpUrl,
          clock,
          session,
          logger: silentLogger,
          apiKey: i < used.length ? used[i]!.apiKey : `TENANTKEY${i}`,
          apiSecret: i < used.length ? used[i]!.secret : `tenant-secret-${i}`,
        }),
    );
    expect(sharedBybitLimiterCount(clock)).toEqual({ routes: 1, accounts: 1000 });
    await Promise.all(clients.slice(0, used.length).map(wallet));
    await Promise.all(clients.map((c) => c.close()));
    // Unused accounts go at once; the 20 that sent a request stay until their 1 s window passes.
    expect(sharedBybitLimiterCount(clock)).toEqual({ routes: 1, accounts: used.length });
    clock.advance(999);
    expect(sharedBybitLimiterCount(clock).accounts).toBe(used.length);
    clock.advance(1);
    expect(sharedBybitLimiterCount(clock)).toEqual({ routes: 1, accounts: 0 });
    // The open client keeps the route's limiter (and its IP window) whatever the others did.
    expect(
      (await publicClient.get<{ list: unknown[] }>('/v5/market/tickers', { category: 'spot' })).list,
    ).toBeDefined();
    await publicClient.close();
    clock.advance(5000); // the IP window of the last request passes: nothing is left
    expect(sharedBybitLimiterCount(clock)).toEqual({ routes: 0, accounts: 0 });
  }, 30_000);

  it('a client of the same account made within the window shares the old windows (no double budget)', async () => {
    const clock = new FakeClock(START);
    const s = await sim({ clock });
    const first = simClient(s, { clock, timeoutMs: 3_600_000 });
    await Promise.all(Array.from({ length: 50 }, () => wallet(first))); // the whole 50/s query window
    await first.close();
    expect(sharedBybitLimiterCount(clock)).toEqual({ routes: 1, accounts: 1 });
    clock.advance(200);
    const second = simClient(s, { clock, timeoutMs: 3_600_000 });
    open.push(second);
    let answered = 0;
    const calls = Array.from({ length: 10 }, () => wallet(second).then(() => answered++));
    await until(() => second.queued === 10);
    clock.advance(799);
    await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(0); // still inside the first client's window
    clock.advance(1);
    await Promise.all(calls);
    expect(s.violations).toBe(0);
    await second.close();
    clock.advance(1000);
    expect(sharedBybitLimiterCount(clock).accounts).toBe(0);
    clock.advance(5000);
    expect(sharedBybitLimiterCount(clock)).toEqual({ routes: 0, accounts: 0 });
    // Now a new client starts afresh: its calls go at once.
    const third = simClient(s, { clock });
    open.push(third);
    await Promise.all(Array.from({ length: 10 }, () => wallet(third)));
    expect(s.violations).toBe(0);
  });

  it("a client given another client's limiter keeps it registered while it is open", async () => {
    const clock = new FakeClock(START);
    const s = await sim({ clock });
    const owner = simClient(s, { clock });
    const borrower = simClient(s, { clock, limiter: owner.limiter });
    open.push(borrower);
    await wallet(owner);
    await owner.close();
    clock.advance(60_000);
    expect(sharedBybitLimiterCount(clock)).toEqual({ routes: 1, accounts: 0 });
    const later = simClient(s, { clock });
    open.push(later);
    expect(later.limiter).toBe(borrower.limiter);
    await borrower.close();
    await later.close();
    expect(sharedBybitLimiterCount(clock)).toEqual({ routes: 0, accounts: 0 });
  });
});
