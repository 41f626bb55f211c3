import { readOnChange } from '@venuekit/base';
import { describe, expect, it } from 'vitest';

describe('readOnChange', () => {
  it('reads fresh state per pull, conflates changes between pulls, skips undefined, detaches on break', async () => {
    let state: number | undefined = 1;
    let notify: (() => void) | undefined;
    let detached = 0;
    const stream = readOnChange(
      (n) => {
        notify = n;
        n();
        return () => {
          detached++;
        };
      },
      () => state,
    );
    const seen: number[] = [];
    const it = stream[Symbol.asyncIterator]();
    seen.push((await it.next()).value as number); // the current state
    state = 2;
    notify!();
    state = 3;
    notify!(); // two changes before the pull: one read, of the latest
    seen.push((await it.next()).value as number);
    state = undefined;
    notify!(); // nothing to read (resyncing): skipped
    state = 4;
    notify!();
    seen.push((await it.next()).value as number);
    await it.return?.();
    expect(seen).toEqual([1, 3, 4]);
    expect(detached).toBe(1);
  });
});
