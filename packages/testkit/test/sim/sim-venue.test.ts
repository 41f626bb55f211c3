// The shared venue lifecycle: forwarded addresses, one shutdown however often close() is called,
// the port released after it, and a failed build releasing its port too.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startSim } from '@venuekit/testkit';
import { buildOnSim, SimVenue } from '../../src/sim/sim-venue.js';

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

class CountingVenue extends SimVenue {
  stops = 0;
  protected stopVenue(): void {
    this.stops++;
  }
}

describe('SimVenue', () => {
  it('forwards the Sim and shuts down once however often it is closed', async () => {
    const sim = await startSim({ clock: { now: () => 1_000 } });
    const venue = new CountingVenue(sim);
    expect([venue.port, venue.httpUrl, venue.wsUrl]).toEqual([sim.port, sim.httpUrl, sim.wsUrl]);
    expect(venue.faults).toBe(sim.faults);
    expect(venue.stats).toBe(sim.stats);
    venue.faults.skewClock(5);
    expect(venue.now()).toBe(1_005);
    const first = venue.close();
    expect(venue.close()).toBe(first);
    await venue[Symbol.asyncDispose]();
    await first;
    expect(venue.stops).toBe(1);
    expect(await canListen(venue.port)).toBe(true);
  });

  it('buildOnSim returns what was built, and closes the Sim when building throws', async () => {
    const sim = await startSim();
    expect(await buildOnSim(sim, () => 42)).toBe(42);
    await sim.close();
    const doomed = await startSim();
    await expect(
      buildOnSim(doomed, () => {
        throw new RangeError('bad option');
      }),
    ).rejects.toThrow('bad option');
    expect(await canListen(doomed.port)).toBe(true);
  });
});
