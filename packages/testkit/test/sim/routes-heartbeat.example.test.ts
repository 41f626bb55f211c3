// The second example of docs/testing.md (prefix routes and server pings), kept as a test so the
// guide cannot rot. Keep the two in sync.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startSim } from '@venuekit/testkit';

/** Opens a ws client; resolves with it, its first message and its close code. */
async function open(url: string, options?: WebSocket.ClientOptions) {
  const ws = new WebSocket(url, options);
  const first = new Promise<unknown>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
  const closed = new Promise<number>((resolve) => ws.once('close', resolve));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return { ws, first, closed };
}

describe('docs/testing.md: prefix routes and server pings', () => {
  it('one route serves /ws/<stream>/<stream>…; a client that stops answering pings is dropped', async () => {
    // A ping every 20 ms; a ping unanswered for 100 ms ends its connection.
    await using sim = await startSim({ heartbeat: { intervalMs: 20, timeoutMs: 100 } });
    const pongs: string[] = [];
    sim.onWsConnection('/ws/*', (conn) => {
      conn.send({ streams: conn.path.slice('/ws/'.length).split('/') }); // conn.path is the full path
      conn.onPong((payload) => pongs.push(payload.toString()));
    });
    sim.onWsConnection('/ws/admin', (conn) => conn.send({ admin: true })); // exact beats the pattern

    const client = await open(`${sim.wsUrl}/ws/btcusdt@trade/ethusdt@trade`); // ws answers pings itself
    expect(await client.first).toEqual({ streams: ['btcusdt@trade', 'ethusdt@trade'] });
    const admin = await open(`${sim.wsUrl}/ws/admin`);
    expect(await admin.first).toEqual({ admin: true });

    const mute = await open(`${sim.wsUrl}/ws/btcusdt@depth`, { autoPong: false });
    expect(await mute.closed).toBe(1006); // terminated, no closing handshake
    expect(sim.stats.wsHeartbeatTimeouts).toBe(1);
    expect(client.ws.readyState).toBe(WebSocket.OPEN); // it was pinged for longer, and answered
    expect(pongs.length).toBeGreaterThan(0);

    client.ws.close();
    admin.ws.close();
    await Promise.all([client.closed, admin.closed]);
  });
});
