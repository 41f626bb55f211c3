// Credentials that keep their secrets out of every printout. `createCredentials` validates the
// fields, registers them for redaction (so they are scrubbed from error messages and log
// lines), and returns a frozen object whose fields are readable (`creds.secret`) but which
// prints redacted through `util.inspect`, `console.log`, `JSON.stringify`, `String()` and
// template literals.
import { inspect } from 'node:util';
import { ConfigError, registerSecret } from '../errors.js';
import { maskKey } from './mask.js';
import type { Credentials } from './types.js';

/** The fields {@link createCredentials} accepts. */
export interface CredentialsInput {
  /** The API key (public identifier of the key pair). */
  apiKey: string;
  /** The API secret, or a PEM private key for venues that sign with Ed25519/RSA keys. */
  secret: string;
  /** The passphrase, for venues that use one. */
  passphrase?: string | undefined;
}

/** Options of {@link createCredentials}. */
export interface CreateCredentialsOptions {
  /** A name used in error messages (`apis entry "binance"`); default `credentials`. */
  label?: string | undefined;
}

const REDACTED = '[REDACTED]';

/**
 * The object {@link createCredentials} returns. Its fields live in private slots behind
 * getters, so the object has no own enumerable properties: spreading or cloning it yields
 * nothing, and every way of printing it goes through the redacting methods below.
 */
class RedactedCredentials implements Credentials {
  readonly #apiKey: string;
  readonly #secret: string;
  readonly #passphrase: string | undefined;

  constructor(apiKey: string, secret: string, passphrase: string | undefined) {
    this.#apiKey = apiKey;
    this.#secret = secret;
    this.#passphrase = passphrase;
    Object.freeze(this);
  }
  get apiKey(): string {
    return this.#apiKey;
  }
  get secret(): string {
    return this.#secret;
  }
  get passphrase(): string | undefined {
    return this.#passphrase;
  }
  get [Symbol.toStringTag](): string {
    return 'Credentials';
  }
  /** `{ apiKey: 'abcd…wxyz', secret: '[REDACTED]' }` (plus `passphrase` when set). */
  toJSON(): Record<string, string> {
    const out: Record<string, string> = { apiKey: maskKey(this.#apiKey), secret: REDACTED };
    if (this.#passphrase !== undefined) out.passphrase = REDACTED;
    return out;
  }
  /** `Credentials { apiKey: 'abcd…wxyz', secret: [REDACTED] }`. */
  toString(): string {
    const passphrase = this.#passphrase === undefined ? '' : `, passphrase: ${REDACTED}`;
    return `Credentials { apiKey: '${maskKey(this.#apiKey)}', secret: ${REDACTED}${passphrase} }`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

/** True for credentials made by {@link createCredentials} (which print redacted). */
export function isRedactedCredentials(value: unknown): value is Credentials {
  return value instanceof RedactedCredentials;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Registers a secret and the forms it takes inside JSON and PEM bodies. */
function registerSecretForms(value: string): void {
  registerSecret(value);
  const escaped = JSON.stringify(value).slice(1, -1);
  if (escaped !== value) registerSecret(escaped);
  if (value.includes('-----BEGIN')) {
    for (const line of value.split(/\r?\n/)) if (!line.startsWith('-----')) registerSecret(line.trim());
  }
}

function checkField(field: string, value: unknown, problems: string[]): value is string {
  if (typeof value !== 'string' || value.length === 0) {
    problems.push(
      `${field} must be a non-empty string (got ${typeof value === 'string' ? 'an empty string' : typeName(value)})`,
    );
    return false;
  }
  const pem = field === 'secret' && value.trimStart().startsWith('-----BEGIN');
  if (!pem && value.trim() !== value) {
    problems.push(
      `${field} has leading or trailing whitespace; remove it (it is used verbatim when signing)`,
    );
    return false;
  }
  if (field === 'apiKey' && /\s/.test(value)) {
    problems.push('apiKey contains whitespace; API keys never do, check what was pasted');
    return false;
  }
  return true;
}

/**
 * Creates credentials that print redacted. The API key, secret and passphrase are registered
 * with `registerSecret`, so they are also scrubbed from every VenueError message and log line.
 * The key is registered too: on some venues it alone opens the account's private data stream
 * (Binance listen keys need only the key), so it is shown masked (`abcd…wxyz`), never whole.
 *
 * Invalid fields throw a `ConfigError` naming the field and the expected form, never the value.
 * Passing credentials already made by this function returns them unchanged.
 */
export function createCredentials(
  input: CredentialsInput,
  options: CreateCredentialsOptions = {},
): Credentials {
  if (input instanceof RedactedCredentials) return input;
  const label = options.label ?? 'credentials';
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ConfigError(
      `${label} must be an object { apiKey, secret, passphrase? } (got ${typeName(input)})`,
      { details: { field: label } },
    );
  }
  const { apiKey, secret, passphrase } = input;
  const problems: string[] = [];
  const keyOk = checkField('apiKey', apiKey, problems);
  const secretOk = checkField('secret', secret, problems);
  const passphraseOk = passphrase === undefined || checkField('passphrase', passphrase, problems);
  if (!keyOk || !secretOk || !passphraseOk) {
    throw new ConfigError(`${label}: ${problems.join('; ')}`, { details: { field: label, problems } });
  }
  registerSecretForms(apiKey);
  registerSecretForms(secret);
  if (passphrase !== undefined) registerSecretForms(passphrase);
  return new RedactedCredentials(apiKey, secret, passphrase);
}
