import { describe, expect, it } from 'vitest';
import { type SimWsConnection, startSim } from '@venuekit/testkit';
import { connectRaw } from '../support/raw-client.js';
import { turns } from '../support/turns.js';

/** A sim whose /ws echoes every message back as `{ echo }` and records each connection. */
async function echoSim() {
  const sim = await startSim();
  const conns: SimWsConnection[] = [];
  const closed: Array<Promise<number>> = [];
  sim.onWsConnection('/ws', (conn) => {
    conns.push(conn);
    closed.push(new Promise((resolve) => conn.onClose((code) => resolve(code))));
    conn.onMessage((text) => conn.send({ echo: text }));
  });
  return { sim, conns, closed };
}

describe('WebSocket faults', () => {
  it('dropAll terminates every connection abruptly (1006) and the sim keeps accepting', async () => {
    const { sim, conns, closed } = await echoSim();
    await using _ = sim;
    const a = await connectRaw(`${sim.wsUrl}/ws`);
    const b = await connectRaw(`${sim.wsUrl}/ws`);
    expect(sim.stats.openWsConnections).toBe(2);
    sim.faults.dropAll();
    expect((await a.closed).code).toBe(1006);
    expect((await b.closed).code).toBe(1006);
    expect(await Promise.all(closed)).toEqual([1006, 1006]);
    expect(sim.stats.openWsConnections).toBe(0);
    expect(conns.every((c) => !c.isOpen)).toBe(true);
    expect(sim.stats.faultsInjected).toBe(1);

    const c = await connectRaw(`${sim.wsUrl}/ws`);
    c.ws.send('again');
    expect(await c.nextJson()).toEqual({ echo: 'again' });
    expect(sim.stats.wsConnectionsOpened).toBe(3);
    await c.close();
  });

  it('stopPings withholds protocol pongs until resumed; pings are otherwise answered', async () => {
    const { sim } = await echoSim();
    await using _ = sim;
    const client = await connectRaw(`${sim.wsUrl}/ws`);
    let pongs = 0;
    client.ws.on('pong', () => pongs++);

    client.ws.ping('a');
    client.ws.send('after-ping-1');
    await client.next();
    expect(pongs).toBe(1); // the pong is written before the echo that follows it

    sim.faults.stopPings();
    client.ws.ping('b');
    client.ws.send('after-ping-2');
    await client.next();
    expect(pongs).toBe(1); // the echo came back, the pong did not

    sim.faults.stopPings(false);
    client.ws.ping('c');
    client.ws.send('after-ping-3');
    await client.next();
    expect(pongs).toBe(2);
    await client.close();
  });

  it('stall holds outgoing messages and sends them in order when it ends', async () => {
    const { sim, conns } = await echoSim();
    await using _ = sim;
    const client = await connectRaw(`${sim.wsUrl}/ws`);
    sim.faults.stall();
    conns[0]!.send('one');
    conns[0]!.send({ n: 2 });
    client.ws.send('three'); // echoed while stalled: held too
    let pongs = 0;
    client.ws.on('pong', () => pongs++);
    client.ws.ping();
    await turns();
    expect(client.received).toEqual([]);
    expect(sim.stats.wsMessagesSent).toBe(0);
    expect(sim.stats.wsMessagesReceived).toBe(1);

    sim.faults.stall(false);
    expect(await client.next()).toBe('one');
    expect(await client.nextJson()).toEqual({ n: 2 });
    expect(await client.nextJson()).toEqual({ echo: 'three' });
    expect(pongs).toBe(0); // pongs are dropped during a stall, not held
    expect(sim.stats.wsMessagesSent).toBe(3);
    await client.close();
  });

  it('stall holds new WebSocket handshakes until it ends', async () => {
    const { sim } = await echoSim();
    await using _ = sim;
    sim.faults.stall();
    let opened = false;
    const pending = connectRaw(`${sim.wsUrl}/ws`).then((c) => {
      opened = true;
      return c;
    });
    await turns(50);
    expect(opened).toBe(false);
    expect(sim.stats.wsConnectionsOpened).toBe(0);
    sim.faults.stall(false);
    const client = await pending;
    expect(sim.stats.wsConnectionsOpened).toBe(1);
    await client.close();
  });

  it('sendMalformed sends frames that are not JSON, and the connection lives on', async () => {
    const { sim } = await echoSim();
    await using _ = sim;
    const a = await connectRaw(`${sim.wsUrl}/ws`);
    const b = await connectRaw(`${sim.wsUrl}/ws`);
    sim.faults.sendMalformed(3);
    for (const client of [a, b]) {
      for (let i = 0; i < 3; i++) {
        const text = await client.next();
        expect(() => JSON.parse(text)).toThrow();
      }
      client.ws.send('still-alive');
      expect(await client.nextJson()).toEqual({ echo: 'still-alive' });
    }
    expect(sim.stats.faultsInjected).toBe(6);
    expect(() => sim.faults.sendMalformed(-1)).toThrow(RangeError);
    await a.close();
    await b.close();
  });

  it('refuses upgrades to a path without a handler with a 404', async () => {
    const { sim } = await echoSim();
    await using _ = sim;
    await expect(connectRaw(`${sim.wsUrl}/other`)).rejects.toThrow(/404/);
  });

  it('closes a connection with 1011 when a simulator message handler throws', async () => {
    await using sim = await startSim();
    sim.onWsConnection('/ws', (conn) =>
      conn.onMessage(() => {
        throw new Error('bad handler');
      }),
    );
    const client = await connectRaw(`${sim.wsUrl}/ws`);
    client.ws.send('x');
    expect(await client.closed).toEqual({ code: 1011, reason: 'simulator error: bad handler' });
  });
});
