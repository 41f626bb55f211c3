// The example of docs/ws-pool.md, run as a test so it cannot rot. Keep the two in step.
import { type PoolProtocol, WsPool } from '@venuekit/base';
import { startGenericVenue } from '@venuekit/testkit';
import { describe, expect, it } from 'vitest';

describe('docs/ws-pool.md example', () => {
  it('multiplexes 61 topics over 3 connections, restores them after a drop, streams a book', async () => {
    // --- example start ---
    type Msg = {
      op?: string;
      id?: number;
      success?: boolean;
      error?: string;
      topic?: string;
      data?: unknown;
    };

    // The venue's half of the pool: how it spells requests and acknowledgements, and its limits.
    const protocol: PoolProtocol<Msg> = {
      venue: 'generic',
      subscribeMessage: (topics, id) => ({ op: 'subscribe', args: topics, id }),
      unsubscribeMessage: (topics, id) => ({ op: 'unsubscribe', args: topics, id }),
      matchAck: (m) =>
        (m.op === 'subscribe' || m.op === 'unsubscribe') && typeof m.id === 'number'
          ? { id: m.id, ok: m.success === true, error: m.error }
          : undefined,
      topicOf: (m) => m.topic,
      maxTopicsPerConnection: 25, // as Bitfinex
      maxTopicsPerMessage: 10,
    };

    await using venue = await startGenericVenue({ maxTopicsPerConnection: 25 });
    await using pool = new WsPool<Msg>({
      url: `${venue.wsUrl}/ws`,
      protocol,
      maxConnections: 4,
      ackTimeoutMs: 5000,
      connection: { reconnect: { initialDelayMs: 100 } },
    });

    // 60 trade topics, one callback: the pool fills connections up to the cap (25 + 25 + 10).
    const trades = Array.from({ length: 60 }, (_, i) => `trades.SYM${i}`);
    const perTopic = new Map<string, number>();
    const subscription = await pool.subscribe(trades, (m) => {
      perTopic.set(m.topic!, (perTopic.get(m.topic!) ?? 0) + 1);
    });

    // A book as an async iterable; a slow reader sees the latest state, never a backlog.
    const book = pool.stream('book.BTCUSD', { capacity: 100, policy: 'conflate', keyOf: (m) => m.topic });
    await book.ready;
    const layout = pool.connections.map((c) => c.topics.length); // [25, 25, 11]

    // The venue drops everything: each connection reconnects and resubscribes its own topics.
    let restored = 0;
    const allRestored = new Promise<void>((resolve) =>
      pool.on('restored', () => {
        if (++restored === pool.connections.length) resolve();
      }),
    );
    venue.faults.dropAll();
    await allRestored;

    venue.publish('book.BTCUSD', { bids: [[50_000, 1.5]], asks: [[50_001, 2]] });
    const { value: update } = await book.next();
    await book.return?.(); // or `break` out of a for-await loop: it unsubscribes
    await subscription.unsubscribe();
    // --- example end ---
    expect(layout).toEqual([25, 25, 11]);
    expect(restored).toBe(3);
    expect(update?.data).toEqual({ bids: [[50_000, 1.5]], asks: [[50_001, 2]] });
    expect(pool.topicCount).toBe(0);
    expect(venue.subscriptions().flatMap((s) => s.topics)).toEqual([]);
  });
});
