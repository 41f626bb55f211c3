import { describe, expect, it } from 'vitest';
import { startGenericVenue } from '@venuekit/testkit';
import { connectRaw } from '../support/raw-client.js';

describe('generic venue under repeated drops', () => {
  it('serves 100 drop / reconnect / resubscribe cycles with nothing left behind', async () => {
    await using venue = await startGenericVenue({ maxTopicsPerConnection: 25 });
    const topics = ['trades.BTCUSD', 'book.BTCUSD', 'trades.ETHUSD'];
    for (let cycle = 1; cycle <= 100; cycle++) {
      const client = await connectRaw(`${venue.wsUrl}/ws`);
      client.sendJson({ op: 'subscribe', args: topics, id: cycle });
      expect(await client.nextJson()).toEqual({ op: 'subscribe', id: cycle, success: true });
      expect(venue.publish('trades.BTCUSD', { cycle })).toBe(1);
      expect(await client.nextJson()).toMatchObject({ topic: 'trades.BTCUSD', seq: cycle, data: { cycle } });
      venue.faults.dropAll();
      expect((await client.closed).code).toBe(1006);
      while (venue.connections > 0) await new Promise((resolve) => setImmediate(resolve));
      expect(venue.subscriptions()).toEqual([]);
    }
    expect(venue.stats.wsConnectionsOpened).toBe(100);
    expect(venue.stats.openWsConnections).toBe(0);
    expect(venue.stats.faultsInjected).toBe(100);
    expect(venue.publish('trades.BTCUSD', {})).toBe(0);
  });
});
