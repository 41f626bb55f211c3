// The generic venue's WebSocket protocol at /ws: subscribe / unsubscribe with acks (normal, never,
// reject; optionally delayed), a per-connection topic cap, app-level ping, per-topic sequence
// numbers on published messages, and a drain-aware flood for benchmarks.
import { CountWaiters } from '../sim/count-waiter.js';
import { writeFrames } from '../sim/flood.js';
import type { SimTimers } from '../sim/timers.js';
import type { Sim, SimWsConnection } from '../sim/types.js';

/** How the venue answers subscribe / unsubscribe requests. */
export type GenericAckMode = 'normal' | 'never' | 'reject';

/** One open connection's subscriptions, as reported by `venue.subscriptions()`. */
export interface GenericSubscription {
  connectionId: number;
  topics: string[];
}

/** Most frames serialized ahead of writing in one flood step (bounds the flood's memory)… */
const FLOOD_BATCH = 2048;
/** …and most characters. */
const FLOOD_BATCH_CHARS = 256 * 1024;
/** Data sent by `flood` when no `makeData` is given: a small trade. */
const DEFAULT_FLOOD_DATA = JSON.stringify({ price: 50_000.5, qty: 0.0123, side: 'buy' });

interface ConnectionState {
  conn: SimWsConnection;
  topics: Set<string>;
}

/** Options of the WebSocket protocol. */
export interface GenericWsOptions {
  maxTopicsPerConnection: number;
  ackDelayMs: number;
}

