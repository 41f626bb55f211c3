// Order placements that may have reached Binance but got no answer saying what became of them:
// a timeout or a dropped connection after the request was sent (REST or WebSocket API), an
// abort after sending, a 5xx, -1000/-1006/-1007, a garbled body. Each becomes base's
// OrderOutcomeUnknownError (not retryable: resending could double the order) carrying
// `details.outcomeUnknown = true` and the client order id the request carried
// (`details.clientOrderId`), so the order can be looked up before anything is sent again.
// Failures that prove nothing was sent (connection refused, DNS, connect timeout) pass as they are.
import {
  NetworkError,
  OrderOutcomeUnknownError,
  RequestTimeoutError,
  requestSent,
  VenueError,
} from '@venuekit/base';

/** What to do after an order placement with an unknown outcome. */
export const QUERY_BEFORE_RESENDING =
  'execution status unknown: it may or may not have been executed; query the order (by clientOrderId) before sending it again';

/** The client order ids an order request carried, for `details`. */
export interface SentOrderIds {
  /** `newClientOrderId` (or `origClientOrderId` of a modify). */
  clientOrderId?: string | undefined;
  /** `listClientOrderId` of an order list (OCO, OTO, OTOCO). */
  listClientOrderId?: string | undefined;
  /** Every `newClientOrderId` of a batch (`batchOrders`). */
  clientOrderIds?: string[] | undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;

/** The client order ids in the parameters of an order request (REST or WS API). */
export function sentOrderIds(params: Readonly<Record<string, unknown>> | undefined): SentOrderIds {
  if (params === undefined) return {};
  const ids: SentOrderIds = {};
  const clientOrderId = text(params.newClientOrderId) ?? text(params.origClientOrderId);
  if (clientOrderId !== undefined) ids.clientOrderId = clientOrderId;
  const listClientOrderId = text(params.listClientOrderId);
  if (listClientOrderId !== undefined) ids.listClientOrderId = listClientOrderId;
  const batch = params.batchOrders;
  if (typeof batch === 'string' || Array.isArray(batch)) {
    let orders: unknown = batch;
    try {
      if (typeof batch === 'string') orders = JSON.parse(batch);
    } catch {
      orders = undefined;
    }
    if (Array.isArray(orders)) {
      const batchIds = orders
        .map((order) => text((order as { newClientOrderId?: unknown } | null)?.newClientOrderId))
        .filter((id): id is string => id !== undefined);
      if (batchIds.length > 0) ids.clientOrderIds = batchIds;
    }
  }
  return ids;
}

/** `' (clientOrderId X)'` for messages, or `''` when the request carried none. */
function idText(ids: SentOrderIds): string {
  const id = ids.clientOrderId ?? ids.listClientOrderId ?? ids.clientOrderIds?.join(', ');
  return id === undefined ? '' : ` (clientOrderId ${id})`;
}

/** `details` of an unknown outcome: what was there, the ids, and `outcomeUnknown: true`. */
export function outcomeUnknownDetails(
  details: Readonly<Record<string, unknown>> | undefined,
  ids: SentOrderIds,
): Record<string, unknown> {
  return { ...details, ...ids, outcomeUnknown: true };
}

/** Socket and DNS failures that happen before a request is written: it never left the machine. */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The system or undici code at the root of `error`'s causes, if any. */
function rootCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && !(current instanceof VenueError)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * True when a request that failed with `error` (thrown by base's Client) may have been written to
 * Binance: what the Client's `details.sent` says when it is there; otherwise a network failure or
 * timeout unless it proves otherwise (a refused connection, a failed
 * DNS lookup, a connect timeout, a timeout while still preparing), and an abort reason (the
 * caller's signal or the call's deadline fired mid-request). Other typed errors (a closed client,
 * a bad option) were raised before anything was sent.
 */
export function mayHaveBeenSent(error: unknown): boolean {
  // Base's Client says so when it knows: on its errors (a session destroyed mid-request included)
  // and beside the caller's abort reason; a timeout counts an earlier try of the call too.
  const sent = requestSent(error);
  if (sent !== undefined) return sent;
  if (!(error instanceof NetworkError)) return !(error instanceof VenueError);
  const code = rootCode(error);
  if (code !== undefined && NEVER_SENT_CODES.has(code)) return false;
  const phase = error instanceof RequestTimeoutError ? error.details?.phase : undefined;
  return phase !== 'preparing' && phase !== 'waiting for the rate limiter';
}

/** What {@link lostOrderError} needs to know of the request. */
export interface LostOrderRequest {
  /** `POST /api/v3/order` or the WS API method (`order.place`). */
  what: string;
  /** The request's parameters (for its client order ids). */
  params: Readonly<Record<string, unknown>> | undefined;
  /** Extra details (path, method, market). */
  details?: Readonly<Record<string, unknown>> | undefined;
  /** What happened, for the message (default: the failure's message). */
  why?: string | undefined;
}

/**
 * The error of an order placement that may have reached Binance and then got no answer
 * (`failure`: the timeout, the dropped connection, the abort reason). Always an
 * OrderOutcomeUnknownError whose cause is `failure`.
 */
export function lostOrderError(failure: unknown, request: LostOrderRequest): OrderOutcomeUnknownError {
  const ids = sentOrderIds(request.params);
  const why =
    request.why ??
    (failure instanceof Error && failure.message.length > 0
      ? failure.message
      : String(failure ?? 'no answer'));
  const venueFailure = failure instanceof VenueError ? failure : undefined;
  return new OrderOutcomeUnknownError(
    `Binance ${request.what}: sent, but no answer arrived (${why})${idText(ids)}; ${QUERY_BEFORE_RESENDING}`,
    {
      venue: 'binance',
      status: venueFailure?.status,
      cause: failure,
      details: outcomeUnknownDetails({ ...venueFailure?.details, ...request.details }, ids),
    },
  );
}
