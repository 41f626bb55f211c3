// Validating constructor options and other inputs with a zod schema, with errors that name
// each wrong field and what it should be. Every module that takes options uses this, so bad
// options read the same everywhere.
import type { z } from 'zod';
import { ConfigError, ValidationError } from '../errors.js';
import { readableIssues, formatIssueLines } from './zod-issues.js';

/** Options of {@link parseOptions}. */
export interface ParseOptionsOptions {
  /**
   * The error to throw: `'config'` (default) → ConfigError, for options and settings;
   * `'validation'` → ValidationError, for data such as a user's order.
   */
  error?: 'config' | 'validation';
  /** The venue the options belong to, carried by the error. */
  venue?: string;
}

/**
 * Validates `value` against `schema` and returns the schema's output (defaults applied).
 * On failure throws a ConfigError (or ValidationError) whose message names `what` and every
 * wrong field, e.g. `Invalid RateLimiter options: rules[0].intervalMs: expected a number, got
 * a string`. Values are never quoted. `details.issues` lists `{ path, message }`.
 */
export function parseOptions<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  options: ParseOptionsOptions = {},
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = readableIssues(result.error.issues, value);
  const first = issues[0];
  const text =
    issues.length === 1 && first
      ? `Invalid ${what}: ${first.path === '(root)' ? '' : `${first.path}: `}${first.message}`
      : `Invalid ${what}:\n${formatIssueLines(issues)}`;
  const ErrorClass = options.error === 'validation' ? ValidationError : ConfigError;
  throw new ErrorClass(text, { venue: options.venue, details: { issues } });
}
