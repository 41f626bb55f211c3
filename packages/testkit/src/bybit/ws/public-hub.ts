// The public stream server of one Bybit category (`/v5/public/spot` or `/v5/public/linear`):
// accepts connections (within the connection limits), keeps subscriptions, fans the market's
// messages out to subscribers, cuts connections idle for 10 minutes, and floods topics for
// benchmarks with batched, drain-bounded writes.
import { stepUntilFlooded, writeBatches } from '../../sim/flood.js';
import type { SimWsConnection } from '../../sim/types.js';
import { uuidFrom } from '../ids.js';
import type { BybitLimitConfig } from '../limits/limit-config.js';
import type { BybitViolations } from '../limits/violations.js';
import type { CategoryMarket } from '../market/category-market.js';
import { handlePublicMessage } from './public-control.js';
import { PublicConnection } from './public-connection.js';
import { PublicPublisher } from './public-publisher.js';
import { parsePublicTopic } from './topics.js';
import type { WsAdmission } from './ws-admission.js';

/** Frames encoded into one socket write during a flood. */
const FLOOD_BATCH = 2048;
/** Bybit cuts a connection without ping-pong or data after 10 minutes. */
export const PUBLIC_IDLE_TIMEOUT_MS = 600_000;

/** What a public hub needs from the simulator. */
export interface PublicHubOptions {
  readonly market: CategoryMarket;
  readonly limits: BybitLimitConfig;
  readonly violations: BybitViolations;
  readonly admission: WsAdmission;
  readonly seed: string;
  readonly idleTimeoutMs: number;
  now(): number;
}

interface Waiter {
  topic: string;
  n: number;
  resolve(): void;
  timer: NodeJS.Timeout;
}

/** Public streams of one category. */
export class PublicHub {
  readonly options: PublicHubOptions;
  readonly publisher: PublicPublisher;
  readonly #open = new Set<PublicConnection>();
  readonly #subs = new Map<string, Set<PublicConnection>>();
  #waiters: Waiter[] = [];
  #corked = false;
  #floodTopic: string | undefined;
  #floodLeft = 0;

  /** Creates the hub and starts publishing the market's steps. */
  constructor(options: PublicHubOptions) {
    this.options = options;
    this.publisher = new PublicPublisher(options.market, this);
  }

  /** The category served. */
  get category() {
    return this.options.market.category;
  }

  /** Open connections. */
  get connectionCount(): number {
    return this.#open.size;
  }

