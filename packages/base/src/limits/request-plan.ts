// Resolves a request (endpoint + method) to the windows it must pass and what it costs in each,
// once per distinct endpoint/method pair: the result is cached so the limiter's no-wait path
// does one Map lookup instead of glob matching and weight-map lookups on every call. Also here:
// the "could this ever pass?" check on a plan, and a slot's figures for `state()`.
import { ValidationError } from '../errors.js';
import { type RateWindow, type RateWindowKind, WEIGHT_EPSILON } from './rate-window.js';
import { type CompiledRule, ruleMatches, ruleWeight } from './rules.js';

/** One window of one rule (a per-endpoint rule has one slot per endpoint), plus queue bookkeeping. */
export class LimitSlot {
  /** Queued waiters that need this slot. */
  waiting = 0;
  /** Drain pass in which an earlier waiter claimed this slot (FIFO bookkeeping). */
  blockedPass = 0;

  /** The window's limit when it was made (a server report may change it since). */
  readonly initialLimit: number;

  constructor(
    readonly rule: CompiledRule,
    readonly window: RateWindow,
    readonly endpoint: string | undefined,
  ) {
    this.initialLimit = window.limit;
  }

  /** The name `state()` reports the slot under: the rule name, plus the endpoint for per-endpoint rules. */
  get key(): string {
    return this.endpoint === undefined ? this.rule.name : `${this.rule.name} ${this.endpoint}`;
  }
}

/** What one endpoint/method pair needs: slots and the cost in each (before the caller's multiplier). */
export interface RequestPlan {
  /** Limits generation at which cost <= limit was last verified for weight 1 (see RateLimiter). */
  unitCheckedAt: number;
  readonly endpoint: string | undefined;
  readonly method: string;
  readonly slots: readonly LimitSlot[];
  readonly costs: readonly number[];
  /** Per slot: whether the caller's multiplier scales its cost (false for `unweighted` rules). */
  readonly scaled: readonly boolean[];
}

/** What a request of `multiplier` takes from slot `i` of `plan`. */
export function slotCost(plan: RequestPlan, i: number, multiplier: number): number {
  return plan.scaled[i] ? plan.costs[i]! * multiplier : plan.costs[i]!;
}

/** Distinct endpoints cached before the cache starts over (guards against ids in paths). */
const MAX_CACHED_PLANS = 4096;

/** Plans of one endpoint, by the method as the caller spelt it. */
interface PlansByMethod {
  readonly methods: string[];
  readonly plans: RequestPlan[];
}

/** Builds and caches {@link RequestPlan}s for a fixed list of rules. */
export class RequestPlanner {
  readonly #rules: readonly CompiledRule[];
  readonly #shared = new Map<CompiledRule, LimitSlot>();
  readonly #perEndpoint = new Map<CompiledRule, Map<string, LimitSlot>>();
  readonly #plans = new Map<string, PlansByMethod>();
  readonly #noEndpoint: PlansByMethod = { methods: [], plans: [] };

  readonly #now: (() => number) | undefined;

  /**
   * @param now the limiter's clock: when the plan cache starts over, per-endpoint windows that are
   * idle (empty, nobody waiting, the rule's own limit) are dropped too, so ids or account tags in
   * endpoints cannot grow the limiter without bound (a dropped window comes back exactly as it
   * was: empty, with the rule's limit; one whose limit a server report changed is kept).
   */
  constructor(rules: readonly CompiledRule[], now?: () => number) {
    this.#rules = rules;
    this.#now = now;
    for (const rule of rules) {
      if (rule.perEndpoint) this.#perEndpoint.set(rule, new Map());
      else this.#shared.set(rule, new LimitSlot(rule, rule.createWindow(), undefined));
    }
  }

