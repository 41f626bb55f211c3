// The one error a bounded stream raises when its consumer falls behind under the 'error'
// overflow policy, whichever stream it is (socket buffer, pool or feed stream, bus stream,
// store watcher).
import { SubscriptionError, type VenueErrorOptions } from '../errors.js';

/** Options of {@link BufferOverflowError}. */
export interface BufferOverflowErrorOptions extends VenueErrorOptions {
  /** The buffer's capacity when it overflowed. */
  capacity?: number | undefined;
  /** Items dropped over the buffer's life, the overflowing one included. */
  dropped?: number | undefined;
}

/**
 * A stream with the `'error'` overflow policy overflowed: its consumer is slower than its
 * source, so the stream was ended rather than let a gap pass silently. It is a
 * `SubscriptionError` (the subscription behind the stream is over); resubscribe — after
 * re-reading the state, where the stream mirrors one — or read faster, raise the capacity, or
 * choose a dropping policy.
 */
export class BufferOverflowError extends SubscriptionError {
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
