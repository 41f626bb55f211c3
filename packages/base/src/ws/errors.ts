// Errors specific to the WebSocket transport. Each extends the VenueError class a caller would
// already branch on (NetworkError for "not connected", ValidationError for a bad frame), so
// `isNetworkError` / `isRetryable` keep working on them.
import { NetworkError, ValidationError, VenueError, type VenueErrorOptions } from '../errors.js';

/**
 * `send()` was called while the socket is not open (connecting, reconnecting, or closed).
 * Nothing is queued: a message meant for the old connection (an order, a cancel) must not go
 * out late on a new one. Messages that belong on every connection go in the `send` option.
 */
export class WebSocketNotOpenError extends NetworkError {
  override name = 'WebSocketNotOpenError';
}

/**
 * A frame could not be decoded (invalid JSON where `onJson` expects JSON). Reported as an
 * `error` event; the connection lives on. `details.preview` holds the first 120 characters.
 */
export class MalformedFrameError extends ValidationError {
  override name = 'MalformedFrameError';
}

/** Options of {@link BufferOverflowError}. */
export interface BufferOverflowErrorOptions extends VenueErrorOptions {
  /** The buffer's capacity when it overflowed. */
  capacity?: number | undefined;
  /** Items dropped over the buffer's life, the overflowing one included. */
  dropped?: number | undefined;
}

/**
 * A bounded buffer with the `'error'` policy overflowed: the consumer is slower than the
 * stream. The buffered items are discarded and the iterator throws this error.
 */
export class BufferOverflowError extends VenueError {
  override name = 'BufferOverflowError';
  /** The buffer's capacity when it overflowed. */
  readonly capacity: number;
  /** Items dropped over the buffer's life, the overflowing one included. */
  readonly dropped: number;
  constructor(message: string, options: BufferOverflowErrorOptions = {}) {
    super(message, { ...options, details: { ...options.details, capacity: options.capacity } });
    this.capacity = options.capacity ?? 0;
    this.dropped = options.dropped ?? 0;
  }
}
