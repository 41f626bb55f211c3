// Turns zod validation failures of venuekit's own schemas (orders, instruments, plugins, feed
// options) into errors whose message names each offending field (`signers[0].hosts[1]: expected
// …`) so a person can fix their input without reading a stack. Those schemas carry messages
// written for people, so they are kept verbatim, on one line. Schemas written by users (config
// files, options) go through config/parse-options.ts instead, which rewrites zod's default
// messages; both write paths with the same formatConfigPath.
import type { z } from 'zod';
import { formatConfigPath } from '../config/config-path.js';
import { ConfigError, ValidationError } from '../errors.js';

/** One line per issue, `path: message`, joined with `; ` (at most eight, then a count). */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const lines = issues.slice(0, 8).map((issue) => `${formatConfigPath(issue.path)}: ${issueMessage(issue)}`);
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
  const details = { fields: result.error.issues.map((issue) => formatConfigPath(issue.path)) };
  throw kind === 'config' ? new ConfigError(message, { details }) : new ValidationError(message, { details });
}
