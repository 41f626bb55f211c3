// The market-stream server of one simulated Binance market: accepts raw and combined
// connections, keeps subscriptions (with the per-connection stream cap and the inbound message
// limit — text, ping and pong frames all count and excess disconnects, as on Binance), fans
// market events out as stream payloads, and floods streams for benchmarks with batched,
// drain-bounded writes.
import { stepUntilFlooded, writeBatches } from '../../sim/flood.js';
import type { SimWsConnection } from '../../sim/types.js';
import { clientIp } from '../rest/endpoint.js';
import type { VenueContext } from '../venue-context.js';
import { handleControlMessage } from './stream-control.js';
import { StreamConnection, type StreamRoute } from './stream-connection.js';
import { parseStreamName, type StreamInfo } from './stream-names.js';
import { StreamPublisher } from './stream-publisher.js';
import { FixedWindowCounter } from '../../shared/limits/fixed-window-counter.js';

/** Frames encoded into one socket write during a flood. */
const FLOOD_BATCH = 2048;
/** Connection lifetime after which Binance disconnects (24 h). */
export const CONNECTION_LIFETIME_MS = 24 * 3_600_000;

/** Market streams of one market. */
export class StreamHub {
  readonly venue: VenueContext;
  readonly #open = new Set<StreamConnection>();
  /** stream name → subscribed connections. */
  readonly #subs = new Map<string, Set<StreamConnection>>();
  readonly #publisher: StreamPublisher;
  /** Connection attempts per IP in aligned 5-minute windows. */
  readonly #attempts = new Map<string, FixedWindowCounter>();
  readonly #waiters: Array<{ stream: string; n: number; resolve: () => void; timer: NodeJS.Timeout }> = [];
  #corked = false;
  #floodStream: string | undefined;
  #floodLeft = 0;

