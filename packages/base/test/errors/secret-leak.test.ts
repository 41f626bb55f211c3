import '../setup/secret-guard.js';
import { inspect } from 'node:util';
import * as base from '@venuekit/base';
import { createCredentials, registerSecret, unregisterSecret, VenueError } from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TEST_API_KEY, TEST_ED25519_PEM, TEST_PASSPHRASE, TEST_SECRET } from '../setup/test-secrets.js';

type AnyErrorClass = new (message: string, options?: base.RateLimitErrorOptions) => VenueError;

/** VenueError and every subclass the package exports, found at run time so new ones are covered. */
const ERROR_CLASSES: AnyErrorClass[] = [
  VenueError,
  ...(Object.values(base) as unknown[]).filter(
    (v): v is AnyErrorClass => typeof v === 'function' && v.prototype instanceof VenueError,
  ),
];

/**
 * Instances of `cls` built from `message` and `options`: through its own constructor when it
 * takes VenueError's arguments, and always through VenueError's constructor with `cls`'s
 * prototype, so a subclass with a different constructor still has its printing checked.
 */
function instances(cls: AnyErrorClass, message: string, options: base.RateLimitErrorOptions): VenueError[] {
  const out = [Reflect.construct(VenueError, [message, options], cls) as VenueError];
  try {
    out.push(new cls(message, options));
  } catch {
    // A subclass with its own constructor signature (e.g. one taking a list of failures).
  }
  return out;
}

/** Every way an error gets printed. */
function renderings(error: VenueError): Record<string, string> {
  return {
    message: error.message,
    toJSON: JSON.stringify(error.toJSON()),
    'JSON.stringify': JSON.stringify(error),
    'JSON.stringify(wrapper)': JSON.stringify({ error }),
    inspect: inspect(error),
    'inspect(depth: Infinity, showHidden)': inspect(error, {
      depth: Number.POSITIVE_INFINITY,
      showHidden: true,
    }),
    String: String(error),
    template: `${error}`,
    stack: error.stack ?? '',
    venueMessage: error.venueMessage ?? '',
  };
}

function expectNoSecret(error: VenueError, secrets: readonly string[]): void {
  for (const [how, text] of Object.entries(renderings(error))) {
    for (const secret of secrets) {
      if (text.includes(secret)) throw new Error(`${error.name} leaked a secret through ${how}`);
    }
  }
}

function errorsWithSecrets(cls: AnyErrorClass, secret: string): VenueError[] {
  return instances(cls, `request failed for key ${secret}`, {
    venue: 'testvenue',
    code: `code-${secret}`,
    venueMessage: `Invalid signature for ${secret}`,
    status: 401,
    retryAfterMs: 1000,
    details: {
      url: `https://example.test/api?signature=${secret}`,
      headers: { 'X-API-KEY': secret },
      nested: [{ deeper: { secret } }],
    },
    cause: new Error(`upstream said ${secret}`),
  });
}

describe('no VenueError ever prints a secret', () => {
  it('found the error classes', () => {
    expect(ERROR_CLASSES.length).toBeGreaterThanOrEqual(21);
  });

  it.each(ERROR_CLASSES.map((cls) => [cls.name, cls] as const))(
    '%s hides test secrets passed through message, details, venue message and cause',
    (_name, cls) => {
      for (const secret of [TEST_API_KEY, TEST_SECRET, TEST_PASSPHRASE]) {
        for (const error of errorsWithSecrets(cls, secret)) expectNoSecret(error, [secret]);
      }
    },
  );

  it.each(ERROR_CLASSES.map((cls) => [cls.name, cls] as const))(
    '%s hides a PEM private key and its JSON-escaped form',
    (_name, cls) => {
      const errors = instances(cls, `bad key ${TEST_ED25519_PEM}`, {
        details: { key: TEST_ED25519_PEM, escaped: JSON.stringify(TEST_ED25519_PEM) },
      });
      for (const error of errors) expectNoSecret(error, [TEST_ED25519_PEM, TEST_ED25519_PEM.split('\n')[1]!]);
    },
  );

  it('hides secrets of credentials created during the run (createCredentials registers them)', () => {
    const apiKey = `fresh-key-${process.pid}-7b1d9e3a5c`;
    const secret = `fresh-secret-${process.pid}-4e8f2a6c0d`;
    const passphrase = `fresh-pass-${process.pid}-19`;
    const credentials = createCredentials({ apiKey, secret, passphrase });
    for (const cls of ERROR_CLASSES) {
      const errors = instances(
        cls,
        `signing with ${credentials.secret} / ${credentials.apiKey} / ${passphrase} failed`,
        {
          details: { credentials, raw: { apiKey, secret, passphrase } },
          cause: new Error(secret),
        },
      );
      for (const error of errors) expectNoSecret(error, [apiKey, secret, passphrase]);
    }
  });

  it('property: any registered secret anywhere in the inputs stays hidden in every rendering', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
          minLength: 16,
          maxLength: 48,
        }),
        fc.constantFrom(...ERROR_CLASSES),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        (body, cls, before, after) => {
          const secret = `sk_${body}`;
          registerSecret(secret);
          try {
            const errors = instances(cls, `${before}${secret}${after}`, {
              venueMessage: `${after}${secret}`,
              details: { [before || 'k']: `${secret}${before}`, list: [secret] },
              cause: new Error(`${secret}${after}`),
            });
            for (const error of errors) expectNoSecret(error, [secret]);
          } finally {
            unregisterSecret(secret);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
