// Turns zod validation failures into venuekit errors whose message names each offending field
// (`signers[0].hosts[1]: expected …`) so a person can fix their input without reading a stack.
import type { z } from 'zod';
import { ConfigError, ValidationError } from '../errors.js';

/** Formats a zod issue path as `a.b[0]["odd key"]`; the empty path is `(root)`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out === '' ? '(root)' : out;
}

/** One line per issue, `path: message`, joined with `; ` (at most eight, then a count). */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, 8).map((issue) => `${formatIssuePath(issue.path)}: ${issueMessage(issue)}`);
  if (issues.length > 8) lines.push(`… and ${issues.length - 8} more`);
  return lines.join('; ');
}

/** The most specific message of an issue: a bad record key reports why the key is bad. */
function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_key' && issue.issues.length > 0) return `bad key: ${issue.issues[0]!.message}`;
  return issue.message;
}

/**
 * Validates `input` with `schema` and returns the parsed output, or throws `ValidationError`
 * (or `ConfigError` when `kind` is `'config'`) saying what was being checked and what is wrong.
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
  kind: 'validation' | 'config' = 'validation',
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const message = `Invalid ${what}: ${describeIssues(result.error.issues)}`;
  const details = { fields: result.error.issues.map((issue) => formatIssuePath(issue.path)) };
  throw kind === 'config' ? new ConfigError(message, { details }) : new ValidationError(message, { details });
}