  /** Creates the hub and starts publishing `venue.market`'s events. */
  constructor(venue: VenueContext) {
    this.venue = venue;
    this.#publisher = new StreamPublisher(venue, this);
    venue.market.listen(this.#publisher);
  }

  /** Open connections. */
  get connectionCount(): number {
    return this.#open.size;
  }

  /** Accepts a connection; `streams` are those named in its URL. */
  accept(conn: SimWsConnection, combined: boolean, route: StreamRoute, streams: string[]): void {
    const now = this.venue.now();
    const sc = new StreamConnection(conn, combined, route, now);
    const ip = clientIp(conn.headers);
    let attempts = this.#attempts.get(ip);
    if (attempts === undefined) {
      attempts = new FixedWindowCounter(300_000);
      this.#attempts.set(ip, attempts);
    }
    if (attempts.add(now, 1) > this.venue.limits.wsConnectionsPer5Min) {
      this.venue.violations.record(now, 'wsConnections', ip, 'too many connection attempts in 5 minutes');
      conn.close(1008, 'Too many connection attempts');
      return;
    }
    this.#open.add(sc);
    conn.onClose(() => this.#drop(sc));
    conn.onMessage((text) => this.#onMessage(sc, text));
    // "PING, PONG and JSON control messages all count" (binance.md §4).
    conn.onPing(() => this.#admitIncoming(sc));
    conn.onPong(() => this.#admitIncoming(sc));
    const error = this.subscribe(sc, streams);
    if (error !== undefined) conn.close(1008, error.slice(0, 120));
  }

  /** Subscribes `sc` to `names`; returns an error text when the stream cap would be exceeded. */
  subscribe(sc: StreamConnection, names: string[]): string | undefined {
    const fresh = names.filter((n) => !sc.streams.has(n));
    const cap = this.venue.limits.streamsPerConnection;
    if (sc.streams.size + new Set(fresh).size > cap) {
      this.venue.violations.record(
        this.venue.now(),
        'wsStreamCap',
        `conn#${sc.conn.id}`,
        `more than ${cap} streams`,
      );
      return `a connection may subscribe to at most ${cap} streams`;
    }
    for (const name of fresh) {
      const info = parseStreamName(name, this.venue.kind);
      sc.streams.set(name, info);
      let set = this.#subs.get(name);
      if (set === undefined) {
        set = new Set();
        this.#subs.set(name, set);
        if (info !== undefined) this.#publisher.streamAdded(info);
      }
      set.add(sc);
    }
    if (this.#waiters.length > 0) this.#notifyWaiters();
    return undefined;
  }

  /** Resolves when `stream` has at least `n` subscribed connections; rejects after `timeoutMs`. */
  waitForSubscribers(stream: string, n: number, timeoutMs: number): Promise<void> {
    if (this.subscriberCount(stream) >= n) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        stream,
        n,
        resolve,
        timer: setTimeout(() => {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          reject(
            new Error(
              `timed out after ${timeoutMs} ms waiting for ${n} subscribers of '${stream}'; have ${this.subscriberCount(stream)}`,
            ),
          );
        }, timeoutMs),
      };
      this.#waiters.push(waiter);
    });
  }

  #notifyWaiters(): void {
    for (let i = this.#waiters.length - 1; i >= 0; i--) {
      const w = this.#waiters[i]!;
      if (this.subscriberCount(w.stream) >= w.n) {
        clearTimeout(w.timer);
        this.#waiters.splice(i, 1);
        w.resolve();
      }
    }
  }

  /** Removes `names` from `sc`'s subscriptions. */
  unsubscribe(sc: StreamConnection, names: string[]): void {
    for (const name of names) {
      const info = sc.streams.get(name);
      if (!sc.streams.delete(name)) continue;
      const set = this.#subs.get(name);
      set?.delete(sc);
      if (set !== undefined && set.size === 0) {
        this.#subs.delete(name);
        if (info !== undefined) this.#publisher.streamRemoved(info);
      }
    }
  }

  /** Number of open connections subscribed to `stream`. */
  subscriberCount(stream: string): number {
    return this.#subs.get(stream)?.size ?? 0;
  }

  /** Every open connection with its streams. */
  subscriptions(): Array<{ connectionId: number; streams: string[] }> {
    return [...this.#open].map((sc) => ({ connectionId: sc.conn.id, streams: [...sc.streams.keys()] }));
  }

  /** Sends `payload` (built once by `make`) on `info`'s stream to every connection that delivers it. */
  publish(info: StreamInfo, make: () => string): void {
    const set = this.#subs.get(info.name);
    if (set === undefined) return;
    if (this.#floodStream !== undefined && info.name === this.#floodStream) {
      if (this.#floodLeft <= 0) return;
      this.#floodLeft--;
    }
    let raw: string | undefined;
    let wrapped: string | undefined;
    for (const sc of set) {
      if (!sc.delivers(info)) continue;
      raw ??= make();
      const frame = sc.combined ? (wrapped ??= `{"stream":"${info.name}","data":${raw}}`) : raw;
      if (this.#corked) sc.queue.enqueue(frame, FLOOD_BATCH);
      else sc.conn.sendText(frame);
    }
  }

  /**
   * Publishes exactly `count` messages on `stream` for benchmarks: the market is stepped first
   * (so depth floods stay correctly sequenced and the book stays the truth) with every frame for
   * every connection serialized ahead, then the frames are written in batches as fast as each
   * socket drains. Resolves with the number of connections reached.
   */
  async flood(stream: string, count: number): Promise<number> {
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`flood(stream, count): count must be an integer ≥ 0, got ${count}`);
    const info = parseStreamName(stream, this.venue.kind);
    if (info === undefined || info.symbol === undefined)
      throw new RangeError(`flood: '${stream}' is not a per-symbol ${this.venue.kind} stream`);
    this.venue.market.require(info.symbol);
    const reached = this.subscriberCount(stream);
    if (reached === 0 || count === 0) return reached;
    this.#floodStream = stream;
    this.#floodLeft = count;
    this.#corked = true;
    try {
      stepUntilFlooded(
        () => this.venue.market.step(1, info.symbol),
        () => this.#floodLeft,
        1000,
      );
    } finally {
      this.#corked = false;
      this.#floodStream = undefined;
    }
    await this.#flushQueues();
    return reached;
  }

  /** Closes every connection (the 24-hour disconnect); returns how many were closed. */
  disconnectAll(code: number, reason: string): number {
    const n = this.#open.size;
    for (const sc of [...this.#open]) sc.conn.close(code, reason);
    return n;
  }

  /** Closes connections older than 24 h of simulator time. */
  enforceLifetime(now: number): void {
    for (const sc of this.#open) {
      if (now - sc.openedAt >= CONNECTION_LIFETIME_MS)
        sc.conn.close(1000, 'Connection lifetime (24h) reached');
    }
  }

  async #flushQueues(): Promise<void> {
    const writes: Promise<void>[] = [];
    for (const sc of this.#open) {
      const batches = sc.queue.takeBatches();
      if (batches.length > 0) writes.push(writeBatches(sc.conn, batches));
    }
    await Promise.all(writes);
  }

  #onMessage(sc: StreamConnection, text: string): void {
    if (!this.#admitIncoming(sc)) return;
    const answer = handleControlMessage(this, sc, text);
    if (answer !== undefined) sc.conn.send(answer);
  }

  /** Counts one incoming frame (text, ping or pong); false when it broke the limit and closed `sc`. */
  #admitIncoming(sc: StreamConnection): boolean {
    if (!sc.conn.isOpen) return false;
    const now = this.venue.now();
    const limit = this.venue.limits.wsMessagesPerSecond;
    if (sc.countMessage(now) <= limit) return true;
    this.venue.violations.record(
      now,
      'wsMessageRate',
      `conn#${sc.conn.id}`,
      `more than ${limit} messages in one second (text, ping and pong frames count)`,
    );
    if (!this.venue.limits.enabled) return true;
    sc.conn.close(1008, 'Too many messages');
    return false;
  }

  #drop(sc: StreamConnection): void {
    this.#open.delete(sc);
    this.unsubscribe(sc, [...sc.streams.keys()]);
  }
}
