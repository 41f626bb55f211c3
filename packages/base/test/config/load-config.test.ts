// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings hold ${ENV} references on purpose.
import '../setup/secret-guard.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from '@venuekit/base';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TEST_API_KEY, TEST_SECRET } from '../setup/test-secrets.js';

const dir = mkdtempSync(join(tmpdir(), 'venuekit-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect(JSON.stringify(error)).not.toContain(TEST_SECRET);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const schema = z.object({
  feeds: z.record(
    z.string(),
    z.object({
      apiKey: z.string().min(8),
      secret: z.string().min(8),
      environment: z.enum(['prod', 'testnet']).default('prod'),
      limits: z
        .array(z.object({ interval: z.number().positive(), limit: z.coerce.number().int() }))
        .default([]),
    }),
  ),
  logLevel: z.enum(['debug', 'info', 'warn']).default('info'),
});

const env = { BINANCE_KEY: TEST_API_KEY, BINANCE_SECRET: TEST_SECRET, LIMIT: '1200' };

const YAML_CONFIG = `# venuekit config
feeds:
  binance:
    apiKey: \${BINANCE_KEY}
    secret: \${BINANCE_SECRET}
    environment: \${BINANCE_ENV:-testnet}
    limits:
      - interval: 60000
        limit: \${LIMIT}
`;

describe('loadConfig', () => {
  it('loads YAML with ${ENV} interpolation and schema defaults', () => {
    const config = loadConfig(file('app.yaml', YAML_CONFIG), schema, { env });
    expect(config).toEqual({
      feeds: {
        binance: {
          apiKey: TEST_API_KEY,
          secret: TEST_SECRET,
          environment: 'testnet',
          limits: [{ interval: 60000, limit: 1200 }],
        },
      },
      logLevel: 'info',
    });
  });

  it('loads JSON by extension, and from a file URL', () => {
    const path = file(
      'app.json',
      JSON.stringify({ feeds: { bybit: { apiKey: '${BINANCE_KEY}', secret: '${BINANCE_SECRET}' } } }),
    );
    for (const source of [path, pathToFileURL(path)]) {
      expect(loadConfig(source, schema, { env }).feeds.bybit?.secret).toBe(TEST_SECRET);
    }
  });

  it('loads a file of another extension when told its format', () => {
    const path = file('app.conf', 'logLevel: debug\nfeeds: {}\n');
    expect(loadConfig(path, schema, { format: 'yaml' }).logLevel).toBe('debug');
  });

  it('validates an object source the same way', () => {
    expect(loadConfig({ feeds: {}, logLevel: '${LEVEL:-warn}' }, schema, { env: {} }).logLevel).toBe('warn');
    expect(configError(() => loadConfig({ feeds: 3 }, schema)).message).toBe(
      'config object is invalid:\n  - feeds: expected an object, got a number',
    );
  });

  it('names the file, the path inside it and what was expected, for every problem', () => {
    const path = file(
      'bad.yaml',
      `feeds:
  binance:
    apiKey: short
    secret: \${BINANCE_SECRET}
    environment: staging
    limits:
      - interval: fast
        limit: 10
      - limit: 5
logLevel: 3
`,
    );
    const error = configError(() => loadConfig(path, schema, { env }));
    expect(error.message).toBe(
      [
        `config file ${path} is invalid:`,
        '  - feeds.binance.apiKey: must be at least 8 characters long',
        '  - feeds.binance.environment: must be one of "prod", "testnet"',
        '  - feeds.binance.limits[0].interval: expected a number, got a string',
        '  - feeds.binance.limits[1].interval: is required (expected a number)',
        '  - logLevel: must be one of "debug", "info", "warn"',
      ].join('\n'),
    );
    expect(error.details).toEqual({
      file: path,
      issues: [
        { path: 'feeds.binance.apiKey', message: 'must be at least 8 characters long' },
        { path: 'feeds.binance.environment', message: 'must be one of "prod", "testnet"' },
        { path: 'feeds.binance.limits[0].interval', message: 'expected a number, got a string' },
        { path: 'feeds.binance.limits[1].interval', message: 'is required (expected a number)' },
        { path: 'logLevel', message: 'must be one of "debug", "info", "warn"' },
      ],
    });
  });

  it('hints at coercion when a number comes from an environment variable', () => {
    const path = file(
      'coerce.yaml',
      'feeds:\n  x:\n    apiKey: abcdefgh\n    secret: abcdefgh\n    limits:\n      - interval: ${INTERVAL}\n        limit: 1\n',
    );
    expect(configError(() => loadConfig(path, schema, { env: { INTERVAL: '1000' } })).message).toContain(
      'feeds.x.limits[0].interval: expected a number, got a string (the value comes from an environment variable, which is always text; read it with z.coerce.number() in the schema)',
    );
  });

  it('an unset variable without default names the variable, the file and the path', () => {
    const path = file('unset.yaml', YAML_CONFIG);
    const error = configError(() => loadConfig(path, schema, { env: { LIMIT: '1' } }));
    expect(error.message).toBe(
      [
        `config file ${path} refers to environment variables it cannot use:`,
        '  - feeds.binance.apiKey: uses ${BINANCE_KEY}, which is not set; set BINANCE_KEY or give a default with ${BINANCE_KEY:-value}',
        '  - feeds.binance.secret: uses ${BINANCE_SECRET}, which is not set; set BINANCE_SECRET or give a default with ${BINANCE_SECRET:-value}',
      ].join('\n'),
    );
  });

  it('reads process.env when no env is given', () => {
    const name = `VENUEKIT_TEST_LEVEL_${process.pid}`;
    process.env[name] = 'debug';
    try {
      expect(loadConfig({ feeds: {}, logLevel: `\${${name}}` }, schema).logLevel).toBe('debug');
    } finally {
      delete process.env[name];
    }
  });

  it('a missing file, a bad extension and bad syntax are ConfigErrors naming the file', () => {
    const missing = join(dir, 'missing.yaml');
    expect(configError(() => loadConfig(missing, schema)).message).toBe(
      `config file ${missing} does not exist`,
    );
    expect(configError(() => loadConfig(file('x.ini', 'a=1'), schema)).message).toContain(
      'expected .json, .yaml or .yml',
    );
    const broken = file('broken.json', `{"feeds": {"a": {"secret": ${TEST_SECRET}}}}`);
    expect(configError(() => loadConfig(broken, schema)).message).toBe(
      `config file ${broken} is not valid JSON: unexpected token at line 1, column 28`,
    );
    expect(configError(() => loadConfig(dir, schema, { format: 'json' })).message).toContain(
      'is a directory',
    );
    expect(configError(() => loadConfig(new URL('https://x.test/a.yaml'), schema)).message).toBe(
      'config URL must be a file: URL, got https:',
    );
    expect(configError(() => loadConfig(null as never, schema)).message).toBe(
      'loadConfig needs a file path or an object, got null',
    );
  });

  it('never quotes a value in a validation error', () => {
    const strict = z.object({ secret: z.string().regex(/^[a-f0-9]{64}$/), n: z.number() }).strict();
    const error = configError(() =>
      loadConfig({ secret: '${S}', n: '${S}', extra: '${S}' }, strict, { env: { S: TEST_SECRET } }),
    );
    expect(error.message).not.toContain(TEST_SECRET.slice(0, 10));
    expect(error.message).toContain('secret: must match /^[a-f0-9]{64}$/');
    expect(error.message).toContain('(root): has unknown key "extra"');
  });
});