  /** Accepts a connection. */
  accept(conn: SimWsConnection): void {
    if (!this.options.admission.admit(conn, this.category)) return;
    const pc = new PublicConnection(
      conn,
      uuidFrom(`${this.options.seed}:public`, conn.id),
      this.options.now(),
    );
    this.#open.add(pc);
    conn.onClose(() => this.#drop(pc));
    conn.onMessage((text) => {
      pc.lastActivity = this.options.now();
      handlePublicMessage(this, pc, text);
    });
  }

  /** True if somebody is subscribed to `topic`. */
  has(topic: string): boolean {
    return this.#subs.has(topic);
  }

  /** Subscribers of `topic`. */
  subscriberCount(topic: string): number {
    return this.#subs.get(topic)?.size ?? 0;
  }

  /** Adds `topics` to `pc` (already validated). */
  addTopics(pc: PublicConnection, topics: readonly string[]): void {
    for (const t of topics) {
      pc.topics.add(t);
      pc.argChars += t.length;
      let set = this.#subs.get(t);
      if (set === undefined) {
        set = new Set();
        this.#subs.set(t, set);
      }
      set.add(pc);
    }
    if (this.#waiters.length > 0) this.#notify();
  }

  /** Removes `topics` from `pc`. */
  removeTopics(pc: PublicConnection, topics: readonly string[]): void {
    for (const t of topics) {
      if (!pc.topics.delete(t)) continue;
      pc.argChars -= t.length;
      const set = this.#subs.get(t);
      set?.delete(pc);
      if (set !== undefined && set.size === 0) {
        this.#subs.delete(t);
        this.publisher.topicRemoved(t);
      }
    }
  }

  /** Sends a frame to one connection (in order with corked floods). */
  sendTo(pc: PublicConnection, frame: string): void {
    if (this.#corked) pc.queue.enqueue(frame, FLOOD_BATCH);
    else pc.conn.sendText(frame);
  }

  /** Sends the frame built by `make` (once) to every subscriber of `topic`. */
  publish(topic: string, make: () => string, now: number): void {
    const set = this.#subs.get(topic);
    if (set === undefined) return;
    if (topic === this.#floodTopic) this.#floodLeft--;
    const frame = make();
    for (const pc of set) {
      pc.lastActivity = now;
      this.sendTo(pc, frame);
    }
  }

  /**
   * Publishes exactly `count` messages on `topic` for benchmarks: the symbol's market is stepped
   * (so the book stays the truth and sequencing stays valid) with every frame serialized ahead,
   * then the frames go out in batches as fast as each socket drains. Resolves with the number of
   * connections reached.
   */
  async flood(topic: string, count: number): Promise<number> {
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`flood(topic, count): count must be an integer ≥ 0, got ${count}`);
    const parsed = parsePublicTopic(topic, this.options.market);
    if ('error' in parsed)
      throw new RangeError(`flood: '${topic}' is not a ${this.category} topic (${parsed.error})`);
    const reached = this.subscriberCount(topic);
    if (reached === 0 || count === 0) return reached;
    this.#floodTopic = topic;
    this.#floodLeft = count;
    this.#corked = true;
    try {
      stepUntilFlooded(
        () => this.options.market.step(1, parsed.symbol),
        () => this.#floodLeft,
        10_000,
      );
    } finally {
      this.#corked = false;
      this.#floodTopic = undefined;
    }
    await Promise.all([...this.#open].map((pc) => writeBatches(pc.conn, pc.queue.takeBatches())));
    return reached;
  }

  /** Resolves when `topic` has `n` subscribers; rejects after `timeoutMs`. */
  waitForSubscribers(topic: string, n: number, timeoutMs: number): Promise<void> {
    if (this.subscriberCount(topic) >= n) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        topic,
        n,
        resolve,
        timer: setTimeout(() => {
          this.#waiters = this.#waiters.filter((w) => w !== waiter);
          reject(
            new Error(
              `timed out after ${timeoutMs} ms waiting for ${n} subscribers of ${this.category} '${topic}'; have ${this.subscriberCount(topic)}`,
            ),
          );
        }, timeoutMs),
      };
      this.#waiters.push(waiter);
    });
  }

  /** Closes connections without ping or data for the idle timeout; returns how many. */
  expireIdle(now: number): number {
    let n = 0;
    for (const pc of [...this.#open]) {
      if (now - pc.lastActivity <= this.options.idleTimeoutMs) continue;
      this.options.violations.record(
        now,
        'wsIdle',
        `${this.category}#${pc.conn.id}`,
        'no ping or data for the idle timeout',
      );
      pc.conn.close(1000, 'idle timeout: no ping received');
      this.#drop(pc);
      n++;
    }
    return n;
  }

  /** Closes every connection; returns how many. */
  disconnectAll(code: number, reason: string): number {
    const n = this.#open.size;
    for (const pc of [...this.#open]) pc.conn.close(code, reason);
    return n;
  }

  #notify(): void {
    this.#waiters = this.#waiters.filter((w) => {
      if (this.subscriberCount(w.topic) < w.n) return true;
      clearTimeout(w.timer);
      w.resolve();
      return false;
    });
  }

  #drop(pc: PublicConnection): void {
    if (!this.#open.delete(pc)) return;
    this.removeTopics(pc, [...pc.topics]);
  }
}
