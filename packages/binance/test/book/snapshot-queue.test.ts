// SnapshotQueue under a fake clock: the concurrency cap, one job per symbol, retries with
// doubling backoff, Retry-After obeyed, and cancel.
import { FakeClock, flushMicrotasks, RateLimitError, silentLogger } from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import { SnapshotQueue } from '../../src/book/index.js';

function deferred() {
  let resolve!: (ok: boolean) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<boolean>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup(concurrency = 2) {
  const clock = new FakeClock();
  const calls: Array<{ symbol: string; at: number; signal: AbortSignal; d: ReturnType<typeof deferred> }> =
    [];
  const errors: unknown[] = [];
  const queue = new SnapshotQueue(
    (symbol, signal) => {
      const d = deferred();
      calls.push({ symbol, at: clock.now(), signal, d });
      return d.promise;
    },
    {
      concurrency,
      initialRetryMs: 100,
      maxRetryMs: 1000,
      clock,
      logger: silentLogger,
      onError: (_s, e) => errors.push(e),
    },
  );
  return { clock, calls, errors, queue };
}

describe('SnapshotQueue', () => {
  it('runs at most `concurrency` jobs and one per symbol', async () => {
    const { calls, queue } = setup(2);
    for (const s of ['A', 'B', 'C', 'A', 'B']) queue.request(s);
    expect(calls.map((c) => c.symbol)).toEqual(['A', 'B']);
    expect(queue.pending).toBe(3);
    calls[0]!.d.resolve(true);
    await flushMicrotasks();
    expect(calls.map((c) => c.symbol)).toEqual(['A', 'B', 'C']);
    expect(queue.running).toBe(2);
  });

  it('runs a job again when it was requested while running', async () => {
    const { calls, queue } = setup(1);
    queue.request('A');
    queue.request('A'); // a gap while the snapshot was on its way
    calls[0]!.d.resolve(true);
    await flushMicrotasks();
    expect(calls).toHaveLength(2);
    calls[1]!.d.resolve(true);
    await flushMicrotasks();
    expect(queue.pending).toBe(0);
  });

  it('retries an unusable snapshot with doubling delays, and obeys Retry-After', async () => {
    const { calls, clock, errors, queue } = setup(1);
    queue.request('A');
    calls[0]!.d.resolve(false); // too old
    await flushMicrotasks();
    await clock.advanceAsync(99);
    expect(calls).toHaveLength(1);
    await clock.advanceAsync(1);
    expect(calls).toHaveLength(2);
    calls[1]!.d.resolve(false);
    await flushMicrotasks();
    await clock.advanceAsync(200);
    expect(calls.map((c) => c.at - calls[0]!.at)).toEqual([0, 100, 300]);
    calls[2]!.d.reject(new RateLimitError('429', { retryAfterMs: 5000 }));
    await flushMicrotasks();
    await clock.advanceAsync(4999);
    expect(calls).toHaveLength(3);
    await clock.advanceAsync(1);
    expect(calls).toHaveLength(4);
    expect(errors).toHaveLength(1);
  });

  it('cancel aborts a running job and forgets a waiting one', async () => {
    const { calls, clock, queue } = setup(1);
    queue.request('A');
    queue.request('B');
    queue.cancel('A');
    expect(calls[0]!.signal.aborted).toBe(true);
    calls[0]!.d.reject(calls[0]!.signal.reason);
    await flushMicrotasks();
    expect(calls.map((c) => c.symbol)).toEqual(['A', 'B']);
    calls[1]!.d.resolve(false);
    await flushMicrotasks();
    queue.close();
    await clock.advanceAsync(10_000);
    expect(calls).toHaveLength(2);
    queue.request('C');
    expect(calls).toHaveLength(2);
  });
});
