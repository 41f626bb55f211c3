// The VenueError hierarchy: every error venuekit throws to users is one of these. Each carries
// the venue it came from, the venue's own code and message where there is one, and a `cause`.
// Nothing here ever prints a secret: `redactSecrets` scrubs messages and details on the way in,
// and `toJSON()` / `inspect` show only the safe fields.
import { inspect } from 'node:util';

/** Fields every venue error can carry besides its message. */
export interface VenueErrorOptions {
  /** The venue the error relates to (`'binance'`, `'bybit'`, …), or `undefined` for venue-independent errors. */
  venue?: string | undefined;
  /** The venue's own error code (`-1021`, `10002`, …) where the venue gave one. */
  code?: string | number | undefined;
  /** The venue's own error message, verbatim (after secret redaction). */
  venueMessage?: string | undefined;
  /** HTTP status code, when the error came from an HTTP response. */
  status?: number | undefined;
  /** The underlying error, if any. */
  cause?: unknown;
  /** Extra, non-secret context (request path, symbol, …) shown in `toJSON()`. */
  details?: Record<string, unknown> | undefined;
}

const secretRegistry = new Set<string>();
/** The registered secrets, longest first, so a secret that contains another is redacted whole. */
let secretsLongestFirst: string[] = [];

function rebuildSecretOrder(): void {
  secretsLongestFirst = [...secretRegistry].sort((a, b) => b.length - a.length);
}

/**
 * Registers a secret value (API secret, key, passphrase, listen key) so that any error message,
 * detail or log line that contains it is redacted. Credentials register themselves on creation;
 * call this for any other sensitive string. Values shorter than 6 characters are ignored, as
 * redacting them would mangle ordinary text.
 */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value === 'string' && value.length >= 6 && !secretRegistry.has(value)) {
    secretRegistry.add(value);
    rebuildSecretOrder();
  }
}

/** Forgets a secret registered with {@link registerSecret}. */
export function unregisterSecret(value: string): void {
  if (secretRegistry.delete(value)) rebuildSecretOrder();
}

/**
 * Replaces every registered secret inside `text` with `[REDACTED]`. Longer secrets are replaced
 * first, so when one secret contains another (a key that prefixes a secret) no fragment is left.
 */
export function redactSecrets(text: string): string {
  if (secretsLongestFirst.length === 0) return text;
  let out = text;
  for (const secret of secretsLongestFirst) {
    if (out.includes(secret)) out = out.replaceAll(secret, '[REDACTED]');
  }
  return out;
}

const MAX_DETAIL_DEPTH = 5;

/**
 * A JSON-safe, secret-free copy of a `details` value: strings are redacted, bigints become
 * strings, errors become `{ name, message }`, objects with `toJSON` (credentials, URLs, dates)
 * are converted first, binary data is summarised, and anything nested deeper than five levels
 * (or cyclic) is cut off rather than passed through unredacted.
 */
