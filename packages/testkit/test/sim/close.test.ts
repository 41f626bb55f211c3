import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startGenericVenue, startSim } from '@venuekit/testkit';
import { connectRaw } from '../support/raw-client.js';
import { turns } from '../support/turns.js';

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A GET with its own connection (no pool), resolving with status and body or the socket error. */
function getOnce(url: string): Promise<{ status: number; body: string } | Error> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', resolve);
    });
    req.on('error', resolve);
    req.end();
  });
}

describe('Sim.close', () => {
  it('releases the port: the same port can be listened on again once close() resolves', async () => {
    const sim = await startSim();
    const { port } = sim;
    expect(await canListen(port)).toBe(false);
    await sim.close();
    expect(await canListen(port)).toBe(true);
    const again = await startSim({ port });
    expect(again.port).toBe(port);
    await again.close();
  });

  it('terminates open WebSocket clients and settles held and slow HTTP requests', async () => {
    const venue = await startGenericVenue();
    const client = await connectRaw(`${venue.wsUrl}/ws`);
    const slow = getOnce(`${venue.httpUrl}/api/slow?ms=30000`);
    venue.faults.stall();
    const held = getOnce(`${venue.httpUrl}/api/time`);
    while (venue.stats.httpRequests < 2) await turns(1);
    const started = performance.now();
    await venue.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((await client.closed).code).toBe(1006);
    expect(await slow).toBeInstanceOf(Error);
    expect(await held).toBeInstanceOf(Error);
    await venue.close(); // idempotent
  });

  it('refuses an invalid port and reports a port already in use', async () => {
    await expect(startSim({ port: 70_000 })).rejects.toThrow(/port must be an integer 0-65535/);
    await using sim = await startSim();
    await expect(startSim({ port: sim.port })).rejects.toThrow(/EADDRINUSE/);
  });
});
