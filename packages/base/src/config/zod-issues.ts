// Turns zod issues into lines a person can act on: where (a readable path), what was expected,
// and what kind of value was found. Never quotes the value itself: config values and options
// may be secrets. Used by loadConfig and parseOptions.
import type { z } from 'zod';
import { formatConfigPath, valueAtPath } from './config-path.js';

/** One readable problem: a formatted path and what is wrong there. */
export interface ReadableIssue {
  path: string;
  message: string;
}

type Issue = z.core.$ZodIssue;

/** "a string", "an array", "nothing" — the kind of a value, never its content. */
export function describeValueKind(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'a number';
  if (typeof value === 'object') return value instanceof Date ? 'a date' : 'an object';
  return `a ${typeof value}`;
}

/** How to read a value of `expected` type from text (env values are always text). */
const COERCE_HINT: Record<string, string> = {
  number: 'z.coerce.number()',
  int: 'z.coerce.number().int()',
  bigint: 'z.coerce.bigint()',
  boolean: 'z.stringbool()',
  date: 'z.coerce.date()',
};

/** zod's names for expected types, in words a config author uses. */
const TYPE_WORDS: Record<string, string> = { record: 'object', tuple: 'array' };

function withArticle(kind: string): string {
  kind = TYPE_WORDS[kind] ?? kind;
  if (kind === 'null' || kind === 'undefined' || kind === 'nothing' || kind === 'never') return kind;
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

function quoteList(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? JSON.stringify(v) : String(v))).join(', ');
}

function sizeMessage(issue: Issue & { code: 'too_small' | 'too_big' }): string {
  const small = issue.code === 'too_small';
  const limit = small ? issue.minimum : issue.maximum;
  const inclusive = issue.inclusive !== false;
  const exact = (issue as { exact?: boolean }).exact === true;
  const bound = exact
    ? 'exactly'
    : small
      ? inclusive
        ? 'at least'
        : 'more than'
      : inclusive
        ? 'at most'
        : 'less than';
  switch (issue.origin) {
    case 'string':
      return `must be ${bound} ${String(limit)} character${limit === 1 ? '' : 's'} long`;
    case 'array':
    case 'set':
      return `must have ${bound} ${String(limit)} item${limit === 1 ? '' : 's'}`;
    case 'number':
    case 'int':
    case 'bigint':
    case 'date': {
      const op = small ? (inclusive ? '≥' : '>') : inclusive ? '≤' : '<';
      return `must be ${op} ${String(limit)}`;
    }
    default:
      return issue.message;
  }
}

function formatMessage(issue: Issue & { code: 'invalid_format' }): string {
  const i = issue as Issue & {
    format: string;
    pattern?: string;
    prefix?: string;
    suffix?: string;
    includes?: string;
  };
  if (i.format === 'regex' && i.pattern) return `must match ${i.pattern}`;
  if (i.format === 'starts_with' && i.prefix !== undefined)
    return `must start with ${JSON.stringify(i.prefix)}`;
  if (i.format === 'ends_with' && i.suffix !== undefined) return `must end with ${JSON.stringify(i.suffix)}`;
  if (i.format === 'includes' && i.includes !== undefined)
    return `must include ${JSON.stringify(i.includes)}`;
  if (i.format === 'url') return 'must be a valid URL';
  return `must be a valid ${i.format}`;
}

function describeOne(
  issue: Issue,
  input: unknown,
  prefix: readonly PropertyKey[],
  out: ReadableIssue[],
  envPaths: ReadonlySet<string>,
): void {
  const fullPath = [...prefix, ...issue.path];
  const path = formatConfigPath(fullPath);
  const found = valueAtPath(input, fullPath);
  let message: string;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = withArticle(String(issue.expected));
      if (found === undefined) message = `is required (expected ${expected})`;
      else {
        message = `expected ${expected}, got ${describeValueKind(found)}`;
        const hint = COERCE_HINT[String(issue.expected)];
        if (typeof found === 'string' && hint && envPaths.has(path))
          message += ` (the value comes from an environment variable, which is always text; read it with ${hint} in the schema)`;
      }
      break;
    }
    case 'too_small':
    case 'too_big':
      message = sizeMessage(issue);
      break;
    case 'invalid_format':
      message = formatMessage(issue);
      break;
    case 'not_multiple_of':
      message = `must be a multiple of ${String(issue.divisor)}`;
      break;
    case 'unrecognized_keys':
      message = `has unknown key${issue.keys.length === 1 ? '' : 's'} ${quoteList(issue.keys)}`;
      break;
    case 'invalid_value':
      message =
        issue.values.length === 1
          ? `must be ${quoteList(issue.values)}`
          : `must be one of ${quoteList(issue.values)}`;
      break;
    case 'invalid_union': {
      const branches = issue.errors;
      const kinds = branches.map((b) =>
        b.length === 1 && b[0]?.code === 'invalid_type' && b[0].path.length === 0 ? b[0].expected : undefined,
      );
      if (branches.length > 0 && kinds.every((k) => k !== undefined)) {
        message = `expected one of ${[...new Set(kinds)].map((k) => withArticle(String(k))).join(', ')}; got ${describeValueKind(found)}`;
        break;
      }
      // Report the branch that got furthest (deepest path): usually the form the user meant.
      const depth = (b: readonly Issue[]): number => Math.max(0, ...b.map((x) => x.path.length));
      const best = [...branches].sort((a, b) => depth(b) - depth(a))[0];
      if (best && best.length > 0 && depth(best) > 0) {
        for (const inner of best) describeOne(inner, input, fullPath, out, envPaths);
        return;
      }
      message =
        issue.message && issue.message !== 'Invalid input'
          ? issue.message
          : 'does not match any allowed form';
      break;
    }
    case 'invalid_key':
      message = `has an invalid key: ${issue.issues.map((i) => i.message).join('; ')}`;
      break;
    case 'invalid_element':
      message = `has an invalid element: ${issue.issues.map((i) => i.message).join('; ')}`;
      break;
    default:
      message = issue.message;
  }
  out.push({ path, message });
}

/**
 * Translates zod issues into readable lines (`feeds.binance.limits[0].interval: expected a
 * number, got a string`). `input` is the value that was validated (used to say what kind of
 * value was found); `envPaths` marks values that came from `${ENV}` interpolation.
 */
export function readableIssues(
  issues: readonly Issue[],
  input: unknown,
  envPaths: ReadonlySet<string> = new Set(),
): ReadableIssue[] {
  const out: ReadableIssue[] = [];
  for (const issue of issues) describeOne(issue, input, [], out, envPaths);
  return out;
}

/** The lines as a bulleted list, one per issue (`  - path: message`), at most `max` then a count. */
export function formatIssueLines(issues: readonly ReadableIssue[], max = 20): string {
  const lines = issues.slice(0, max).map((i) => `  - ${i.path}: ${i.message}`);
  if (issues.length > max) lines.push(`  … and ${issues.length - max} more`);
  return lines.join('\n');
}