function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DETAIL_DEPTH) return '[…]';
  if (value instanceof Error) return { name: value.name, message: redactSecrets(value.message) };
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.byteLength} bytes]`;
  if (value instanceof Map) return redactValue(Object.fromEntries(value), depth + 1);
  if (value instanceof Set) return redactValue([...value], depth + 1);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return redactValue(toJSON.call(value), depth + 1);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, depth + 1);
  return out;
}

/** Base class of every error venuekit throws to users. */
export class VenueError extends Error {
  override name = 'VenueError';
  /** The venue the error relates to, if any. */
  readonly venue: string | undefined;
  /** The venue's own error code, if the venue sent one. */
  readonly code: string | number | undefined;
  /** The venue's own error message, if the venue sent one (redacted). */
  readonly venueMessage: string | undefined;
  /** HTTP status, when the error came from an HTTP response. */
  readonly status: number | undefined;
  /** Extra non-secret context. */
  readonly details: Record<string, unknown> | undefined;

  constructor(message: string, options: VenueErrorOptions = {}) {
    super(redactSecrets(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.venue = options.venue;
    this.code = typeof options.code === 'string' ? redactSecrets(options.code) : options.code;
    this.venueMessage = options.venueMessage === undefined ? undefined : redactSecrets(options.venueMessage);
    this.status = options.status;
    this.details =
      options.details === undefined ? undefined : (redactValue(options.details) as Record<string, unknown>);
  }

  /** A plain, secret-free object for logs and JSON output. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.name, message: this.message };
    if (this.venue !== undefined) out.venue = this.venue;
    if (this.code !== undefined) out.code = this.code;
    if (this.venueMessage !== undefined) out.venueMessage = this.venueMessage;
    if (this.status !== undefined) out.status = this.status;
    if (this.details !== undefined) out.details = this.details;
    if (this.cause instanceof Error)
      out.cause = { name: this.cause.name, message: redactSecrets(this.cause.message) };
    else if (typeof this.cause === 'string') out.cause = redactSecrets(this.cause);
    return out;
  }

  /** Node's `util.inspect` shows the same safe fields as `toJSON()` plus the stack. */
  [inspect.custom](): string {
    const { name, message, ...rest } = this.toJSON();
    const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    const stack = redactSecrets(this.stack ?? '')
      .split('\n')
      .slice(1)
      .join('\n');
    return `${String(name)}: ${String(message)}${extra}${stack ? `\n${stack}` : ''}`;
  }
}

/** The connection failed, was reset, or the DNS lookup failed. Retryable. */
export class NetworkError extends VenueError {
  override name = 'NetworkError';
}
/** A request got no answer within its timeout. Retryable. */
export class RequestTimeoutError extends NetworkError {
  override name = 'RequestTimeoutError';
}
/** The venue is in maintenance or answered 5xx. Retryable later. */
export class ExchangeUnavailableError extends VenueError {
  override name = 'ExchangeUnavailableError';
}
/** Key, signature or passphrase was rejected. */
export class AuthenticationError extends VenueError {
  override name = 'AuthenticationError';
}
/** The key is valid but lacks the permission (or IP whitelist) for this action. */
export class PermissionDeniedError extends AuthenticationError {
  override name = 'PermissionDeniedError';
}
/** Options carried by {@link RateLimitError}. */
export interface RateLimitErrorOptions extends VenueErrorOptions {
  /** How long to wait before trying again, in milliseconds, when known. */
  retryAfterMs?: number | undefined;
}
/** A rate limit was hit (HTTP 429, or a venue code meaning the same). Wait `retryAfterMs`. */
export class RateLimitError extends VenueError {
  override name = 'RateLimitError';
  /** Milliseconds to wait before the next request, when the venue said. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: RateLimitErrorOptions = {}) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }
  override toJSON(): Record<string, unknown> {
    const out = super.toJSON();
    if (this.retryAfterMs !== undefined) out.retryAfterMs = this.retryAfterMs;
    return out;
  }
}
/** The IP is banned for a while (Binance 418). No request should leave until it ends. */
export class IpBannedError extends RateLimitError {
  override name = 'IpBannedError';
}
/** The venue refused the order's parameters (price filter, lot size, post-only would cross, …). */
export class InvalidOrderError extends VenueError {
  override name = 'InvalidOrderError';
}
/** The account has not enough balance or margin for the order. */
export class InsufficientFundsError extends InvalidOrderError {
  override name = 'InsufficientFundsError';
}
/** The order does not exist (never did, or already filled/cancelled and purged). */
export class OrderNotFoundError extends VenueError {
  override name = 'OrderNotFoundError';
}
/**
 * An order request was sent, but the answer does not say whether the venue took it (a venue-side
 * timeout, a server error, a garbled reply). Deliberately not retryable: sending the same order
 * again could double it. Look the order up by its client id first (`details.clientOrderId` or the
 * venue's own field when the request carried one).
 */
export class OrderOutcomeUnknownError extends VenueError {
  override name = 'OrderOutcomeUnknownError';
}
/** The request was malformed or a parameter was rejected. */
export class BadRequestError extends VenueError {
  override name = 'BadRequestError';
}
/** The venue does not know the symbol. */
export class BadSymbolError extends BadRequestError {
  override name = 'BadSymbolError';
}
/** No feed is registered under the requested id. */
export class ExchangeNotFoundError extends VenueError {
  override name = 'ExchangeNotFoundError';
}
/** The timestamp or nonce was rejected: the local clock is off, or recvWindow too small. */
export class InvalidNonceError extends VenueError {
  override name = 'InvalidNonceError';
}
/** A locally maintained order book no longer matches the venue's checksum. */
export class ChecksumError extends VenueError {
  override name = 'ChecksumError';
}
/** A sequence number was skipped: updates were lost and the local state must be resynced. */
export class SequenceGapError extends VenueError {
  override name = 'SequenceGapError';
}
/** A subscription was refused, or its acknowledgement did not arrive in time. */
export class SubscriptionError extends VenueError {
  override name = 'SubscriptionError';
}
/** The operation is not supported by this venue or feed. */
export class NotSupportedError extends VenueError {
  override name = 'NotSupportedError';
}
/** Options, config files or plugin shapes are invalid. */
export class ConfigError extends VenueError {
  override name = 'ConfigError';
}
/** A value (user order, venue response in strict mode, …) failed validation. */
export class ValidationError extends VenueError {
  override name = 'ValidationError';
}

/** True for errors caused by the network (connection, reset, timeout). */
export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError;
}

/**
 * True when retrying the same request later may succeed: network errors, timeouts, rate
 * limits (after `retryAfterMs`), venue unavailability, clock skew (after a re-sync) and book
 * resync conditions. False for authentication, validation and business errors.
 */
export function isRetryable(error: unknown): boolean {
  return (
    error instanceof NetworkError ||
    error instanceof ExchangeUnavailableError ||
    (error instanceof RateLimitError && !(error instanceof IpBannedError)) ||
    error instanceof InvalidNonceError ||
    error instanceof SequenceGapError ||
    error instanceof ChecksumError
  );
}

/**
 * True when the user can fix the cause by changing their input or waiting: bad symbol, invalid
 * order, insufficient funds, invalid config, rate limit.
 */
export function isUserRecoverable(error: unknown): boolean {
  return (
    error instanceof BadSymbolError ||
    error instanceof InvalidOrderError ||
    error instanceof ConfigError ||
    error instanceof ValidationError ||
    error instanceof RateLimitError
  );
}

/** True for authentication and permission errors. */
export function isAuthError(error: unknown): error is AuthenticationError {
  return error instanceof AuthenticationError;
}

/** True for rate-limit errors, bans included. */
export function isRateLimitError(error: unknown): error is RateLimitError {
  return error instanceof RateLimitError;
}

/** A VenueError subclass, as named in a venue's code table. */
export type VenueErrorClass = new (message: string, options?: RateLimitErrorOptions) => VenueError;

/** What a venue reported about a failure, as {@link createVenueErrorMapper} sees it. */
export interface VenueErrorReport {
  /** The venue's own error code (`-2010`, `10001`, `'ERR_RATE_LIMIT'`), if any. */
  code?: string | number | undefined;
  /** The venue's own message, verbatim. */
  message?: string | undefined;
  /** HTTP status, when the failure came from an HTTP response. */
  status?: number | undefined;
  /** Milliseconds to wait (from `Retry-After` or the venue's ban end), if known. */
  retryAfterMs?: number | undefined;
  /** Extra non-secret context (endpoint, symbol, order id). */
  details?: Record<string, unknown> | undefined;
  /** The underlying error, if any. */
  cause?: unknown;
}

/** A venue's error-code table for {@link createVenueErrorMapper}. */
export interface VenueErrorTable {
  /** The venue name every produced error carries. */
  venue: string;
  /** The venue's codes mapped to error classes; looked up first (numbers and strings alike). */
  codes?: Readonly<Record<string, VenueErrorClass>> | undefined;
  /** Message patterns, tried in order when the code is unknown or absent. */
  messages?: ReadonlyArray<readonly [RegExp, VenueErrorClass]> | undefined;
  /** Per-venue HTTP status overrides, tried before {@link errorClassForStatus}. */
  statuses?: Readonly<Record<number, VenueErrorClass>> | undefined;
}

/**
 * The error class an HTTP status means when the venue gave no more specific code:
 * 400/404/405/409/422 bad request, 401 authentication, 403 permission, 408 timeout,
 * 418 IP ban, 429 rate limit, 5xx unavailable; anything else `VenueError`.
 */
export function errorClassForStatus(status: number | undefined): VenueErrorClass {
  if (status === undefined) return VenueError;
  if (status === 401) return AuthenticationError;
  if (status === 403) return PermissionDeniedError;
  if (status === 408) return RequestTimeoutError;
  if (status === 418) return IpBannedError;
  if (status === 429) return RateLimitError;
  if (status >= 500 && status <= 599) return ExchangeUnavailableError;
  if (status >= 400 && status <= 499) return BadRequestError;
  return VenueError;
}

/**
 * The hook a venue package uses to turn what its venue reported into the right VenueError:
 * the venue's code is looked up in `codes`, then the message is matched against `messages`,
 * then the HTTP status decides. The error's message reads
 * `"<venue>: <venue message> (code <code>, HTTP <status>)"`, with secrets redacted.
 *
 * ```ts
 * const toError = createVenueErrorMapper({ venue: 'binance', codes: { '-1021': InvalidNonceError } });
 * throw toError({ code: -1021, message: 'Timestamp outside of recvWindow', status: 400 });
 * ```
 */
export function createVenueErrorMapper(table: VenueErrorTable): (report: VenueErrorReport) => VenueError {
  const codes = table.codes ?? {};
  const messages = table.messages ?? [];
  const statuses = table.statuses ?? {};
  return (report) => {
    const venueMessage = report.message;
    let ErrorClass: VenueErrorClass | undefined =
      report.code === undefined ? undefined : codes[String(report.code)];
    if (!ErrorClass && venueMessage !== undefined) {
      for (const [pattern, cls] of messages) {
        pattern.lastIndex = 0;
        if (pattern.test(venueMessage)) {
          ErrorClass = cls;
          break;
        }
      }
    }
    if (!ErrorClass && report.status !== undefined) ErrorClass = statuses[report.status];
    ErrorClass ??= errorClassForStatus(report.status);
    const facts: string[] = [];
    if (report.code !== undefined) facts.push(`code ${report.code}`);
    if (report.status !== undefined) facts.push(`HTTP ${report.status}`);
    const text = venueMessage && venueMessage.length > 0 ? venueMessage : 'request failed';
    return new ErrorClass(`${table.venue}: ${text}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`, {
      venue: table.venue,
      code: report.code,
      venueMessage,
      status: report.status,
      retryAfterMs: report.retryAfterMs,
      details: report.details,
      cause: report.cause,
    });
  };
}
