// Whether a WebSocket API session is in service, as the crypto_ws_api seed exposes it:
// `operational` (any request may be sent) and `orderHandling` (orders may be placed). A session is
// out of service while it is not connected, while a limit has no room left (until its window
// resets), and while Binance asked it to wait (429 until `retryAfter`, a 418 ban, a 403 WAF
// block). Every change is reported once, and a timer brings the session back at the moment the
// blocking condition ends — no polling.
import type { Clock, Logger, TimerHandle } from '@venuekit/base';
import type { LimitKind, LimitRefusal, WsApiRateLimits } from './rate-limit-tracker.js';
import type { WsApiCost } from './ws-api-methods.js';

/** Why a session (or its order handling) is out of service. */
export type WsApiOutOfServiceReason =
  | 'starting'
  | 'reconnecting'
  | 'stopped'
  | 'weight-limit'
  | 'order-limit'
  | 'rate-limited'
  | 'ip-banned'
  | 'waf-blocked';

/** Where the connection is. */
export type WsApiPhase = 'idle' | 'starting' | 'open' | 'reconnecting' | 'stopped';

/** A session's service status. */
export interface WsApiStatus {
  /** `true` in service; `false` out of service; `null` stopped for good (never restarts: end every loop). */
  readonly operational: boolean | null;
  /** `true` when orders may be placed (implies `operational === true`). */
  readonly orderHandling: boolean;
  /** Why requests are refused (undefined when operational). */
  readonly reason: WsApiOutOfServiceReason | undefined;
  /** Why orders are refused (undefined when orderHandling). */
  readonly ordersReason: WsApiOutOfServiceReason | undefined;
  /** Server time (epoch ms) when requests are expected back in service, when known. */
  readonly until: number | undefined;
  /** Server time (epoch ms) when orders are expected back in service, when known. */
  readonly ordersUntil: number | undefined;
  /** The limit that is exhausted, when that is the reason (`ORDERS:10S`). */
  readonly limit: string | undefined;
}

interface Pause {
  until: number;
  reason: WsApiOutOfServiceReason;
}

/** What refuses a request before it is sent. */
export interface Refusal {
  reason: WsApiOutOfServiceReason;
  /** Server time the block ends, when known. */
  until: number | undefined;
  /** The exhausted limit (`ORDERS:10S`), when that is the reason. */
  limit?: string | undefined;
}

type Block = Refusal;

/** Computes the status, reports changes, and wakes up when a block ends. */
export class ServiceStatus {
  readonly #clock: Clock;
  readonly #limits: WsApiRateLimits;
  readonly #logger: Logger;
  readonly #onChange: (status: WsApiStatus, previous: WsApiStatus) => void;
  #phase: WsApiPhase = 'idle';
  readonly #pauses: Record<LimitKind, Pause | undefined> = { all: undefined, orders: undefined };
  #current: WsApiStatus;
  #timer: TimerHandle | undefined;
  #timerAt = 0;

  constructor(
    clock: Clock,
    limits: WsApiRateLimits,
    logger: Logger,
    onChange: (status: WsApiStatus, previous: WsApiStatus) => void,
  ) {
    this.#clock = clock;
    this.#limits = limits;
    this.#logger = logger;
    this.#onChange = onChange;
    this.#current = this.#compute();
  }

  /** The status now. */
  get current(): WsApiStatus {
    return this.#current;
  }

  /** The connection phase. */
  get phase(): WsApiPhase {
    return this.#phase;
  }

