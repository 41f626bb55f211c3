// When a failed request is tried again, and after how long. Idempotent methods (GET, HEAD,
// OPTIONS, PUT, DELETE) retry network errors and 5xx answers with exponential backoff and full
// jitter, bounded by an attempt count, a maximum delay and a total time budget. Other methods
// (POST, PATCH) are retried only with `unsafe: true` — or when the request provably never left
// (the connection failed before it was written), which is safe for any method.
import { ConfigError, ExchangeUnavailableError, NetworkError } from '../errors.js';

/** Retry settings; a call's settings are merged over the client's. */
export interface RetryOptions {
  /** Total tries, the first included. Default 3; 1 disables retries. */
  attempts?: number;
  /** Backoff base: the cap before attempt n+1 is `baseDelayMs · 2^(n-1)`. Default 100. */
  baseDelayMs?: number;
  /** Largest single wait, ms. A Retry-After beyond it is not waited out. Default 2000. */
  maxDelayMs?: number;
  /** No retry starts later than this many ms after the call began. Default 5000. */
  budgetMs?: number;
  /** Also retry non-idempotent methods (POST, PATCH) after errors where the request may have arrived. */
  unsafe?: boolean;
  /** Source of jitter in [0, 1) (default `Math.random`); inject one for reproducible tests. */
  random?: () => number;
}

/** Methods safe to send twice. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Resolved retry settings. */
export class RetryPolicy {
  /** The policy used when none is given. */
  static readonly default = new RetryPolicy({});
  /** A policy that never retries. */
  static readonly none = new RetryPolicy({ attempts: 1 });

  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly budgetMs: number;
  readonly unsafe: boolean;
  readonly random: () => number;

  constructor(options: RetryOptions) {
    this.attempts = checkInt('retry.attempts', options.attempts ?? 3, 1);
    this.baseDelayMs = checkInt('retry.baseDelayMs', options.baseDelayMs ?? 100, 0);
    this.maxDelayMs = checkInt('retry.maxDelayMs', options.maxDelayMs ?? 2000, 0);
    this.budgetMs = checkInt('retry.budgetMs', options.budgetMs ?? 5000, 0);
    this.unsafe = options.unsafe ?? false;
    this.random = options.random ?? Math.random;
  }

  /** `false` → no retries; `undefined` → `base`; options → merged over `base`. */
  static resolve(
    options: RetryOptions | false | undefined,
    base: RetryPolicy = RetryPolicy.default,
  ): RetryPolicy {
    if (options === false) return RetryPolicy.none;
    if (options === undefined) return base;
    return new RetryPolicy({ ...base.toOptions(), ...options });
  }

  /** These settings as options. */
  toOptions(): RetryOptions {
    return {
      attempts: this.attempts,
      baseDelayMs: this.baseDelayMs,
      maxDelayMs: this.maxDelayMs,
      budgetMs: this.budgetMs,
      unsafe: this.unsafe,
      random: this.random,
    };
  }

  /**
   * The wait before the next try, or `undefined` when the call must give up. `attempt` is the
   * number of tries made so far; `sent` says whether the failed try may have reached the server.
   */
  nextDelay(
    method: string,
    error: unknown,
    sent: boolean,
    attempt: number,
    elapsedMs: number,
  ): number | undefined {
    if (attempt >= this.attempts) return undefined;
    const isNetwork = error instanceof NetworkError;
    if (!isNetwork && !(error instanceof ExchangeUnavailableError)) return undefined;
    const neverSent = isNetwork && !sent;
    if (!neverSent && !this.unsafe && !IDEMPOTENT_METHODS.has(method)) return undefined;
    const cap = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    let delay = Math.floor(this.random() * cap);
    const retryAfterMs = (error as ExchangeUnavailableError).details?.retryAfterMs;
    if (typeof retryAfterMs === 'number') {
      if (retryAfterMs > this.maxDelayMs) return undefined;
      delay = Math.max(delay, retryAfterMs);
    }
    if (elapsedMs + delay > this.budgetMs) return undefined;
    return delay;
  }
}

function checkInt(field: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min)
    throw new ConfigError(`${field} must be an integer ≥ ${min} (got ${String(value)})`);
  return value;
}
