// RateLimiter: rules (sliding window, fixed window, token bucket; global or per-endpoint) in
// front of a venue. `acquire` resolves when every matching rule has room, all-or-nothing, in
// FIFO order, without polling: one clock timer is armed for the earliest moment a queued request
// could go. Server reports (`observe`) and 429s/bans (`penalize`) feed back into the same state.
import { type Clock, systemClock } from '../clock.js';
import { ValidationError, VenueError } from '../errors.js';
import { PenaltyBox, type PenaltyState } from './penalties.js';
import {
  checkWeight,
  type RequestPlan,
  RequestPlanner,
  type RuleState,
  slotCost,
  slotState,
} from './request-plan.js';
import { compileRules, type RateLimitRule } from './rules.js';
import type { AcquireRequest, Limiter, RateLimitObservation } from './types.js';

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Time source and timers (default: the system clock). Tests pass a `FakeClock`. */
  clock?: Clock | undefined;
}

interface Waiter {
  readonly plan: RequestPlan;
  readonly multiplier: number;
  readonly resolve: () => void;
  readonly reject: (reason: unknown) => void;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * A rate limiter over a list of rules. FIFO is per window: a request never overtakes an earlier
 * queued request that needs one of the same windows (a light request waits behind a heavy one),
 * while requests that share no window with the queue are not held up by it. A request held by
 * a penalty steps aside for requests the penalty does not cover.
 */
export class RateLimiter implements Limiter {
  readonly #clock: Clock;
  readonly #planner: RequestPlanner;
  readonly #penalties = new PenaltyBox();
  readonly #queue: Waiter[] = [];
  #timer: ReturnType<Clock['setTimeout']> | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #pass = 0;
  /** Bumped whenever a limit changes, so cached "fits at weight 1" checks are redone. */
  #limitsGeneration = 0;
  #closed: VenueError | undefined;

  /**
   * @param rules the rules; validated here (a mistake throws ConfigError naming the field).
   * @param options the clock to use.
   */
  constructor(rules: readonly RateLimitRule[], options: RateLimiterOptions = {}) {
    const clock = options.clock ?? systemClock;
    this.#planner = new RequestPlanner(compileRules(rules), () => clock.now());
    this.#clock = clock;
  }

