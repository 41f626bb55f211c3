// Shared limits are released when no client uses them any more (review2 B4), against the
// simulator on a FakeClock: 1000 clients of distinct keys created and closed leave only the
// route's limits once the ORDERS windows have passed (the day window included); a client of the
// same account made within the window shares the old ORDERS windows (the simulator sees no
// violation); a limiter shared by several clients is kept until the last one closes, and taken
// up again by a client made later.
import { FakeClock, HttpSession } from '@venuekit/base';
import type { BinanceRestClient } from '@venuekit/binance/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedBinanceLimitsCount } from '../../src/rest/shared-limiters.js';
import { type BinanceSim, DOC_CREDENTIALS, simClient, startBinanceSim } from './sim-helpers.js';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 2, 12, 0, 0, 500); // midday: the ORDERS day window has 12 h to go
const sims: BinanceSim[] = [];
const open: BinanceRestClient[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function sim(clock: FakeClock): Promise<BinanceSim> {
  const s = await startBinanceSim({ clock, apiKeys: [DOC_CREDENTIALS] });
  sims.push(s);
  return s;
}
let price = '0';
const order = (id: string) => ({
  symbol: 'BTCUSDT',
  side: 'BUY' as const,
  type: 'LIMIT',
  timeInForce: 'GTC',
  quantity: '0.001',
  price,
  newClientOrderId: id,
});
/** A resting bid 10% under the book, so orders rest (and pass the notional filter). */
async function priceFrom(c: BinanceRestClient): Promise<void> {
  price = (Number((await c.bookTicker('BTCUSDT')).bidPrice) * 0.9).toFixed(2);
}

describe('shared Binance limits are released with their clients', () => {
  it('1000 clients of distinct keys created and closed: back to the route once the ORDERS windows pass', async () => {
    const clock = new FakeClock(START);
    const s = await sim(clock);
    await using session = new HttpSession();
    const reader = simClient(s, 'spot', { clock, session, credentials: undefined });
    open.push(reader);
    const clients = Array.from({ length: 1000 }, (_, i) =>
      simClient(s, 'spot', {
        clock,
        session,
        credentials: i === 0 ? DOC_CREDENTIALS : { apiKey: `tenant-key-${i}`, secret: `tenant-secret-${i}` },
      }),
    );
    expect(sharedBinanceLimitsCount(clock)).toEqual({ routes: 1, accounts: 1000 });
    await priceFrom(reader);
    await clients[0]!.placeOrder(order('only-order'));
    await Promise.all(clients.map((c) => c.close()));
    // Unused accounts go at once; the one that placed an order stays while its day window counts it.
    expect(sharedBinanceLimitsCount(clock)).toEqual({ routes: 1, accounts: 1 });
    clock.advance(DAY / 2 - 1000);
    expect(sharedBinanceLimitsCount(clock).accounts).toBe(1);
    clock.advance(1000);
    expect(sharedBinanceLimitsCount(clock)).toEqual({ routes: 1, accounts: 0 });
    await reader.time();
    await reader.close();
    clock.advance(5 * 60_000); // the longest IP window (RAW_REQUESTS, 5 min) passes
    expect(sharedBinanceLimitsCount(clock)).toEqual({ routes: 0, accounts: 0 });
  }, 30_000);

  it('a client of the same account made within the window shares the old ORDERS windows (no double budget)', async () => {
    const clock = new FakeClock(START);
    const s = await sim(clock);
    const first = simClient(s, 'spot', { clock, timeoutMs: 3_600_000 });
    await priceFrom(first);
    for (let i = 0; i < 50; i++) await first.placeOrder(order(`first-${i}`)); // the whole 50 / 10 s
    const windows = first.limiter.account;
    await first.close();
    clock.advance(1000);
    const second = simClient(s, 'spot', { clock, timeoutMs: 3_600_000 });
    open.push(second);
    expect(second.limiter.account).toBe(windows);
    expect(second.limiter.state()['ORDERS:10S']?.used).toBe(50);
    let placed = false;
    const next = second.placeOrder(order('second-0')).then(() => {
      placed = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(8000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(placed).toBe(false); // still inside the first client's 10 s window
    clock.advance(1000);
    await next;
    expect(s.violations).toBe(0);
  });

  it('a limiter used by several clients is kept until the last closes, and taken up again later', async () => {
    const clock = new FakeClock(START);
    const s = await sim(clock);
    const a = simClient(s, 'spot', { clock });
    const b = simClient(s, 'spot', { clock, limiter: a.limiter });
    expect(a.limiter.users).toBe(2);
    await a.close();
    await a.close(); // closing twice returns the hold once
    expect(b.limiter.users).toBe(1);
    expect(sharedBinanceLimitsCount(clock)).toEqual({ routes: 1, accounts: 1 });
    await b.close();
    expect(sharedBinanceLimitsCount(clock)).toEqual({ routes: 0, accounts: 0 });
    // The feed pattern: a new REST client on the same limiter after the others closed.
    const c = simClient(s, 'spot', { clock, limiter: a.limiter });
    open.push(c);
    expect(sharedBinanceLimitsCount(clock)).toEqual({ routes: 1, accounts: 1 });
    const d = simClient(s, 'spot', { clock });
    open.push(d);
    expect(d.limiter.route).toBe(c.limiter.route);
    expect(d.limiter.account).toBe(c.limiter.account);
    await c.time();
    expect(s.violations).toBe(0);
  });
});
