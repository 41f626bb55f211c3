// Penalties after a 429 or a ban: until a given time, no request (or no request matching a
// pattern) may leave. Kept apart from the windows because a penalty is not usage: it does not
// expire with the window, and it must hold even when the windows have room.
import { compileEndpointPattern, type EndpointPattern } from './endpoint-pattern.js';
import type { RequestPlan } from './request-plan.js';

interface ScopedPenalty {
  readonly pattern: EndpointPattern;
  until: number;
}

/** One active penalty, as reported by `RateLimiter.penalties()`. */
export interface PenaltyState {
  /** The endpoint pattern it covers, or `undefined` for every request. */
  endpoint: string | undefined;
  /** Milliseconds until it ends. */
  remainingMs: number;
}

/** The set of active penalties. */
export class PenaltyBox {
  #globalUntil = Number.NEGATIVE_INFINITY;
  readonly #scoped: ScopedPenalty[] = [];
  /** False only when there is certainly no penalty (the limiter's fast path reads this). */
  maybeActive = false;

  /** Blocks everything (or what matches `endpoint`) until `until`; a later end wins over an earlier one. */
  add(until: number, endpoint: string | undefined): void {
    this.maybeActive = true;
    if (endpoint === undefined) {
      if (until > this.#globalUntil) this.#globalUntil = until;
      return;
    }
    const existing = this.#scoped.find((p) => p.pattern.source === endpoint);
    if (existing) existing.until = Math.max(existing.until, until);
    else this.#scoped.push({ pattern: compileEndpointPattern(endpoint), until });
  }

  /** Latest end of the penalties covering `plan` at `now`, or `-Infinity` when none does. */
  until(plan: RequestPlan, now: number): number {
    if (!this.maybeActive) return Number.NEGATIVE_INFINITY;
    this.#prune(now);
    let until = this.#globalUntil > now ? this.#globalUntil : Number.NEGATIVE_INFINITY;
    if (plan.endpoint !== undefined)
      for (const p of this.#scoped)
        if (p.until > until && p.pattern.matches(plan.endpoint, plan.method)) until = p.until;
    return until;
  }

  /** Active penalties at `now`. */
  list(now: number): PenaltyState[] {
    this.#prune(now);
    const out: PenaltyState[] = [];
    if (this.#globalUntil > now) out.push({ endpoint: undefined, remainingMs: this.#globalUntil - now });
    for (const p of this.#scoped) out.push({ endpoint: p.pattern.source, remainingMs: p.until - now });
    return out;
  }

  #prune(now: number): void {
    for (let i = this.#scoped.length - 1; i >= 0; i--)
      if (this.#scoped[i]!.until <= now) this.#scoped.splice(i, 1);
    if (this.#globalUntil <= now) this.#globalUntil = Number.NEGATIVE_INFINITY;
    this.maybeActive = this.#scoped.length > 0 || this.#globalUntil > now;
  }
}
