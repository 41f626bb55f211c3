// Shared helpers of the ws tests: the generic venue's subscription protocol for WsPool, a clock
// that counts live timers (to prove none leak), resource counters, and an event wait that does
// not treat `error` events as failures (unlike node:events `once`).
import v8 from 'node:v8';
import vm from 'node:vm';
import { type Clock, type PoolProtocol, systemClock, type TimerHandle } from '@venuekit/base';

/** A message of the generic venue's /ws protocol. */
export interface GenericMessage {
  op?: string;
  id?: number;
  success?: boolean;
  error?: string;
  topic?: string;
  seq?: number;
  data?: unknown;
}

/** The generic venue's subscription protocol, as a WsPool adapter. */
export function genericProtocol(
  overrides: Partial<PoolProtocol<GenericMessage>> = {},
): PoolProtocol<GenericMessage> {
  return {
    venue: 'generic',
    subscribeMessage: (topics, id) => ({ op: 'subscribe', args: [...topics], id }),
    unsubscribeMessage: (topics, id) => ({ op: 'unsubscribe', args: [...topics], id }),
    matchAck: (m) =>
      (m.op === 'subscribe' || m.op === 'unsubscribe') && typeof m.id === 'number'
        ? { id: m.id, ok: m.success === true, error: m.error }
        : undefined,
    topicOf: (m) => m.topic,
    maxTopicsPerConnection: 1000,
    ...overrides,
  };
}

/** The system clock, counting timers set and not yet fired or cleared. */
export class TrackingClock implements Clock {
  readonly #live = new Set<TimerHandle>();
  now(): number {
    return Date.now();
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle = systemClock.setTimeout(() => {
      this.#live.delete(handle);
      fn();
    }, ms);
    this.#live.add(handle);
    return handle;
  }
  clearTimeout(handle: TimerHandle): void {
    this.#live.delete(handle);
    systemClock.clearTimeout(handle);
  }
  /** Timers pending right now. */
  get liveTimers(): number {
    return this.#live.size;
  }
}

/**
 * Counts of the process's socket resources by type (`TCPSocketWrap`, `TCPServerWrap`, …).
 * `Timeout` entries are left out: they are other libraries' ref'd timers that come and go with
 * timing (ws's closing timer); our own timers are counted exactly by {@link TrackingClock}.
 */
export function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) {
    if (type !== 'Timeout' && type !== 'Immediate') counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

/** Resolves with the arguments of the next `event` of `emitter` (any emitter with `once`). */
export function nextEvent<A extends unknown[] = unknown[]>(emitter: object, event: string): Promise<A> {
  const target = emitter as { once(event: string, fn: (...args: unknown[]) => void): unknown };
  return new Promise((resolve) => {
    target.once(event, (...args) => resolve(args as A));
  });
}

let gc: (() => void) | undefined;
/** Heap in use after a full collection (V8's gc exposed at runtime for this process). */
export function heapAfterGc(): number {
  if (gc === undefined) {
    v8.setFlagsFromString('--expose-gc');
    gc = vm.runInNewContext('gc') as () => void;
  }
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** A count that can be awaited: `until(n)` resolves once `count >= n`. */
export class Counter {
  count = 0;
  #waits: Array<{ n: number; resolve: () => void }> = [];
  /** Adds one and wakes the waits that are now satisfied. */
  increment(): void {
    this.count++;
    if (this.#waits.length === 0) return;
    const still: Array<{ n: number; resolve: () => void }> = [];
    for (const w of this.#waits) {
      if (this.count >= w.n) w.resolve();
      else still.push(w);
    }
    this.#waits = still;
  }
  /** Resolves once the count reaches `n`. */
  until(n: number): Promise<void> {
    if (this.count >= n) return Promise.resolve();
    return new Promise((resolve) => this.#waits.push({ n, resolve }));
  }
}
