// The read side every venue's book manager shares: a tracked symbol's book-update listeners
// (`onUpdate`) and `watchOrderBook` over them, the latest live book on each pull. The venue keeps
// its own sync rules; it hands these helpers the listeners set and how to read its book.
import { ValidationError } from '../errors.js';
import type { OrderBook } from '../models/index.js';
import { readOnChange } from './read-on-change.js';

/** The listeners of one tracked book: each is called with the update id after every change. */
export type BookUpdateListeners = Set<(updateId: number) => void>;

/**
 * Adds `listener` to a tracked book's `listeners` and returns its remover; a symbol that is not
 * tracked (`listeners` undefined) is a ValidationError saying to track it first.
 */
export function addBookUpdateListener(
  listeners: BookUpdateListeners | undefined,
  listener: (updateId: number) => void,
  symbol: string,
  venue: string,
): () => void {
  if (listeners === undefined)
    throw new ValidationError(
      `onUpdate: ${symbol} is not tracked; call track(${JSON.stringify(symbol)}) first`,
      { venue },
    );
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** What {@link watchTrackedBook} needs of a venue's book manager. */
export interface TrackedBookWatch {
  venue: string;
  symbol: string;
  /** Tracks the symbol (a reference held until released). */
  track(): Promise<{ release(): Promise<void> }>;
  /** The tracked book's listeners (called once tracked). */
  listeners(): BookUpdateListeners;
  /** True while the book is live. */
  live(): boolean;
  /** The live book, or undefined while it is resyncing. */
  read(): OrderBook | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * The tracked book as an async iterable: each value is the live book when the consumer pulls
 * (first the current one, then one per pull once it changed); nothing while it resyncs. The
 * symbol is tracked while the loop runs and released when it ends (`break`, `signal`).
 */
export function watchTrackedBook(o: TrackedBookWatch): AsyncIterable<OrderBook> {
  return readOnChange(
    async (notify) => {
      const handle = await o.track();
      const listeners = o.listeners();
      listeners.add(notify);
      if (o.live()) notify();
      return () => {
        listeners.delete(notify);
        return handle.release();
      };
    },
    () => o.read(),
    { signal: o.signal, label: `${o.venue} watchOrderBook ${o.symbol}`, venue: o.venue },
  );
}
