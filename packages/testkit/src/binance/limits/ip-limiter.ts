// Per-IP request accounting of one market: REQUEST_WEIGHT (and RAW_REQUESTS on Spot) in aligned
// windows; over the limit → 429 + Retry-After (-1003); a client that keeps sending after its 429s
// → 418 IP ban with Retry-After of the ban, escalating from 2 minutes to 3 days.
import { BinanceApiError } from '../errors.js';
import { type LimitConfig, MAX_BAN_MS, windowMs } from './limit-config.js';
import type { Violations } from './violations.js';
import { FixedWindowCounter } from '../../shared/limits/fixed-window-counter.js';

interface IpState {
  weight: FixedWindowCounter;
  raw: FixedWindowCounter | undefined;
  /** Requests refused with 429 in the current weight window. */
  rejected: FixedWindowCounter;
  bannedUntil: number;
  bans: number;
}

/** REQUEST_WEIGHT / RAW_REQUESTS accounting and bans per IP. */
export class IpLimiter {
  readonly cfg: LimitConfig;
  readonly #violations: Violations;
  readonly #ips = new Map<string, IpState>();

  /** Creates the limiter; violations are recorded into `violations`. */
  constructor(cfg: LimitConfig, violations: Violations) {
    this.cfg = cfg;
    this.#violations = violations;
  }

  /**
   * Admits a request of `weight` from `ip` at `now`, or throws the 429 / 418 BinanceApiError
   * (recording a violation). A refused request adds no weight.
   */
  admit(ip: string, weight: number, now: number): void {
    const s = this.#state(ip);
    const cfg = this.cfg;
    if (s.bannedUntil > now) {
      this.#violations.record(now, 'banned', ip, `request while banned until ${s.bannedUntil}`);
      if (cfg.enabled) throw banError(s.bannedUntil, now);
    }
    const limit = cfg.requestWeight.limit;
    const overWeight = s.weight.value(now) + weight > limit;
    const overRaw =
      s.raw !== undefined && cfg.rawRequests !== undefined && s.raw.value(now) + 1 > cfg.rawRequests.limit;
    if (overWeight || overRaw) {
      const kind = overWeight ? 'requestWeight' : 'rawRequests';
      this.#violations.record(
        now,
        kind,
        ip,
        overWeight ? `weight ${s.weight.value(now)}+${weight} > ${limit}` : 'raw requests',
      );
      if (cfg.enabled) {
        const rejected = s.rejected.add(now, 1);
        if (rejected > cfg.banAfterRejected) {
          s.bannedUntil = now + Math.min(MAX_BAN_MS, cfg.banMs * 2 ** s.bans);
          s.bans++;
          throw banError(s.bannedUntil, now);
        }
        const counter = overWeight ? s.weight : s.raw!;
        const resetAt = counter.resetsAt(now);
        const msg = overWeight
          ? `Too much request weight used; current limit is ${limit} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`
          : `Too many requests; current limit is ${cfg.rawRequests!.limit} requests per 5 MINUTE.`;
        throw new BinanceApiError(-1003, msg, 429, { afterS: secondsUntil(resetAt, now), atMs: resetAt });
      }
    }
    s.weight.add(now, weight);
    s.raw?.add(now, 1);
  }

  /** Adds weight without an admission check (e.g. the WS API connection cost). */
  charge(ip: string, weight: number, now: number): void {
    this.#state(ip).weight.add(now, weight);
  }

  /** REQUEST_WEIGHT used by `ip` in the current window. */
  usedWeight(ip: string, now: number): number {
    return this.#state(ip).weight.value(now);
  }

  /** Epoch ms until which `ip` is banned (0 when not banned). */
  bannedUntil(ip: string, now: number): number {
    const until = this.#state(ip).bannedUntil;
    return until > now ? until : 0;
  }

  /** Forgets all usage, rejections and bans. */
  reset(): void {
    this.#ips.clear();
  }

  #state(ip: string): IpState {
    let s = this.#ips.get(ip);
    if (s === undefined) {
      const w = windowMs(this.cfg.requestWeight);
      s = {
        weight: new FixedWindowCounter(w),
        raw:
          this.cfg.rawRequests === undefined
            ? undefined
            : new FixedWindowCounter(windowMs(this.cfg.rawRequests)),
        rejected: new FixedWindowCounter(w),
        bannedUntil: 0,
        bans: 0,
      };
      this.#ips.set(ip, s);
    }
    return s;
  }
}

function banError(until: number, now: number): BinanceApiError {
  return new BinanceApiError(
    -1003,
    `Way too much request weight used; IP banned until ${until}. Please use WebSocket Streams for live updates to avoid bans.`,
    418,
    { afterS: secondsUntil(until, now), atMs: until },
  );
}

/** Whole seconds until `at` (at least 1), as Retry-After carries them. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}
