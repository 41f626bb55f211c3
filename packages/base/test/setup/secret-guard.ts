// Suite-wide secret-leak guard, loaded as a vitest setup file (and imported by the tests that
// check it). It registers the well-known test secrets (test-secrets.ts) for redaction, then
// watches everything a test writes: console methods and process.stdout/stderr writes. A line
// holding a test secret, or any other secret registered with `registerSecret` (credentials
// register theirs), is not written; it is recorded (scrubbed) and the test that wrote it fails
// in afterEach, with the scrubbed line in the failure (writes outside any test fail the file in
// afterAll). Errors of failed tests are scrubbed too, so a failing run never prints a secret
// into CI logs.
import { format, inspect } from 'node:util';
import { afterAll, afterEach, beforeEach } from 'vitest';
// errors.ts alone, not the package index: this file runs before every test file in the suite,
// and loading all of base there would cost each file that does not use it a second or two.
// It is the same module instance the package index re-exports, so the registry is shared.
import { redactSecrets, registerSecret } from '../../src/errors.js';
import { findTestSecret, scrubTestSecrets, TEST_ED25519_PEM, TEST_SECRET_VALUES } from './test-secrets.js';

/** One detected leak: where it was written and which secret (the line is stored scrubbed). */
export interface SecretLeak {
  where: string;
  secret: string;
  line: string;
}

// State lives on globalThis and the patches call through it, so that when a worker runs
// several test files (each with a fresh module graph, hence a fresh secret registry) the
// patches installed once always consult the current file's registry.
interface GuardState {
  leaks: SecretLeak[];
  redact: (text: string) => string;
}

const STATE_KEY = Symbol.for('venuekit.test.secretGuard');
const PATCHED = Symbol.for('venuekit.test.secretGuard.patched');
const globalSlot = globalThis as { [STATE_KEY]?: GuardState };
const state: GuardState = (globalSlot[STATE_KEY] ??= { leaks: [], redact: redactSecrets });
state.redact = redactSecrets;

for (const [, value] of TEST_SECRET_VALUES) registerSecret(value);
registerSecret(TEST_ED25519_PEM);

/** Which secret `text` contains: a test secret by name, or any registered secret. */
function findSecret(text: string): string | undefined {
  return findTestSecret(text) ?? (state.redact(text) !== text ? 'a registered secret' : undefined);
}

function scrub(text: string): string {
  return state.redact(scrubTestSecrets(text));
}

function record(where: string, secret: string, text: string): void {
  const line = scrub(text);
  state.leaks.push({ where, secret, line: line.length > 300 ? `${line.slice(0, 300)}…` : line });
}

/** Returns and forgets the leaks recorded so far (for tests of the guard itself). */
export function takeSecretLeaks(): SecretLeak[] {
  return state.leaks.splice(0, state.leaks.length);
}

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug' | 'trace';
const CONSOLE_METHODS: readonly ConsoleMethod[] = ['log', 'info', 'warn', 'error', 'debug', 'trace'];

function patchConsole(): void {
  const target = console as Console & { [PATCHED]?: true };
  if (target[PATCHED]) return;
  target[PATCHED] = true;
  for (const method of CONSOLE_METHODS) {
    const original = console[method];
    console[method] = (...args: unknown[]): void => {
      const text = format(...args);
      const secret = findSecret(text);
      if (secret === undefined) {
        original.apply(console, args);
        return;
      }
      record(`console.${method}`, secret, text);
    };
  }
  const originalDir = console.dir;
  console.dir = (item?: unknown, options?: object): void => {
    const text = inspect(item, options);
    const secret = findSecret(text);
    if (secret === undefined) {
      originalDir.call(console, item, options);
      return;
    }
    record('console.dir', secret, text);
  };
}

function patchStream(stream: NodeJS.WriteStream & { [PATCHED]?: true }, name: string): void {
  if (stream[PATCHED]) return;
  stream[PATCHED] = true;
  const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  const patched = (chunk: unknown, ...rest: unknown[]): boolean => {
    const text =
      typeof chunk === 'string'
        ? chunk
        : chunk instanceof Uint8Array
          ? Buffer.from(chunk).toString('utf8')
          : '';
    const secret = text === '' ? undefined : findSecret(text);
    if (secret === undefined) return original(chunk, ...rest);
    record(name, secret, text);
    const callback = rest.find((r): r is () => void => typeof r === 'function');
    if (callback) process.nextTick(callback);
    return true;
  };
  stream.write = patched as typeof stream.write;
}

function describeLeaks(leaks: readonly SecretLeak[]): string {
  const lines = leaks.map((l) => `  - ${l.secret} in ${l.where}: ${JSON.stringify(l.line)}`);
  return `secret leak: ${leaks.length} line(s) contained a secret:\n${lines.join('\n')}`;
}

function failOnLeaks(): void {
  const leaks = takeSecretLeaks();
  if (leaks.length > 0) throw new Error(describeLeaks(leaks));
}

function scrubFailure(error: Record<string, unknown>): void {
  let leaked = false;
  for (const field of ['message', 'stack', 'diff', 'expected', 'actual'] as const) {
    const value = error[field];
    if (typeof value === 'string' && findSecret(value) !== undefined) {
      error[field] = scrub(value);
      leaked = true;
    }
  }
  if (leaked && error.name !== 'AssertionError' && typeof error.message === 'string')
    error.message = `[secret-guard: this error contained a secret, redacted here] ${error.message}`;
}

patchConsole();
patchStream(process.stdout, 'process.stdout');
patchStream(process.stderr, 'process.stderr');

beforeEach(({ onTestFailed }) => {
  onTestFailed(({ task }) => {
    for (const error of task.result?.errors ?? []) scrubFailure(error as unknown as Record<string, unknown>);
  });
});
afterEach(failOnLeaks);
afterAll(failOnLeaks);
