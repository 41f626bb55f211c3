// Maps an HTTP response to a typed VenueError. A venue's own `errorMapper` is consulted first
// (for every response, 2xx included: Bybit reports business errors with HTTP 200); then the
// status decides, by base's one table (`errorClassForStatus`): 400/404 and other 4xx
// BadRequestError, 401 AuthenticationError, 403 PermissionDeniedError, 408 RequestTimeoutError,
// 418 IpBannedError, 429 RateLimitError (with Retry-After), 5xx ExchangeUnavailableError.
import {
  errorClassForStatus,
  ExchangeUnavailableError,
  IpBannedError,
  RateLimitError,
  type VenueError,
  type VenueErrorOptions,
} from '../errors.js';
import type { HttpHeaders } from './buffered-exchange.js';
import type { HttpResponse } from './http-response.js';

/** What a venue's error mapper sees. */
export interface ErrorMapperContext {
  /** HTTP status. */
  status: number;
  /** Decoded JSON body, or the body text when it is not JSON. */
  data: unknown;
  /** Response headers (lower-case names). */
  headers: HttpHeaders;
  /** The venue (signer name, or the Client's `venue` option), if known. */
  venue: string | undefined;
  /** Request method. */
  method: string;
  /** Request URL with secret query values redacted; safe for messages. */
  url: string;
  /** The whole response. */
  response: HttpResponse;
}

/**
 * A venue's hook: return the error a response means (e.g. from the body's own code), or
 * `undefined` to let the status decide. Return nothing for successful responses.
 */
export type ErrorMapper = (context: ErrorMapperContext) => VenueError | undefined;

const HTTP_DATE_OR_SECONDS = /^\s*\d+(\.\d+)?\s*$/;

/**
 * Parses a Retry-After header: delta seconds (`"120"`) or an HTTP-date. Returns milliseconds
 * from `now` (never negative), or `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text === '') return undefined;
  if (HTTP_DATE_OR_SECONDS.test(text)) return Math.round(Number.parseFloat(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The venue's own code and message from a typical error body (`{code,msg}`, `{retCode,retMsg}`, `["error",code,msg]`). */
export function venueCodeAndMessage(data: unknown): { code?: string | number; message?: string } {
  if (Array.isArray(data)) {
    if (data[0] === 'error' && (typeof data[1] === 'number' || typeof data[1] === 'string'))
      return { code: data[1], ...(typeof data[2] === 'string' ? { message: data[2] } : {}) };
    return {};
  }
  if (data === null || typeof data !== 'object') return {};
  const body = data as Record<string, unknown>;
  const nested =
    body.error !== null && typeof body.error === 'object' ? (body.error as Record<string, unknown>) : {};
  const code = body.code ?? body.retCode ?? nested.code;
  const message = body.msg ?? body.message ?? body.retMsg ?? nested.message ?? body.error;
  return {
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}

/** The error a non-2xx response means by its status alone, or `undefined` for 1xx–3xx. */
export function errorForStatus(context: ErrorMapperContext, now: number): VenueError | undefined {
  const { status } = context;
  if (status < 400) return undefined;
  const { code, message } = context.response.isJson ? venueCodeAndMessage(context.data) : {};
  const statusText = context.response.statusText ? ` ${context.response.statusText}` : '';
  const venueText = message !== undefined ? `: ${message}` : '';
  const codeText = code !== undefined ? ` (code ${code})` : '';
  const head = `${context.method} ${context.url} → HTTP ${status}${statusText}${venueText}${codeText}`;
  const options: VenueErrorOptions = {
    venue: context.venue,
    code,
    venueMessage: message,
    status,
  };
  const retryAfterMs = parseRetryAfter(context.headers['retry-after'], now);
  const ErrorClass = errorClassForStatus(status);
  if (ErrorClass === RateLimitError || ErrorClass === IpBannedError) {
    const wait = retryAfterMs !== undefined ? ` for ${formatMs(retryAfterMs)}` : '';
    const hint =
      status === 418
        ? `IP banned${wait}; no request will be sent until then`
        : `rate limited${wait}; slow down`;
    return new ErrorClass(`${head} — ${hint}`, { ...options, retryAfterMs });
  }
  if (ErrorClass === ExchangeUnavailableError) {
    return new ErrorClass(`${head} — the venue is unavailable or in maintenance`, {
      ...options,
      details: retryAfterMs !== undefined ? { retryAfterMs } : undefined,
    });
  }
  const hint = STATUS_HINTS[status];
  return new ErrorClass(hint === undefined ? head : `${head} — ${hint}`, options);
}

const STATUS_HINTS: Readonly<Record<number, string>> = {
  401: 'check the API key, secret and signature',
  403: 'the key lacks permission for this call, or the IP is not allowed',
  404: 'no such endpoint or resource',
  408: 'the venue timed the request out',
};

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(3))} s` : `${ms} ms`;
}
