// `${ENV}` interpolation in config string values. `${NAME}` is replaced by the variable's
// value (an unset variable is an error naming it and where it is used), `${NAME:-default}`
// falls back to `default` when the variable is unset or empty, and `$${` writes a literal `${`.
// Only string values are interpolated, never keys, and a value is never re-parsed: what comes
// from the environment stays a string (schemas coerce numbers with `z.coerce.number()`).
import { formatConfigPath } from './config-path.js';

/** Environment variables, as `process.env`. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** A problem found while interpolating, with the path of the string value it is in. */
export interface InterpolationProblem {
  path: string;
  message: string;
}

/** What {@link interpolateEnv} returns. */
export interface InterpolationResult {
  /** A copy of the input with every string value interpolated. */
  value: unknown;
  /** Paths (formatted) of values that contain at least one `${…}` reference. */
  envPaths: ReadonlySet<string>;
  /** Unset variables without default, malformed references; empty when all went well. */
  problems: InterpolationProblem[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface StringResult {
  text: string;
  usedEnv: boolean;
}

function interpolateString(
  text: string,
  env: EnvSource,
  path: string,
  problems: InterpolationProblem[],
): StringResult {
  if (!text.includes('${')) return { text, usedEnv: false };
  let out = '';
  let usedEnv = false;
  let i = 0;
  for (;;) {
    const start = text.indexOf('${', i);
    if (start < 0) break;
    if (start > 0 && text[start - 1] === '$') {
      out += text.slice(i, start - 1) + '${';
      i = start + 2;
      continue;
    }
    out += text.slice(i, start);
    const end = text.indexOf('}', start + 2);
    if (end < 0) {
      problems.push({ path, message: `has an unclosed "\${" at character ${start + 1}` });
      return { text, usedEnv };
    }
    const expr = text.slice(start + 2, end);
    const sep = expr.indexOf(':-');
    const name = sep < 0 ? expr : expr.slice(0, sep);
    if (!NAME.test(name)) {
      problems.push({
        path,
        message: `has an invalid reference "\${${name}…}"; use \${NAME} or \${NAME:-default} with NAME of letters, digits and _`,
      });
      return { text, usedEnv };
    }
    usedEnv = true;
    const value = env[name];
    if (sep >= 0) out += value === undefined || value === '' ? expr.slice(sep + 2) : value;
    else if (value !== undefined) out += value;
    else
      problems.push({
        path,
        message: `uses \${${name}}, which is not set; set ${name} or give a default with \${${name}:-value}`,
      });
    i = end + 1;
  }
  return { text: out + text.slice(i), usedEnv };
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function walk(
  value: unknown,
  env: EnvSource,
  path: PropertyKey[],
  envPaths: Set<string>,
  problems: InterpolationProblem[],
): unknown {
  if (typeof value === 'string') {
    const formatted = value.includes('${') ? formatConfigPath(path) : '';
    const r = interpolateString(value, env, formatted, problems);
    if (r.usedEnv) envPaths.add(formatted);
    return r.text;
  }
  if (Array.isArray(value)) return value.map((v, i) => walk(v, env, [...path, i], envPaths, problems));
  if (value !== null && typeof value === 'object' && isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const copy = walk(v, env, [...path, k], envPaths, problems);
      // A "__proto__" key from JSON.parse is data; plain assignment would set the prototype.
      if (k === '__proto__') Object.defineProperty(out, k, { value: copy, enumerable: true, writable: true });
      else out[k] = copy;
    }
    return out;
  }
  return value;
}

/**
 * Interpolates `${NAME}` / `${NAME:-default}` in every string value of a parsed config
 * (arrays and plain objects are copied, other values kept). Never throws: problems are returned
 * so the caller can report all of them at once, with the file name.
 */
export function interpolateEnv(value: unknown, env: EnvSource): InterpolationResult {
  const envPaths = new Set<string>();
  const problems: InterpolationProblem[] = [];
  const out = walk(value, env, [], envPaths, problems);
  return { value: out, envPaths, problems };
}
