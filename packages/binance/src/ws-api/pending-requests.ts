// The requests of a WebSocket API session that await their answer, matched by id. Each has its
// own deadline (on the session's clock) and optional AbortSignal, and holds its limit reservation
// so the accounting learns how it ended. One timer serves every deadline: it is armed for the
// earliest and, when it fires, expires what is due and re-arms — no timer per request on the hot
// path. Ids are a per-session random prefix plus a counter: short (Binance allows 36 characters),
// unique within the session, and never reused.
import { randomBytes } from 'node:crypto';
import type { Clock, TimerHandle } from '@venuekit/base';
import type { LimitReservation } from './rate-limit-tracker.js';

/** A WebSocket API response frame. */
export interface WsApiResponse {
  id: string | number | null;
  status: number;
  result?: unknown;
  error?: { code?: number; msg?: string; data?: Record<string, unknown> };
  rateLimits?: unknown;
}

/** How a request ended without an answer. */
export type Unanswered = 'timeout' | 'aborted' | 'dropped' | 'stopped';

interface Entry extends UnansweredRequest {
  readonly resolve: (response: WsApiResponse) => void;
  readonly reject: (error: unknown) => void;
  /** Clock time the request times out. */
  readonly deadline: number;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

/** What a request needs to wait for its answer. */
export interface PendingOptions {
  method: string;
  /** The request's parameters as the caller gave them (a lost order names its client order id). */
  params?: Readonly<Record<string, unknown>> | undefined;
  reservation: LimitReservation;
  timeoutMs: number;
  signal: AbortSignal | undefined;
}

/** Builds the error of a request that got no answer (and settles its reservation). */
export type UnansweredHandler = (how: Unanswered, request: UnansweredRequest, reason: unknown) => unknown;

/** What is known of a request that got no answer. */
export interface UnansweredRequest {
  readonly method: string;
  /** The request's parameters as the caller gave them. */
  readonly params: Readonly<Record<string, unknown>> | undefined;
  readonly reservation: LimitReservation;
  readonly timeoutMs: number;
}

/** The requests in flight of one session. */
export class PendingRequests {
  readonly #clock: Clock;
  readonly #entries = new Map<string, Entry>();
  readonly #prefix = randomBytes(4).toString('hex');
  readonly #unanswered: UnansweredHandler;
  #counter = 0;
  #timer: TimerHandle | undefined;
  #timerAt = Number.POSITIVE_INFINITY;

  constructor(clock: Clock, unanswered: UnansweredHandler) {
    this.#clock = clock;
    this.#unanswered = unanswered;
  }

  /** Requests awaiting an answer. */
  get size(): number {
    return this.#entries.size;
  }

  /** A fresh request id. */
  nextId(): string {
    this.#counter++;
    return `${this.#prefix}-${this.#counter.toString(36)}`;
  }

  /** Waits for the answer to request `id`; rejects on timeout, abort, drop or stop. */
  add(id: string, options: PendingOptions): Promise<WsApiResponse> {
    return new Promise<WsApiResponse>((resolve, reject) => {
      const deadline = this.#clock.now() + options.timeoutMs;
      const entry: Entry = {
        method: options.method,
        params: options.params,
        reservation: options.reservation,
        timeoutMs: options.timeoutMs,
        resolve,
        reject,
        deadline,
        signal: options.signal,
        onAbort: undefined,
      };
      if (options.signal !== undefined) {
        const signal = options.signal;
        entry.onAbort = () => this.#fail(id, 'aborted', signal.reason);
        signal.addEventListener('abort', entry.onAbort, { once: true });
      }
      this.#entries.set(id, entry);
      if (deadline < this.#timerAt) this.#arm(deadline);
    });
  }

  /** Delivers a response; returns its reservation, or undefined when no request waits for this id (late answer). */
  resolve(id: string, response: WsApiResponse): LimitReservation | undefined {
    const entry = this.#take(id);
    if (entry === undefined) return undefined;
    entry.resolve(response);
    return entry.reservation;
  }

  /** Ends every request without an answer (connection dropped, session stopped). */
  failAll(how: 'dropped' | 'stopped'): void {
    for (const id of [...this.#entries.keys()]) this.#fail(id, how, undefined);
    this.#disarm();
  }

  #fail(id: string, how: Unanswered, reason: unknown): void {
    const entry = this.#take(id);
    if (entry === undefined) return;
    entry.reject(this.#unanswered(how, entry, reason));
  }

  #take(id: string): Entry | undefined {
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    this.#entries.delete(id);
    if (entry.onAbort !== undefined) entry.signal?.removeEventListener('abort', entry.onAbort);
    // The timer stays armed (re-arming per answer would cost more than one idle firing).
    return entry;
  }

  /** Arms the one timer for `at` (replacing a later one). */
  #arm(at: number): void {
    this.#disarm();
    this.#timerAt = at;
    this.#timer = this.#clock.setTimeout(this.#expire, Math.max(0, at - this.#clock.now()));
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  /** Times out every request that is due, then re-arms for the earliest left. */
  readonly #expire = (): void => {
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    const now = this.#clock.now();
    let next = Number.POSITIVE_INFINITY;
    const due: string[] = [];
    for (const [id, entry] of this.#entries) {
      if (entry.deadline <= now) due.push(id);
      else if (entry.deadline < next) next = entry.deadline;
    }
    for (const id of due) this.#fail(id, 'timeout', undefined);
    if (next !== Number.POSITIVE_INFINITY && next < this.#timerAt) this.#arm(next);
  };
}
