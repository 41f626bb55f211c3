// The error of an order request whose outcome is unknown: Bybit answered 10000 / 10016 (server
// error, timeout), an HTTP 5xx, a body without the v5 envelope, or nothing in time, after the
// request may have reached the matching engine. A subclass of base's OrderOutcomeUnknownError
// (not of ExchangeUnavailableError or NetworkError), so `isRetryable()` is false: sending the same
// order again could double it. Query the order by its orderLinkId first (`details.orderLinkId` when the
// request carried one; the feed's placeOrder always sends one).
import { OrderOutcomeUnknownError, RequestTimeoutError, type VenueErrorOptions } from '@venuekit/base';

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

/**
 * The error of an order-placing request that failed: an unknown outcome (a timeout, a server
 * failure) becomes BybitOrderOutcomeUnknownError carrying the request's orderLinkId, so the order
 * can be looked up before anything is resent; other errors pass unchanged.
 */
export function orderOutcomeError(
  error: unknown,
  method: string,
  path: string,
  body: Record<string, unknown> | undefined,
): unknown {
  const timedOut = error instanceof RequestTimeoutError;
  if (!timedOut && !(error instanceof BybitOrderOutcomeUnknownError)) return error;
  const orderLinkId = typeof body?.orderLinkId === 'string' ? body.orderLinkId : undefined;
  const lookUp = orderLinkId === undefined ? '' : ` (orderLinkId ${orderLinkId})`;
  const message = timedOut
    ? `Bybit ${method} ${path}: no answer in time${lookUp}; ${UNKNOWN_ORDER_OUTCOME}`
    : `${error.message}${lookUp}`;
  return new BybitOrderOutcomeUnknownError(message, {
    venue: 'bybit',
    code: error.code,
    venueMessage: error.venueMessage,
    status: error.status,
    cause: error,
    details: { ...error.details, path, method, orderLinkId },
  });
}
