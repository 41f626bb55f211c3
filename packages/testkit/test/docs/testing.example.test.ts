// The example of docs/testing.md, kept as a test so the guide cannot rot. Keep the two in sync.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startGenericVenue, startSim } from '@venuekit/testkit';

/** Opens a raw ws client and collects its messages (in base's tests this is WebSocketApp). */
async function openClient(url: string) {
  const ws = new WebSocket(url);
  const inbox: unknown[] = [];
  ws.on('message', (data) => inbox.push(JSON.parse(String(data))));
  const firstMessage = new Promise<unknown>((resolve) =>
    ws.once('message', (data) => resolve(JSON.parse(String(data)))),
  );
  const closed = new Promise<number>((resolve) => ws.once('close', resolve));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, inbox, firstMessage, closed };
}

describe('docs/testing.md example', () => {
  it('REST against the generic venue, with a 429 + Retry-After fault', async () => {
    await using venue = await startGenericVenue();

    venue.faults.httpStatus({ status: 429, retryAfterS: 1, times: 1 });
    const limited = await fetch(`${venue.httpUrl}/api/ticker?symbol=BTCUSD`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');

    const ticker = await fetch(`${venue.httpUrl}/api/ticker?symbol=BTCUSD`);
    expect(await ticker.json()).toMatchObject({ symbol: 'BTCUSD', bid: 50_000, ask: 50_001 });
    expect(venue.stats.httpRequests).toBe(2);
  });

  it('WebSocket: subscribe, receive, get dropped, come back', async () => {
    await using venue = await startGenericVenue({ maxTopicsPerConnection: 25 });

    const first = await openClient(`${venue.wsUrl}/ws`);
    first.ws.send(JSON.stringify({ op: 'subscribe', args: ['trades.BTCUSD'], id: 1 }));
    await venue.waitForSubscriptions(1); // event-driven: no sleeps
    venue.publish('trades.BTCUSD', { price: 50_000.5, qty: 0.1 });

    venue.faults.dropAll(); // the server cuts every connection
    expect(await first.closed).toBe(1006);
    expect(first.inbox).toEqual([
      { op: 'subscribe', id: 1, success: true },
      { topic: 'trades.BTCUSD', seq: 1, data: { price: 50_000.5, qty: 0.1 } },
    ]);

    const second = await openClient(`${venue.wsUrl}/ws`);
    second.ws.send(JSON.stringify({ op: 'subscribe', args: ['trades.BTCUSD'], id: 2 }));
    await venue.waitForSubscriptions(1);
    expect(venue.subscriptions()).toEqual([{ connectionId: 2, topics: ['trades.BTCUSD'] }]);
    second.ws.close();
    await second.closed;
  });

  it('your own simulator on the harness', async () => {
    let now = 1_700_000_000_000;
    await using sim = await startSim({ clock: { now: () => now } });
    sim.route('GET', '/v1/time', () => ({ json: { time: sim.now() } }));
    sim.onWsConnection('/stream', (conn) => conn.send({ hello: conn.query.get('client') }));

    now += 1_000;
    sim.faults.skewClock(250); // the venue's clock runs 250 ms ahead
    expect(await (await fetch(`${sim.httpUrl}/v1/time`)).json()).toEqual({ time: 1_700_000_001_250 });

    const client = await openClient(`${sim.wsUrl}/stream?client=docs`);
    expect(await client.firstMessage).toEqual({ hello: 'docs' });
    client.ws.close();
    await client.closed;
  });
});
