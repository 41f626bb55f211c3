// Translates what undici reports when an exchange fails (connection refused, reset, per-phase
// timeouts, closed dispatcher) into venuekit's typed errors, with a message that names the
// request without leaking secrets from its query string.
import { NetworkError, RequestTimeoutError, VenueError } from '../errors.js';

/** Thrown when a request is made through a session (or client) that has been closed. */
export class HttpSessionClosedError extends VenueError {
  override name = 'HttpSessionClosedError';
}

const TIMEOUT_CODES: Record<string, string> = {
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
  UND_ERR_HEADERS_TIMEOUT: 'no response headers arrived in time',
  UND_ERR_BODY_TIMEOUT: 'the response body stalled',
};

const CLOSED_CODES = new Set(['UND_ERR_CLOSED', 'UND_ERR_DESTROYED', 'UND_ERR_CLIENT_CLOSED']);

/**
 * Maps an undici (or socket) error to a {@link VenueError}. `what` names the request, e.g.
 * `GET http://127.0.0.1:8080/api/time` (already redacted); `sent`, when known, lands in
 * `details.sent` (true once the request had started to go out). Errors that are already venue
 * errors pass through unchanged.
 */
export function transportError(error: unknown, what: string, venue?: string, sent?: boolean): VenueError {
  if (error instanceof VenueError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const codeText = typeof code === 'string' ? code : undefined;
  const reason = error instanceof Error ? error.message : String(error);
  // Whether the request had started to go out: a failure after that may have reached the venue.
  const details = sent === undefined ? undefined : { sent };
  if (codeText !== undefined && codeText in TIMEOUT_CODES) {
    return new RequestTimeoutError(`${what} failed: ${TIMEOUT_CODES[codeText]} (${codeText})`, {
      venue,
      cause: error,
      details,
    });
  }
  if (codeText !== undefined && CLOSED_CODES.has(codeText) && /closed|destroyed/i.test(reason)) {
    return new HttpSessionClosedError(`${what} failed: the HTTP session is closed`, {
      venue,
      cause: error,
      details,
    });
  }
  const suffix = codeText !== undefined && !reason.includes(codeText) ? ` (${codeText})` : '';
  return new NetworkError(`${what} failed: ${reason}${suffix}`, { venue, cause: error, details });
}