  /**
   * Resolves when the request may go, taking its weight from every matching rule at once.
   * Rejects at once with ValidationError when the request is heavier than a rule's limit (it
   * could never pass), and with the signal's reason when `signal` aborts first.
   */
  acquire(request: AcquireRequest): Promise<void> {
    const signal = request.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const plan = this.#planner.plan(request.endpoint, request.method);
    const multiplier = request.weight ?? 1;
    const invalid = this.#closed ?? checkWeight(plan, multiplier, this.#limitsGeneration);
    if (invalid !== undefined) return Promise.reject(invalid);
    if (!this.#penalties.maybeActive && this.#admitNow(plan, multiplier, this.#clock.now())) return RESOLVED;
    return this.#enqueue(plan, multiplier, signal);
  }

  /**
   * Takes the request's weight now if it could go now without overtaking a queued request;
   * otherwise takes nothing and returns false. Throws ValidationError for an impossible weight.
   */
  tryAcquire(request: AcquireRequest): boolean {
    const plan = this.#planner.plan(request.endpoint, request.method);
    const multiplier = request.weight ?? 1;
    const invalid = this.#closed ?? checkWeight(plan, multiplier, this.#limitsGeneration);
    if (invalid !== undefined) throw invalid;
    const now = this.#clock.now();
    if (this.#penalties.until(plan, now) > now) return false;
    if (this.#penalties.maybeActive)
      return !this.#blockedByQueue(plan, now) && this.#takeIfFits(plan, multiplier, now);
    return this.#admitNow(plan, multiplier, now);
  }

  /** Waits for {@link RateLimiter.acquire}, then runs `fn` and returns its result. */
  async run<T>(request: AcquireRequest, fn: () => T | Promise<T>): Promise<T> {
    await this.acquire(request);
    return await fn();
  }

  /**
   * Adopts usage the server reported for rule `observation.rule` (and `endpoint`, for
   * per-endpoint rules): a higher figure is adopted; a lower one only with `sentAt`, and never
   * below what was taken locally since then. A new `limit` is adopted. Returns false when no
   * such rule (or slot) exists.
   */
  observe(observation: RateLimitObservation): boolean {
    const { used, limit, resetAt, sentAt } = observation;
    if (!Number.isFinite(used) || used < 0)
      throw new ValidationError(`RateLimiter.observe: used must be a finite number >= 0, got ${used}`);
    if (limit !== undefined && !(Number.isFinite(limit) && limit > 0))
      throw new ValidationError(`RateLimiter.observe: limit must be a finite number > 0, got ${limit}`);
    const rule = this.#planner.rule(observation.rule);
    const slot = rule && this.#planner.slotOf(rule, observation.endpoint);
    if (slot === undefined) return false;
    const now = this.#clock.now();
    if (limit !== undefined && limit !== slot.window.limit) {
      slot.window.setLimit(limit);
      this.#limitsGeneration++;
    }
    slot.window.adopt(now, used, { resetAt, sentAt });
    if (this.#queue.length > 0) this.#drain();
    return true;
  }

  /**
   * Blocks every request, or those matching the `endpoint` pattern (`'/api/v3/order'`,
   * `'/sapi/**'`, `'POST /api/v3/order'`), for `retryAfterMs` — after a 429, a 418 ban or a
   * venue's "too many requests" code. Queued requests wait it out; none is dropped.
   */
  penalize(retryAfterMs: number, endpoint?: string): void {
    if (!Number.isFinite(retryAfterMs) || retryAfterMs < 0)
      throw new ValidationError(
        `RateLimiter.penalize: retryAfterMs must be a finite number >= 0, got ${retryAfterMs}`,
      );
    if (retryAfterMs === 0) return;
    this.#penalties.add(this.#clock.now() + retryAfterMs, endpoint);
    if (this.#queue.length > 0) this.#drain();
  }

  /** Current figures of every window, keyed by rule name (`"name endpoint"` for per-endpoint rules). */
  state(): Record<string, RuleState> {
    const now = this.#clock.now();
    const out: Record<string, RuleState> = {};
    for (const slot of this.#planner.slots()) out[slot.key] = slotState(slot, now);
    return out;
  }

  /** Active penalties. */
  penalties(): PenaltyState[] {
    return this.#penalties.list(this.#clock.now());
  }

  /** Number of queued requests. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Rejects every queued request and any later one; cancels the timer. */
  close(reason = 'RateLimiter closed'): void {
    this.#closed ??= new VenueError(reason);
    this.#disarm();
    const queue = this.#queue.splice(0);
    for (const w of queue) this.#settle(w, this.#closed);
  }

  /** Same as {@link RateLimiter.close}. */
  [Symbol.dispose](): void {
    this.close();
  }

  /** No-penalty path: takes now if nothing queued shares a slot and every slot has room. */
  #admitNow(plan: RequestPlan, multiplier: number, now: number): boolean {
    const slots = plan.slots;
    for (let i = 0; i < slots.length; i++) if (slots[i]!.waiting > 0) return false;
    return this.#takeIfFits(plan, multiplier, now);
  }

  #takeIfFits(plan: RequestPlan, multiplier: number, now: number): boolean {
    const slots = plan.slots;
    for (let i = 0; i < slots.length; i++)
      if (slots[i]!.window.waitMs(now, slotCost(plan, i, multiplier)) > 0) return false;
    for (let i = 0; i < slots.length; i++) slots[i]!.window.take(now, slotCost(plan, i, multiplier));
    return true;
  }

  /** True when a queued request not held by a penalty needs one of `plan`'s slots. */
  #blockedByQueue(plan: RequestPlan, now: number): boolean {
    for (const w of this.#queue) {
      if (this.#penalties.until(w.plan, now) > now) continue;
      for (const s of w.plan.slots) if (plan.slots.includes(s)) return true;
    }
    return false;
  }

  #enqueue(plan: RequestPlan, multiplier: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { plan, multiplier, resolve, reject, signal, onAbort: undefined };
      if (signal !== undefined) {
        waiter.onAbort = () => this.#cancel(waiter);
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      // Behind a queued request that shares a slot (and no penalty to step around): the timer
      // armed for the queue already covers this one, so skip the walk.
      let behind = false;
      for (const slot of plan.slots) if (slot.waiting++ > 0) behind = true;
      this.#queue.push(waiter);
      if (!behind || this.#penalties.maybeActive) this.#drain();
    });
  }

  #cancel(waiter: Waiter): void {
    const i = this.#queue.indexOf(waiter);
    if (i < 0) return;
    this.#queue.splice(i, 1);
    this.#settle(waiter, waiter.signal?.reason);
    this.#drain();
  }

  /** Removes a waiter's bookkeeping and resolves (`error` undefined) or rejects it. */
  #settle(waiter: Waiter, error: unknown): void {
    for (const slot of waiter.plan.slots) slot.waiting--;
    if (waiter.onAbort) waiter.signal!.removeEventListener('abort', waiter.onAbort);
    if (error === undefined) waiter.resolve();
    else waiter.reject(error);
  }

  /**
   * Walks the queue in order, admitting every request that has room and is not behind an
   * earlier request needing one of its slots; then arms one timer for the earliest moment a
   * remaining request could go (a window freeing room, or a penalty ending).
   */
  #drain(): void {
    const queue = this.#queue;
    const now = this.#clock.now();
    const pass = ++this.#pass;
    let wakeAt = Number.POSITIVE_INFINITY;
    let kept = 0;
    for (let read = 0; read < queue.length; read++) {
      const waiter = queue[read]!;
      const slots = waiter.plan.slots;
      const held = this.#penalties.until(waiter.plan, now);
      if (held > now) {
        if (held < wakeAt) wakeAt = held;
        queue[kept++] = waiter;
        continue;
      }
      let behind = false;
      for (const slot of slots) if (slot.blockedPass === pass) behind = true;
      if (!behind) {
        const invalid = checkWeight(waiter.plan, waiter.multiplier, this.#limitsGeneration);
        if (invalid !== undefined) {
          this.#settle(waiter, invalid); // a new, lower limit made it impossible
          continue;
        }
        let wait = 0;
        for (let i = 0; i < slots.length; i++) {
          const w = slots[i]!.window.waitMs(now, slotCost(waiter.plan, i, waiter.multiplier));
          if (w > wait) wait = w;
        }
        if (wait <= 0) {
          for (let i = 0; i < slots.length; i++)
            slots[i]!.window.take(now, slotCost(waiter.plan, i, waiter.multiplier));
          this.#settle(waiter, undefined);
          continue;
        }
        if (now + wait < wakeAt) wakeAt = now + wait;
      }
      for (const slot of slots) slot.blockedPass = pass;
      queue[kept++] = waiter;
    }
    queue.length = kept;
    this.#arm(wakeAt, now);
  }

  #arm(wakeAt: number, now: number): void {
    if (wakeAt === this.#timerAt) return;
    this.#disarm();
    if (wakeAt === Number.POSITIVE_INFINITY) return;
    this.#timerAt = wakeAt;
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = undefined;
        this.#timerAt = Number.POSITIVE_INFINITY;
        this.#drain();
      },
      Math.max(0, Math.ceil(wakeAt - now)),
      { keepAlive: true }, // armed only while somebody awaits acquire()
    );
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }
}
