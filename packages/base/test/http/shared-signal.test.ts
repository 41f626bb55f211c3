// Many concurrent calls sharing one AbortSignal add one listener to it in all, raise no
// MaxListenersExceededWarning, and an abort reaches every one of them.
import { getEventListeners } from 'node:events';
import { Client, onAbort } from '@venuekit/base';
import { startGenericVenue } from '@venuekit/testkit';
import { describe, expect, it } from 'vitest';

describe('a caller signal shared by many calls', () => {
  it('gets one listener, and an abort reaches every call', async () => {
    await using venue = await startGenericVenue();
    await using client = new Client({ baseUrl: venue.httpUrl, apis: {} });
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const calls = Array.from({ length: 50 }, () =>
        client.fetch('GET', '/api/slow', { params: { ms: 2000 }, signal: controller.signal }),
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
      controller.abort(new Error('cancelled by the trader'));
      const results = await Promise.allSettled(calls);
      expect(results.every((r) => r.status === 'rejected')).toBe(true);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('onAbort: removing the last follower removes the listener; an aborted signal runs at once', () => {
    const controller = new AbortController();
    const seen: unknown[] = [];
    const offA = onAbort(controller.signal, (r) => seen.push(['a', r]));
    const offB = onAbort(controller.signal, (r) => seen.push(['b', r]));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    offA();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    offB();
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const off = onAbort(AbortSignal.abort('gone'), (r) => seen.push(['c', r]));
    off();
    expect(seen).toEqual([['c', 'gone']]);
  });
});
