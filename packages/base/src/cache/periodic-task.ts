// A task that runs every `intervalMs` on a Clock's timers: the cache sweeper and the client
// cache's cleanup task. It never keeps the process alive (the system clock's timers are
// unref'd), stops with `stop()` or `using`, and a throwing run does not stop later runs.
import type { Clock, TimerHandle } from '../clock.js';
import { ValidationError } from '../errors.js';

/** A running periodic task. Disposable: `using task = cache.startSweeper(1000)`. */
export interface PeriodicTaskHandle extends Disposable {
  /** True until {@link PeriodicTaskHandle.stop} is called. */
  readonly running: boolean;
  /** Stops the task; later calls do nothing. */
  stop(): void;
}

/** Starts `run` every `intervalMs` of `clock` time; errors go to `onError`. */
export function startPeriodicTask(
  clock: Clock,
  intervalMs: number,
  run: () => void,
  onError: (error: unknown) => void,
  what = 'intervalMs',
): PeriodicTaskHandle {
  if (!(Number.isFinite(intervalMs) && intervalMs > 0))
    throw new ValidationError(`${what} must be a finite number of milliseconds > 0, got ${intervalMs}`);
  let timer: TimerHandle | undefined;
  let running = true;
  const tick = (): void => {
    if (!running) return;
    try {
      run();
    } catch (error) {
      onError(error);
    }
    if (running) timer = clock.setTimeout(tick, intervalMs);
  };
  timer = clock.setTimeout(tick, intervalMs);
  const handle: PeriodicTaskHandle = {
    get running() {
      return running;
    },
    stop() {
      if (!running) return;
      running = false;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
    [Symbol.dispose]() {
      handle.stop();
    },
  };
  return handle;
}
