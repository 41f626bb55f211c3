// Fault injection state of one simulator: the switches a test flips (stall, stop pings, HTTP
// status overrides, clock skew, latency) and the actions it triggers (drop all, malformed frames).
// The HTTP pipeline and the WebSocket hub read the switches; actions call back into the server.
import type { SimStatsCounter } from './stats.js';
import type { HttpStatusFault, SimFaults, SimHttpResponse } from './types.js';

/** What the faults need from the server to act. */
export interface FaultActions {
  /** Terminates every WebSocket connection and destroys every HTTP socket. */
  dropAll(): void;
  /** Sends `count` malformed text frames on every open WebSocket connection. */
  sendMalformed(count: number): void;
  /** Sends everything held during a stall. */
  flushHeld(): void;
}

interface StatusRule {
  status: number;
  retryAfterS: number | undefined;
  remaining: number;
  path: string | undefined;
  body: unknown;
}

/** The fault switches of one simulator; implements the public {@link SimFaults}. */
export class SimFaultState implements SimFaults {
  /** True while pongs are withheld. */
  pingsStopped = false;
  /** True while outgoing WS traffic and HTTP responses are held. */
  stalled = false;
  /** Milliseconds added to the clock. */
  skewMs = 0;
  /** Milliseconds added before each HTTP response. */
  latencyMs = 0;
  readonly #rules: StatusRule[] = [];
  #stallWaiters: Array<() => void> = [];
  readonly #actions: FaultActions;
  readonly #stats: SimStatsCounter;

  constructor(actions: FaultActions, stats: SimStatsCounter) {
    this.#actions = actions;
    this.#stats = stats;
  }

  dropAll(): void {
    this.#stats.faultsInjected++;
    this.#actions.dropAll();
  }

  stopPings(on = true): void {
    if (on && !this.pingsStopped) this.#stats.faultsInjected++;
    this.pingsStopped = on;
  }

  stall(on = true): void {
    if (on === this.stalled) return;
    this.stalled = on;
    if (on) {
      this.#stats.faultsInjected++;
      return;
    }
    this.#actions.flushHeld();
    this.#releaseStallWaiters();
  }

  sendMalformed(count = 1): void {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`sendMalformed(count): count must be a non-negative integer, got ${count}`);
    }
    this.#actions.sendMalformed(count);
  }

  httpStatus(opts: HttpStatusFault): void {
    const { status, retryAfterS, times = 1, path, body } = opts;
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new RangeError(`httpStatus: status must be an integer HTTP status (100-599), got ${status}`);
    }
    if (!(times > 0)) throw new RangeError(`httpStatus: times must be > 0, got ${times}`);
    this.#rules.push({ status, retryAfterS, remaining: times, path, body });
  }

  skewClock(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError(`skewClock(ms): ms must be a finite number, got ${ms}`);
    this.#stats.faultsInjected++;
    this.skewMs += ms;
  }

  httpLatency(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) {
      throw new RangeError(`httpLatency(ms): ms must be a finite number >= 0, got ${ms}`);
    }
    if (ms > 0) this.#stats.faultsInjected++;
    this.latencyMs = ms;
  }

  reset(): void {
    this.pingsStopped = false;
    this.skewMs = 0;
    this.latencyMs = 0;
    this.#rules.length = 0;
    this.stall(false);
  }

  /** Resolves when the stall ends (at once if not stalled). */
  whenUnstalled(): Promise<void> {
    if (!this.stalled) return Promise.resolve();
    return new Promise<void>((resolve) => this.#stallWaiters.push(resolve));
  }

  /** Consumes one use of the oldest status rule matching `path`, returning the response it dictates. */
  takeHttpStatus(path: string): SimHttpResponse | undefined {
    const index = this.#rules.findIndex((rule) => rule.path === undefined || rule.path === path);
    if (index < 0) return undefined;
    const rule = this.#rules[index]!;
    rule.remaining--;
    if (rule.remaining <= 0) this.#rules.splice(index, 1);
    this.#stats.faultsInjected++;
    const headers: Record<string, string> = {};
    if (rule.retryAfterS !== undefined) headers['retry-after'] = String(rule.retryAfterS);
    const json = rule.body !== undefined ? rule.body : defaultFaultBody(rule.status);
    return { status: rule.status, headers, json };
  }

  /** Releases every stall waiter without flushing (the server is closing). */
  releaseForClose(): void {
    this.#releaseStallWaiters();
  }

  #releaseStallWaiters(): void {
    const waiters = this.#stallWaiters;
    this.#stallWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

function defaultFaultBody(status: number): { code: string; msg: string } {
  const code =
    status === 429
      ? 'TOO_MANY_REQUESTS'
      : status === 418
        ? 'IP_BANNED'
        : status >= 500
          ? 'SERVER_ERROR'
          : `HTTP_${status}`;
  return { code, msg: `HTTP ${status} injected by the testkit simulator (faults.httpStatus)` };
}
