// PendingRequests on a FakeClock: one timer serves every deadline (whatever order they come in),
// answers, aborts, timeouts and drops each end a request once, and nothing is left armed.
import { FakeClock } from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import { PendingRequests } from '../../src/ws-api/pending-requests.js';
import { WsApiRateLimits } from '../../src/ws-api/rate-limit-tracker.js';

function setUp() {
  const clock = new FakeClock();
  const limits = new WsApiRateLimits(clock);
  const ended: string[] = [];
  const pending = new PendingRequests(clock, (how, request) => {
    ended.push(`${request.method}:${how}`);
    return new Error(how);
  });
  const add = (method: string, timeoutMs: number, signal?: AbortSignal) => {
    const p = pending.add(pending.nextId(), {
      method,
      reservation: limits.reserve({ weight: 1, orders: 0 }),
      timeoutMs,
      signal,
    });
    p.catch(() => {});
    return p;
  };
  return { clock, pending, ended, add };
}

describe('PendingRequests', () => {
  it('times out each request at its own deadline with a single timer', async () => {
    const { clock, pending, ended, add } = setUp();
    add('slow', 3000);
    add('fast', 1000);
    add('mid', 2000);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(1000);
    expect(ended).toEqual(['fast:timeout']);
    clock.advance(1000);
    expect(ended).toEqual(['fast:timeout', 'mid:timeout']);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(1000);
    expect(ended).toEqual(['fast:timeout', 'mid:timeout', 'slow:timeout']);
    expect(pending.size).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('ends answered, aborted and dropped requests once, and disarms when empty', async () => {
    const { clock, pending, ended, add } = setUp();
    const first = pending.nextId();
    const answered = pending.add(first, {
      method: 'time',
      reservation: new WsApiRateLimits(clock).reserve({ weight: 1, orders: 0 }),
      timeoutMs: 1000,
      signal: undefined,
    });
    const controller = new AbortController();
    const aborted = add('depth', 1000, controller.signal);
    add('order.place', 1000);
    pending.resolve(first, { id: first, status: 200, result: { serverTime: 1 } });
    await expect(answered).resolves.toMatchObject({ status: 200 });
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('aborted');
    pending.failAll('dropped');
    expect(ended).toEqual(['depth:aborted', 'order.place:dropped']);
    expect(clock.pendingTimers).toBe(0);
    clock.advance(5000);
    expect(ended).toHaveLength(2);
    expect(pending.nextId()).not.toBe(first);
  });
});
