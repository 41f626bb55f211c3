// The queue of depth snapshots a book manager needs: one job per symbol at most (queued, running
// or waiting to retry), a few running at once (the REST limiter paces them further by weight, so
// subscribing 200 books at once cannot get the IP banned), retries with exponential backoff
// after failures and after snapshots that did not fit the stream, and Retry-After obeyed.
import { type Clock, type Logger, type TimerHandle, VenueError } from '@venuekit/base';

/** Fetches and applies one snapshot: true when the book is live, false to try again. */
export type SnapshotJob = (symbol: string, signal: AbortSignal) => Promise<boolean>;

/** Options of {@link SnapshotQueue}. */
export interface SnapshotQueueOptions {
  /** Jobs running at once. */
  concurrency: number;
  /** First retry delay in ms; doubles per consecutive failure. */
  initialRetryMs: number;
  /** Longest retry delay in ms. */
  maxRetryMs: number;
  clock: Clock;
  logger: Logger;
  /** Called with every failure (the job is retried anyway). */
  onError: (symbol: string, error: unknown) => void;
}

interface Entry {
  state: 'queued' | 'running' | 'waiting';
  attempts: number;
  again: boolean;
  abort: AbortController | undefined;
  timer: TimerHandle | undefined;
}

/** Runs snapshot jobs per symbol with a concurrency cap and retries. */
export class SnapshotQueue {
  readonly #job: SnapshotJob;
  readonly #o: SnapshotQueueOptions;
  readonly #entries = new Map<string, Entry>();
  readonly #queue: string[] = [];
  #running = 0;
  #closed = false;

  constructor(job: SnapshotJob, options: SnapshotQueueOptions) {
    this.#job = job;
    this.#o = options;
  }

  /** Jobs running now. */
  get running(): number {
    return this.#running;
  }

  /** Symbols with a job queued, running or waiting to retry. */
  get pending(): number {
    return this.#entries.size;
  }

  /** Asks for a snapshot of `symbol` (nothing new if one is already on its way: it runs again after). */
  request(symbol: string): void {
    if (this.#closed) return;
    const entry = this.#entries.get(symbol);
    if (entry === undefined) {
      this.#entries.set(symbol, {
        state: 'queued',
        attempts: 0,
        again: false,
        abort: undefined,
        timer: undefined,
      });
      this.#queue.push(symbol);
      this.#pump();
    } else if (entry.state === 'running') entry.again = true;
  }

  /** Forgets `symbol`: a running fetch is aborted, a queued or waiting one dropped. */
  cancel(symbol: string): void {
    const entry = this.#entries.get(symbol);
    if (entry === undefined) return;
    this.#entries.delete(symbol);
    entry.abort?.abort(new VenueError(`snapshot of ${symbol} no longer needed`, { venue: 'binance' }));
    if (entry.timer !== undefined) this.#o.clock.clearTimeout(entry.timer);
    const i = this.#queue.indexOf(symbol);
    if (i >= 0) this.#queue.splice(i, 1);
  }

  /** Cancels everything; later requests are ignored. */
  close(): void {
    this.#closed = true;
    for (const symbol of [...this.#entries.keys()]) this.cancel(symbol);
  }

  #pump(): void {
    while (this.#running < this.#o.concurrency && this.#queue.length > 0) {
      const symbol = this.#queue.shift()!;
      const entry = this.#entries.get(symbol);
      if (entry !== undefined) void this.#run(symbol, entry);
    }
  }

  async #run(symbol: string, entry: Entry): Promise<void> {
    entry.state = 'running';
    entry.again = false;
    const abort = new AbortController();
    entry.abort = abort;
    this.#running++;
    let done = false;
    let waitMs = 0;
    try {
      done = await this.#job(symbol, abort.signal);
    } catch (error) {
      if (!abort.signal.aborted) {
        this.#o.onError(symbol, error);
        waitMs = retryAfterOf(error);
      }
    } finally {
      this.#running--;
      entry.abort = undefined;
    }
    if (this.#entries.get(symbol) === entry) {
      if (done && !entry.again) {
        this.#entries.delete(symbol);
      } else if (done) {
        entry.attempts = 0;
        this.#requeue(symbol, entry, 0);
      } else {
        entry.attempts++;
        const backoff = Math.min(this.#o.maxRetryMs, this.#o.initialRetryMs * 2 ** (entry.attempts - 1));
        this.#requeue(symbol, entry, Math.max(backoff, waitMs));
      }
    }
    this.#pump();
  }

  #requeue(symbol: string, entry: Entry, delayMs: number): void {
    if (this.#closed) return;
    if (delayMs <= 0) {
      entry.state = 'queued';
      this.#queue.push(symbol);
      return;
    }
    entry.state = 'waiting';
    entry.timer = this.#o.clock.setTimeout(() => {
      entry.timer = undefined;
      if (this.#entries.get(symbol) !== entry) return;
      entry.state = 'queued';
      this.#queue.push(symbol);
      this.#pump();
    }, delayMs);
  }
}

/** The wait a RateLimitError / IpBannedError asks for (0 for other errors). */
function retryAfterOf(error: unknown): number {
  const after = (error as { retryAfterMs?: unknown } | undefined)?.retryAfterMs;
  return typeof after === 'number' && after > 0 ? after : 0;
}
