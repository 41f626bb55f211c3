// One connection of a WsPool: its WebSocketApp, the topics it should carry, the requests
// awaiting an acknowledgement, and the outbound rate limit its requests queue behind.
import type { Clock, TimerHandle } from '../clock.js';
import type { Limiter } from '../limits/types.js';
import type { PoolConnectionRef } from './pool-protocol.js';
import type { WebSocketApp } from './websocket-app.js';

/** A consumer of one or more topics: callback subscriptions and streams alike. */
export interface TopicListener<M> {
  /** Receives every data message of the topic, synchronously. */
  onMessage(message: M): void;
  /**
   * Takes a data frame of `topic` as bytes, when the protocol routes frames (`frameTopic`);
   * returns false to have it decoded and passed to `onMessage` instead.
   */
  onFrame?: ((data: Buffer, topic: string) => boolean) | undefined;
  /** A topic already established failed (its restore was refused or never acknowledged). */
  onError?: ((error: Error) => void) | undefined;
  /** The pool closed. */
  onEnd?: (() => void) | undefined;
  /** True once the subscribe call that added it resolved. */
  established: boolean;
}

/** A `subscribe()` call waiting for its topics to be acknowledged. */
export interface CallWaiter {
  /** Topics still unacknowledged. */
  pending: number;
  resolve(): void;
  reject(error: unknown): void;
}

/** The pool's record of one wanted topic. */
export interface TopicEntry<M> {
  readonly topic: string;
  readonly connection: PoolConnection<M>;
  /** `active` once acknowledged on the current socket; back to `pending` when the socket drops. */
  state: 'pending' | 'active';
  /** The in-flight subscribe request carrying this topic on the current socket, or 0. */
  requestId: number;
  readonly listeners: Set<TopicListener<M>>;
  readonly waiters: Set<CallWaiter>;
}

/** Adds `listener` to `entry`, counting it on the connection when it takes frames. */
export function addListener<M>(entry: TopicEntry<M>, listener: TopicListener<M>): void {
  if (entry.listeners.has(listener)) return;
  entry.listeners.add(listener);
  if (listener.onFrame !== undefined) entry.connection.frameListeners++;
}

/** Takes `listener` off `entry`; false when it was not there. */
export function removeListener<M>(entry: TopicEntry<M>, listener: TopicListener<M>): boolean {
  if (!entry.listeners.delete(listener)) return false;
  if (listener.onFrame !== undefined) entry.connection.frameListeners--;
  return true;
}

/** Takes every listener off `entry`. */
export function clearListeners<M>(entry: TopicEntry<M>): void {
  for (const listener of entry.listeners) removeListener(entry, listener);
}

/** Rejects every call waiting on `entry` with `error` and forgets them. */
export function rejectWaiters<M>(entry: TopicEntry<M>, error: unknown): void {
  for (const waiter of entry.waiters) waiter.reject(error);
  entry.waiters.clear();
}

/** A request sent and awaiting its acknowledgement. */
export interface PoolRequest {
  readonly id: number;
  readonly kind: 'subscribe' | 'unsubscribe';
  readonly topics: readonly string[];
  /** Part of the replay after a reconnect (counts towards `restored`). */
  readonly replay: boolean;
  timer: TimerHandle | undefined;
  /** Settles the unsubscribe call waiting on it, if any. */
  settle: ((error?: Error) => void) | undefined;
}

/** One pooled connection. */
export class PoolConnection<M> implements PoolConnectionRef {
  /** Pool-unique number, from 1. */
  readonly id: number;
  /** The connection itself; set right after construction. */
  app!: WebSocketApp;
  /** Topics this connection should carry, by name. */
  readonly topics = new Map<string, TopicEntry<M>>();
  /** Requests awaiting an acknowledgement on the current socket, by id. */
  readonly inflight = new Map<number, PoolRequest>();
  /** Bumped on every socket open and close; work queued for an older generation is dropped. */
  generation = 0;
  /** How many times a socket of this connection has opened. */
  opens = 0;
  /** Replay requests of the current socket still unacknowledged. */
  restoring = 0;
  /** Fires when the connection has been empty for the pool's idle delay. */
  idleTimer: TimerHandle | undefined;
  /**
   * Listeners of its topics that take frames (`onFrame`); while 0, frames are not routed by
   * bytes at all and take the JSON path, so topics nobody decodes from bytes pay nothing for it.
   */
  frameListeners = 0;
  readonly #clock: Clock;
  readonly #limiter: Limiter | undefined;
  readonly #abort = new AbortController();
  #chain: Promise<void> = Promise.resolve();

  constructor(id: number, clock: Clock, limiter: Limiter | undefined) {
    this.id = id;
    this.#clock = clock;
    this.#limiter = limiter;
  }

  /**
   * Runs `send` now, or in order once the outbound limiter allows. `send` must check that it
   * still applies (the generation may have moved on) and must not throw.
   */
  whenAllowed(send: () => void): void {
    const limiter = this.#limiter;
    if (limiter === undefined) {
      send();
      return;
    }
    const signal = this.#abort.signal;
    this.#chain = this.#chain
      .then(() => limiter.acquire({ method: 'ws:send', signal }))
      .then(() => {
        if (!signal.aborted) send();
      }, ignore);
  }

  /** Clears the timers of every in-flight request and forgets them; returns them for settling. */
  dropInflight(): PoolRequest[] {
    const requests = [...this.inflight.values()];
    for (const request of requests) {
      if (request.timer !== undefined) this.#clock.clearTimeout(request.timer);
      request.timer = undefined;
    }
    this.inflight.clear();
    this.restoring = 0;
    return requests;
  }

  /** Cancels the idle timer, if armed. */
  cancelIdle(): void {
    if (this.idleTimer !== undefined) this.#clock.clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  /** Stops queued sends and timers; the caller closes the app. */
  dispose(): PoolRequest[] {
    this.#abort.abort();
    this.cancelIdle();
    return this.dropInflight();
  }
}

function ignore(): void {}
