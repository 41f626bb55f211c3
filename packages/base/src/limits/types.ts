// The limiter contract transports depend on. `RateLimiter` in this folder implements it; a
// venue can supply its own (e.g. one that follows server-reported weights).

/** What a caller is about to do, for limiter rules to match on. */
export interface AcquireRequest {
  /** The endpoint path or stream name, matched against rules' glob patterns (e.g. `/api/v3/depth`). */
  endpoint?: string | undefined;
  /** HTTP method or operation kind (`GET`, `POST`, `ws:subscribe`, …). */
  method?: string | undefined;
  /** Multiplier of the rule's weight for this request (default 1). */
  weight?: number | undefined;
  /** Cancels the wait; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** Usage the server reported (e.g. Binance `X-MBX-USED-WEIGHT-1M`, Bybit `X-Bapi-Limit-Status`). */
export interface RateLimitObservation {
  /** Name of the rule the numbers belong to. */
  rule: string;
  /** Units used in the current window, per the server. */
  used: number;
  /** The window's limit, per the server (adopted if given). */
  limit?: number | undefined;
  /** When the server's window resets, in ms since the epoch, if it said. */
  resetAt?: number | undefined;
  /**
   * When the request that carried this report was admitted (clock ms). Units taken at or after
   * it are counted as still in flight and added on top of `used` (the reporting request's own
   * cost included, erring on the safe side); without it usage is only ever raised.
   */
  sentAt?: number | undefined;
  /** The endpoint the report is for, when the rule counts each endpoint separately (`perEndpoint`). */
  endpoint?: string | undefined;
}

/** The part of a rate limiter transports use. */
export interface Limiter {
  /** Resolves when the request may go; waits in FIFO order without polling. */
  acquire(request: AcquireRequest): Promise<void>;
  /** Takes capacity now if available; never waits. */
  tryAcquire(request: AcquireRequest): boolean;
  /** Adopts server-reported usage. */
  observe(observation: RateLimitObservation): void;
  /** Stops every request (or those matching `endpoint`) for `retryAfterMs`, after a 429 or a ban. */
  penalize(retryAfterMs: number, endpoint?: string): void;
}
