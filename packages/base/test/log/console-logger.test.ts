import '../setup/secret-guard.js';
import { ConsoleLogger, createCredentials, defaultLogger, type LogLevel, silentLogger } from '@venuekit/base';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_API_KEY, TEST_ED25519_PEM, TEST_SECRET } from '../setup/test-secrets.js';

function recorder(): { lines: Array<[LogLevel, string]>; sink: (level: LogLevel, line: string) => void } {
  const lines: Array<[LogLevel, string]> = [];
  return { lines, sink: (level, line) => lines.push([level, line]) };
}

describe('ConsoleLogger', () => {
  it('writes LEVEL message {fields} lines at or above its level', () => {
    const { lines, sink } = recorder();
    const logger = new ConsoleLogger({ level: 'info', sink });
    logger.trace('t');
    logger.debug('d');
    logger.info('connected', { venue: 'binance', attempt: 2 });
    logger.warn('slow');
    logger.error('failed', { code: -1021 });
    expect(lines).toEqual([
      ['info', 'INFO connected {"venue":"binance","attempt":2}'],
      ['warn', 'WARN slow'],
      ['error', 'ERROR failed {"code":-1021}'],
    ]);
  });

  it('writes everything at trace', () => {
    const { lines, sink } = recorder();
    const logger = new ConsoleLogger({ level: 'trace', sink });
    for (const level of ['trace', 'debug', 'info', 'warn', 'error'] as const) logger[level](level);
    expect(lines.map(([level]) => level)).toEqual(['trace', 'debug', 'info', 'warn', 'error']);
  });

  it('child loggers add fields to every line; call fields win', () => {
    const { lines, sink } = recorder();
    const logger = new ConsoleLogger({ sink, fields: { app: 'bot' } })
      .child({ venue: 'bybit' })
      .child({ stream: 'private' });
    logger.info('subscribed', { stream: 'orders' });
    expect(lines).toEqual([['info', 'INFO subscribed {"app":"bot","venue":"bybit","stream":"orders"}']]);
  });

  it('redacts registered secrets in the message and in fields at any depth', () => {
    const { lines, sink } = recorder();
    const logger = new ConsoleLogger({ sink });
    logger.info(`signing with ${TEST_SECRET}`, {
      headers: { 'X-MBX-APIKEY': TEST_API_KEY },
      list: [TEST_SECRET],
    });
    expect(lines[0]![1]).toBe(
      'INFO signing with [REDACTED] {"headers":{"X-MBX-APIKEY":"[REDACTED]"},"list":["[REDACTED]"]}',
    );
  });

  it('redacts a PEM secret in fields even though JSON escapes its newlines', () => {
    const { lines, sink } = recorder();
    new ConsoleLogger({ sink }).warn('key loaded', { key: TEST_ED25519_PEM });
    expect(lines[0]![1]).toBe('WARN key loaded {"key":"[REDACTED]"}');
  });

  it('prints credentials in fields redacted, errors as name and message, bigints as strings', () => {
    const { lines, sink } = recorder();
    const credentials = createCredentials({ apiKey: TEST_API_KEY, secret: TEST_SECRET });
    new ConsoleLogger({ sink }).error('auth failed', {
      credentials,
      err: new TypeError(`bad ${TEST_SECRET}`),
      seq: 2n ** 70n,
    });
    expect(lines[0]![1]).toBe(
      'ERROR auth failed {"credentials":{"apiKey":"vkTe…cdef","secret":"[REDACTED]"},"err":{"name":"TypeError","message":"bad [REDACTED]"},"seq":"1180591620717411303424"}',
    );
  });

  it('writes a placeholder instead of throwing on fields it cannot serialise', () => {
    const { lines, sink } = recorder();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    new ConsoleLogger({ sink }).info('x', { cyclic });
    expect(lines[0]![1]).toBe('INFO x {"fields":"[unserializable]"}');
  });

  it('writes to stderr through console.error by default', () => {
    const original = console.error;
    const seen: unknown[][] = [];
    console.error = (...args: unknown[]) => {
      seen.push(args);
    };
    try {
      new ConsoleLogger().warn('to stderr', { n: 1 });
    } finally {
      console.error = original;
    }
    expect(seen).toEqual([['WARN to stderr {"n":1}']]);
  });

  describe('VENUEKIT_LOG_LEVEL', () => {
    const saved = process.env.VENUEKIT_LOG_LEVEL;
    afterEach(() => {
      if (saved === undefined) delete process.env.VENUEKIT_LOG_LEVEL;
      else process.env.VENUEKIT_LOG_LEVEL = saved;
    });

    it('sets the default level', () => {
      process.env.VENUEKIT_LOG_LEVEL = 'debug';
      expect(new ConsoleLogger().level).toBe('debug');
    });

    it('an explicit level wins over the environment', () => {
      process.env.VENUEKIT_LOG_LEVEL = 'debug';
      expect(new ConsoleLogger({ level: 'error' }).level).toBe('error');
    });

    it('falls back to info for unknown values, including inherited property names', () => {
      for (const value of ['loud', 'toString', 'constructor', '']) {
        process.env.VENUEKIT_LOG_LEVEL = value;
        expect(new ConsoleLogger().level).toBe('info');
      }
    });
  });
});

describe('silentLogger and defaultLogger', () => {
  it('silentLogger drops everything and its children are silent too', () => {
    expect(silentLogger.child({ a: 1 })).toBe(silentLogger);
    for (const level of ['trace', 'debug', 'info', 'warn', 'error'] as const) {
      expect(silentLogger[level](`x ${TEST_SECRET}`)).toBeUndefined();
    }
  });

  it('defaultLogger is a ConsoleLogger', () => {
    expect(defaultLogger).toBeInstanceOf(ConsoleLogger);
  });
});
