// The example of docs/websocket.md, run as a test so it cannot rot. Keep the two in step.
import { WebSocketApp, WebSocketQueue } from '@venuekit/base';
import { startGenericVenue } from '@venuekit/testkit';
import { describe, expect, it } from 'vitest';

describe('docs/websocket.md example', () => {
  it('connects, authenticates, subscribes, heals after a drop and reads through a queue', async () => {
    const log: string[] = [];
    // --- example start ---
    await using venue = await startGenericVenue(); // a local venue; use the real URL in production

    type Msg = { op?: string; topic?: string; seq?: number; data?: { price: number } };
    const trades = new WebSocketQueue<Msg>({ capacity: 10_000, policy: 'dropOldest' });

    await using app = WebSocketApp.connect<Msg>(`${venue.wsUrl}/ws`, {
      // 1. On every (re)connect, first: authenticate and wait for the venue's answer.
      onOpen: async (socket, app) => {
        socket.send(JSON.stringify({ op: 'ping' })); // stands in for a signed auth request
        await app.waitForJson((m) => (m as Msg).op === 'pong', { timeoutMs: 5000 });
      },
      // 2. Then these go out, again on every reconnect: subscriptions are replayed.
      send: [{ op: 'subscribe', args: ['trades.BTCUSD'], id: 1 }],
      // 3. Frames reach handlers synchronously; the queue absorbs a slow consumer.
      onJson: (msg) => {
        if (msg.topic !== undefined) trades.onmessage(msg);
      },
      reconnect: { initialDelayMs: 100, maxDelayMs: 10_000 },
      heartbeat: { intervalMs: 10_000, timeoutMs: 25_000 },
    });
    app.on('reconnected', (attempts, downtimeMs) =>
      log.push(`back after ${attempts} attempt(s), ${downtimeMs} ms`),
    );
    app.on('error', (error) => log.push(`${error.name}: ${error.message}`));
    app.signal.addEventListener('abort', () => trades.close()); // the stream ends with the app

    await app.ready;
    await venue.waitForSubscriptions(1);
    venue.publish('trades.BTCUSD', { price: 50_000 });
    const first = await trades.next();

    venue.faults.dropAll(); // the venue kills the connection…
    await new Promise((resolve) => app.once('reconnected', resolve)); // …and the app heals itself
    await venue.waitForSubscriptions(1);
    venue.publish('trades.BTCUSD', { price: 50_001 });
    for await (const trade of trades) {
      log.push(`trade ${trade.data?.price}`);
      break; // leaving the loop ends the queue
    }
    // --- example end ---
    expect(first.value?.data).toEqual({ price: 50_000 });
    expect(log.some((l) => /^back after 1 attempt\(s\)/.test(l))).toBe(true);
    expect(log.at(-1)).toBe('trade 50001');
    expect(trades.closed).toBe(true);
    expect(app.isOpen).toBe(true);
  });
});
