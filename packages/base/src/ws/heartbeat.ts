// Liveness of one WebSocket connection: sends a ping every interval and declares the peer dead
// when nothing at all (data, pong, ping) has arrived for the timeout. Half-open TCP connections
// otherwise look healthy forever (pybotters#200, #281).
import type { Clock, TimerHandle } from '../clock.js';
import { ConfigError } from '../errors.js';
import type { OutgoingMessage } from './outgoing.js';

/** Heartbeat settings of a {@link WebSocketApp}. */
export interface HeartbeatOptions {
  /** Time between pings, in ms (default 10 000). */
  intervalMs?: number;
  /** Silence after which the peer is declared dead, in ms (default 25 000). */
  timeoutMs?: number;
  /**
   * What to send as the ping. Omitted: a protocol ping frame (every RFC 6455 server answers
   * with a pong). Otherwise an application message, e.g. `{ op: 'ping' }` for Bybit or `'ping'`
   * for OKX, or a function building one per ping (for timestamps).
   */
  payload?: OutgoingMessage | (() => OutgoingMessage);
}

/** {@link HeartbeatOptions} with defaults applied. */
export interface ResolvedHeartbeatOptions {
  intervalMs: number;
  timeoutMs: number;
  payload: OutgoingMessage | (() => OutgoingMessage) | undefined;
}

/** The defaults: a protocol ping every 10 s, dead after 25 s of silence. */
export const DEFAULT_HEARTBEAT: Readonly<ResolvedHeartbeatOptions> = Object.freeze({
  intervalMs: 10_000,
  timeoutMs: 25_000,
  payload: undefined,
});

/** Applies defaults and checks the fields, throwing `ConfigError` naming the bad one. */
export function resolveHeartbeatOptions(options: HeartbeatOptions): ResolvedHeartbeatOptions {
  const o = { ...DEFAULT_HEARTBEAT, ...options };
  if (!(o.intervalMs > 0))
    throw new ConfigError(`heartbeat.intervalMs must be a number > 0, got ${String(o.intervalMs)}`);
  if (!(o.timeoutMs > 0))
    throw new ConfigError(`heartbeat.timeoutMs must be a number > 0, got ${String(o.timeoutMs)}`);
  return o;
}

/** Drives pings and the silence check of one connection; `touch()` on every inbound frame. */
export class Heartbeat {
  readonly #clock: Clock;
  readonly #options: ResolvedHeartbeatOptions;
  readonly #ping: () => void;
  readonly #onDead: (silentMs: number) => void;
  #lastSeen = 0;
  #pingTimer: TimerHandle | undefined;
  #deadTimer: TimerHandle | undefined;

  /**
   * @param ping sends one ping (frame or payload)
   * @param onDead called once when the peer has been silent for `timeoutMs`
   */
  constructor(
    clock: Clock,
    options: ResolvedHeartbeatOptions,
    ping: () => void,
    onDead: (silentMs: number) => void,
  ) {
    this.#clock = clock;
    this.#options = options;
    this.#ping = ping;
    this.#onDead = onDead;
  }

  /** Starts pinging and watching; the peer counts as seen now. */
  start(): void {
    this.stop();
    this.#lastSeen = this.#clock.now();
    this.#schedulePing();
    this.#deadTimer = this.#clock.setTimeout(this.#checkSilence, this.#options.timeoutMs);
  }

  /** Stops every timer. Safe to call twice. */
  stop(): void {
    if (this.#pingTimer !== undefined) this.#clock.clearTimeout(this.#pingTimer);
    if (this.#deadTimer !== undefined) this.#clock.clearTimeout(this.#deadTimer);
    this.#pingTimer = undefined;
    this.#deadTimer = undefined;
  }

  /** Records that something arrived from the peer. Cheap: one clock read. */
  touch(): void {
    this.#lastSeen = this.#clock.now();
  }

  #schedulePing(): void {
    this.#pingTimer = this.#clock.setTimeout(this.#firePing, this.#options.intervalMs);
  }

  readonly #firePing = (): void => {
    this.#pingTimer = undefined;
    this.#schedulePing();
    this.#ping();
  };

  readonly #checkSilence = (): void => {
    this.#deadTimer = undefined;
    const silent = this.#clock.now() - this.#lastSeen;
    if (silent >= this.#options.timeoutMs) {
      this.stop();
      this.#onDead(silent);
      return;
    }
    this.#deadTimer = this.#clock.setTimeout(this.#checkSilence, this.#options.timeoutMs - silent);
  };
}
