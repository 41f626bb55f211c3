// Turns what Binance reported — `{code, msg}` from a REST body or a WebSocket API `error`, the
// HTTP status, Retry-After — into the typed VenueError a user can act on. The message keeps
// Binance's own text and code, names the request, and adds what to do; rate-limit errors carry
// `retryAfterMs` (from Retry-After, a WS API `retryAfter`, the ban end in the message, or the end
// of the limit's window). Nothing secret is in a Binance error body, and VenueError redacts any
// registered secret regardless.
import { OrderOutcomeUnknownError, parseRetryAfter, RateLimitError, type VenueError } from '@venuekit/base';
import { type BinanceMarket, classifyBinanceError } from './error-codes.js';
import { outcomeUnknownDetails, sentOrderIds } from './outcome-unknown.js';

/** What Binance reported about one failed request. */
export interface BinanceErrorReport {
  /** Binance's code (`-2010`), when the body had one. */
  code?: number | undefined;
  /** Binance's message, verbatim. */
  msg?: string | undefined;
  /** HTTP status (or the WS API `status`). */
  status?: number | undefined;
  /** Which market the request went to (some codes differ). Default `'spot'`. */
  market?: BinanceMarket | undefined;
  /** Request method (`GET`, `POST`, or the WS API method such as `order.place`). */
  method?: string | undefined;
  /** Request path (`/api/v3/order`), for the message. */
  path?: string | undefined;
  /** True when the request placed, modified or replaced an order (param errors become InvalidOrderError). */
  placesOrder?: boolean | undefined;
  /** True when the request changes nothing, so an unknown outcome is harmless (default: method is GET). */
  readOnly?: boolean | undefined;
  /** The `Retry-After` header value, if any. */
  retryAfter?: string | string[] | undefined;
  /** Epoch ms after which to retry (WS API `error.data.retryAfter`), if known. */
  retryAfterAt?: number | undefined;
  /** Current (server) time in ms, for converting times to waits. */
  now: number;
  /** Extra data Binance sent with the error (cancel-replace results). */
  data?: unknown;
  /** Underlying error, if any. */
  cause?: unknown;
  /**
   * The request's parameters: when the outcome is unknown, its client order ids go into
   * `details.clientOrderId` (and `listClientOrderId`, `clientOrderIds`) for the look-up.
   */
  params?: Readonly<Record<string, unknown>> | undefined;
}

const BANNED_UNTIL = /banned until (\d{10,16})/i;
const LIMIT_WINDOW = /per (\d+) ?(SECOND|MINUTE|HOUR|DAY)/i;
const UNIT_MS: Readonly<Record<string, number>> = {
  SECOND: 1000,
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
};

/** How long to wait before retrying, in ms, from everything the report offers. */
function retryAfterMs(report: BinanceErrorReport, msg: string): number | undefined {
  const now = report.now;
  const fromHeader = parseRetryAfter(report.retryAfter, now);
  if (fromHeader !== undefined) return fromHeader;
  if (report.retryAfterAt !== undefined) return Math.max(0, report.retryAfterAt - now);
  const banned = BANNED_UNTIL.exec(msg);
  if (banned) {
    let until = Number(banned[1]);
    if (banned[1]!.length > 13) until /= 1000; // microseconds
    return Math.max(0, Math.ceil(until - now));
  }
  const window = LIMIT_WINDOW.exec(msg);
  if (window) {
    const interval = Number(window[1]) * (UNIT_MS[window[2]!.toUpperCase()] ?? 60_000);
    return Math.floor(now / interval) * interval + interval - now;
  }
  return undefined;
}

