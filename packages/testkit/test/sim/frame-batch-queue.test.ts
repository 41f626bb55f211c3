// The shared flood plumbing: a per-connection queue that encodes frames in batches, and the
// drain-aware batch writer that holds through a stall and stops at a closed connection.
import { describe, expect, it } from 'vitest';
import { type SimWsConnection, startSim } from '@venuekit/testkit';
import { FrameBatchQueue } from '../../src/sim/frame-batch-queue.js';
import { stepUntilFlooded, writeBatches } from '../../src/sim/flood.js';
import { connectRaw } from '../support/raw-client.js';

describe('FrameBatchQueue', () => {
  it('encodes every batchSize frames together and hands the rest over as a last batch', () => {
    const q = new FrameBatchQueue();
    for (let i = 0; i < 7; i++) q.enqueue(`{"i":${i}}`, 3);
    const batches = q.takeBatches();
    expect(batches.map((b) => b.count)).toEqual([3, 3, 1]);
    // Each frame: 2 header bytes + 7 payload bytes.
    expect(batches.map((b) => b.wire.length)).toEqual([27, 27, 9]);
    expect(q.takeBatches()).toEqual([]);
  });
});

describe('writeBatches', () => {
  it('delivers the batches in order after a stall ends, and writes nothing once closed', async () => {
    await using sim = await startSim();
    let server!: SimWsConnection;
    sim.onWsConnection('/ws', (conn) => {
      server = conn;
    });
    const client = await connectRaw(`${sim.wsUrl}/ws`);
    const q = new FrameBatchQueue();
    for (let i = 0; i < 5; i++) q.enqueue(`{"i":${i}}`, 2);
    sim.faults.stall(true);
    const writing = writeBatches(server, q.takeBatches());
    expect(client.received).toEqual([]);
    sim.faults.stall(false);
    await writing;
    for (let i = 0; i < 5; i++) expect(await client.nextJson()).toEqual({ i });
    expect(sim.stats.wsMessagesSent).toBe(5);
    await client.close();
    q.enqueue('{"late":true}', 2);
    await writeBatches(server, q.takeBatches());
    expect(sim.stats.wsMessagesSent).toBe(5);
  });
});

describe('stepUntilFlooded', () => {
  it('steps until nothing is left, and gives up after the idle limit', () => {
    let left = 5;
    let steps = 0;
    stepUntilFlooded(
      () => {
        steps++;
        if (steps % 2 === 0) left -= 2;
      },
      () => Math.max(0, left),
      3,
    );
    expect([left, steps]).toEqual([-1, 6]);
    let idleSteps = 0;
    stepUntilFlooded(
      () => idleSteps++,
      () => 1,
      4,
    );
    expect(idleSteps).toBe(4);
  });
});
