// Rate-limit rules: what users write (validated with zod, so a mistake names the field and the
// expected form) and the compiled form the limiter matches requests against.
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { compileEndpointPattern, type EndpointPattern } from './endpoint-pattern.js';
import { FixedWindow } from './fixed-window.js';
import type { RateWindow, RateWindowKind } from './rate-window.js';
import { SlidingWindow } from './sliding-window.js';
import { TokenBucket } from './token-bucket.js';

/** Fields every rule has. */
export interface RateLimitRuleBase {
  /** Unique name; `observe()` and `state()` refer to the rule by it (e.g. `'weight1m'`). */
  name: string;
  /** `'global'` (default) counts every request; `'endpoint'` only requests matching `endpoints`. */
  scope?: 'global' | 'endpoint' | undefined;
  /**
   * Patterns for `scope: 'endpoint'`: path globs (`/api/v3/*`, `/sapi/**`, `**`), optionally with
   * a method in front (`'POST /api/v3/order'`).
   */
  endpoints?: string | readonly string[] | undefined;
  /** Give each matching endpoint its own window (per-endpoint limits, as Bybit counts). */
  perEndpoint?: boolean | undefined;
  /** Units a request costs when `weights` has no entry for it (default 1). */
  weight?: number | undefined;
  /**
   * Cost by `"METHOD /exact/path"` first, then by `"METHOD"`, then `weight`; the caller's
   * `weight` multiplies the result. A cost of 0 means the rule does not apply to that request.
   */
  weights?: Readonly<Record<string, number>> | undefined;
  /**
   * Count requests, not weight: the caller's `weight` does not multiply this rule's cost (a
   * requests-per-window limit beside a weight limit, as Binance's RAW_REQUESTS).
   */
  unweighted?: boolean | undefined;
}

/** A sliding or fixed (epoch-aligned) window of `limit` units per `intervalMs`. */
export interface WindowRule extends RateLimitRuleBase {
  kind: 'slidingWindow' | 'fixedWindow';
  intervalMs: number;
  limit: number;
}

/** A token bucket of `capacity` units refilling at `refillPerSecond`. */
export interface TokenBucketRule extends RateLimitRuleBase {
  kind: 'tokenBucket';
  capacity: number;
  refillPerSecond: number;
}

/** One rate-limit rule. */
export type RateLimitRule = WindowRule | TokenBucketRule;

const positive = z.number().finite().positive();
const common = {
  name: z.string().min(1),
  scope: z.enum(['global', 'endpoint']).optional(),
  endpoints: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  perEndpoint: z.boolean().optional(),
  weight: z.number().finite().nonnegative().optional(),
  weights: z.record(z.string(), z.number().finite().nonnegative()).optional(),
  unweighted: z.boolean().optional(),
};
const ruleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('slidingWindow'), intervalMs: positive, limit: positive, ...common }),
  z.object({ kind: z.literal('fixedWindow'), intervalMs: positive, limit: positive, ...common }),
  z.object({ kind: z.literal('tokenBucket'), capacity: positive, refillPerSecond: positive, ...common }),
]);

/** A rule ready for matching. */
export interface CompiledRule {
  readonly name: string;
  readonly kind: RateWindowKind;
  readonly perEndpoint: boolean;
  /** `undefined` for global rules. */
  readonly patterns: readonly EndpointPattern[] | undefined;
  readonly defaultWeight: number;
  readonly weights: ReadonlyMap<string, number>;
  /** The caller's weight does not multiply this rule's cost. */
  readonly unweighted: boolean;
  /** A new, empty window for this rule. */
  createWindow(): RateWindow;
}

/** Validates `rules` and compiles them; a mistake throws ConfigError naming the field. */
export function compileRules(rules: readonly RateLimitRule[]): CompiledRule[] {
  if (!Array.isArray(rules)) throw new ConfigError('RateLimiter rules: expected an array of rules');
  const names = new Set<string>();
  return rules.map((raw, i) => {
    const parsed = ruleSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.length > 0 ? `.${issue.path.join('.')}` : '';
      throw new ConfigError(
        `RateLimiter rules[${i}]${field}: ${issue.message} (a rule is { name, kind: 'slidingWindow' | 'fixedWindow', intervalMs, limit } or { name, kind: 'tokenBucket', capacity, refillPerSecond })`,
        { details: { index: i, path: issue.path.map(String) } },
      );
    }
    const rule = parsed.data;
    if (names.has(rule.name))
      throw new ConfigError(`RateLimiter rules[${i}].name: duplicate rule name "${rule.name}"`);
    names.add(rule.name);
    const scope = rule.scope ?? (rule.endpoints === undefined ? 'global' : 'endpoint');
    if (scope === 'endpoint' && rule.endpoints === undefined)
      throw new ConfigError(
        `RateLimiter rules[${i}].endpoints: required for scope 'endpoint' (globs such as '/api/v3/*' or 'POST /api/v3/order')`,
      );
    if (scope === 'global' && rule.endpoints !== undefined)
      throw new ConfigError(
        `RateLimiter rules[${i}].endpoints: not allowed with scope 'global'; use scope 'endpoint'`,
      );
    const patterns =
      scope === 'endpoint'
        ? (typeof rule.endpoints === 'string' ? [rule.endpoints] : rule.endpoints!).map(
            compileEndpointPattern,
          )
        : undefined;
    const weights = new Map<string, number>();
    for (const [key, value] of Object.entries(rule.weights ?? {}))
      weights.set(normalizeWeightKey(key), value);
    return {
      name: rule.name,
      kind: rule.kind,
      perEndpoint: rule.perEndpoint ?? false,
      patterns,
      defaultWeight: rule.weight ?? 1,
      weights,
      unweighted: rule.unweighted ?? false,
      createWindow: (): RateWindow =>
        rule.kind === 'tokenBucket'
          ? new TokenBucket(rule.capacity, rule.refillPerSecond)
          : rule.kind === 'fixedWindow'
            ? new FixedWindow(rule.limit, rule.intervalMs)
            : new SlidingWindow(rule.limit, rule.intervalMs),
    };
  });
}

/** `"get  /x"` → `"GET /x"`, `"get"` → `"GET"`. */
function normalizeWeightKey(key: string): string {
  const trimmed = key.trim();
  const space = trimmed.search(/\s/);
  return space < 0
    ? trimmed.toUpperCase()
    : `${trimmed.slice(0, space).toUpperCase()} ${trimmed.slice(space).trim()}`;
}

/** True when `rule` applies to a request for `endpoint` with `method` (upper case). */
export function ruleMatches(rule: CompiledRule, endpoint: string, method: string): boolean {
  if (rule.patterns === undefined) return true;
  for (const p of rule.patterns) if (p.matches(endpoint, method)) return true;
  return false;
}

/** The rule's cost for `method endpoint`, before the caller's multiplier. */
export function ruleWeight(rule: CompiledRule, endpoint: string, method: string): number {
  return rule.weights.get(`${method} ${endpoint}`) ?? rule.weights.get(method) ?? rule.defaultWeight;
}
