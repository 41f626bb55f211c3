// In its own file (a fresh worker) so no other test's sockets are still closing when it counts.
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startGenericVenue } from '@venuekit/testkit';
import { connectRaw } from '../support/raw-client.js';
import { turns } from '../support/turns.js';

/** Counts of the resources a simulator could leak. */
function handleCounts(): Record<string, number> {
  const counts: Record<string, number> = { TCPServerWrap: 0, TCPSocketWrap: 0, Timeout: 0 };
  for (const kind of process.getActiveResourcesInfo()) if (kind in counts) counts[kind]!++;
  return counts;
}

/** True when no count is above `before` (the test runner's own timers may come and go). */
function noneAbove(counts: Record<string, number>, before: Record<string, number>): boolean {
  return Object.keys(before).every((kind) => counts[kind]! <= before[kind]!);
}

/** Waits (bounded) until no count is above `before`; closes finish within a few loop turns. */
async function settledCounts(before: Record<string, number>): Promise<Record<string, number>> {
  let counts = handleCounts();
  for (let i = 0; i < 200 && !noneAbove(counts, before); i++) {
    await turns(1);
    counts = handleCounts();
  }
  return counts;
}

/** A GET with its own connection (no pool), resolving with status or the socket error. */
function getOnce(url: string): Promise<{ status: number } | Error> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', resolve);
    });
    req.on('error', resolve);
    req.end();
  });
}

describe('Sim.close and open handles', () => {
  it('leaves no open handles (servers, sockets, timers) behind', async () => {
    const before = handleCounts();
    {
      await using venue = await startGenericVenue({ ackDelayMs: 5_000 });
      venue.faults.httpLatency(10);
      const a = await connectRaw(`${venue.wsUrl}/ws`);
      const b = await connectRaw(`${venue.wsUrl}/ws`);
      a.sendJson({ op: 'subscribe', args: ['trades.BTCUSD'], id: 1 }); // ack timer pending at close
      expect(await getOnce(`${venue.httpUrl}/api/time`)).toMatchObject({ status: 200 });
      const slow = getOnce(`${venue.httpUrl}/api/slow?ms=20000`);
      while (venue.stats.httpRequests < 2) await turns(1);
      expect(handleCounts().TCPServerWrap).toBeGreaterThan(before.TCPServerWrap!);
      await venue.close();
      await Promise.all([a.closed, b.closed, slow]);
    }
    const after = await settledCounts(before);
    // Sockets and servers exactly as before; timers at most as many (vitest's own may have ended).
    expect({ TCPServerWrap: after.TCPServerWrap, TCPSocketWrap: after.TCPSocketWrap }).toEqual({
      TCPServerWrap: before.TCPServerWrap,
      TCPSocketWrap: before.TCPSocketWrap,
    });
    expect(after.Timeout).toBeLessThanOrEqual(before.Timeout!);
  });
});
