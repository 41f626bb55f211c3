// Bybit's two HTTP limits as the simulator enforces them: per IP (600 requests per rolling 5 s;
// breaking it answers HTTP 403 and bans the IP for 10 minutes) and per UID per endpoint (a rolling
// second; over it the answer is retCode 10006), with the X-Bapi-Limit* headers of the latter.
import { BybitErrors } from '../errors.js';
import type { BybitCategory } from '../symbols.js';
import type { BybitLimitConfig, BybitRateLimitedPath } from './limit-config.js';
import { RollingWindowCounter } from '../../shared/limits/rolling-window-counter.js';
import type { BybitViolations } from './violations.js';

interface IpState {
  window: RollingWindowCounter;
  bannedUntil: number;
}

/** Per-IP request accounting with the 10-minute ban. */
export class IpLimiter {
  readonly #cfg: BybitLimitConfig;
  readonly #violations: BybitViolations;
  readonly #ips = new Map<string, IpState>();

  /** Creates the limiter. */
  constructor(cfg: BybitLimitConfig, violations: BybitViolations) {
    this.#cfg = cfg;
    this.#violations = violations;
  }

  /** Admits one request from `ip` or throws the HTTP 403 answer (recording a violation). */
  admit(ip: string, now: number): void {
    let s = this.#ips.get(ip);
    if (s === undefined) {
      s = { window: new RollingWindowCounter(5000), bannedUntil: 0 };
      this.#ips.set(ip, s);
    }
    if (s.bannedUntil > now) {
      this.#violations.record(now, 'ipBanned', ip, `request while banned until ${s.bannedUntil}`);
      if (this.#cfg.enabled) throw BybitErrors.ipLimit(s.bannedUntil);
    }
    if (s.window.count(now) + 1 > this.#cfg.ipRequestsPer5s) {
      this.#violations.record(now, 'ipLimit', ip, `more than ${this.#cfg.ipRequestsPer5s} requests in 5 s`);
      if (this.#cfg.enabled) {
        s.bannedUntil = now + this.#cfg.ipBanMs;
        throw BybitErrors.ipLimit(s.bannedUntil);
      }
    }
    s.window.add(now);
  }

  /** Forgets usage and bans. */
  reset(): void {
    this.#ips.clear();
  }
}

/** The X-Bapi-Limit* figures of one answer. */
export interface UidLimitStatus {
  readonly limit: number;
  readonly remaining: number;
  readonly resetAt: number;
  readonly allowed: boolean;
}

/** Per-UID, per-endpoint accounting over a rolling second. */
export class UidLimiter {
  readonly #cfg: BybitLimitConfig;
  readonly #violations: BybitViolations;
  readonly #windows = new Map<string, RollingWindowCounter>();

  /** Creates the limiter. */
  constructor(cfg: BybitLimitConfig, violations: BybitViolations) {
    this.#cfg = cfg;
    this.#violations = violations;
  }

  /** Counts one request of `uid` to `path` (order entry is counted per spot / derivatives). */
  admit(uid: number, path: BybitRateLimitedPath, category: BybitCategory, now: number): UidLimitStatus {
    const limit = this.#cfg.endpointLimit(path, category);
    const byCategory = path === '/v5/order/create' || path === '/v5/order/cancel';
    const id = `${uid}|${path}|${byCategory ? category : '*'}`;
    let w = this.#windows.get(id);
    if (w === undefined) {
      w = new RollingWindowCounter(1000);
      this.#windows.set(id, w);
    }
    const used = w.count(now);
    if (used >= limit) {
      this.#violations.record(
        now,
        'uidLimit',
        String(uid),
        `more than ${limit} requests/s to ${path} (${category})`,
      );
      if (this.#cfg.enabled) return { limit, remaining: 0, resetAt: w.resetsAt(now), allowed: false };
    }
    w.add(now);
    const remaining = Math.max(0, limit - used - 1);
    return { limit, remaining, resetAt: remaining === 0 ? w.resetsAt(now) : now, allowed: true };
  }

  /** Forgets usage. */
  reset(): void {
    this.#windows.clear();
  }
}

/** The response headers Bybit sends with a per-UID limited answer. */
export function uidLimitHeaders(s: UidLimitStatus): Record<string, string> {
  return {
    'X-Bapi-Limit': String(s.limit),
    'X-Bapi-Limit-Status': String(s.remaining),
    'X-Bapi-Limit-Reset-Timestamp': String(s.resetAt),
  };
}