  /** The plan for a request; `endpoint`-scoped rules never match a request without an endpoint. */
  plan(endpoint: string | undefined, method: string | undefined): RequestPlan {
    const m = method ?? '';
    let byMethod: PlansByMethod | undefined;
    if (endpoint === undefined) byMethod = this.#noEndpoint;
    else {
      byMethod = this.#plans.get(endpoint);
      if (byMethod === undefined) {
        if (this.#plans.size >= MAX_CACHED_PLANS) this.#startOver();
        this.#plans.set(endpoint, (byMethod = { methods: [], plans: [] }));
      }
    }
    // Few methods per endpoint: a linear scan beats a second hash lookup.
    const methods = byMethod.methods;
    for (let i = 0; i < methods.length; i++) if (methods[i] === m) return byMethod.plans[i]!;
    const plan = this.#build(endpoint, m);
    methods.push(m);
    byMethod.plans.push(plan);
    return plan;
  }

  /** Forgets the cached plans and the per-endpoint windows that are idle now. */
  #startOver(): void {
    this.#plans.clear();
    if (this.#now === undefined) return;
    const now = this.#now();
    for (const slots of this.#perEndpoint.values())
      for (const [endpoint, slot] of slots)
        if (slot.waiting === 0 && slot.window.resetInMs(now) === 0 && slot.window.limit === slot.initialLimit)
          slots.delete(endpoint);
  }

  /** Every slot that exists so far, in rule order. */
  slots(): LimitSlot[] {
    const out: LimitSlot[] = [];
    for (const rule of this.#rules) {
      const shared = this.#shared.get(rule);
      if (shared) out.push(shared);
      else for (const slot of this.#perEndpoint.get(rule)!.values()) out.push(slot);
    }
    return out;
  }

  /** The rule named `name`, if any. */
  rule(name: string): CompiledRule | undefined {
    return this.#rules.find((r) => r.name === name);
  }

  /** The slot of rule `rule` for `endpoint` (per-endpoint rules) — created if missing. */
  slotOf(rule: CompiledRule, endpoint: string | undefined): LimitSlot | undefined {
    const shared = this.#shared.get(rule);
    if (shared) return shared;
    return endpoint === undefined ? undefined : this.#endpointSlot(rule, endpoint);
  }

  #build(endpoint: string | undefined, rawMethod: string): RequestPlan {
    const method = rawMethod.toUpperCase();
    const slots: LimitSlot[] = [];
    const costs: number[] = [];
    const scaled: boolean[] = [];
    for (const rule of this.#rules) {
      if (endpoint === undefined ? rule.patterns !== undefined : !ruleMatches(rule, endpoint, method))
        continue;
      const cost = ruleWeight(rule, endpoint ?? '', method);
      if (cost === 0) continue;
      slots.push(this.#shared.get(rule) ?? this.#endpointSlot(rule, endpoint!));
      costs.push(cost);
      scaled.push(!rule.unweighted);
    }
    return { unitCheckedAt: -1, endpoint, method, slots, costs, scaled };
  }

  #endpointSlot(rule: CompiledRule, endpoint: string): LimitSlot {
    const byEndpoint = this.#perEndpoint.get(rule)!;
    let slot = byEndpoint.get(endpoint);
    if (slot === undefined)
      byEndpoint.set(endpoint, (slot = new LimitSlot(rule, rule.createWindow(), endpoint)));
    return slot;
  }
}

/** One window's figures, for metrics and dashboards. */
export interface RuleState {
  /** The rule's name. */
  rule: string;
  /** The endpoint, for rules with `perEndpoint: true`. */
  endpoint: string | undefined;
  kind: RateWindowKind;
  /** Units counted now. */
  used: number;
  /** Units the window admits (bucket capacity for a token bucket). */
  limit: number;
  /** `limit - used`, never below 0. */
  remaining: number;
  /** Milliseconds until usage is back to zero. */
  resetInMs: number;
  /** Requests queued that need this window. */
  waiting: number;
}

/** The figures of one slot at `now`. */
export function slotState(slot: LimitSlot, now: number): RuleState {
  const w = slot.window;
  const used = w.used(now);
  return {
    rule: slot.rule.name,
    endpoint: slot.endpoint,
    kind: w.kind,
    used,
    limit: w.limit,
    remaining: Math.max(0, w.limit - used),
    resetInMs: w.resetInMs(now),
    waiting: slot.waiting,
  };
}

/**
 * Why a request of `multiplier` times `plan`'s costs can never be admitted (a bad multiplier,
 * or a cost above a rule's limit), or `undefined`. The weight-1 verdict is cached on the plan
 * until the limits change (`generation`).
 */
export function checkWeight(
  plan: RequestPlan,
  multiplier: number,
  generation: number,
): ValidationError | undefined {
  if (multiplier === 1) {
    if (plan.unitCheckedAt === generation) return undefined;
  } else if (!(multiplier >= 0 && Number.isFinite(multiplier))) {
    return new ValidationError(`RateLimiter: weight must be a finite number >= 0, got ${multiplier}`);
  }
  const slots = plan.slots;
  for (let i = 0; i < slots.length; i++) {
    const need = slotCost(plan, i, multiplier);
    const limit = slots[i]!.window.limit;
    if (need > limit + WEIGHT_EPSILON) {
      const what = `${plan.method || '(no method)'} ${plan.endpoint ?? '(no endpoint)'}`;
      return new ValidationError(
        `RateLimiter: ${what} costs ${need} units of rule "${slots[i]!.rule.name}" but its limit is ${limit}; it could never be admitted`,
        {
          details: {
            rule: slots[i]!.rule.name,
            weight: need,
            limit,
            endpoint: plan.endpoint,
            method: plan.method,
          },
        },
      );
    }
  }
  if (multiplier === 1) plan.unitCheckedAt = generation;
  return undefined;
}
