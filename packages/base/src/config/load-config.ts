// Loading a YAML or JSON config file (or an object) validated by a zod schema, with `${ENV}`
// interpolation. Every failure is a ConfigError naming the file, the path inside it and what
// was expected; values are never quoted, as config files hold secrets.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { ConfigError } from '../errors.js';
import { type EnvSource, interpolateEnv } from './interpolate.js';
import { type ConfigFormat, configFormatOf, parseConfigText } from './parse-text.js';
import { readTextFile } from './read-text-file.js';
import { readableIssues, formatIssueLines } from './zod-issues.js';

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  /** Variables for `${ENV}` interpolation (default `process.env`). */
  env?: EnvSource;
  /** The file's format, when its extension does not say (`.json`, `.yaml`, `.yml`). */
  format?: ConfigFormat;
}

/**
 * Loads and validates a config:
 * - `source` is a path (string or file URL) to a `.json`, `.yaml` or `.yml` file, or an
 *   already-parsed object;
 * - `${NAME}` and `${NAME:-default}` in string values are replaced from `options.env`
 *   (`$${` writes a literal `${`); an unset variable without default is an error naming it
 *   and the path where it is used;
 * - the result is validated by `schema` and returned as the schema's output type.
 *
 * All problems of one kind are reported together in one ConfigError, e.g.
 * `config file /etc/app.yaml is invalid:\n  - feeds.binance.limits[0].interval: expected a
 * number, got a string`. `details` carries `{ file, issues: [{ path, message }] }`.
 */
export function loadConfig<S extends z.ZodType>(
  source: string | URL | Readonly<Record<string, unknown>>,
  schema: S,
  options: LoadConfigOptions = {},
): z.output<S> {
  let where: string;
  let file: string | undefined;
  let parsed: unknown;
  if (typeof source === 'string' || source instanceof URL) {
    if (source instanceof URL && source.protocol !== 'file:')
      throw new ConfigError(`config URL must be a file: URL, got ${source.protocol}`);
    file = source instanceof URL ? fileURLToPath(source) : resolve(source);
    where = `config file ${file}`;
    const format = options.format ?? configFormatOf(file);
    parsed = parseConfigText(readTextFile(file, where), format, where);
  } else if (source !== null && typeof source === 'object') {
    where = 'config object';
    parsed = source;
  } else {
    throw new ConfigError(
      `loadConfig needs a file path or an object, got ${source === null ? 'null' : typeof source}`,
    );
  }

  const { value, envPaths, problems } = interpolateEnv(parsed, options.env ?? process.env);
  if (problems.length > 0) {
    const lines = problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n');
    throw new ConfigError(`${where} refers to environment variables it cannot use:\n${lines}`, {
      details: { file, issues: problems },
    });
  }

  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = readableIssues(result.error.issues, value, envPaths);
  throw new ConfigError(`${where} is invalid:\n${formatIssueLines(issues)}`, { details: { file, issues } });
}
