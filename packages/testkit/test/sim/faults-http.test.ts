import { request as httpRequest, Agent } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startSim } from '@venuekit/testkit';
import { turns } from '../support/turns.js';

async function okSim() {
  const sim = await startSim({ clock: { now: () => 1_000_000 } });
  let handled = 0;
  sim.route('*', '/ok', () => {
    handled++;
    return { json: { ok: true } };
  });
  sim.route('GET', '/other', () => ({ body: 'plain', headers: { 'Content-Type': 'text/plain' } }));
  return { sim, handled: () => handled };
}

describe('HTTP faults', () => {
  it('httpStatus answers the next `times` requests with the status, a {code,msg} body and Retry-After', async () => {
    const { sim, handled } = await okSim();
    await using _ = sim;
    sim.faults.httpStatus({ status: 429, retryAfterS: 2, times: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${sim.httpUrl}/ok`);
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(await res.json()).toEqual({ code: 'TOO_MANY_REQUESTS', msg: expect.stringContaining('429') });
    }
    const after = await fetch(`${sim.httpUrl}/ok`);
    expect(after.status).toBe(200);
    expect(handled()).toBe(1); // faulted requests never reach the handler
    expect(sim.stats.httpRequests).toBe(3);
    expect(sim.stats.faultsInjected).toBe(2);
  });

  it('httpStatus can target one path, send a custom body, and queues rules oldest first', async () => {
    const { sim } = await okSim();
    await using _ = sim;
    sim.faults.httpStatus({ status: 418, path: '/ok', retryAfterS: 120 });
    sim.faults.httpStatus({ status: 503, body: { code: -1, msg: 'maintenance' } });
    const other = await fetch(`${sim.httpUrl}/other`);
    expect(other.status).toBe(503); // the 418 rule is for /ok only; the 503 rule matches any path
    expect(await other.json()).toEqual({ code: -1, msg: 'maintenance' });
    expect(other.headers.get('retry-after')).toBeNull();
    const banned = await fetch(`${sim.httpUrl}/ok`);
    expect(banned.status).toBe(418);
    expect(banned.headers.get('retry-after')).toBe('120');
    expect(await banned.json()).toMatchObject({ code: 'IP_BANNED' });
    const plain = await fetch(`${sim.httpUrl}/other`);
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/plain');
    expect(await plain.text()).toBe('plain');
  });

  it('httpStatus with times: Infinity lasts until reset(); bad options are refused', async () => {
    const { sim } = await okSim();
    await using _ = sim;
    sim.faults.httpStatus({ status: 500, times: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 3; i++) expect((await fetch(`${sim.httpUrl}/ok`)).status).toBe(500);
    sim.faults.reset();
    expect((await fetch(`${sim.httpUrl}/ok`)).status).toBe(200);
    expect(() => sim.faults.httpStatus({ status: 42 })).toThrow(/status must be/);
    expect(() => sim.faults.httpStatus({ status: 429, times: 0 })).toThrow(/times must be > 0/);
  });

  it('stall holds HTTP responses (the handler has run) until stall(false)', async () => {
    const { sim, handled } = await okSim();
    await using _ = sim;
    sim.faults.stall();
    let settled = false;
    const pending = fetch(`${sim.httpUrl}/ok`).then((res) => {
      settled = true;
      return res;
    });
    while (handled() === 0) await turns(1);
    await turns(50);
    expect(settled).toBe(false);
    sim.faults.stall(false);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('httpLatency delays every response by the given ms; 0 turns it off', async () => {
    const { sim } = await okSim();
    await using _ = sim;
    sim.faults.httpLatency(120);
    const started = performance.now();
    const res = await fetch(`${sim.httpUrl}/ok`);
    expect(res.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    sim.faults.httpLatency(10_000);
    sim.faults.httpLatency(0); // off again: a 10 s delay would blow the bound below
    const again = performance.now();
    await fetch(`${sim.httpUrl}/ok`);
    expect(performance.now() - again).toBeLessThan(5_000);
    expect(() => sim.faults.httpLatency(-1)).toThrow(RangeError);
  });

  it('skewClock moves sim.now() (calls accumulate) and reset() puts it back', async () => {
    const { sim } = await okSim();
    await using _ = sim;
    expect(sim.now()).toBe(1_000_000);
    sim.faults.skewClock(5_000);
    sim.faults.skewClock(-1_000);
    expect(sim.now()).toBe(1_004_000);
    sim.faults.reset();
    expect(sim.now()).toBe(1_000_000);
    expect(() => sim.faults.skewClock(Number.NaN)).toThrow(RangeError);
  });

  it('dropAll destroys idle keep-alive HTTP sockets', async () => {
    const { sim } = await okSim();
    await using _ = sim;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // Wrapped in an object: resolving with a bare promise would wait for the socket to close.
      const { socketClosed } = await new Promise<{ socketClosed: Promise<void> }>((resolve, reject) => {
        const req = httpRequest(`${sim.httpUrl}/ok`, { agent }, (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ socketClosed: new Promise((done) => req.socket!.once('close', () => done())) }),
          );
        });
        req.on('error', reject);
        req.end();
      });
      const started = performance.now();
      sim.faults.dropAll();
      await socketClosed;
      // Well before the server's 5 s keep-alive timeout would have closed it.
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      agent.destroy();
    }
  });
});
