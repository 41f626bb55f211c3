import { describe, expect, it } from 'vitest';
import { startGenericVenue } from '@venuekit/testkit';
import { connectRaw } from '../support/raw-client.js';

describe('generic venue WebSocket /ws', () => {
  it('acks subscribe, publishes with a per-topic seq, and answers app-level ping', async () => {
    await using venue = await startGenericVenue();
    const client = await connectRaw(`${venue.wsUrl}/ws`);
    await venue.waitForConnections(1);
    client.sendJson({ op: 'subscribe', args: ['trades.BTCUSD', 'book.ETHUSD'], id: 7 });
    expect(await client.nextJson()).toEqual({ op: 'subscribe', id: 7, success: true });
    await venue.waitForSubscriptions(2);
    expect(venue.subscriptions()).toEqual([{ connectionId: 1, topics: ['trades.BTCUSD', 'book.ETHUSD'] }]);

    expect(venue.publish('trades.BTCUSD', { p: 1 })).toBe(1);
    expect(venue.publish('trades.BTCUSD', { p: 2 })).toBe(1);
    expect(venue.publish('book.ETHUSD', { b: 1 })).toBe(1);
    expect(venue.publish('trades.ETHUSD', { p: 3 })).toBe(0);
    expect(await client.nextJson()).toEqual({ topic: 'trades.BTCUSD', seq: 1, data: { p: 1 } });
    expect(await client.nextJson()).toEqual({ topic: 'trades.BTCUSD', seq: 2, data: { p: 2 } });
    expect(await client.nextJson()).toEqual({ topic: 'book.ETHUSD', seq: 1, data: { b: 1 } });

    client.sendJson({ op: 'ping', id: 'p' });
    expect(await client.nextJson()).toEqual({ op: 'pong', id: 'p', ts: expect.any(Number) });

    client.sendJson({ op: 'unsubscribe', args: ['trades.BTCUSD'], id: 8 });
    expect(await client.nextJson()).toEqual({ op: 'unsubscribe', id: 8, success: true });
    expect(venue.publish('trades.BTCUSD', { p: 4 })).toBe(0);
    await client.close();
  });
});
