// Loading a set of named API credentials ("apis", after pybotters) from an object, a JSON
// file, or the file the `VENUEKIT_APIS` environment variable names. Each entry becomes
// redacted `Credentials`; anything malformed is a ConfigError that names the entry and the
// expected form and never echoes a key or secret.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { parseConfigText } from '../config/parse-text.js';
import { readTextFile } from '../config/read-text-file.js';
import { ConfigError } from '../errors.js';
import { createCredentials, isRedactedCredentials } from './credentials.js';
import type { Credentials } from './types.js';

/** One entry: `[apiKey, secret]`, `[apiKey, secret, passphrase]` or `{ apiKey, secret, passphrase? }`. */
export type ApiEntry =
  | readonly [apiKey: string, secret: string]
  | readonly [apiKey: string, secret: string, passphrase: string]
  | { readonly apiKey: string; readonly secret: string; readonly passphrase?: string | undefined };

/** An `apis` object: credential name (usually the signer's name, e.g. `binance`) → entry. */
export type ApisObject = Readonly<Record<string, ApiEntry>>;

/** Where {@link loadApis} reads from: an object, a JSON file path (string or file URL), or a loaded map. */
export type ApisSource = ApisObject | string | URL | ApiCredentialsMap;

/** Options of {@link loadApis}. */
export interface LoadApisOptions {
  /** Environment to read `VENUEKIT_APIS` from (default `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The environment variable naming the default apis file. */
export const APIS_ENV_VAR = 'VENUEKIT_APIS';

const EXPECTED_FORM = '[apiKey, secret], [apiKey, secret, passphrase] or { apiKey, secret, passphrase? }';

/** Named credentials, read-only. Prints redacted like the credentials it holds. */
export class ApiCredentialsMap implements Iterable<[string, Credentials]> {
  readonly #entries: ReadonlyMap<string, Credentials>;
  /** Where the credentials came from (a file path, `'object'`), or `undefined` when empty by default. */
  readonly origin: string | undefined;

  constructor(entries: Iterable<readonly [string, Credentials]> = [], origin?: string) {
    this.#entries = new Map(entries);
    this.origin = origin;
    Object.freeze(this);
  }
  /** The credentials stored under `name`, or `undefined`. */
  get(name: string): Credentials | undefined {
    return this.#entries.get(name);
  }
  /** True when credentials are stored under `name`. */
  has(name: string): boolean {
    return this.#entries.has(name);
  }
  /** The credentials under `name`; a ConfigError listing the known names when there are none. */
  require(name: string): Credentials {
    const found = this.#entries.get(name);
    if (found) return found;
    const known = [...this.#entries.keys()];
    const from = this.origin ? ` (loaded from ${this.origin})` : '';
    throw new ConfigError(
      `no credentials named "${name}" in apis${from}; known: ${known.length > 0 ? known.join(', ') : 'none'}`,
      { details: { name, known } },
    );
  }
  /** Number of entries. */
  get size(): number {
    return this.#entries.size;
  }
  /** The entry names, in load order. */
  names(): string[] {
    return [...this.#entries.keys()];
  }
  [Symbol.iterator](): Iterator<[string, Credentials]> {
    return this.#entries.entries();
  }
  /** Name → redacted credentials. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, creds] of this.#entries) out[name] = JSON.parse(JSON.stringify(creds)) as unknown;
    return out;
  }
  /** `ApiCredentialsMap { binance: Credentials { … }, … }`, redacted. */
  toString(): string {
    const body = [...this.#entries].map(([name, c]) => `${JSON.stringify(name)}: ${String(c)}`).join(', ');
    return `ApiCredentialsMap { ${body} }`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Converts one entry to credentials, or returns what is wrong with it (never its values). */
function toCredentials(name: string, entry: unknown): Credentials | string {
  if (isRedactedCredentials(entry)) return entry;
  let fields: { apiKey: unknown; secret: unknown; passphrase: unknown };
  if (Array.isArray(entry)) {
    if (entry.length !== 2 && entry.length !== 3) return `expected ${EXPECTED_FORM}; got ${describe(entry)}`;
    fields = { apiKey: entry[0], secret: entry[1], passphrase: entry[2] };
  } else if (entry !== null && typeof entry === 'object') {
    const e = entry as Record<string, unknown>;
    const unknown = Object.keys(e).filter((k) => k !== 'apiKey' && k !== 'secret' && k !== 'passphrase');
    if (unknown.length > 0)
      return `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}; expected ${EXPECTED_FORM}`;
    fields = { apiKey: e.apiKey, secret: e.secret, passphrase: e.passphrase };
  } else {
    return `expected ${EXPECTED_FORM}; got ${describe(entry)}`;
  }
  try {
    return createCredentials(fields as { apiKey: string; secret: string; passphrase?: string }, {
      label: `apis entry "${name}"`,
    });
  } catch (error) {
    if (error instanceof ConfigError) return error.message.replace(`apis entry "${name}": `, '');
    throw error;
  }
}

function fromObject(value: unknown, where: string, origin: string): ApiCredentialsMap {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(
      `${where} must be an object mapping names to ${EXPECTED_FORM}; got ${describe(value)}`,
      { details: { source: where } },
    );
  }
  const entries: [string, Credentials][] = [];
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(value)) {
    const result = toCredentials(name, entry);
    if (typeof result === 'string') problems.push(`"${name}": ${result}`);
    else entries.push([name, result]);
  }
  if (problems.length > 0) {
    const head = `${where} has ${problems.length} invalid entr${problems.length === 1 ? 'y' : 'ies'}`;
    throw new ConfigError(`${head}:\n  - ${problems.join('\n  - ')}`, {
      details: { source: where, problems },
    });
  }
  return new ApiCredentialsMap(entries, origin);
}

function readApisFile(path: string, how: string): ApiCredentialsMap {
  const text = readTextFile(path, `apis file ${path}${how}`);
  const where = `apis file ${path}`;
  return fromObject(parseConfigText(text, 'json', where), where, path);
}

/**
 * Loads named credentials:
 * - from an object `{ name: [apiKey, secret, passphrase?] | { apiKey, secret, passphrase? } }`;
 * - from a JSON file of that shape, given as a path or file URL (a missing file is a ConfigError);
 * - with no argument, from the JSON file that env `VENUEKIT_APIS` names, or empty when it is unset.
 *
 * Every entry becomes redacted {@link Credentials} (see `createCredentials`). All malformed
 * entries are reported together in one ConfigError naming each entry and the expected form.
 */
export function loadApis(source?: ApisSource, options: LoadApisOptions = {}): ApiCredentialsMap {
  if (source instanceof ApiCredentialsMap) return source;
  if (source === undefined) {
    const fromEnv = (options.env ?? process.env)[APIS_ENV_VAR];
    if (fromEnv === undefined || fromEnv.trim() === '') return new ApiCredentialsMap();
    return readApisFile(resolve(fromEnv), ` (named by ${APIS_ENV_VAR})`);
  }
  if (source instanceof URL) {
    if (source.protocol !== 'file:')
      throw new ConfigError(`apis URL must be a file: URL, got ${source.protocol}`, { details: {} });
    return readApisFile(fileURLToPath(source), '');
  }
  if (typeof source === 'string') return readApisFile(resolve(source), '');
  return fromObject(source, 'apis object', 'object');
}
