// What arrives on a WebSocket API connection, sorted: answers to our requests (matched by id),
// unsolicited errors (`id: null`, e.g. a 401 when the logged-on key is revoked), user-data events
// (`{subscriptionId, event}`), the `serverShutdown` notice, and anything else. Also what an error
// answer does to the session: 429 pauses it until Binance's `retryAfter`, 418 until the ban ends,
// 403 (WAF) for a short while; a -1015 (too many orders) pauses order placement only.
import { IpBannedError, RateLimitError, type VenueError } from '@venuekit/base';
import type { WsApiResponse } from './pending-requests.js';
import type { ServiceStatus, WsApiStatus } from './service-status.js';

/** Events of a BinanceWsApi session (Node EventEmitter style: name → listener arguments). */
export interface BinanceWsApiEvents {
  /** The service status changed (see `operationalStatus` / `orderHandling`). */
  status: [status: WsApiStatus, previous: WsApiStatus];
  /** A connection is ready: clock synced, logged on, open steps done. */
  open: [];
  /** Back after a drop: `attempts` connection attempts, `downtimeMs` without service. */
  reconnected: [attempts: number, downtimeMs: number];
  /** An open connection was lost (requests in flight were rejected with NetworkError). */
  disconnected: [code: number, reason: string];
  /** `session.logon` succeeded (its result: apiKey, authorizedSince, serverTime, …). */
  logon: [result: Record<string, unknown>];
  /** A user-data event of a `userDataStream.subscribe` subscription. */
  userData: [event: Record<string, unknown>, subscriptionId: number | undefined];
  /** Any other unsolicited frame. */
  message: [message: unknown];
  /** Binance announced it will close the connection; the session reconnects once in-flight answers are in. */
  serverShutdown: [];
  /** Something went wrong that no request caller receives (malformed frame, failed reconnect, revoked key). */
  error: [error: Error];
}

/** A frame, sorted. */
export type SessionFrame =
  | { kind: 'response'; response: WsApiResponse }
  | { kind: 'unsolicitedError'; response: WsApiResponse }
  | { kind: 'userData'; event: Record<string, unknown>; subscriptionId: number | undefined }
  | { kind: 'serverShutdown' }
  | { kind: 'other' };

const OTHER: SessionFrame = Object.freeze({ kind: 'other' });
const SHUTDOWN: SessionFrame = Object.freeze({ kind: 'serverShutdown' });

/** Sorts one parsed frame. */
export function classifyFrame(message: unknown): SessionFrame {
  if (message === null || typeof message !== 'object' || Array.isArray(message)) return OTHER;
  const m = message as Record<string, unknown>;
  if (typeof m.status === 'number') {
    const id = m.id;
    if (typeof id === 'string' || typeof id === 'number')
      return { kind: 'response', response: m as unknown as WsApiResponse };
    if (m.error !== undefined) return { kind: 'unsolicitedError', response: m as unknown as WsApiResponse };
    return OTHER;
  }
  const event = m.event;
  if (event !== null && typeof event === 'object' && !Array.isArray(event)) {
    const e = event as Record<string, unknown>;
    if (e.e === 'serverShutdown') return SHUTDOWN;
    const sub = m.subscriptionId;
    return {
      kind: 'userData',
      event: e,
      subscriptionId: typeof sub === 'number' ? sub : undefined,
    };
  }
  if (m.e === 'serverShutdown') return SHUTDOWN;
  return OTHER;
}

/** How long a 403 (WAF block) pauses the session, in ms (Binance gives no time; the seed used 10 s). */
export const WAF_PAUSE_MS = 10_000;

/** Pauses the session as an error answer demands (429, 418, 403). */
export function handleFailure(
  status: ServiceStatus,
  response: WsApiResponse,
  error: VenueError,
  now: number,
): void {
  const wait = error instanceof RateLimitError ? error.retryAfterMs : undefined;
  if (response.status === 418 || error instanceof IpBannedError) {
    status.pause('all', now + (wait ?? 120_000), 'ip-banned');
  } else if (response.status === 429 || error instanceof RateLimitError) {
    const ordersOnly = error.code === -1015;
    status.pause(ordersOnly ? 'orders' : 'all', now + (wait ?? 1000), 'rate-limited');
  } else if (response.status === 403) {
    status.pause('all', now + WAF_PAUSE_MS, 'waf-blocked');
  }
}
