// Errors specific to the WebSocket transport. Each extends the VenueError class a caller would
// already branch on (NetworkError for "not connected", ValidationError for a bad frame), so
// `isNetworkError` / `isRetryable` keep working on them.
import { NetworkError, ValidationError } from '../errors.js';

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
