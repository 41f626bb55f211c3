import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { type SimWsConnection, startSim } from '@venuekit/testkit';
import { connectRaw } from '../support/raw-client.js';

/** A `ws` client that records the server's pings; `answer` decides each pong (default: `ws`'s own). */
async function pingedClient(url: string, answer?: (payload: Buffer) => Buffer | undefined) {
  const ws = new WebSocket(url, { autoPong: answer === undefined, perMessageDeflate: false });
  const pings: string[] = [];
  const pingWaiters: Array<{ n: number; resolve: () => void }> = [];
  ws.on('ping', (data: Buffer) => {
    pings.push(data.toString());
    const pong = answer?.(data);
    if (pong !== undefined) ws.pong(pong);
    for (const w of pingWaiters.filter((x) => pings.length >= x.n)) w.resolve();
  });
  const closed = new Promise<{ code: number; at: number }>((resolve) =>
    ws.once('close', (code: number) => resolve({ code, at: performance.now() })),
  );
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return {
    ws,
    pings,
    closed,
    /** Resolves once `n` pings have arrived; rejects if the connection closes first. */
    pinged: (n: number): Promise<void> =>
      pings.length >= n
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => pingWaiters.push({ n, resolve })),
            closed.then(({ code }) => {
              throw new Error(`closed (${code}) after ${pings.length} pings, waiting for ${n}`);
            }),
          ]),
  };
}

/** A sim recording its connections, when each was accepted and how it closed. */
async function recordingSim(options: Parameters<typeof startSim>[0] = {}) {
  const sim = await startSim(options);
  const conns: Array<{
    conn: SimWsConnection;
    acceptedAt: number;
    closed: Promise<{ code: number; at: number }>;
  }> = [];
  const record = (conn: SimWsConnection) => {
    const closed = new Promise<{ code: number; at: number }>((resolve) =>
      conn.onClose((code) => resolve({ code, at: performance.now() })),
    );
    conns.push({ conn, acceptedAt: performance.now(), closed });
    conn.onMessage((text) => conn.send({ echo: text }));
  };
  return { sim, conns, record };
}

describe('pings and pongs', () => {
  it('conn.ping sends a ping; onPong sees the echo and unsolicited pongs; onPing sees client pings', async () => {
    const { sim, conns, record } = await recordingSim();
    await using _ = sim;
    const pongs: string[] = [];
    const pings: string[] = [];
    sim.onWsConnection('/ws', (conn) => {
      record(conn);
      conn.onPong((payload) => pongs.push(payload.toString()));
      conn.onPing((payload) => pings.push(payload.toString()));
    });
    const client = await connectRaw(`${sim.wsUrl}/ws`);
    const clientPings: string[] = [];
    client.ws.on('ping', (data: Buffer) => clientPings.push(data.toString()));
    let clientPongs = 0;
    client.ws.on('pong', () => clientPongs++);
    const server = conns[0]!.conn;

    server.ping('hello');
    server.send('after-ping'); // ordering: the ping reaches the client before this message
    await client.next();
    expect(clientPings).toEqual(['hello']);
    client.ws.ping('from-client');
    client.ws.pong('unsolicited');
    client.ws.send('after'); // ordering: the server saw the pong and ping before this message
    await client.next();
    expect(pongs).toEqual(['hello', 'unsolicited']); // ws answered 'hello' by itself
    expect(pings).toEqual(['from-client']);
    expect(clientPongs).toBe(1);

    // stopPings withholds the answer, but the simulator still sees the ping.
    sim.faults.stopPings();
    client.ws.ping('unanswered');
    client.ws.send('after-stop');
    await client.next();
    expect(pings).toEqual(['from-client', 'unanswered']);
    expect(clientPongs).toBe(1);
    sim.faults.stopPings(false);

    // While stalled no ping is sent (nor held for later).
    sim.faults.stall();
    server.ping('stalled');
    sim.faults.stall(false);
    server.send('after-stall');
    await client.next();
    expect(clientPings).toEqual(['hello']);

    expect(() => server.ping('x'.repeat(126))).toThrow(RangeError);
    expect(sim.stats).toMatchObject({ wsPingsSent: 1, wsPingsReceived: 2, wsPongsReceived: 2 });
    await client.close();
  });
});

