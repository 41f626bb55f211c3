// Bybit's WebSocket connection limits as the simulator enforces them: at most 500 new connections
// per IP per 5 minutes on the domain, and at most 1000 open market-data connections per IP per
// category. A connection over a limit is recorded as a violation and closed at once (1008).
import type { SimWsConnection } from '../../sim/types.js';
import type { BybitLimitConfig } from '../limits/limit-config.js';
import { RollingWindowCounter } from '../../shared/limits/rolling-window-counter.js';
import type { BybitViolations } from '../limits/violations.js';

/** Connection accounting shared by the public and private endpoints. */
export class WsAdmission {
  readonly #limits: BybitLimitConfig;
  readonly #violations: BybitViolations;
  readonly #now: () => number;
  readonly #attempts = new RollingWindowCounter(300_000);
  readonly #open = new Map<string, number>();

  /** Creates the accounting. */
  constructor(limits: BybitLimitConfig, violations: BybitViolations, now: () => number) {
    this.#limits = limits;
    this.#violations = violations;
    this.#now = now;
  }

  /** Counts a new connection to `pool` ('spot', 'linear' or 'private'); false (and closed) when over a limit. */
  admit(conn: SimWsConnection, pool: string): boolean {
    const now = this.#now();
    const ip = conn.headers['x-forwarded-for']?.split(',')[0]?.trim() || '127.0.0.1';
    let refusal: string | undefined;
    if (this.#attempts.count(now) >= this.#limits.wsConnectionsPer5Min) {
      refusal = `more than ${this.#limits.wsConnectionsPer5Min} new connections in 5 minutes`;
    } else if (pool !== 'private' && (this.#open.get(pool) ?? 0) >= this.#limits.marketDataConnections) {
      refusal = `more than ${this.#limits.marketDataConnections} open ${pool} market-data connections`;
    }
    this.#attempts.add(now);
    if (refusal !== undefined) {
      this.#violations.record(now, 'wsConnections', ip, refusal);
      if (this.#limits.enabled) {
        conn.close(1008, 'Too many connections');
        return false;
      }
    }
    this.#open.set(pool, (this.#open.get(pool) ?? 0) + 1);
    conn.onClose(() => this.#open.set(pool, (this.#open.get(pool) ?? 1) - 1));
    return true;
  }

  /** Forgets the attempt history. */
  reset(): void {
    this.#attempts.clear();
  }
}
