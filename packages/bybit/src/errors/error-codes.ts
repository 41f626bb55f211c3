// Bybit v5 retCodes (docs/v5/error.mdx; protocols/bybit.md §8) classified into venuekit's error
// classes, each with a hint saying what to do. Codes decide; a code that is not in the table
// falls back by range (110xxx derivatives trade, 170xxx spot trade, 10xxx general) and, for
// order-placing requests, to InvalidOrderError. A server-side failure (10000, 10016, other 10xxx)
// of an order-placing request is BybitOrderOutcomeUnknownError: not retryable, because the order
// may have been taken.
import {
  AuthenticationError,
  BadRequestError,
  BadSymbolError,
  ExchangeUnavailableError,
  InsufficientFundsError,
  InvalidNonceError,
  InvalidOrderError,
  IpBannedError,
  OrderNotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type VenueErrorClass,
} from '@venuekit/base';
import { BybitOrderOutcomeUnknownError, UNKNOWN_ORDER_OUTCOME } from './outcome-unknown.js';

/** An error class and what the user should do about it. */
export interface BybitClassification {
  ErrorClass: VenueErrorClass;
  hint: string;
}

/** What the classification may look at besides the code. */
export interface BybitClassifyContext {
  /** True when the request placed or amended an order. */
  placesOrder: boolean;
  /** True for read-only requests (GET), whose unknown outcome is harmless. */
  readOnly: boolean;
}

const c = (ErrorClass: VenueErrorClass, hint: string): BybitClassification => ({ ErrorClass, hint });

const CHECK_PARAMS = 'check the request parameters against the endpoint documentation';
const CHECK_ORDER =
  "check the order against the instrument's filters (tick size, qty step, minimum qty and amount)";
const RETRY_LATER = 'a temporary Bybit-side failure; retry later with backoff';
const UNKNOWN_OUTCOME = UNKNOWN_ORDER_OUTCOME;
/** Server-side failures: the request may or may not have been executed. */
const SERVER_FAILURES: ReadonlySet<number> = new Set([10000, 10016]);
const SYNC_CLOCK =
  'the timestamp was outside recv_window: sync the clock with GET /v5/market/time or raise recvWindow';
const NOT_FOUND =
  'the order does not exist or is no longer open (filled, cancelled, or never accepted) — query it by orderLinkId';
const FUNDS = 'not enough available balance for this order; reduce the size or add funds';

/** Codes with a fixed meaning. */
const TABLE: ReadonlyMap<number, BybitClassification> = new Map([
  [10000, c(ExchangeUnavailableError, RETRY_LATER)],
  [10001, c(BadRequestError, CHECK_PARAMS)],
  [10002, c(InvalidNonceError, SYNC_CLOCK)],
  [
    10003,
    c(
      AuthenticationError,
      'the API key is invalid, or belongs to another environment (mainnet, testnet, demo)',
    ),
  ],
  [
    10004,
    c(
      AuthenticationError,
      'the signature does not match: check the secret and that the request was not altered after signing',
    ),
  ],
  [
    10005,
    c(
      PermissionDeniedError,
      'the API key lacks the permission for this endpoint; enable it in the key settings',
    ),
  ],
  [10006, c(RateLimitError, 'per-UID endpoint limit exceeded; wait until X-Bapi-Limit-Reset-Timestamp')],
  [10007, c(AuthenticationError, 'user authentication failed; check the API key')],
  [10008, c(PermissionDeniedError, 'the account is banned from this action; check the account mode')],
  [10009, c(IpBannedError, 'the IP is banned for exceeding the IP limit; send nothing until the ban ends')],
  [
    10010,
    c(PermissionDeniedError, 'the request IP is not bound to this API key; add it to the key’s IP whitelist'),
  ],
  [10014, c(BadRequestError, 'duplicate request; do not send the same request twice')],
  [10016, c(ExchangeUnavailableError, RETRY_LATER)],
  [10017, c(BadRequestError, 'no such route: check the path and method')],
  [10018, c(RateLimitError, 'per-IP limit exceeded; slow down')],
  [10024, c(PermissionDeniedError, 'compliance rules prevent this request')],
  [10027, c(PermissionDeniedError, 'trading is banned for this account')],
  [10029, c(PermissionDeniedError, 'the symbol is not in the API key’s symbol whitelist')],
  [110001, c(OrderNotFoundError, NOT_FOUND)],
  [110003, c(InvalidOrderError, 'the order price is outside the permissible range')],
  [110004, c(InsufficientFundsError, FUNDS)],
  [110006, c(InsufficientFundsError, FUNDS)],
  [110007, c(InsufficientFundsError, FUNDS)],
  [110008, c(OrderNotFoundError, 'the order is already filled or cancelled')],
  [110010, c(OrderNotFoundError, 'the order is already cancelled')],
  [110012, c(InsufficientFundsError, FUNDS)],
  [110014, c(InsufficientFundsError, FUNDS)],
  [110017, c(InvalidOrderError, 'a reduce-only order would not reduce the position')],
  [110072, c(InvalidOrderError, 'orderLinkId is already used; give every order a new one')],
  [110094, c(InvalidOrderError, CHECK_ORDER)],
  [170121, c(BadSymbolError, 'no such spot symbol; check it against instruments-info')],
  [170131, c(InsufficientFundsError, FUNDS)],
  [170136, c(InvalidOrderError, CHECK_ORDER)],
  [170137, c(InvalidOrderError, CHECK_ORDER)],
  [170140, c(InvalidOrderError, CHECK_ORDER)],
  [170141, c(InvalidOrderError, 'orderLinkId is already used; give every order a new one')],
  [170142, c(OrderNotFoundError, 'the order is already cancelled')],
  [170213, c(OrderNotFoundError, NOT_FOUND)],
]);

/** Maps a Bybit retCode (non-zero) to an error class and a hint. */
export function classifyBybitError(code: number, ctx: BybitClassifyContext): BybitClassification {
  if (ctx.placesOrder && SERVER_FAILURES.has(code)) return c(BybitOrderOutcomeUnknownError, UNKNOWN_OUTCOME);
  const known = TABLE.get(code);
  if (known !== undefined) {
    if (known.ErrorClass === BadRequestError && ctx.placesOrder) return c(InvalidOrderError, known.hint);
    return known;
  }
  if ((code >= 110000 && code < 120000) || (code >= 170000 && code < 180000))
    return ctx.placesOrder ? c(InvalidOrderError, CHECK_ORDER) : c(BadRequestError, CHECK_PARAMS);
  if (code === 429 || code === 10429) return c(RateLimitError, 'Bybit system-level protection; retry later');
  if (code >= 10000 && code < 20000)
    return ctx.readOnly
      ? c(ExchangeUnavailableError, RETRY_LATER)
      : c(ctx.placesOrder ? BybitOrderOutcomeUnknownError : ExchangeUnavailableError, UNKNOWN_OUTCOME);
  return ctx.placesOrder ? c(InvalidOrderError, CHECK_PARAMS) : c(BadRequestError, CHECK_PARAMS);
}

/** retCodes after which the same request may be sent again once the clock is re-synced. */
export const BYBIT_TIMESTAMP_CODE = 10002;
/** retCode of the per-UID endpoint limit ("Too many visits!"). */
export const BYBIT_RATE_LIMIT_CODE = 10006;
