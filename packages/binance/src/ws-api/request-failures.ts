// The errors of WebSocket API requests that did not get (or were not allowed) an answer: refused
// before sending (not connected, a limit with no room, a pause Binance asked for), or sent and
// then lost (timeout, dropped connection, stopped session). A lost request that changes state —
// an order above all — has an UNKNOWN outcome, and the message says so and what to do.
import {
  IpBannedError,
  NetworkError,
  PermissionDeniedError,
  RateLimitError,
  RequestTimeoutError,
  type VenueError,
  WebSocketNotOpenError,
} from '@venuekit/base';
import { lostOrderError } from '../errors/outcome-unknown.js';
import type { Refusal } from './service-status.js';

const UNKNOWN_OUTCOME =
  'its execution status is UNKNOWN: it may or may not have been executed — query it (e.g. order.status by clientOrderId) before retrying';

/** What is known of a sent request that got no answer. */
export interface LostRequest {
  /** The WS API method (`order.place`). */
  method: string;
  /** True when it changes account state (its REST twin is not a GET). */
  changesState: boolean;
  /** True when it places, modifies or replaces an order. */
  placesOrder: boolean;
  /** Its parameters as the caller gave them (for the client order id). */
  params: Readonly<Record<string, unknown>> | undefined;
  /** The time it was given to answer. */
  timeoutMs: number;
}

/**
 * A sent request that got no answer (timed out, connection dropped, session stopped, or aborted
 * by the caller with `reason`). An order placement is OrderOutcomeUnknownError (not retryable,
 * `details.clientOrderId`, `details.outcomeUnknown`); an aborted other request rejects with
 * `reason`; any other is a retryable RequestTimeoutError / NetworkError.
 */
export function lostRequestError(
  how: 'timeout' | 'dropped' | 'stopped' | 'aborted',
  request: LostRequest,
  reason?: unknown,
): unknown {
  const { method, changesState, timeoutMs } = request;
  const what =
    how === 'timeout'
      ? `no answer within ${timeoutMs} ms`
      : how === 'dropped'
        ? 'the connection dropped before the answer arrived'
        : how === 'stopped'
          ? 'the session was stopped before the answer arrived'
          : `the wait was aborted (${reason instanceof Error ? reason.message : String(reason)})`;
  if (request.placesOrder)
    return lostOrderError(how === 'aborted' ? reason : undefined, {
      what: `WS API ${method}`,
      params: request.params,
      details: { method },
      why: what,
    });
  if (how === 'aborted') return reason;
  const advice = changesState ? UNKNOWN_OUTCOME : 'nothing was changed; it can be retried';
  const message = `Binance WS API ${method}: ${what}; ${advice}`;
  const details = { method, outcomeUnknown: changesState };
  return how === 'timeout'
    ? new RequestTimeoutError(message, { venue: 'binance', details })
    : new NetworkError(message, { venue: 'binance', details });
}

/** The error of a request refused before sending; nothing was sent. */
export function refusedRequestError(method: string, refusal: Refusal, now: number): VenueError {
  const retryAfterMs = refusal.until === undefined ? undefined : Math.max(0, refusal.until - now);
  const wait = retryAfterMs === undefined ? '' : `; back in service in ${retryAfterMs} ms`;
  const details = { method, reason: refusal.reason, limit: refusal.limit };
  const prefix = `Binance WS API ${method}: not sent`;
  switch (refusal.reason) {
    case 'starting':
    case 'reconnecting':
      return new WebSocketNotOpenError(
        `${prefix} — the session is ${refusal.reason === 'starting' ? 'not started (call start() first) or still connecting' : 'reconnecting'}; nothing was sent`,
        { venue: 'binance', details },
      );
    case 'stopped':
      return new WebSocketNotOpenError(`${prefix} — the session is stopped`, { venue: 'binance', details });
    case 'ip-banned':
      return new IpBannedError(`${prefix} — the IP is banned by Binance (418)${wait}`, {
        venue: 'binance',
        retryAfterMs,
        details,
      });
    case 'waf-blocked':
      return new PermissionDeniedError(
        `${prefix} — Binance's firewall (WAF) blocked a recent request (403); pausing${wait}`,
        { venue: 'binance', details },
      );
    case 'rate-limited':
      return new RateLimitError(`${prefix} — Binance answered 429 and asked to wait${wait}`, {
        venue: 'binance',
        retryAfterMs,
        details,
      });
    default:
      return new RateLimitError(
        `${prefix} — it would exceed the ${refusal.limit ?? 'rate'} limit, so the session is out of service for ${
          refusal.reason === 'order-limit' ? 'orders' : 'all requests'
        } until the window resets${wait}`,
        { venue: 'binance', retryAfterMs, details },
      );
  }
}
