// An async iterable whose source is made on the first `next()`, after an asynchronous step (the
// feed resolving a symbol against its instruments). `return()` before that makes nothing and ends;
// after it, it ends the source. Lets watch* methods return synchronously, as the contract wants.

/** An iterable that awaits `prepare()` and then delegates to the iterable `start` returns. */
export function deferredIterable<P, T>(
  prepare: () => Promise<P>,
  start: (prepared: P) => AsyncIterable<T>,
): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]: () => {
      let inner: AsyncIterator<T> | undefined;
      let closed = false;
      const open = async (): Promise<AsyncIterator<T>> => {
        if (inner === undefined) {
          const prepared = await prepare();
          inner = start(prepared)[Symbol.asyncIterator]();
        }
        return inner;
      };
      return {
        next: async () => (closed ? { done: true, value: undefined } : (await open()).next()),
        return: async () => {
          closed = true;
          const it = inner;
          if (it?.return !== undefined) await it.return();
          return { done: true, value: undefined };
        },
      };
    },
  };
}
