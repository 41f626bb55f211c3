import '../setup/secret-guard.js';
import { fromPino, type PinoLike } from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import { TEST_API_KEY, TEST_SECRET } from '../setup/test-secrets.js';

/** A pino-shaped logger that records its calls (pino itself is not a dependency). */
function pinoRecorder(
  bindings: object = {},
  calls: Array<[string, object, string | undefined]> = [],
): PinoLike & {
  calls: typeof calls;
} {
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      calls.push([level, { ...bindings, ...obj }, msg]);
    };
  return {
    calls,
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => pinoRecorder({ ...bindings, ...more }, calls),
  };
}

describe('fromPino', () => {
  it('calls pino-style (fields, message) at the same level', () => {
    const pino = pinoRecorder();
    const logger = fromPino(pino);
    logger.trace('t');
    logger.debug('d', { a: 1 });
    logger.info('i');
    logger.warn('w');
    logger.error('e', { code: 5 });
    expect(pino.calls).toEqual([
      ['trace', {}, 't'],
      ['debug', { a: 1 }, 'd'],
      ['info', {}, 'i'],
      ['warn', {}, 'w'],
      ['error', { code: 5 }, 'e'],
    ]);
  });

  it('redacts secrets in messages, fields and child bindings', () => {
    const pino = pinoRecorder();
    const logger = fromPino(pino).child({ key: TEST_API_KEY });
    logger.info(`secret=${TEST_SECRET}`, { nested: { secret: TEST_SECRET } });
    expect(pino.calls).toEqual([
      ['info', { key: '[REDACTED]', nested: { secret: '[REDACTED]' } }, 'secret=[REDACTED]'],
    ]);
  });
});
