// Binance's error codes (Spot errors.md, USD-M "Error Codes"; protocols §9 / usdm §8) classified
// into venuekit's error classes, each with a hint saying what to do. Codes are stable, messages
// vary, so the code decides; the message only refines -2010 (insufficient balance or not) and
// -2011 (unknown order or a cancel restriction). A few codes mean different things on Spot and
// USD-M (-2021, -2022, -2026), hence the market in the context.
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
  OrderOutcomeUnknownError,
  PermissionDeniedError,
  RateLimitError,
  type VenueErrorClass,
} from '@venuekit/base';

/** The Binance markets venuekit serves. */
export type BinanceMarket = 'spot' | 'usdm';

/** What the classification may look at besides the code. */
export interface ClassifyContext {
  market: BinanceMarket;
  /** True when the request placed, modified or replaced an order. */
  placesOrder: boolean;
  /** True for read-only requests (GET), whose unknown outcome is harmless. */
  readOnly: boolean;
  status: number | undefined;
  msg: string;
}

/** An error class and what the user should do about it. */
export interface Classification {
  ErrorClass: VenueErrorClass;
  hint: string;
}

const UNKNOWN_OUTCOME =
  'execution status unknown: the request may or may not have been executed; query the order (e.g. by clientOrderId) before retrying';
const RETRY_LATER = 'a temporary Binance-side failure; retry later with backoff';
const SYNC_CLOCK =
  'the timestamp was outside recvWindow: sync the clock with the server time or raise recvWindow';
const CHECK_PARAMS = 'check the request parameters against the endpoint documentation';
const CHECK_ORDER =
  "check the order against the symbol's filters (tick size, step size, min notional) and rules";

const c = (ErrorClass: VenueErrorClass, hint: string): Classification => ({ ErrorClass, hint });

/**
 * Binance could not say whether the request was executed: a read is simply retried later; an
 * order placement is OrderOutcomeUnknownError (not retryable — resending could double the
 * order); any other write (a cancel) keeps the warning but may be repeated safely.
 */
function unknownOutcome(ctx: ClassifyContext): Classification {
  if (ctx.readOnly) return c(ExchangeUnavailableError, RETRY_LATER);
  return c(ctx.placesOrder ? OrderOutcomeUnknownError : ExchangeUnavailableError, UNKNOWN_OUTCOME);
}

/** Parameter problems (-11xx): an invalid order when an order was being placed, else a bad request. */
function paramError(ctx: ClassifyContext, hint = CHECK_PARAMS): Classification {
  return ctx.placesOrder ? c(InvalidOrderError, hint) : c(BadRequestError, hint);
}

type Rule = (ctx: ClassifyContext) => Classification;

