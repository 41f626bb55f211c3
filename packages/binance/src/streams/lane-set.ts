// The connections of one BinanceMarketStreams: placement of a new stream on a connection of its
// route with room (opening another when all are full, up to maxConnections), each connection's
// message handler, and closing connections left empty for a while.
import { SubscriptionError, type TimerHandle } from '@venuekit/base';
import type { BinanceStreamMessage } from './market-protocol.js';
import { type LaneHooks, StreamLane } from './stream-lane.js';
import type { StreamRoute } from './stream-names.js';
import { combinedStreamUrl, type ResolvedStreamsOptions } from './streams-options.js';

/**
 * A connection's message handler, and its frame handler (`frame`, for the pool's `onFrame`):
 * every pool subscription of the lane passes both, so a frame reaches the lane once either way.
 */
export interface LaneRouter {
  (message: BinanceStreamMessage): void;
  readonly frame: (data: Buffer, stream: string) => boolean;
}

/** Every connection of a BinanceMarketStreams, oldest first. */
export class LaneSet implements Iterable<StreamLane> {
  readonly #o: ResolvedStreamsOptions;
  readonly #hooks: LaneHooks;
  readonly #makeRouter: (lane: StreamLane) => LaneRouter;
  readonly #lanes = new Set<StreamLane>();
  readonly #routers = new Map<StreamLane, LaneRouter>();
  readonly #idle = new Map<StreamLane, TimerHandle>();
  #nextId = 0;

  constructor(
    options: ResolvedStreamsOptions,
    hooks: LaneHooks,
    makeRouter: (lane: StreamLane) => LaneRouter,
  ) {
    this.#o = options;
    this.#hooks = hooks;
    this.#makeRouter = makeRouter;
  }

  [Symbol.iterator](): IterableIterator<StreamLane> {
    return this.#lanes.values();
  }

  /** True while `lane` is in use (not removed). */
  has(lane: StreamLane): boolean {
    return this.#lanes.has(lane);
  }

  /** The message handler of `lane`, or undefined once it is removed. */
  router(lane: StreamLane): LaneRouter | undefined {
    return this.#routers.get(lane);
  }

  /** A connection of `route` with room for one more stream; SubscriptionError when all are full. */
  withRoom(route: StreamRoute): StreamLane {
    let count = 0;
    for (const lane of this.#lanes) {
      if (lane.route !== route || lane.retiring) continue;
      if (lane.room > 0) {
        this.#cancelIdle(lane);
        return lane;
      }
      count++;
    }
    if (count >= this.#o.maxConnections)
      throw new SubscriptionError(
        `cannot subscribe: ${count} connection(s) of route '${route}' carry ${this.#o.maxStreamsPerConnection} streams each and maxConnections is ${this.#o.maxConnections}; raise maxConnections or unsubscribe first`,
        { venue: 'binance', details: { route, maxConnections: this.#o.maxConnections } },
      );
    return this.open(route);
  }

  /** Opens a new connection of `route` (it connects on its first subscribe). */
  open(route: StreamRoute): StreamLane {
    const o = this.#o;
    const lane = new StreamLane(++this.#nextId, route, combinedStreamUrl(o.origin, route), o, this.#hooks);
    this.#lanes.add(lane);
    this.#routers.set(lane, this.#makeRouter(lane));
    return lane;
  }

  /** Closes `lane` after the idle delay if it still carries nothing then. */
  armIdle(lane: StreamLane): void {
    if (lane.topics.size > 0 || lane.retiring || this.#idle.has(lane) || !this.#lanes.has(lane)) return;
    this.#idle.set(
      lane,
      this.#o.clock.setTimeout(() => {
        this.#idle.delete(lane);
        if (lane.topics.size === 0) this.remove(lane);
      }, this.#o.idleCloseMs),
    );
  }

  /** Closes `lane` now. */
  remove(lane: StreamLane, onError?: (error: unknown) => void): void {
    this.#cancelIdle(lane);
    this.#lanes.delete(lane);
    this.#routers.delete(lane);
    lane.close().catch((error: unknown) => onError?.(error));
  }

  /** Closes every connection; resolves when all are closed. */
  async close(): Promise<void> {
    for (const timer of this.#idle.values()) this.#o.clock.clearTimeout(timer);
    this.#idle.clear();
    const lanes = [...this.#lanes];
    this.#lanes.clear();
    this.#routers.clear();
    await Promise.all(lanes.map((l) => l.close()));
  }

  #cancelIdle(lane: StreamLane): void {
    const timer = this.#idle.get(lane);
    if (timer !== undefined) this.#o.clock.clearTimeout(timer);
    this.#idle.delete(lane);
  }
}
