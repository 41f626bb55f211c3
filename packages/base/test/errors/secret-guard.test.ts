import { takeSecretLeaks } from '../setup/secret-guard.js';
import { inspect } from 'node:util';
import { createCredentials, registerSecret, unregisterSecret } from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import { findTestSecret, scrubTestSecrets, TEST_API_KEY, TEST_SECRET } from '../setup/test-secrets.js';

// These tests write secrets on purpose and then take the recorded leaks, so the guard's
// afterEach sees none. If the guard stopped detecting, `takeSecretLeaks()` would come back
// empty and the expectations below would fail.
describe('secret guard', () => {
  it('catches a test secret written through console methods, without printing it', () => {
    console.log('key is %s', TEST_SECRET);
    console.error(new Error(`boom ${TEST_API_KEY}`));
    console.warn({ nested: { secret: TEST_SECRET } });
    console.dir({ secret: TEST_SECRET });
    const leaks = takeSecretLeaks();
    expect(leaks.map((l) => [l.where, l.secret])).toEqual([
      ['console.log', 'TEST_SECRET'],
      ['console.error', 'TEST_API_KEY'],
      ['console.warn', 'TEST_SECRET'],
      ['console.dir', 'TEST_SECRET'],
    ]);
    for (const leak of leaks) expect(findTestSecret(leak.line)).toBeUndefined();
  });

  it('catches raw writes to process.stdout and process.stderr, strings and bytes', () => {
    process.stdout.write(`stdout ${TEST_SECRET}\n`);
    process.stderr.write(Buffer.from(`stderr ${TEST_SECRET}\n`));
    expect(takeSecretLeaks().map((l) => l.where)).toEqual(['process.stdout', 'process.stderr']);
  });

  it('catches any secret registered during the run, not only the well-known ones', () => {
    const secret = 'guard-registered-9c4e1a7f';
    registerSecret(secret);
    try {
      console.info(`value=${secret}`);
      expect(takeSecretLeaks()).toEqual([
        { where: 'console.info', secret: 'a registered secret', line: 'value=[REDACTED]' },
      ]);
    } finally {
      unregisterSecret(secret);
    }
  });

  it('catches a truncated secret (16+ leading characters), as test diffs print them', () => {
    console.log(`expected '${TEST_SECRET.slice(0, 20)}…'`);
    expect(takeSecretLeaks()).toHaveLength(1);
  });

  it('lets redacted credentials and ordinary lines through', () => {
    const credentials = createCredentials({ apiKey: TEST_API_KEY, secret: TEST_SECRET });
    console.log(credentials);
    console.log(`${credentials}`, JSON.stringify(credentials), inspect({ credentials }));
    expect(takeSecretLeaks()).toEqual([]);
  });

  it('scrubs whole secrets and long prefixes, naming which secret was there', () => {
    expect(scrubTestSecrets(`a ${TEST_SECRET} b ${TEST_SECRET.slice(0, 18)}… c`)).toBe(
      'a [TEST_SECRET] b [TEST_SECRET]… c',
    );
  });
});
