// Many calls sharing one caller AbortSignal (a trader cancelling a burst at once): the signal
// carries one abort listener however many calls are in flight, Node raises no
// MaxListenersExceededWarning, an abort reaches every call, and nothing stays attached after.
import { getEventListeners } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, simClient, startBinanceSim, until } from './sim-helpers.js';
import type { BinanceRestClient } from '@venuekit/binance/plugin';

let sim: BinanceSim;
let client: BinanceRestClient;

beforeAll(async () => {
  sim = await startBinanceSim({ market: 'spot', limits: { requestWeightPerMinute: 100_000 } });
  client = simClient(sim, 'spot');
});
afterAll(async () => {
  await client?.close();
  await sim?.close();
});

/** Runs `fn` and returns the process warnings emitted meanwhile (and on the turns after). */
async function warningsDuring(fn: () => Promise<void>): Promise<Error[]> {
  const seen: Error[] = [];
  const onWarning = (warning: Error) => seen.push(warning);
  process.on('warning', onWarning);
  try {
    await fn();
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return seen;
}

describe('one caller signal shared by 50 concurrent calls', () => {
  it('adds one listener in all, raises no warning, and leaves none behind', async () => {
    const controller = new AbortController();
    let most = 0;
    const warnings = await warningsDuring(async () => {
      const calls = Array.from({ length: 50 }, () =>
        client.request('GET', '/api/v3/ticker/24hr', { symbol: 'BTCUSDT' }, { signal: controller.signal }),
      );
      most = getEventListeners(controller.signal, 'abort').length;
      const answers = await Promise.all(calls);
      expect(answers).toHaveLength(50);
    });
    expect(most).toBe(1);
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(client.limiter.inFlight).toBe(0);
  });

  it('an abort rejects every call in flight with the reason', async () => {
    sim.faults.httpLatency(5_000);
    try {
      const controller = new AbortController();
      const warnings = await warningsDuring(async () => {
        const calls = Array.from({ length: 50 }, () =>
          client.request('GET', '/api/v3/time', undefined, { signal: controller.signal }).then(
            () => 'answered',
            (e: unknown) => (e as Error).message,
          ),
        );
        await until(() => client.limiter.inFlight === 50);
        controller.abort(new Error('burst cancelled'));
        expect(new Set(await Promise.all(calls))).toEqual(new Set(['burst cancelled']));
      });
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      expect(client.limiter.inFlight).toBe(0);
    } finally {
      sim.faults.reset();
    }
  });
});
