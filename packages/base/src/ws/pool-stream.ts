// A WsPool subscription read as an async iterable through a bounded buffer: the socket handler
// pushes without waiting, the buffer's policy absorbs a slow consumer, and ending the stream
// (break, signal, failure) unsubscribes.
import { BoundedBuffer } from '../buffer/bounded-buffer.js';
import type { TopicListener } from './pool-connection.js';
import type { PoolStreamOptions, PoolSubscription } from './pool-options.js';

/** A pooled subscription as an async iterable of its messages. */
export interface PoolStream<M> extends AsyncIterableIterator<M>, AsyncDisposable {
  /** Resolves once every topic is acknowledged; rejects (and the iterator throws) if subscribing fails. */
  readonly ready: Promise<void>;
  /** Messages waiting to be read. */
  readonly size: number;
  /** Messages lost to the buffer's policy. */
  readonly dropped: number;
  /** Messages replaced by a newer one for the same key (`conflate`). */
  readonly conflated: number;
  /** True once the stream accepts no more messages. */
  readonly closed: boolean;
}

/**
 * Opens a stream: `subscribe` registers the listener with the pool. The stream ends when the
 * consumer stops, the signal aborts, a topic fails (the iterator throws it) or the pool closes.
 */
export function openPoolStream<M>(
  subscribe: (listener: TopicListener<M>) => Promise<PoolSubscription>,
  options: PoolStreamOptions<M>,
  onUnsubscribeError: (error: Error) => void,
): PoolStream<M> {
  let subscription: PoolSubscription | undefined;
  const release = (s: PoolSubscription): void => {
    s.unsubscribe().catch(onUnsubscribeError);
  };
  const buffer = new BoundedBuffer<M>({
    ...options,
    onEnd: () => {
      if (subscription !== undefined) release(subscription);
    },
  });
  const listener: TopicListener<M> = {
    onMessage: (message) => {
      buffer.push(message);
    },
    onError: (error) => buffer.fail(error),
    onEnd: () => buffer.close(),
    established: false,
  };
  const ready = subscribe(listener).then(
    (s) => {
      if (buffer.closed) release(s);
      else subscription = s;
    },
    (error: unknown) => {
      buffer.fail(error);
      throw error;
    },
  );
  ready.catch(() => {});
  return Object.assign(buffer, { ready }) as PoolStream<M>;
}
