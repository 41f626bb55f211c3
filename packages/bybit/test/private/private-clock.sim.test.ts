// The private stream's auth on a host whose clock is behind Bybit's (review P2-13). The auth
// signature's `expires` is 5 s after "now": read from the raw machine clock it is already past on
// Bybit's clock and the auth is refused; read from the REST client's server-synced clock it works.
// The machine clock is a FakeClock one minute behind the simulator (which runs on real time).
import { type Balance, ExchangeRegistry, FakeClock, silentLogger } from '@venuekit/base';
import { bybitPlugin } from '@venuekit/bybit/plugin';
import { BYBIT_SIM_DEFAULT_KEY, startBybitSim } from '@venuekit/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { BybitPrivateStream } from '../../src/private/index.js';
import { BybitRestClient } from '../../src/rest/index.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

const credentials = { apiKey: BYBIT_SIM_DEFAULT_KEY.apiKey, secret: BYBIT_SIM_DEFAULT_KEY.secret };
const BEHIND_MS = 60_000;

async function skewedSetup() {
  const sim = await startBybitSim();
  cleanups.push(() => sim.close());
  const machine = new FakeClock(Date.now() - BEHIND_MS);
  return { sim, machine };
}

describe('private-stream auth on a skewed clock', () => {
  it('the raw machine clock fails auth; the REST client’s clock, synced by the stream before auth, passes', async () => {
    const { sim, machine } = await skewedSetup();
    const raw = new BybitPrivateStream({ credentials, url: sim.urls.private, clock: machine });
    cleanups.push(() => raw.close());
    await expect(raw.connect()).rejects.toMatchObject({ name: 'AuthenticationError' });

    const rest = new BybitRestClient({ baseUrl: sim.httpUrl, clock: machine, logger: silentLogger });
    cleanups.push(() => rest.close());
    const synced = new BybitPrivateStream({
      credentials,
      url: sim.urls.private,
      clock: rest.clock,
      syncClock: () => rest.syncClock(),
    });
    cleanups.push(() => synced.close());
    await synced.connect();
    expect(synced.authentications).toBe(1);
    expect(rest.clock.offsetMs).toBeGreaterThan(BEHIND_MS - 5_000);
  });

  it('a feed on a skewed host still authenticates its private stream (watchBalances)', async () => {
    const { sim, machine } = await skewedSetup();
    const registry = ExchangeRegistry.createIsolated().use(bybitPlugin);
    const feed = registry.createFeed('BYBIT___SPOT', {
      credentials,
      urls: { ...sim.urls },
      clock: machine,
      logger: silentLogger,
    });
    cleanups.push(() => feed.disconnect());
    const balances = feed.watchBalances()[Symbol.asyncIterator]();
    cleanups.push(async () => balances.return?.());
    const first = await balances.next();
    expect((first.value as Balance[]).some((b) => b.asset === 'USDT')).toBe(true);
  });
});
