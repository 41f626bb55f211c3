// Validates the options a user passes to `createFeed` and fills in defaults, so a typo such as
// `environment: 'test'` or a malformed simulator URL fails at creation with a ConfigError that
// names the field, not later as a confusing network error. Credentials are checked for shape
// only and never copied or printed.
import { z } from 'zod';
import { createCredentials } from '../auth/credentials.js';
import type { Credentials } from '../auth/types.js';
import { type Clock, systemClock } from '../clock.js';
import { defaultLogger, type Logger } from '../log.js';
import { parseOrThrow } from '../models/schema-errors.js';
import type { FeedEnvironment, FeedOptions } from './types.js';

const hasMethods = (...names: string[]) =>
  z.custom<object>(
    (v) =>
      typeof v === 'object' &&
      v !== null &&
      names.every((n) => typeof (v as Record<string, unknown>)[n] === 'function'),
    { error: `expected an object with ${names.map((n) => `${n}()`).join(', ')}` },
  );

const endpointUrl = z.string().refine(
  (v) => {
    try {
      return ['http:', 'https:', 'ws:', 'wss:'].includes(new URL(v).protocol);
    } catch {
      return false;
    }
  },
  { error: (issue) => `expected an absolute http(s):// or ws(s):// URL, got ${JSON.stringify(issue.input)}` },
);

const feedOptionsSchema = z.looseObject({
  // Checked (and wrapped to print redacted) by createCredentials below, never echoed.
  credentials: z.unknown().optional(),
  environment: z.enum(['prod', 'testnet', 'demo']).optional(),
  urls: z.record(z.string(), endpointUrl).optional(),
  session: z.unknown().optional(),
  limiter: hasMethods('acquire', 'tryAcquire').optional(),
  logger: hasMethods('debug', 'info', 'warn', 'error').optional(),
  clock: hasMethods('now', 'setTimeout', 'clearTimeout').optional(),
});

/**
 * Feed options after validation, with `environment`, `logger`, `clock` and `urls` filled in and
 * `credentials` (if any) wrapped so they print redacted.
 */
export type ResolvedFeedOptions<O extends FeedOptions = FeedOptions> = O & {
  readonly credentials: Credentials | undefined;
  readonly environment: FeedEnvironment;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly urls: Readonly<Record<string, string>>;
};

/**
 * Checks `options` and returns them with defaults (`environment: 'prod'`, the default logger
 * as a child tagged with `venue`, the system clock, no URL overrides). Plain credentials are
 * wrapped by `createCredentials` (validated, registered for redaction); everything else the
 * caller passed (session, limiter, extra venue options) is kept by reference. Throws
 * `ConfigError` naming each bad field and the form it expects, never a secret.
 */
export function resolveFeedOptions<O extends FeedOptions>(
  options: O | undefined,
  venue: string,
): ResolvedFeedOptions<O> {
  const given = (options ?? {}) as O;
  parseOrThrow(feedOptionsSchema, given, `options for the ${venue} feed`, 'config');
  const credentials =
    given.credentials === undefined
      ? undefined
      : createCredentials(given.credentials, { label: `options.credentials of the ${venue} feed` });
  return {
    ...given,
    credentials,
    environment: given.environment ?? 'prod',
    logger: given.logger ?? defaultLogger.child({ venue }),
    clock: given.clock ?? systemClock,
    urls: given.urls ?? {},
  };
}
