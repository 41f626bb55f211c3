// The error of an order request whose outcome is unknown: Bybit answered 10000 / 10016 (server
// error, timeout), an HTTP 5xx, a body without the v5 envelope, or nothing in time / a broken
// connection after the request may have reached the matching engine. A subclass of base's
// OrderOutcomeUnknownError (not of ExchangeUnavailableError or NetworkError), so `isRetryable()` is
// false: sending the same order again could double it. Query the order by its orderLinkId first:
// `details.clientOrderId` (venuekit's name, as on every venue) and `details.orderLinkId` (Bybit's)
// both carry it when the request had one; the feed's placeOrder always sends one.
//
// A failure before the request was written (waiting for the rate limiter, a refused connection)
// stays what it was — a retryable NetworkError / RequestTimeoutError — because the order never left.
import {
  NetworkError,
  OrderOutcomeUnknownError,
  RequestTimeoutError,
  requestSent,
  VenueError,
  type VenueErrorOptions,
} from '@venuekit/base';

/** An order was sent but Bybit's answer does not say whether it was taken; look it up before resending. */
export class BybitOrderOutcomeUnknownError extends OrderOutcomeUnknownError {
  override name = 'BybitOrderOutcomeUnknownError';

  constructor(message: string, options: VenueErrorOptions = {}) {
    super(message, { ...options, details: { ...options.details, outcomeUnknown: true } });
  }
}

/** What to do after an order request with an unknown outcome. */
export const UNKNOWN_ORDER_OUTCOME =
  'execution status unknown: query the order (by orderLinkId) before sending it again';

/** Socket error codes of a connection that was never made: nothing was written. */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function causeCode(error: Error): string | undefined {
  const code = (error.cause as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * True when a failed request may have reached Bybit: the Client's `details.sent` when it is there.
 * Otherwise a deadline names what the call was doing
 * (`details.phase`): only 'waiting for the response' means it was handed to the connection — or,
 * with `unsafeRetries`, any phase after the first try, which may have arrived. A transport
 * failure means it arrived unless the connection was never made (refused, unresolvable, connect
 * timeout). When in doubt the answer is yes: calling an order unknown costs a lookup, calling it
 * unsent can double it.
 */
export function mayHaveReachedBybit(error: NetworkError, unsafeRetries = false): boolean {
  // Base's Client says whether this call's request had started to go out (a timeout counts the
  // earlier tries too); with unsafe retries an earlier try of a failed connection may have arrived.
  const sent = error.details?.sent;
  if (typeof sent === 'boolean') return sent || (unsafeRetries && error.details?.phase !== 'preparing');
  const phase = error.details?.phase;
  if (typeof phase === 'string')
    return phase === 'waiting for the response' || (unsafeRetries && phase !== 'preparing');
  const code = causeCode(error);
  return code === undefined || !NEVER_CONNECTED.has(code);
}

function orderLinkIdOf(body: Record<string, unknown> | undefined): string | undefined {
  return typeof body?.orderLinkId === 'string' && body.orderLinkId !== '' ? body.orderLinkId : undefined;
}

/** The orderLinkIds of a batch body (`{ request: [{ orderLinkId }, …] }`), or undefined. */
function batchLinkIds(body: Record<string, unknown> | undefined): string[] | undefined {
  const items = body?.request;
  if (!Array.isArray(items)) return undefined;
  const ids: string[] = [];
  for (const item of items) {
    const id = orderLinkIdOf(item as Record<string, unknown> | undefined);
    if (id !== undefined) ids.push(id);
  }
  return ids.length > 0 ? ids : undefined;
}

/** The ids an order request carried: for the message, and as details to look the order up by. */
function orderIdsOf(body: Record<string, unknown> | undefined): {
  lookUp: string;
  details: Record<string, unknown>;
} {
  const orderLinkId = orderLinkIdOf(body);
  if (orderLinkId !== undefined)
    return { lookUp: ` (orderLinkId ${orderLinkId})`, details: { clientOrderId: orderLinkId, orderLinkId } };
  const batch = batchLinkIds(body);
  if (batch !== undefined)
    return {
      lookUp: ` (orderLinkIds ${batch.join(', ')})`,
      details: { clientOrderIds: batch, orderLinkIds: batch },
    };
  return { lookUp: '', details: {} };
}

/**
 * The error of an order-placing request that failed: an unknown outcome (no answer in time or a
 * broken connection after the request may have been written, a server failure) becomes
 * BybitOrderOutcomeUnknownError carrying the request's orderLinkId as `details.clientOrderId` and
 * `details.orderLinkId` (a batch's as `clientOrderIds` / `orderLinkIds`), so the order can be
 * looked up before anything is resent. The caller's abort reason does the same (the request may
 * have gone out before the abort). Other errors — a request that never left included — pass
 * unchanged. `unsafeRetries`: the client retries POSTs that may have arrived (`retry.unsafe`).
 */
export function orderOutcomeError(
  error: unknown,
  method: string,
  path: string,
  body: Record<string, unknown> | undefined,
  unsafeRetries = false,
): unknown {
  // Base's Client says whether the request had started to go out, when it knows (its errors, and
  // beside the caller's abort reason).
  const sent = requestSent(error);
  // The caller's abort reason (not a venue error) may have cut the call after the request went
  // out: like Binance's adapter, that is an unknown outcome too, with the reason as the cause —
  // unless the Client knows it never left (aborted while waiting for the rate limiter).
  if (!(error instanceof VenueError)) {
    if (sent === false) return error;
    const ids = orderIdsOf(body);
    return new BybitOrderOutcomeUnknownError(
      `Bybit ${method} ${path}: the call was aborted (${error instanceof Error ? error.message : String(error)}) and the order may have been sent${ids.lookUp}; ${UNKNOWN_ORDER_OUTCOME}`,
      { venue: 'bybit', cause: error, details: { path, method, ...ids.details } },
    );
  }
  // A session destroyed mid-request is not a NetworkError but says `sent` all the same.
  const lost = error instanceof NetworkError ? mayHaveReachedBybit(error, unsafeRetries) : sent === true;
  if (!lost && !(error instanceof BybitOrderOutcomeUnknownError)) return error;
  const venueError = error as NetworkError | BybitOrderOutcomeUnknownError;
  const { lookUp, details: ids } = orderIdsOf(body);
  const message = !lost
    ? `${venueError.message}${lookUp}`
    : venueError instanceof RequestTimeoutError
      ? `Bybit ${method} ${path}: no answer in time${lookUp}; ${UNKNOWN_ORDER_OUTCOME}`
      : `Bybit ${method} ${path}: the connection failed after the request was sent (${venueError.message})${lookUp}; ${UNKNOWN_ORDER_OUTCOME}`;
  return new BybitOrderOutcomeUnknownError(message, {
    venue: 'bybit',
    code: venueError.code,
    venueMessage: venueError.venueMessage,
    status: venueError.status,
    cause: error,
    details: { ...venueError.details, path, method, ...ids },
  });
}
