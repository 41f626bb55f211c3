// Whether a failed Client call's request had started to go out — what an adapter needs to tell an
// order that may have reached the venue (its outcome is unknown) from one that never left. Venue
// errors carry it as `details.sent`; a call ended by the caller's AbortSignal rejects with the
// signal's own reason, which the Client does not change, so the answer for it is kept here,
// beside the reason object, for as long as the reason lives.
import { VenueError } from '../errors.js';

const sentByReason = new WeakMap<object, boolean>();

/** Notes whether the call that `reason` ended had sent its request (Client, on abort). */
export function noteRequestSent(reason: unknown, sent: boolean): void {
  if (typeof reason === 'object' && reason !== null && !(reason instanceof VenueError && hasSent(reason)))
    sentByReason.set(reason, sent);
}

function hasSent(error: VenueError): boolean {
  return typeof error.details?.sent === 'boolean';
}

/**
 * Whether the request of the Client call that failed with `error` had started to go out: `true`
 * (it may have reached the venue), `false` (it never left: still waiting for the rate limiter or a
 * connection, refused), or `undefined` when the error does not say (it did not come from a call).
 * Covers venue errors (`details.sent`) and the caller's abort reasons.
 */
export function requestSent(error: unknown): boolean | undefined {
  if (error instanceof VenueError) {
    const sent = error.details?.sent;
    if (typeof sent === 'boolean') return sent;
  }
  return typeof error === 'object' && error !== null ? sentByReason.get(error) : undefined;
}
