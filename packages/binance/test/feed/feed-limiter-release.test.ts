// A Binance feed holds leases on the shared limits of its route and account from the start; one
// that never made its REST client (nothing was fetched) returns them on disconnect too, so idle
// feeds do not keep per-account limits alive. A later use takes them again.
import { ExchangeRegistry, FakeClock, silentLogger } from '@venuekit/base';
import { binancePlugin } from '@venuekit/binance/plugin';
import { describe, expect, it } from 'vitest';
import { sharedBinanceLimitsCount } from '../../src/rest/shared-limiters.js';

describe('a Binance feed and the shared limits', () => {
  it('returns its leases on disconnect even if it never made a REST client', async () => {
    const clock = new FakeClock(Date.UTC(2024, 0, 2, 12));
    const registry = ExchangeRegistry.createIsolated();
    registry.use(binancePlugin);
    const feed = registry.createFeed('BINANCE___SPOT', {
      clock,
      logger: silentLogger,
      credentials: { apiKey: 'feed-release-key', secret: 'feed-release-secret' },
    });
    expect(sharedBinanceLimitsCount(clock)).toEqual({ routes: 1, accounts: 1 });
    await feed.disconnect();
    expect(sharedBinanceLimitsCount(clock)).toEqual({ routes: 0, accounts: 0 });
  });
});