  /** Moves to `phase` and reports the change. */
  setPhase(phase: WsApiPhase): void {
    if (this.#phase === 'stopped') return;
    this.#phase = phase;
    this.refresh();
  }

  /** Binance asked for a pause (429 / 418 / 403) until server time `until`. */
  pause(kind: LimitKind, until: number, reason: WsApiOutOfServiceReason): void {
    const existing = this.#pauses[kind];
    if (existing === undefined || until > existing.until) this.#pauses[kind] = { until, reason };
    this.refresh();
  }

  /** What blocks requests of `kind` now (connection, pause or limit), if anything. */
  blocker(kind: LimitKind): Block | undefined {
    const phase = this.#phase;
    if (phase !== 'open')
      return {
        reason: phase === 'stopped' ? 'stopped' : phase === 'reconnecting' ? 'reconnecting' : 'starting',
        until: undefined,
      };
    const now = this.#clock.now();
    const all = this.#activePause('all', now) ?? this.#limitBlock('all');
    if (all !== undefined || kind === 'all') return all;
    return this.#activePause('orders', now) ?? this.#limitBlock('orders');
  }

  /**
   * Why a request costing `cost` must not be sent now, if so: the session is not connected, is
   * paused, or the request would push a limit over. `opening`: sent while (re)connecting, before
   * the session is in service (clock sync, logon, open steps): only limits and a stop refuse it.
   */
  refusal(cost: WsApiCost, opening: boolean): Refusal | undefined {
    if (opening) {
      if (this.#phase === 'stopped') return { reason: 'stopped', until: undefined };
    } else {
      const blocker = this.blocker(cost.orders > 0 ? 'orders' : 'all');
      if (blocker !== undefined) return blocker;
    }
    const refusal = this.#limits.check(cost);
    if (refusal === undefined) return undefined;
    this.refresh();
    return {
      reason: refusal.kind === 'orders' ? 'order-limit' : 'weight-limit',
      until: refusal.resetsAt,
      limit: refusal.rule,
    };
  }

  /** Recomputes the status; reports it if it changed and arms the wake-up timer. */
  refresh(): void {
    // Fast path (every answer calls this): in service, nothing paused, every limit has room.
    const current = this.#current;
    if (
      current.orderHandling &&
      this.#phase === 'open' &&
      this.#timer === undefined &&
      this.#pauses.all === undefined &&
      this.#pauses.orders === undefined &&
      !this.#limits.anyExhausted()
    )
      return;
    const next = this.#compute();
    const previous = this.#current;
    this.#arm(next);
    if (sameStatus(previous, next)) return;
    this.#current = next;
    if (next.operational === false && previous.operational === true)
      this.#logger.warn('Binance WS API session out of service', { reason: next.reason, until: next.until });
    else if (next.operational === true && !next.orderHandling && previous.orderHandling)
      this.#logger.warn('Binance WS API order handling paused', {
        reason: next.ordersReason,
        until: next.ordersUntil,
      });
    this.#onChange(next, previous);
  }

  /** Stops for good (status `operational: null`) and releases the timer. */
  stop(): void {
    this.#disarm();
    this.#phase = 'stopped';
    const previous = this.#current;
    this.#current = this.#compute();
    if (!sameStatus(previous, this.#current)) this.#onChange(this.#current, previous);
  }

  #compute(): WsApiStatus {
    if (this.#phase === 'stopped')
      return status(null, false, 'stopped', 'stopped', undefined, undefined, undefined);
    const all = this.blocker('all');
    const orders = all ?? this.blocker('orders');
    return status(
      all === undefined,
      orders === undefined,
      all?.reason,
      orders?.reason,
      all?.until,
      orders?.until,
      (all ?? orders)?.limit,
    );
  }

  #activePause(kind: LimitKind, now: number): Block | undefined {
    const pause = this.#pauses[kind];
    if (pause === undefined) return undefined;
    if (pause.until <= now) {
      this.#pauses[kind] = undefined;
      return undefined;
    }
    return { reason: pause.reason, until: pause.until };
  }

  #limitBlock(kind: LimitKind): Block | undefined {
    const refusal: LimitRefusal | undefined = this.#limits.exhausted(kind);
    if (refusal === undefined) return undefined;
    return {
      reason: kind === 'orders' ? 'order-limit' : 'weight-limit',
      until: refusal.resetsAt,
      limit: refusal.rule,
    };
  }

  /** Wakes up at the earliest time a block ends. */
  #arm(next: WsApiStatus): void {
    const times = [next.until, next.ordersUntil].filter((t): t is number => t !== undefined);
    if (times.length === 0) {
      this.#disarm();
      return;
    }
    const at = Math.min(...times);
    if (this.#timer !== undefined && this.#timerAt === at) return;
    this.#disarm();
    this.#timerAt = at;
    this.#timer = this.#clock.setTimeout(
      () => {
        this.#timer = undefined;
        this.refresh();
      },
      Math.max(0, at - this.#clock.now()),
    );
  }

  #disarm(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}

function status(
  operational: boolean | null,
  orderHandling: boolean,
  reason: WsApiOutOfServiceReason | undefined,
  ordersReason: WsApiOutOfServiceReason | undefined,
  until: number | undefined,
  ordersUntil: number | undefined,
  limit: string | undefined,
): WsApiStatus {
  return Object.freeze({ operational, orderHandling, reason, ordersReason, until, ordersUntil, limit });
}

function sameStatus(a: WsApiStatus, b: WsApiStatus): boolean {
  return (
    a.operational === b.operational &&
    a.orderHandling === b.orderHandling &&
    a.reason === b.reason &&
    a.ordersReason === b.ordersReason &&
    a.until === b.until &&
    a.ordersUntil === b.ordersUntil
  );
}
