// The "latest state on pull" stream: a source only says *that* something changed; the consumer
// gets the current state (read fresh) each time it pulls after a change. Changes between pulls
// conflate to one read, so a slow reader never works through a backlog of stale states, and a
// read that has nothing to give (a book resyncing) yields nothing while the loop carries on.
// Venue book managers use it for watchOrderBook.
import { type StopSubscription, subscriptionToAsyncIterable } from './subscription-stream.js';

/** Options of {@link readOnChange}. */
export interface ReadOnChangeOptions {
  /** Ends the stream cleanly and stops the source when aborted. */
  signal?: AbortSignal | undefined;
  /** Names the stream in errors and logs (`'binance watchOrderBook BTCUSDT'`). */
  label?: string | undefined;
  /** The venue, for errors. */
  venue?: string | undefined;
}

/**
 * An async iterable of `read()` results, one per pull after the source called `notify`. `start`
 * attaches `notify` to the source (calling it at once if there is already a state to read) and
 * returns the function that detaches it. `read()` returning `undefined` is skipped.
 */
export function readOnChange<T>(
  start: (notify: () => void) => StopSubscription | Promise<StopSubscription>,
  read: () => T | undefined,
  options: ReadOnChangeOptions = {},
): AsyncIterable<T> {
  const ticks = subscriptionToAsyncIterable<true>((push) => start(() => push(true)), {
    signal: options.signal,
    capacity: 1,
    overflow: 'conflate',
    label: options.label,
    venue: options.venue,
  });
  return {
    async *[Symbol.asyncIterator]() {
      for await (const _tick of ticks) {
        const value = read();
        if (value !== undefined) yield value;
      }
    },
  };
}
