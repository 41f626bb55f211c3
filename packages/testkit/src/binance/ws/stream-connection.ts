// One market-stream connection as the Binance simulator tracks it: raw (`/ws`) or combined
// (`/stream`, messages wrapped as `{stream,data}`), its route (Spot, or USDⓈ-M `/public`,
// `/market`, unrouted), its subscriptions, its inbound message rate, and a send queue used while
// a flood batches frames.
import { encodeTextFrames } from '../../sim/text-frames.js';
import type { SimWsConnection } from '../../sim/types.js';
import type { StreamInfo } from './stream-names.js';

/** Which streams a connection's URL serves. `unrouted` USDⓈ-M URLs serve `/public` streams only. */
export type StreamRoute = 'spot' | 'public' | 'market' | 'unrouted';

/** A market-stream connection. */
export class StreamConnection {
  readonly conn: SimWsConnection;
  /** True for `/stream` URLs and after SET_PROPERTY combined=true. */
  combined: boolean;
  readonly route: StreamRoute;
  readonly openedAt: number;
  readonly streams = new Map<string, StreamInfo | undefined>();
  /** Frames queued while the hub is corked (flood), encoded for the wire in batches. */
  #queue: string[] = [];
  #batches: Array<{ wire: Buffer; count: number }> = [];
  #windowStart = Number.NEGATIVE_INFINITY;
  #windowCount = 0;

  /** Wraps `conn`. */
  constructor(conn: SimWsConnection, combined: boolean, route: StreamRoute, openedAt: number) {
    this.conn = conn;
    this.combined = combined;
    this.route = route;
    this.openedAt = openedAt;
  }

  /** True if this connection's route delivers `info` (USDⓈ-M route split; Spot delivers all). */
  delivers(info: StreamInfo): boolean {
    switch (this.route) {
      case 'spot':
      case 'market':
        return this.route === 'spot' || info.route === 'market';
      default:
        return info.route === 'public';
    }
  }

  /** Queues a frame while corked; every `batchSize` frames are encoded at once (no long-lived strings). */
  enqueue(frame: string, batchSize: number): void {
    this.#queue.push(frame);
    if (this.#queue.length >= batchSize) this.#encodeQueue();
  }

  /** Takes every queued frame as encoded batches. */
  takeBatches(): Array<{ wire: Buffer; count: number }> {
    if (this.#queue.length > 0) this.#encodeQueue();
    const out = this.#batches;
    this.#batches = [];
    return out;
  }

  #encodeQueue(): void {
    this.#batches.push({ wire: encodeTextFrames(this.#queue), count: this.#queue.length });
    this.#queue = [];
  }

  /** Counts one incoming message at `now`; returns the count within the current second. */
  countMessage(now: number): number {
    const start = Math.floor(now / 1000) * 1000;
    if (start !== this.#windowStart) {
      this.#windowStart = start;
      this.#windowCount = 0;
    }
    return ++this.#windowCount;
  }
}
