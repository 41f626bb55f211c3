// WebSocketQueue (after pybotters' WebSocketQueue): an async iterable of messages with an
// `onmessage(msg, ws)` to plug straight into a WebSocketApp handler. Unlike the seed's
// unbounded asyncio.Queue it is bounded with a policy, and it ends on close() or a signal.
import { BoundedBuffer, type BoundedBufferOptions } from '../buffer/bounded-buffer.js';

/** Options of {@link WebSocketQueue}: a {@link BoundedBuffer}'s (capacity 10 000, policy `'error'` by default). */
export type WebSocketQueueOptions<T> = BoundedBufferOptions<T>;

/**
 * An async iterable of WebSocket messages.
 *
 * ```ts
 * const queue = new WebSocketQueue<Trade>({ capacity: 1000, policy: 'dropOldest' });
 * await using app = WebSocketApp.connect(url, { onJson: queue.onmessage });
 * app.signal.addEventListener('abort', () => queue.close()); // end with the app
 * for await (const msg of queue) …
 * ```
 */
export class WebSocketQueue<T = unknown> extends BoundedBuffer<T> {
  /** Handler that enqueues `message` (the socket argument is ignored). Already bound: pass it as is. */
  readonly onmessage = (message: T, _socket?: unknown): void => {
    this.push(message);
  };
}