describe('server heartbeat', () => {
  it('pings every intervalMs with its own payload and keeps a client that pongs', async () => {
    const { sim, record } = await recordingSim({ heartbeat: { intervalMs: 10, timeoutMs: 200 } });
    await using _ = sim;
    sim.onWsConnection('/ws', record);
    const client = await pingedClient(`${sim.wsUrl}/ws`);
    await client.pinged(30); // ≥ 300 ms: any unanswered ping would have ended the connection
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    expect(client.pings.slice(0, 5)).toEqual(['1', '2', '3', '4', '5']);
    expect(sim.stats.wsHeartbeatTimeouts).toBe(0);
    expect(sim.stats.wsPongsReceived).toBeGreaterThanOrEqual(29);
    client.ws.close();
    expect((await client.closed).code).toBe(1005);
  });

  it('a pong echoing the newest ping answers the older ones too', async () => {
    const { sim, record } = await recordingSim({ heartbeat: { intervalMs: 10, timeoutMs: 250 } });
    await using _ = sim;
    sim.onWsConnection('/ws', record);
    // Answers only every fourth ping, echoing its payload: 40 ms gaps within a 250 ms deadline.
    const client = await pingedClient(`${sim.wsUrl}/ws`, (p) =>
      Number(p.toString()) % 4 === 0 ? p : undefined,
    );
    await client.pinged(30); // ≥ 300 ms: had ping 1 stayed unanswered, it would have expired by now
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    expect(sim.stats.wsHeartbeatTimeouts).toBe(0);
    client.ws.close();
    await client.closed;
  });

  it('terminates a client that does not pong once a ping is timeoutMs old', async () => {
    const { sim, conns, record } = await recordingSim({ heartbeat: { intervalMs: 10, timeoutMs: 80 } });
    await using _ = sim;
    sim.onWsConnection('/ws', record);
    const silent = await pingedClient(`${sim.wsUrl}/ws`, () => undefined);
    const closed = await silent.closed;
    expect(closed.code).toBe(1006); // terminated: no closing handshake
    const server = conns[0]!;
    const serverClosed = await server.closed;
    expect(serverClosed.code).toBe(1006);
    expect(serverClosed.at - server.acceptedAt).toBeGreaterThanOrEqual(80);
    expect(silent.pings.length).toBeGreaterThanOrEqual(1);
    expect(sim.stats.wsHeartbeatTimeouts).toBe(1);
    expect(sim.stats.openWsConnections).toBe(0);
  });

  it('unsolicited pongs (not echoing a ping) keep nothing alive', async () => {
    const { sim, conns, record } = await recordingSim({ heartbeat: { intervalMs: 10, timeoutMs: 60 } });
    await using _ = sim;
    const seen: string[] = [];
    sim.onWsConnection('/ws', (conn) => {
      record(conn);
      conn.onPong((p) => seen.push(p.toString()));
    });
    const client = await pingedClient(`${sim.wsUrl}/ws`, () => Buffer.alloc(0));
    expect((await client.closed).code).toBe(1006);
    expect((await conns[0]!.closed).code).toBe(1006);
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.every((p) => p === '')).toBe(true);
    expect(sim.stats.wsHeartbeatTimeouts).toBe(1);
  });

  it('routes override the simulator heartbeat; false turns it off', async () => {
    const { sim, record } = await recordingSim({ heartbeat: { intervalMs: 10, timeoutMs: 60 } });
    await using _ = sim;
    sim.onWsConnection('/quiet', record, { heartbeat: false });
    sim.onWsConnection('/loud', record);
    sim.onWsConnection('/slow/*', record, { heartbeat: { intervalMs: 10, timeoutMs: 5_000 } });
    const quiet = await pingedClient(`${sim.wsUrl}/quiet`, () => undefined);
    const slow = await pingedClient(`${sim.wsUrl}/slow/a`, () => undefined);
    const loud = await pingedClient(`${sim.wsUrl}/loud`, () => undefined);
    expect((await loud.closed).code).toBe(1006);
    // quiet and slow were accepted first: a 60 ms deadline would have ended them before loud.
    expect(quiet.ws.readyState).toBe(WebSocket.OPEN);
    expect(quiet.pings).toEqual([]);
    // slow ignores its pings too; past 8 pings (> 80 ms) it outlived the simulator's 60 ms deadline.
    await slow.pinged(8);
    quiet.ws.close();
    slow.ws.close();
    await Promise.all([quiet.closed, slow.closed]);
  });

  it('sends no pings while stalled, so a stall alone never times a client out', async () => {
    const { sim, record } = await recordingSim({ heartbeat: { intervalMs: 10, timeoutMs: 40 } });
    await using _ = sim;
    sim.onWsConnection('/ws', (conn) => {
      sim.faults.stall(); // before the first ping is due
      record(conn);
    });
    const client = await pingedClient(`${sim.wsUrl}/ws`, () => undefined);
    await delay(150); // several intervals and deadlines: proving an absence needs a bounded wait
    expect(client.ws.readyState).toBe(WebSocket.OPEN);
    expect(sim.stats.wsPingsSent).toBe(0);
    sim.faults.stall(false);
    expect((await client.closed).code).toBe(1006); // pings resume, unanswered: timed out
    expect(sim.stats.wsHeartbeatTimeouts).toBe(1);
  });

  it('refuses a malformed heartbeat by field', async () => {
    await expect(startSim({ heartbeat: { intervalMs: 0, timeoutMs: 10 } })).rejects.toThrow(
      /heartbeat\.intervalMs must be a number of ms/,
    );
    await using sim = await startSim();
    expect(() =>
      sim.onWsConnection('/ws', () => {}, { heartbeat: { intervalMs: 10, timeoutMs: Number.NaN } }),
    ).toThrow(/heartbeat\.timeoutMs/);
  });
});
