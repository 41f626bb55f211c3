// The feeds' deferred watch iterable: nothing is prepared or started until the first next();
// return() before that starts nothing; after it, it ends the source; a failing preparation
// rejects next() (e.g. an unknown symbol).
import { BadSymbolError } from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import { deferredIterable } from '../../src/feed/deferred-iterable.js';

async function* counter(ended: { value: boolean }) {
  try {
    for (let i = 0; ; i++) yield i;
  } finally {
    ended.value = true;
  }
}

describe('deferredIterable', () => {
  it('prepares on the first next() and delegates', async () => {
    const calls: string[] = [];
    const ended = { value: false };
    const iterable = deferredIterable(
      async () => {
        calls.push('prepare');
        return 'BTCUSDT';
      },
      (symbol) => {
        calls.push(`start ${symbol}`);
        return counter(ended);
      },
    );
    const it = iterable[Symbol.asyncIterator]();
    expect(calls).toEqual([]);
    expect(await it.next()).toEqual({ done: false, value: 0 });
    expect(await it.next()).toEqual({ done: false, value: 1 });
    expect(calls).toEqual(['prepare', 'start BTCUSDT']);
    await it.return?.();
    expect(ended.value).toBe(true);
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });

  it('return() before next() starts nothing', async () => {
    let prepared = false;
    const it = deferredIterable(
      async () => {
        prepared = true;
      },
      () => counter({ value: false }),
    )[Symbol.asyncIterator]();
    await it.return?.();
    expect(await it.next()).toEqual({ done: true, value: undefined });
    expect(prepared).toBe(false);
  });

  it('a failed preparation rejects next()', async () => {
    const it = deferredIterable(
      async () => {
        throw new BadSymbolError('unknown symbol NOPE', { venue: 'bybit' });
      },
      () => counter({ value: false }),
    )[Symbol.asyncIterator]();
    await expect(it.next()).rejects.toThrow(BadSymbolError);
  });
});
