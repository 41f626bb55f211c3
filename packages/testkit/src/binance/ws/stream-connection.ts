// One market-stream connection as the Binance simulator tracks it: raw (`/ws`) or combined
// (`/stream`, messages wrapped as `{stream,data}`), its route (Spot, or USDⓈ-M `/public`,
// `/market`, unrouted), its subscriptions, its inbound message rate, and a send queue used while
// a flood batches frames.
import { FrameBatchQueue } from '../../sim/frame-batch-queue.js';
import { FixedWindowCounter } from '../../shared/limits/fixed-window-counter.js';
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
  readonly queue = new FrameBatchQueue();
  /** Incoming frames in the current second. */
  readonly #messageRate = new FixedWindowCounter(1000);

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

  /** Counts one incoming message at `now`; returns the count within the current second. */
  countMessage(now: number): number {
    return this.#messageRate.add(now, 1);
  }
}
