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
import type { Refusal } from './service-status.js';

const UNKNOWN_OUTCOME =
  'its execution status is UNKNOWN: it may or may not have been executed — query it (e.g. order.status by clientOrderId) before retrying';

/** A sent request that got no answer. */
export function lostRequestError(
  how: 'timeout' | 'dropped' | 'stopped',
  method: string,
  changesState: boolean,
  timeoutMs: number,
): VenueError {
  const what =
    how === 'timeout'
      ? `no answer within ${timeoutMs} ms`
      : how === 'dropped'
        ? 'the connection dropped before the answer arrived'
        : 'the session was stopped before the answer arrived';
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