/** Builds the typed error for a Binance failure. */
export function binanceError(report: BinanceErrorReport): VenueError {
  const msg = report.msg ?? '';
  const method = report.method ?? 'GET';
  const market = report.market ?? 'spot';
  const { ErrorClass, hint } = classifyBinanceError(report.code, {
    market,
    placesOrder: report.placesOrder ?? false,
    readOnly: report.readOnly ?? (method === 'GET' || method === 'HEAD'),
    status: report.status,
    msg,
  });
  const facts: string[] = [];
  if (report.code !== undefined) facts.push(`code ${report.code}`);
  if (report.status !== undefined) facts.push(`HTTP ${report.status}`);
  if (report.path !== undefined) facts.push(`${method} ${report.path}`);
  const text = msg !== '' ? msg : 'request failed';
  const wait = retryAfterMs(report, msg);
  const isRateLimit = ErrorClass === RateLimitError || ErrorClass.prototype instanceof RateLimitError;
  const waitText = isRateLimit && wait !== undefined ? ` (retry after ${formatWait(wait)})` : '';
  let details: Record<string, unknown> = { market };
  if (report.path !== undefined) details.path = report.path;
  if (report.method !== undefined) details.method = report.method;
  if (report.data !== undefined) details.data = report.data;
  if (ErrorClass === OrderOutcomeUnknownError) {
    const ids = sentOrderIds(report.params);
    details = outcomeUnknownDetails(details, ids);
    if (ids.clientOrderId !== undefined) facts.push(`clientOrderId ${ids.clientOrderId}`);
    else if (ids.listClientOrderId !== undefined) facts.push(`listClientOrderId ${ids.listClientOrderId}`);
  }
  return new ErrorClass(`Binance: ${text} (${facts.join(', ')}) — ${hint}${waitText}`, {
    venue: 'binance',
    code: report.code,
    venueMessage: report.msg,
    status: report.status,
    retryAfterMs: isRateLimit ? wait : undefined,
    details,
    cause: report.cause,
  });
}

function formatWait(ms: number): string {
  if (ms >= 120_000) return `${Math.ceil(ms / 60_000)} min`;
  if (ms >= 1000) return `${Number((ms / 1000).toFixed(1))} s`;
  return `${ms} ms`;
}

/** Binance's `{code, msg}` from a decoded body, if it has that shape. */
export function binanceCodeAndMessage(body: unknown): { code?: number; msg?: string; data?: unknown } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  const b = body as Record<string, unknown>;
  const out: { code?: number; msg?: string; data?: unknown } = {};
  if (typeof b.code === 'number') out.code = b.code;
  else if (typeof b.code === 'string' && /^-?\d+$/.test(b.code)) out.code = Number(b.code);
  if (typeof b.msg === 'string') out.msg = b.msg;
  if (b.data !== undefined) out.data = b.data;
  return out;
}

/** WS API methods that place or modify orders. */
const WS_PLACES_ORDER =
  /^(?:v\d\/)?(?:order\.(?:place|cancelReplace|modify|amend)|orderList\.place|sor\.order\.place|algoOrder\.place)/;
/** WS API methods that change state (orders, cancels, user-data subscriptions). */
const WS_CHANGES_STATE =
  /^(?:v\d\/)?(?:order\.(?:place|cancel|cancelReplace|modify|amend)|orderList\.(?:place|cancel)|sor\.order\.place|algoOrder\.|openOrders\.cancel|userDataStream\.)/;

/** A WebSocket API error response (`{ id, status, error: { code, msg, data } }`). */
export interface BinanceWsApiErrorResponse {
  status: number;
  error: {
    code?: number;
    msg?: string;
    data?: { retryAfter?: number; serverTime?: number } & Record<string, unknown>;
  };
}

/**
 * The typed error for a WebSocket API error response (`method` is the WS API method, e.g.
 * `order.place`). `retryAfter` in `error.data` becomes `retryAfterMs`.
 */
export function binanceWsApiError(
  response: BinanceWsApiErrorResponse,
  options: {
    method: string;
    market?: BinanceMarket;
    now: number;
    placesOrder?: boolean;
    /** The request's parameters (an unknown outcome names their client order ids). */
    params?: Readonly<Record<string, unknown>>;
  },
): VenueError {
  const data = response.error.data;
  const method = options.method;
  return binanceError({
    code: response.error.code,
    msg: response.error.msg,
    status: response.status,
    market: options.market,
    method,
    placesOrder: options.placesOrder ?? WS_PLACES_ORDER.test(method),
    readOnly: !WS_CHANGES_STATE.test(method),
    retryAfterAt: typeof data?.retryAfter === 'number' ? data.retryAfter : undefined,
    now: typeof data?.serverTime === 'number' ? data.serverTime : options.now,
    data: data !== undefined && data.retryAfter === undefined ? data : undefined,
    params: options.params,
  });
}
