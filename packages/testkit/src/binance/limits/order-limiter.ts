// Per-account ORDERS accounting of one market (Spot: 10 SECOND and 1 DAY; USDⓈ-M: 1 MINUTE and
// 10 SECOND): every accepted new order counts; over a limit → 429 with -1015.
import { BinanceApiError } from '../errors.js';
import { headerSuffix, type LimitConfig, type RateLimitRule, windowMs } from './limit-config.js';
import { secondsUntil } from './ip-limiter.js';
import type { Violations } from './violations.js';
import { FixedWindowCounter } from '../../shared/limits/fixed-window-counter.js';

/** ORDERS counters per account. */
export class OrderLimiter {
  readonly cfg: LimitConfig;
  readonly #violations: Violations;
  readonly #accounts = new Map<string, FixedWindowCounter[]>();

  /** Creates the limiter; violations are recorded into `violations`. */
  constructor(cfg: LimitConfig, violations: Violations) {
    this.cfg = cfg;
    this.#violations = violations;
  }

  /** Counts one new order for `account`, or throws 429 -1015 when a window is full. */
  admit(account: string, now: number): void {
    const counters = this.#counters(account);
    for (let i = 0; i < counters.length; i++) {
      const rule = this.cfg.orders[i]!;
      const c = counters[i]!;
      if (c.value(now) + 1 > rule.limit) {
        this.#violations.record(
          now,
          'orders',
          account,
          `orders ${c.value(now)} ≥ ${rule.limit} per ${describe(rule)}`,
        );
        if (this.cfg.enabled) {
          const at = c.resetsAt(now);
          throw new BinanceApiError(
            -1015,
            `Too many new orders; current limit is ${rule.limit} orders per ${describe(rule)}.`,
            429,
            { afterS: secondsUntil(at, now), atMs: at },
          );
        }
      }
    }
    for (const c of counters) c.add(now, 1);
  }

  /** `[rule, count]` for each ORDERS rule of `account` now. */
  usage(account: string, now: number): Array<[RateLimitRule, number]> {
    const counters = this.#counters(account);
    return this.cfg.orders.map((r, i) => [r, counters[i]!.value(now)]);
  }

  /** `X-MBX-ORDER-COUNT-*` headers for `account`. */
  headers(account: string, now: number): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [r, n] of this.usage(account, now)) out[`X-MBX-ORDER-COUNT-${headerSuffix(r)}`] = String(n);
    return out;
  }

  /** Forgets all counts. */
  reset(): void {
    this.#accounts.clear();
  }

  #counters(account: string): FixedWindowCounter[] {
    let c = this.#accounts.get(account);
    if (c === undefined) {
      c = this.cfg.orders.map((r) => new FixedWindowCounter(windowMs(r)));
      this.#accounts.set(account, c);
    }
    return c;
  }
}

function describe(r: RateLimitRule): string {
  return `${r.intervalNum} ${r.interval}`;
}
