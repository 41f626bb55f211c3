// An async iterable that reads a value for each value of another stream, skipping the ones the
// reader has nothing for. `watchOrderBook` uses it: the source yields "the book changed" ticks
// (conflated, so a slow consumer never builds a backlog) and the reader builds the book when the
// consumer pulls. Ending it (`break`, `return()`) ends the source, which releases its socket
// subscription; the source ending (abort, disconnect) ends it.

/** What {@link MappedStream} reads from: an async iterator that can be ended early. */
export interface EndableIterator<T> extends AsyncIterator<T> {
  return(): Promise<IteratorResult<T>>;
}

const DONE: IteratorResult<never, undefined> = Object.freeze({ done: true, value: undefined });

/** Yields `read(value)` for each value of `source`; values for which `read` returns undefined are skipped. */
export class MappedStream<T, R> implements AsyncIterableIterator<R, undefined>, AsyncDisposable {
  readonly #source: EndableIterator<T>;
  readonly #read: (value: T) => R | undefined;

  constructor(source: EndableIterator<T>, read: (value: T) => R | undefined) {
    this.#source = source;
    this.#read = read;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<R, undefined>> {
    for (;;) {
      const result = await this.#source.next();
      if (result.done === true) return DONE;
      const value = this.#read(result.value);
      if (value !== undefined) return { done: false, value };
    }
  }

  /** Ends the source (what `break` calls). */
  async return(): Promise<IteratorResult<R, undefined>> {
    await this.#source.return();
    return DONE;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.return();
  }
}
