// Binance's error answers as the simulator produces them: `{code, msg}` with the venue's codes and
// messages (errors.md), the HTTP status that goes with each, and optional Retry-After.

/** An error the simulator answers with, REST (`{code,msg}` body) or WS API (`error` object). */
export class BinanceApiError extends Error {
  /** Binance's (negative) error code, e.g. -1121. */
  readonly code: number;
  /** HTTP status for REST (the WS API `status` field). */
  readonly status: number;
  /** Seconds for a `Retry-After` header (429 / 418). */
  readonly retryAfterS: number | undefined;
  /** Epoch ms when the client may retry (WS API `error.data.retryAfter`). */
  readonly retryAtMs: number | undefined;

  /** Creates an error answer. */
  constructor(code: number, msg: string, status = 400, retry?: { afterS: number; atMs: number }) {
    super(msg);
    this.name = 'BinanceApiError';
    this.code = code;
    this.status = status;
    this.retryAfterS = retry?.afterS;
    this.retryAtMs = retry?.atMs;
  }

  /** The `{code, msg}` body. */
  toJSON(): { code: number; msg: string } {
    return { code: this.code, msg: this.message };
  }
}

/** Factories for the errors the simulator uses, with Binance's messages. */
export const BinanceErrors = {
  /** -1121 Invalid symbol. */
  badSymbol: (): BinanceApiError => new BinanceApiError(-1121, 'Invalid symbol.'),
  /** -1102 for a missing/empty/malformed mandatory parameter. */
  mandatory: (name: string): BinanceApiError =>
    new BinanceApiError(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`),
  /** -1102 for one of two alternatives missing. */
  eitherMandatory: (a: string, b: string): BinanceApiError =>
    new BinanceApiError(-1102, `Param '${a}' or '${b}' must be sent, but both were empty/null!`),
  /** -1102 for a value over its maximum. */
  tooLarge: (name: string, max: number | string): BinanceApiError =>
    new BinanceApiError(-1102, `'${name}' contains unexpected value. Cannot be greater than '${max}'.`),
  /** -1100 illegal characters. */
  illegalChars: (name: string): BinanceApiError =>
    new BinanceApiError(
      -1100,
      `Illegal characters found in parameter '${name}'; legal range is '^[0-9]{1,20}(\\.[0-9]{1,20})?$'.`,
    ),
  /** -1111 too much precision. */
  badPrecision: (name: string): BinanceApiError =>
    new BinanceApiError(-1111, `Parameter '${name}' has too much precision.`),
  /** -1130 invalid data for a parameter. */
  invalidParam: (name: string): BinanceApiError =>
    new BinanceApiError(-1130, `Data sent for parameter '${name}' is not valid.`),
  /** -1120 Invalid interval. */
  badInterval: (): BinanceApiError => new BinanceApiError(-1120, 'Invalid interval.'),
  /** -1116 Invalid orderType. */
  badOrderType: (): BinanceApiError => new BinanceApiError(-1116, 'Invalid orderType.'),
  /** -1117 Invalid side. */
  badSide: (): BinanceApiError => new BinanceApiError(-1117, 'Invalid side.'),
  /** -1115 Invalid timeInForce. */
  badTimeInForce: (): BinanceApiError => new BinanceApiError(-1115, 'Invalid timeInForce.'),
  /** -1106 parameter sent when not required. */
  notRequired: (name: string): BinanceApiError =>
    new BinanceApiError(-1106, `Parameter '${name}' sent when not required.`),
  /** -1013 filter failure (price, lot size, notional). */
  filter: (filter: string): BinanceApiError => new BinanceApiError(-1013, `Filter failure: ${filter}`),
  /** -1021 timestamp outside recvWindow (or ahead of the server). */
  timestamp: (ahead: boolean): BinanceApiError =>
    new BinanceApiError(
      -1021,
      ahead
        ? "Timestamp for this request was 1000ms ahead of the server's time."
        : 'Timestamp for this request is outside of the recvWindow.',
    ),
  /** -1022 bad signature. */
  signature: (): BinanceApiError => new BinanceApiError(-1022, 'Signature for this request is not valid.'),
  /** -2014 malformed or missing API key. */
  keyFormat: (): BinanceApiError => new BinanceApiError(-2014, 'API-key format invalid.', 401),
  /** -2015 unknown key / no permission. */
  keyRejected: (): BinanceApiError =>
    new BinanceApiError(-2015, 'Invalid API-key, IP, or permissions for action.', 401),
  /** -2010 new order rejected, with the matching engine's message. */
  orderRejected: (msg: string): BinanceApiError => new BinanceApiError(-2010, msg),
  /** -2011 cancel rejected: unknown order. */
  cancelRejected: (): BinanceApiError => new BinanceApiError(-2011, 'Unknown order sent.'),
  /** -2013 Order does not exist. */
  noSuchOrder: (): BinanceApiError => new BinanceApiError(-2013, 'Order does not exist.'),
  /** -1125 This listenKey does not exist. */
  badListenKey: (): BinanceApiError => new BinanceApiError(-1125, 'This listenKey does not exist.'),
} as const;
