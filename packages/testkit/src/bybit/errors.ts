// Bybit's error answers as the simulator produces them: business errors are HTTP 200 with a
// non-zero `retCode` in the usual envelope; a few transport-level refusals use HTTP 401 / 403.
// Codes and messages follow Bybit's v5 error table (docs/v5/error.mdx).

/** An error answer: `retCode` / `retMsg` in the envelope, with the HTTP status that goes with it. */
export class BybitApiError extends Error {
  /** Bybit's retCode, e.g. 10004. */
  readonly retCode: number;
  /** HTTP status of the answer (200 for business errors). */
  readonly status: number;

  /** Creates an error answer. */
  constructor(retCode: number, retMsg: string, status = 200) {
    super(retMsg);
    this.name = 'BybitApiError';
    this.retCode = retCode;
    this.status = status;
  }
}

/** The errors the simulator answers with, by cause. */
export const BybitErrors = {
  /** 10001 with a message naming the parameter. */
  params: (msg: string): BybitApiError => new BybitApiError(10001, msg),
  /** 10001 for a category this simulator does not serve (or that the endpoint does not take). */
  category: (category: string | undefined): BybitApiError =>
    new BybitApiError(
      10001,
      category === undefined ? 'params error: category is required' : `Illegal category`,
    ),
  /** 10001 for a symbol the category does not trade (market endpoints). */
  symbol: (): BybitApiError => new BybitApiError(10001, 'Not supported symbols'),
  /** HTTP 401: authentication headers missing. */
  missingAuth: (): BybitApiError =>
    new BybitApiError(
      10003,
      'Missing authentication headers: X-BAPI-API-KEY, X-BAPI-TIMESTAMP and X-BAPI-SIGN are required',
      401,
    ),
  /** 10002: timestamp outside `server_time - recv_window <= timestamp < server_time + 1000`. */
  timestamp: (requestTs: string, serverTs: number, recvWindow: number): BybitApiError =>
    new BybitApiError(
      10002,
      `invalid request, please check your server timestamp or recv_window param. req_timestamp[${requestTs}],server_timestamp[${serverTs}],recv_window[${recvWindow}]`,
    ),
  /** 10003 API key is invalid. */
  apiKey: (): BybitApiError => new BybitApiError(10003, 'API key is invalid.'),
  /** 10004 bad signature. */
  sign: (): BybitApiError =>
    new BybitApiError(10004, 'Error sign, please check your signature generation algorithm.'),
  /** 10006 over the per-UID endpoint limit. */
  tooManyVisits: (): BybitApiError =>
    new BybitApiError(10006, 'Too many visits. Exceeded the API Rate Limit.'),
  /** HTTP 403 over the IP limit (or banned for it). */
  ipLimit: (until: number): BybitApiError =>
    new BybitApiError(10009, `access too frequent. IP has been banned until ${until}.`, 403),
  /** HTTP 403 for a GET request that carries a body. */
  getWithBody: (): BybitApiError => new BybitApiError(10001, 'Forbidden: GET request with a body', 403),
  /** 110001 (derivatives) / 170213 (spot): no such order. */
  orderNotFound: (spot: boolean): BybitApiError =>
    spot
      ? new BybitApiError(170213, 'Order does not exist.')
      : new BybitApiError(110001, 'Order does not exist'),
  /** 110007 (derivatives) / 170131 (spot): not enough balance. */
  insufficient: (spot: boolean): BybitApiError =>
    spot
      ? new BybitApiError(170131, 'Balance insufficient')
      : new BybitApiError(110007, 'Available balance is insufficient'),
  /** 110072 / 170141: orderLinkId already used. */
  duplicateLinkId: (spot: boolean): BybitApiError =>
    spot
      ? new BybitApiError(170141, 'Duplicate clientOrderId')
      : new BybitApiError(110072, 'OrderLinkedID is duplicate'),
  /** 110017 reduce-only order that would not reduce. */
  reduceOnly: (): BybitApiError => new BybitApiError(110017, 'Reduce-only rule not satisfied'),
  /** Spot order checks (170xxx). */
  spot: {
    symbol: (): BybitApiError => new BybitApiError(170121, 'Invalid symbol.'),
    side: (): BybitApiError => new BybitApiError(170117, 'Invalid side.'),
    orderType: (): BybitApiError => new BybitApiError(170116, 'Invalid orderType.'),
    timeInForce: (): BybitApiError => new BybitApiError(170115, 'Invalid timeInForce.'),
    invalid: (name: string): BybitApiError =>
      new BybitApiError(170130, `Data sent for paramter '${name}' is not valid.`),
    priceDecimals: (): BybitApiError => new BybitApiError(170134, 'Order price decimal too long.'),
    qtyTooLarge: (): BybitApiError => new BybitApiError(170135, 'Order quantity too large.'),
    qtyTooSmall: (): BybitApiError => new BybitApiError(170136, 'Order quantity lower than the minimum.'),
    qtyDecimals: (): BybitApiError => new BybitApiError(170137, 'Order volume decimal too long'),
    amountTooSmall: (): BybitApiError =>
      new BybitApiError(170140, 'Transaction amount lower than the minimum.'),
    amountDecimals: (): BybitApiError => new BybitApiError(170148, 'Market order amount decimal too long'),
  },
} as const;
