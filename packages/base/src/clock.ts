// Time as an injectable dependency. Everything in venuekit that reads the time or waits takes a
// `Clock`, so tests can drive time by hand (`FakeClock`) and signers can follow the venue's
// clock (`ServerOffsetClock`) instead of the machine's.

/** An opaque handle returned by {@link Clock.setTimeout}. */
export type TimerHandle = { readonly __timer: unique symbol } | object;

/** How a timer relates to the process's lifetime. */
export interface TimerOptions {
  /**
   * Keep the process alive while the timer is pending (default `false`). Background timers
   * (heartbeats, sweepers, idle closes) must not hold a process open; a wait somebody awaits
   * (a retry backoff, a rate-limit wait, a reconnect delay) must, or a script whose only pending
   * work is that wait would exit mid-await (Node's exit code 13) instead of carrying on.
   */
  keepAlive?: boolean | undefined;
}

/** A source of time and timers. */
export interface Clock {
  /** Milliseconds since the Unix epoch, as the clock sees it. */
  now(): number;
  /**
   * Runs `fn` after `ms` milliseconds of this clock's time. The timer does not keep the process
   * alive unless `options.keepAlive` is set.
   */
  setTimeout(fn: () => void, ms: number, options?: TimerOptions): TimerHandle;
  /** Cancels a timer; cancelling an expired or unknown timer does nothing. */
  clearTimeout(handle: TimerHandle): void;
}

/** Node's timers overflow past 2^31 - 1 ms (about 24.8 days) and would fire after 1 ms instead. */
const MAX_NODE_TIMEOUT_MS = 2_147_483_647;

/** A timer longer than Node allows, run as a chain of shorter timers. */
class LongTimer {
  timer: NodeJS.Timeout | undefined;
  cancelled = false;
}

/**
 * The machine's clock: `Date.now()` and Node timers, unref'd unless `keepAlive` is asked for.
 * Delays longer than Node's timer limit (about 24.8 days: a long ban, a month-long cache TTL)
 * are chained, not fired early.
 */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
  setTimeout(fn: () => void, ms: number, options?: TimerOptions): TimerHandle {
    const keepAlive = options?.keepAlive === true;
    if (!(ms > MAX_NODE_TIMEOUT_MS)) {
      const t = setTimeout(fn, Math.max(0, ms));
      if (!keepAlive) t.unref();
      return t;
    }
    const handle = new LongTimer();
    const due = Date.now() + ms;
    const arm = (): void => {
      if (handle.cancelled) return;
      const left = due - Date.now();
      if (left <= 0) {
        fn();
        return;
      }
      handle.timer = setTimeout(arm, Math.min(left, MAX_NODE_TIMEOUT_MS));
      if (!keepAlive) handle.timer.unref();
    };
    arm();
    return handle;
  }
  clearTimeout(handle: TimerHandle): void {
    if (handle instanceof LongTimer) {
      handle.cancelled = true;
      if (handle.timer) clearTimeout(handle.timer);
      return;
    }
    clearTimeout(handle as NodeJS.Timeout);
  }
}

/** The shared system clock instance. */
export const systemClock: Clock = new SystemClock();

interface FakeTimer {
  id: number;
  at: number;
  fn: () => void;
}

/**
 * A clock that moves only when told. Timers fire in order of due time (then creation order)
 * during {@link FakeClock.advance}, synchronously, with `now()` set to each timer's due time.
 */
export class FakeClock implements Clock {
  #now: number;
  #timers: FakeTimer[] = [];
  #nextId = 1;

  /** @param start the initial time in ms since the epoch (default 1,700,000,000,000). */
  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }
  now(): number {
    return this.#now;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer: FakeTimer = { id: this.#nextId++, at: this.#now + Math.max(0, ms), fn };
    this.#timers.push(timer);
    return timer;
  }
  clearTimeout(handle: TimerHandle): void {
    const i = this.#timers.indexOf(handle as FakeTimer);
    if (i >= 0) this.#timers.splice(i, 1);
  }
  /** Number of timers still pending. */
  get pendingTimers(): number {
    return this.#timers.length;
  }
  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.#now + ms;
    for (;;) {
      const next = this.#earliestDue(target);
      if (!next) break;
      this.#timers.splice(this.#timers.indexOf(next), 1);
      this.#now = next.at;
      next.fn();
    }
    this.#now = target;
  }
  /** Sets the time to `ms` (forward only), firing due timers. */
  set(ms: number): void {
    if (ms > this.#now) this.advance(ms - this.#now);
  }
  /**
   * Advances in steps and yields to the microtask queue between them, so promise chains that
   * schedule new timers get to run. Use it to drive async code under a fake clock.
   */
  async advanceAsync(ms: number, step = ms): Promise<void> {
    if (!(step > 0) && ms > 0) throw new RangeError(`advanceAsync step must be > 0 ms, got ${step}`);
    let left = ms;
    await flushMicrotasks();
    while (left > 0) {
      const d = Math.min(step, left);
      this.advance(d);
      left -= d;
      await flushMicrotasks();
    }
  }
  #earliestDue(limit: number): FakeTimer | undefined {
    let best: FakeTimer | undefined;
    for (const t of this.#timers) {
      if (t.at <= limit && (!best || t.at < best.at || (t.at === best.at && t.id < best.id))) best = t;
    }
    return best;
  }
}

/** Resolves after pending microtasks (and one macrotask turn) have run. */
export function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A clock that follows a venue's server time: `now()` is the base clock plus an offset learnt
 * from the venue (`serverTime - localTime`, with half the round trip accounted for). Signers
 * take their timestamps from it so `recvWindow` errors from local clock drift go away.
 */
export class ServerOffsetClock implements Clock {
  #offset = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): number {
    return this.base.now() + this.#offset;
  }
  setTimeout(fn: () => void, ms: number, options?: TimerOptions): TimerHandle {
    return this.base.setTimeout(fn, ms, options);
  }
  clearTimeout(handle: TimerHandle): void {
    this.base.clearTimeout(handle);
  }
  /** The current offset, in ms, added to the base clock. */
  get offsetMs(): number {
    return this.#offset;
  }
  /** Sets the offset directly. */
  setOffset(ms: number): void {
    this.#offset = ms;
  }
  /**
   * Learns the offset from one round trip: `sentAt` and `receivedAt` are base-clock times
   * around the request, `serverTime` is what the venue reported.
   */
  observe(serverTime: number, sentAt: number, receivedAt: number): void {
    this.#offset = serverTime - (sentAt + (receivedAt - sentAt) / 2);
  }
  /** Fetches the server time with `fetchServerTime` and adopts the offset. */
  async sync(fetchServerTime: () => Promise<number>): Promise<number> {
    const sentAt = this.base.now();
    const serverTime = await fetchServerTime();
    this.observe(serverTime, sentAt, this.base.now());
    return this.#offset;
  }
}

/**
 * A promise that resolves after `ms` of `clock` time, or rejects with the signal's reason. The
 * wait keeps the process alive: something is awaiting it.
 */
export function sleep(ms: number, options: { clock?: Clock; signal?: AbortSignal } = {}): Promise<void> {
  const clock = options.clock ?? systemClock;
  const signal = options.signal;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clock.clearTimeout(handle);
      reject(signal?.reason);
    };
    const handle = clock.setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      ms,
      { keepAlive: true },
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
