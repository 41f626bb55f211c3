// buffer: the bounded async buffer every stream in base is built on (WebSocket queues and pool
// streams, feed `watch*` streams, `bus.stream()`, store `watch()`), its one overflow policy type
// and its one overflow error.
export { BoundedBuffer, type BoundedBufferOptions } from './bounded-buffer.js';
export type { OverflowPolicy } from './overflow-policy.js';
export { BufferOverflowError, type BufferOverflowErrorOptions } from './overflow-error.js';