/** Serves the generic venue's WebSocket protocol on one simulator. */
export class GenericWsProtocol {
  readonly #sim: Sim;
  readonly #timers: SimTimers;
  readonly #options: GenericWsOptions;
  readonly #open = new Map<SimWsConnection, ConnectionState>();
  readonly #byTopic = new Map<string, Set<ConnectionState>>();
  readonly #nextSeq = new Map<string, number>();
  #ackMode: GenericAckMode = 'normal';
  #subscriptionCount = 0;
  readonly connectionWaiters = new CountWaiters('open /ws connections', () => this.#open.size);
  readonly subscriptionWaiters = new CountWaiters('topic subscriptions', () => this.#subscriptionCount);

  constructor(sim: Sim, timers: SimTimers, options: GenericWsOptions) {
    this.#sim = sim;
    this.#timers = timers;
    this.#options = options;
    sim.onWsConnection('/ws', (conn) => this.#accept(conn));
  }

  /** Open connections on /ws. */
  get connections(): number {
    return this.#open.size;
  }

  /** Topic subscriptions summed over open connections. */
  get subscriptionCount(): number {
    return this.#subscriptionCount;
  }

  setAckMode(mode: GenericAckMode): void {
    if (mode !== 'normal' && mode !== 'never' && mode !== 'reject') {
      throw new TypeError(
        `setAckMode(mode): mode must be 'normal', 'never' or 'reject', got '${String(mode)}'`,
      );
    }
    this.#ackMode = mode;
  }

  subscriptions(): GenericSubscription[] {
    const out: GenericSubscription[] = [];
    for (const state of this.#open.values()) {
      if (state.conn.isOpen) out.push({ connectionId: state.conn.id, topics: [...state.topics] });
    }
    return out;
  }

  publish(topic: string, data: unknown): number {
    const subscribers = this.#byTopic.get(topic);
    if (subscribers === undefined || subscribers.size === 0) return 0;
    const frame = `{"topic":${JSON.stringify(topic)},"seq":${this.#takeSeq(topic, 1)},"data":${JSON.stringify(data)}}`;
    let reached = 0;
    for (const state of subscribers) {
      if (!state.conn.isOpen) continue;
      state.conn.sendText(frame);
      reached++;
    }
    return reached;
  }

  async flood(topic: string, count: number, makeData?: (i: number) => unknown): Promise<number> {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`flood(topic, count): count must be a non-negative integer, got ${count}`);
    }
    const targets = [...(this.#byTopic.get(topic) ?? [])]
      .map((state) => state.conn)
      .filter((conn) => conn.isOpen);
    if (targets.length === 0 || count === 0) return targets.length;
    const firstSeq = this.#takeSeq(topic, count);
    const prefix = `{"topic":${JSON.stringify(topic)},"seq":`;
    const fixedTail = `,"data":${DEFAULT_FLOOD_DATA}}`;
    let batch: string[] = [];
    let batchChars = 0;
    for (let i = 0; i < count; i++) {
      const tail = makeData === undefined ? fixedTail : `,"data":${JSON.stringify(makeData(i))}}`;
      const frame = prefix + (firstSeq + i) + tail;
      batch.push(frame);
      batchChars += frame.length;
      if (batch.length >= FLOOD_BATCH || batchChars >= FLOOD_BATCH_CHARS) {
        await writeFrames(targets, batch);
        if (!targets.some((conn) => conn.isOpen)) return targets.length;
        batch = [];
        batchChars = 0;
      }
    }
    await writeFrames(targets, batch);
    return targets.length;
  }

  /** Rejects pending waits; the venue is closing. */
  close(): void {
    this.connectionWaiters.cancelAll('the venue was closed');
    this.subscriptionWaiters.cancelAll('the venue was closed');
  }

  #takeSeq(topic: string, count: number): number {
    const seq = this.#nextSeq.get(topic) ?? 1;
    this.#nextSeq.set(topic, seq + count);
    return seq;
  }

  #accept(conn: SimWsConnection): void {
    const state: ConnectionState = { conn, topics: new Set() };
    this.#open.set(conn, state);
    conn.onMessage((text) => this.#onMessage(state, text));
    conn.onClose(() => {
      this.#open.delete(conn);
      for (const topic of state.topics) this.#byTopic.get(topic)?.delete(state);
      this.#subscriptionCount -= state.topics.size;
      state.topics.clear();
    });
    this.connectionWaiters.notify();
  }

  #onMessage(state: ConnectionState, text: string): void {
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch {
      state.conn.send({ op: 'error', success: false, error: 'message is not valid JSON' });
      return;
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
      state.conn.send({ op: 'error', success: false, error: 'message must be a JSON object with an "op"' });
      return;
    }
    const request = msg as { op?: unknown; id?: unknown; args?: unknown };
    switch (request.op) {
      case 'subscribe':
      case 'unsubscribe':
        this.#onSubscription(state, request.op, request.id, request.args);
        return;
      case 'ping':
        state.conn.send({ op: 'pong', id: request.id, ts: this.#sim.now() });
        return;
      default:
        state.conn.send({
          op: request.op,
          id: request.id,
          success: false,
          error: `unknown op '${String(request.op)}'; expected subscribe, unsubscribe or ping`,
        });
    }
  }

  #onSubscription(state: ConnectionState, op: 'subscribe' | 'unsubscribe', id: unknown, args: unknown): void {
    if (!Array.isArray(args) || args.length === 0 || !args.every((t) => typeof t === 'string' && t !== '')) {
      state.conn.send({ op, id, success: false, error: 'args must be a non-empty array of topic strings' });
      return;
    }
    const topics = args as string[];
    if (this.#ackMode === 'never') return;
    if (this.#ackMode === 'reject') {
      this.#answer(state, () => ({
        op,
        id,
        success: false,
        error: 'rejected by simulator (ack mode reject)',
      }));
      return;
    }
    this.#answer(state, () => {
      if (op === 'subscribe' && this.#wouldExceedCap(state, topics)) {
        return { op, id, success: false, error: 'too many topics' };
      }
      this.#apply(state, op, topics);
      return { op, id, success: true };
    });
  }

  #wouldExceedCap(state: ConnectionState, topics: string[]): boolean {
    let added = 0;
    for (const topic of new Set(topics)) if (!state.topics.has(topic)) added++;
    return state.topics.size + added > this.#options.maxTopicsPerConnection;
  }

  /** Decides and sends an ack now or after `ackDelayMs` (the change applies when the ack goes out). */
  #answer(state: ConnectionState, decide: () => object): void {
    const send = (): void => {
      if (state.conn.isOpen) state.conn.send(decide());
    };
    if (this.#options.ackDelayMs > 0) this.#timers.after(this.#options.ackDelayMs, send);
    else send();
  }

  #apply(state: ConnectionState, op: 'subscribe' | 'unsubscribe', topics: string[]): void {
    for (const topic of topics) {
      if (op === 'subscribe') {
        if (state.topics.has(topic)) continue;
        state.topics.add(topic);
        let set = this.#byTopic.get(topic);
        if (set === undefined) this.#byTopic.set(topic, (set = new Set()));
        set.add(state);
        this.#subscriptionCount++;
      } else if (state.topics.delete(topic)) {
        this.#byTopic.get(topic)?.delete(state);
        this.#subscriptionCount--;
      }
    }
    if (op === 'subscribe') this.subscriptionWaiters.notify();
  }
}