const RULES: ReadonlyMap<number, Rule> = new Map<number, Rule>([
  [-1000, unknownOutcome],
  [-1001, () => c(ExchangeUnavailableError, RETRY_LATER)],
  [
    -1002,
    () => c(AuthenticationError, 'this API key is not authorized for this request; check its permissions'),
  ],
  [
    -1003,
    (ctx) =>
      ctx.status === 418 || /banned/i.test(ctx.msg)
        ? c(IpBannedError, 'the IP is banned for ignoring 429s; send nothing until the ban ends')
        : c(RateLimitError, 'request weight exhausted; wait until the window resets'),
  ],
  [-1004, () => c(ExchangeUnavailableError, RETRY_LATER)],
  [-1006, unknownOutcome],
  [-1007, unknownOutcome],
  [
    -1008,
    () =>
      c(
        ExchangeUnavailableError,
        'Binance is throttling under load; the request was not executed, retry with backoff',
      ),
  ],
  [
    -1013,
    (ctx) =>
      ctx.placesOrder || /filter failure/i.test(ctx.msg)
        ? c(InvalidOrderError, CHECK_ORDER)
        : c(BadRequestError, CHECK_PARAMS),
  ],
  [-1014, () => c(InvalidOrderError, 'this combination of order parameters is not supported')],
  [-1015, () => c(RateLimitError, 'too many new orders for the ORDERS limit; wait until the window resets')],
  [-1016, () => c(ExchangeUnavailableError, 'the service is shutting down; retry later')],
  [-1020, () => c(BadRequestError, 'this operation is not supported')],
  [-1021, () => c(InvalidNonceError, SYNC_CLOCK)],
  [
    -1022,
    () =>
      c(
        AuthenticationError,
        'the signature was rejected: check the API secret (or private key) matches the API key',
      ),
  ],
  [-1099, () => c(AuthenticationError, 'not found, unauthenticated or unauthorized; check the API key')],
  [
    -1111,
    (ctx) =>
      paramError(ctx, 'a price or quantity has more decimals than allowed; format it on the tick/step grid'),
  ],
  [-1112, (ctx) => paramError(ctx, 'there are no orders on the book for this symbol')],
  [
    -1121,
    () =>
      c(
        BadSymbolError,
        'the symbol is unknown to Binance; check its spelling and the market (spot or futures)',
      ),
  ],
  [-1122, () => c(BadSymbolError, 'the symbol is not trading now (status not TRADING)')],
  [-1125, () => c(BadRequestError, 'the listenKey does not exist or expired; create a new one')],
  [-1131, () => c(BadRequestError, 'recvWindow must be at most 60000 ms')],
  [-2008, () => c(AuthenticationError, 'the API key id is invalid')],
  [
    -2010,
    (ctx) =>
      /insufficient (balance|margin)/i.test(ctx.msg)
        ? c(InsufficientFundsError, 'the account has insufficient balance for this order')
        : c(InvalidOrderError, 'the matching engine rejected the order'),
  ],
  [
    -2011,
    (ctx) =>
      /restriction/i.test(ctx.msg)
        ? c(InvalidOrderError, 'the cancel was refused by cancelRestrictions')
        : c(OrderNotFoundError, 'the order is unknown or already closed; query it to see its final state'),
  ],
  [-2013, () => c(OrderNotFoundError, 'no such order; check the symbol and id, or it may be archived')],
  [-2014, () => c(AuthenticationError, 'the API key format is invalid; check what was pasted')],
  [
    -2015,
    // Binance sends -2015 for an unknown key, a non-whitelisted IP and a missing permission alike,
    // so it cannot be narrowed to PermissionDeniedError (which is-an AuthenticationError anyway).
    () =>
      c(
        AuthenticationError,
        'check that the API key is valid and not deleted, that this IP is whitelisted for it, and that it has the permission this endpoint needs (e.g. spot trading, futures)',
      ),
  ],
  [-2018, () => c(InsufficientFundsError, 'the balance is insufficient')],
  [-2019, () => c(InsufficientFundsError, 'the margin is insufficient for this order')],
  [-2020, () => c(InvalidOrderError, 'the order could not be filled (FOK)')],
  [
    -2021,
    (ctx) =>
      ctx.market === 'spot'
        ? c(InvalidOrderError, 'cancel-replace partially failed: see details.data for which half succeeded')
        : c(InvalidOrderError, 'the order would trigger immediately; adjust the stop price'),
  ],
  [
    -2022,
    (ctx) =>
      ctx.market === 'spot'
        ? c(InvalidOrderError, 'cancel-replace failed: neither the cancel nor the new order went through')
        : c(
            InvalidOrderError,
            'the reduce-only order was rejected (it would increase the position or conflicts with open orders)',
          ),
  ],
  [-2023, () => c(InvalidOrderError, 'the account is being liquidated')],
  [-2024, () => c(InsufficientFundsError, 'the position is too small for this reduce-only/close order')],
  [-2025, () => c(InvalidOrderError, 'the maximum number of open orders is reached')],
  [
    -2026,
    (ctx) =>
      ctx.market === 'spot'
        ? c(
            OrderNotFoundError,
            'the order was canceled or expired without fills over 90 days ago and is archived',
          )
        : c(InvalidOrderError, 'this order type is not supported with reduceOnly'),
  ],
  [
    -2027,
    () => c(InvalidOrderError, 'the position would exceed the maximum allowed at the current leverage'),
  ],
  [-2028, () => c(InsufficientFundsError, 'the margin balance is insufficient for this leverage')],
  [-4120, () => c(InvalidOrderError, 'conditional order types must be sent to /fapi/v1/algoOrder')],
  [-4046, () => c(BadRequestError, 'the margin type is already set to this value')],
  [-4059, () => c(BadRequestError, 'the position mode is already set to this value')],
  [-5021, () => c(InvalidOrderError, 'the FOK order could not be filled completely and was rejected')],
  [-5022, () => c(InvalidOrderError, 'the post-only order would have taken liquidity and was rejected')],
  [
    -5025,
    () => c(InvalidOrderError, 'only LIMIT orders can be modified; cancel and place a new order instead'),
  ],
  [
    -5026,
    () => c(InvalidOrderError, 'the order was modified too many times (10,000); cancel and place a new one'),
  ],
  [
    -5027,
    () =>
      c(InvalidOrderError, 'the modification changes nothing: the order already has that price and quantity'),
  ],
  [-5028, () => c(InvalidNonceError, SYNC_CLOCK)],
  [-5029, () => c(InvalidOrderError, "the modified order would be below the symbol's minimum notional")],
  [-5037, () => c(InvalidOrderError, 'invalid priceMatch value; see the priceMatch options of the endpoint')],
]);

/** What an HTTP status means when the body carries no Binance code. */
function byStatus(ctx: ClassifyContext): Classification {
  const status = ctx.status;
  if (status === 418) return c(IpBannedError, 'the IP is banned; send nothing until the ban ends');
  if (status === 429) return c(RateLimitError, 'rate limited; wait before sending more');
  if (status === 403)
    return c(
      PermissionDeniedError,
      "blocked by Binance's web application firewall (WAF); slow down and check the request",
    );
  if (status === 401) return c(AuthenticationError, 'check the API key and signature');
  if (status === 404)
    return c(BadRequestError, 'no such endpoint; check the path and the market (spot /api, futures /fapi)');
  if (status === 408) return unknownOutcome(ctx);
  if (status === 503 && /service unavailable/i.test(ctx.msg))
    return c(
      ExchangeUnavailableError,
      'Binance is unavailable; the request was not executed, retry with backoff',
    );
  if (status !== undefined && status >= 500) return unknownOutcome(ctx);
  if (status === 409) return c(InvalidOrderError, 'the request partially succeeded; see details.data');
  return c(BadRequestError, CHECK_PARAMS);
}

/** Classifies a Binance failure by code (then status). */
export function classifyBinanceError(code: number | undefined, ctx: ClassifyContext): Classification {
  if (code !== undefined) {
    const rule = RULES.get(code);
    if (rule !== undefined) return rule(ctx);
    if (code <= -1100 && code > -1200) return paramError(ctx);
    if (code <= -4000 && code > -5000)
      return ctx.placesOrder ? c(InvalidOrderError, CHECK_ORDER) : c(BadRequestError, CHECK_PARAMS);
    if (code <= -2000 && code > -3000 && ctx.placesOrder) return c(InvalidOrderError, CHECK_ORDER);
  }
  return byStatus(ctx);
}
