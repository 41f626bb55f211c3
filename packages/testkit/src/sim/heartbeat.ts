// The server heartbeat of one WebSocket connection: a protocol ping every `intervalMs`, each with
// its own payload, and a deadline `timeoutMs` after the oldest unanswered ping. A pong answers a
// ping only if it echoes that ping's payload (RFC 6455 §5.5.3); it then answers every earlier
// ping too. Real timers: the client on the other end of the socket lives in real time.
import { performance } from 'node:perf_hooks';
import type { SimHeartbeat } from './types.js';

/** What a heartbeat does to its connection. */
export interface HeartbeatTarget {
  /** Sends a ping frame; false when it was not sent (stalled or closing). */
  sendPing(payload: Buffer): boolean;
  /** The oldest unanswered ping is `timeoutMs` old: end the connection. */
  timedOut(): void;
}

interface SentPing {
  readonly payload: Buffer;
  readonly sentAt: number;
}

/** Checks a heartbeat policy; throws a RangeError naming the bad field. */
export function checkHeartbeat(policy: SimHeartbeat, where: string): SimHeartbeat {
  if (typeof policy !== 'object' || policy === null) {
    throw new TypeError(
      `${where}: heartbeat must be { intervalMs, timeoutMs } or false, got ${String(policy)}`,
    );
  }
  for (const field of ['intervalMs', 'timeoutMs'] as const) {
    const v = policy[field];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 2_147_483_647) {
      throw new RangeError(
        `${where}: heartbeat.${field} must be a number of ms in (0, 2^31), got ${String(v)}`,
      );
    }
  }
  return { intervalMs: policy.intervalMs, timeoutMs: policy.timeoutMs };
}

/** Pings one connection on a timer and ends it when the pongs stop. */
export class ServerHeartbeat {
  readonly #target: HeartbeatTarget;
  readonly #timeoutMs: number;
  readonly #interval: NodeJS.Timeout;
  /** Pings not answered yet, oldest first. */
  readonly #unanswered: SentPing[] = [];
  #deadline: NodeJS.Timeout | undefined;
  #seq = 0;
  #stopped = false;

  /** Starts pinging: the first ping goes out `policy.intervalMs` from now. */
  constructor(target: HeartbeatTarget, policy: SimHeartbeat) {
    this.#target = target;
    this.#timeoutMs = policy.timeoutMs;
    this.#interval = setInterval(() => this.#tick(), policy.intervalMs);
    this.#interval.unref();
  }

  /** Pings sent and not answered yet. */
  get unanswered(): number {
    return this.#unanswered.length;
  }

  /** Records a pong; returns true when it answered an outstanding ping. */
  pongReceived(payload: Buffer): boolean {
    const list = this.#unanswered;
    let answered = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i]!.payload.equals(payload)) {
        answered = i;
        break;
      }
    }
    if (answered < 0) return false;
    list.splice(0, answered + 1);
    this.#armDeadline();
    return true;
  }

  /** Stops every timer (the connection closed). Idempotent. */
  stop(): void {
    this.#stopped = true;
    clearInterval(this.#interval);
    if (this.#deadline !== undefined) clearTimeout(this.#deadline);
    this.#deadline = undefined;
    this.#unanswered.length = 0;
  }

  #tick(): void {
    if (this.#stopped) return;
    const payload = Buffer.from(String(++this.#seq));
    if (!this.#target.sendPing(payload)) return;
    this.#unanswered.push({ payload, sentAt: performance.now() });
    if (this.#deadline === undefined) this.#armDeadline();
  }

  /** (Re)arms the deadline for the oldest unanswered ping, or clears it when none is left. */
  #armDeadline(): void {
    if (this.#deadline !== undefined) clearTimeout(this.#deadline);
    this.#deadline = undefined;
    const oldest = this.#unanswered[0];
    if (oldest === undefined || this.#stopped) return;
    const wait = Math.max(0, oldest.sentAt + this.#timeoutMs - performance.now());
    this.#deadline = setTimeout(() => {
      this.#deadline = undefined;
      // Read pending socket input first: after a stalled event loop, a pong that arrived in time
      // may still be waiting in the socket, and it must count.
      if (!this.#stopped) setImmediate(() => this.#expireIfDue());
    }, wait);
    this.#deadline.unref();
  }

  #expireIfDue(): void {
    // Stopped, or a pong re-armed (or cleared) the deadline meanwhile.
    if (this.#stopped || this.#deadline !== undefined) return;
    const oldest = this.#unanswered[0];
    if (oldest === undefined) return;
    // Timers may fire a fraction of a millisecond early: never end a connection before its time.
    if (performance.now() - oldest.sentAt < this.#timeoutMs) {
      this.#armDeadline();
      return;
    }
    this.stop();
    this.#target.timedOut();
  }
}
