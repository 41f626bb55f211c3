// Turns what Bybit reported — the `{retCode, retMsg}` envelope of a REST answer (HTTP 200 for
// business errors) or an HTTP error status, plus the X-Bapi-Limit-Reset-Timestamp header — into
// the typed VenueError a user can act on: Bybit's own code and message, the request, and what to
// do. Rate-limit errors carry `retryAfterMs` (to the reset timestamp for 10006; 10 minutes for an
// HTTP 403 IP ban, as Bybit asks).
import {
  errorClassForStatus,
  IpBannedError,
  RateLimitError,
  type VenueError,
  type VenueErrorClass,
} from '@venuekit/base';
import { classifyBybitError } from './error-codes.js';
import { BybitOrderOutcomeUnknownError, UNKNOWN_ORDER_OUTCOME } from './outcome-unknown.js';

/** What Bybit reported about one failed request. */
export interface BybitErrorReport {
  /** Bybit's retCode, when the body had one. */
  code?: number | undefined;
  /** Bybit's retMsg, verbatim. */
  msg?: string | undefined;
  /** HTTP status. */
  status?: number | undefined;
  /** Request method and path, for the message. */
  method?: string | undefined;
  path?: string | undefined;
  /**
   * True when the request placed or amended an order: parameter errors become InvalidOrderError,
   * server failures BybitOrderOutcomeUnknownError (not retryable).
   */
  placesOrder?: boolean | undefined;
  /** The request's orderLinkId, if any: put in the error's details so the order can be looked up. */
  orderLinkId?: string | undefined;
  /** X-Bapi-Limit-Reset-Timestamp (ms), if the answer had it. */
  resetAt?: number | undefined;
  /** Current time in ms, to turn `resetAt` into a wait. */
  now: number;
}

/** How long Bybit asks an IP to wait after HTTP 403 "access too frequent": at least 10 minutes. */
export const BYBIT_IP_BAN_MS = 600_000;

const BANNED_UNTIL = /banned until (\d{10,13})/i;

function retryAfter(report: BybitErrorReport, ErrorClass: VenueErrorClass): number | undefined {
  if (ErrorClass === IpBannedError) {
    const until = BANNED_UNTIL.exec(report.msg ?? '');
    return until ? Math.max(0, Number(until[1]) - report.now) : BYBIT_IP_BAN_MS;
  }
  if (report.resetAt !== undefined && report.resetAt > 0) return Math.max(0, report.resetAt - report.now);
  return undefined;
}

function classOf(report: BybitErrorReport): { ErrorClass: VenueErrorClass; hint: string } {
  const method = report.method ?? 'GET';
  if (report.status === 403 && (report.code === undefined || /too frequent|banned/i.test(report.msg ?? '')))
    return {
      ErrorClass: IpBannedError,
      hint: 'IP limit (600 requests / 5 s) broken; stop all requests for at least 10 minutes',
    };
  if (report.code !== undefined && report.code !== 0)
    return classifyBybitError(report.code, {
      placesOrder: report.placesOrder ?? false,
      readOnly: method === 'GET',
    });
  const status = report.status;
  if (report.placesOrder === true && (status === 408 || (status !== undefined && status >= 500)))
    return { ErrorClass: BybitOrderOutcomeUnknownError, hint: UNKNOWN_ORDER_OUTCOME };
  return { ErrorClass: errorClassForStatus(status), hint: 'see the HTTP status' };
}

/** Builds the typed error for a Bybit failure. */
export function bybitError(report: BybitErrorReport): VenueError {
  const { ErrorClass, hint } = classOf(report);
  const facts: string[] = [];
  if (report.code !== undefined) facts.push(`retCode ${report.code}`);
  if (report.status !== undefined && report.status !== 200) facts.push(`HTTP ${report.status}`);
  if (report.path !== undefined) facts.push(`${report.method ?? 'GET'} ${report.path}`);
  const isRateLimit = ErrorClass === RateLimitError || ErrorClass.prototype instanceof RateLimitError;
  const wait = isRateLimit ? retryAfter(report, ErrorClass) : undefined;
  const waitText = wait !== undefined ? ` (retry after ${wait} ms)` : '';
  const text = report.msg !== undefined && report.msg !== '' ? report.msg : 'request failed';
  const details: Record<string, unknown> = {};
  if (report.path !== undefined) details.path = report.path;
  if (report.method !== undefined) details.method = report.method;
  if (report.orderLinkId !== undefined) details.orderLinkId = report.orderLinkId;
  return new ErrorClass(`Bybit: ${text} (${facts.join(', ')}) — ${hint}${waitText}`, {
    venue: 'bybit',
    code: report.code,
    venueMessage: report.msg,
    status: report.status,
    retryAfterMs: wait,
    details,
  });
}

/** The v5 envelope's `{retCode, retMsg}` from a decoded body, if it has that shape. */
export function bybitRetCode(body: unknown): { code?: number; msg?: string } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return {};
  const b = body as Record<string, unknown>;
  const out: { code?: number; msg?: string } = {};
  if (typeof b.retCode === 'number') out.code = b.retCode;
  else if (typeof b.retCode === 'string' && /^-?\d+$/.test(b.retCode)) out.code = Number(b.retCode);
  if (typeof b.retMsg === 'string') out.msg = b.retMsg;
  return out;
}
