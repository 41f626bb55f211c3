// The reconnect schedule of a WebSocketApp: exponential backoff with jitter, a cap, a limit on
// consecutive attempts, and a reset once a connection has proved itself by staying up.
import { ConfigError } from '../errors.js';

/** How a {@link WebSocketApp} waits between connection attempts. */
export interface ReconnectOptions {
  /** Delay before the first retry, in ms (default 3000, as the Bitfinex seed's "3 s"). */
  initialDelayMs?: number;
  /** Upper bound of any delay, in ms (default 60 000). */
  maxDelayMs?: number;
  /** Growth of the delay per consecutive attempt (default 2: 3, 6, 12, 24, 48, 60, 60 … s). */
  factor?: number;
  /**
   * Fraction of each delay that is randomised, in [0, 1] (default 0.2): the wait is drawn from
   * `[delay × (1 − jitter), delay]`, so a fleet of clients does not reconnect in lockstep.
   */
  jitter?: number;
  /**
   * Consecutive attempts allowed without reaching a stable connection (default `Infinity`).
   * When exceeded, the app closes for good and `wait()` rejects with a `NetworkError`.
   */
  maxAttempts?: number;
  /**
   * A connection that stays open this long (ms) resets the schedule to `initialDelayMs`
   * (default 10 000). A connection the venue drops at once keeps backing off instead of
   * hammering the venue.
   */
  resetAfterMs?: number;
  /** Source of randomness in [0, 1) for the jitter (default `Math.random`); for tests. */
  random?: () => number;
}

/** {@link ReconnectOptions} with every default applied. */
export type ResolvedReconnectOptions = Required<ReconnectOptions>;

/** The defaults: 3 s doubling to 60 s, 20 % jitter, unlimited attempts, reset after 10 s up. */
export const DEFAULT_RECONNECT: Readonly<ResolvedReconnectOptions> = Object.freeze({
  initialDelayMs: 3000,
  maxDelayMs: 60_000,
  factor: 2,
  jitter: 0.2,
  maxAttempts: Number.POSITIVE_INFINITY,
  resetAfterMs: 10_000,
  random: Math.random,
});

function nonNegative(name: string, value: number): number {
  if (!(value >= 0)) throw new ConfigError(`reconnect.${name} must be a number ≥ 0, got ${String(value)}`);
  return value;
}

/** Applies defaults to `options` and checks each field, throwing `ConfigError` naming the bad one. */
export function resolveReconnectOptions(options: ReconnectOptions = {}): ResolvedReconnectOptions {
  const o = { ...DEFAULT_RECONNECT, ...options };
  nonNegative('initialDelayMs', o.initialDelayMs);
  nonNegative('maxDelayMs', o.maxDelayMs);
  nonNegative('maxAttempts', o.maxAttempts);
  nonNegative('resetAfterMs', o.resetAfterMs);
  if (!(o.factor >= 1))
    throw new ConfigError(`reconnect.factor must be a number ≥ 1, got ${String(o.factor)}`);
  if (!(o.jitter >= 0 && o.jitter <= 1))
    throw new ConfigError(`reconnect.jitter must be a number in [0, 1], got ${String(o.jitter)}`);
  if (o.maxDelayMs < o.initialDelayMs)
    throw new ConfigError(
      `reconnect.maxDelayMs (${o.maxDelayMs}) must not be below reconnect.initialDelayMs (${o.initialDelayMs})`,
    );
  return o;
}

/** Counts consecutive attempts and hands out the delay before each. */
export class Backoff {
  readonly #options: ResolvedReconnectOptions;
  #attempt = 0;

  constructor(options: ResolvedReconnectOptions) {
    this.#options = options;
  }

  /** Attempts made since the last reset. */
  get attempt(): number {
    return this.#attempt;
  }

  /** True when another attempt would exceed `maxAttempts`. */
  get exhausted(): boolean {
    return this.#attempt >= this.#options.maxAttempts;
  }

  /** Counts one more attempt and returns the delay (ms) to wait before making it. */
  next(): number {
    const { initialDelayMs, maxDelayMs, factor, jitter, random } = this.#options;
    const base = Math.min(initialDelayMs * factor ** this.#attempt, maxDelayMs);
    this.#attempt++;
    return Math.round(base * (1 - jitter * random()));
  }

  /** Starts the schedule over (after a stable connection). */
  reset(): void {
    this.#attempt = 0;
  }
}
