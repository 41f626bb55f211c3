import {
  describeValueKind,
  formatConfigPath,
  formatIssueLines,
  readableIssues,
  valueAtPath,
} from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

function issuesOf(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a failure');
  return readableIssues(result.error.issues, value).map((i) => `${i.path}: ${i.message}`);
}

describe('formatConfigPath / valueAtPath', () => {
  it('formats keys, indices and odd keys readably', () => {
    expect(formatConfigPath([])).toBe('(root)');
    expect(formatConfigPath(['feeds', 'binance', 'limits', 0, 'interval'])).toBe(
      'feeds.binance.limits[0].interval',
    );
    expect(formatConfigPath(['headers', 'x-api-key', 'a b', 2])).toBe('headers.x-api-key["a b"][2]');
    expect(formatConfigPath([0, 'a'])).toBe('[0].a');
  });

  it('reads values along a path, through maps', () => {
    const root = { a: [{ b: 1 }], m: new Map([['k', 2]]) };
    expect(valueAtPath(root, ['a', 0, 'b'])).toBe(1);
    expect(valueAtPath(root, ['m', 'k'])).toBe(2);
    expect(valueAtPath(root, ['a', 5, 'b'])).toBeUndefined();
    expect(valueAtPath(3, ['x'])).toBeUndefined();
  });
});

describe('readableIssues', () => {
  it('describes kinds of values without their content', () => {
    expect(
      [undefined, null, [], 1, Number.NaN, 'x', true, {}, new Date(0), 1n].map(describeValueKind),
    ).toEqual([
      'nothing',
      'null',
      'an array',
      'a number',
      'NaN',
      'a string',
      'a boolean',
      'an object',
      'a date',
      'a bigint',
    ]);
  });

  it('turns unions of plain types into "expected one of"', () => {
    expect(issuesOf(z.object({ id: z.union([z.string(), z.number()]) }), { id: true })).toEqual([
      'id: expected one of a string, a number; got a boolean',
    ]);
  });

  it('reports the union branch that got furthest', () => {
    const schema = z.union([z.object({ kind: z.literal('a'), size: z.number() }), z.string()]);
    expect(issuesOf(schema, { kind: 'a', size: 'big' })).toEqual(['size: expected a number, got a string']);
  });

  it('covers sizes, formats, multiples, unknown keys and custom messages', () => {
    const schema = z
      .object({
        tags: z.array(z.string()).max(2),
        name: z.string().max(3),
        url: z.url(),
        email: z.email(),
        step: z.number().multipleOf(5),
        ends: z.string().endsWith('.json'),
        has: z.string().includes('@'),
        low: z.number().lt(5),
        at: z.date().min(new Date(1000)),
        custom: z.string().refine((s) => s === 'ok', 'must be "ok"'),
      })
      .strict();
    expect(
      issuesOf(schema, {
        tags: ['a', 'b', 'c'],
        name: 'abcd',
        url: 'not a url',
        email: 'nope',
        step: 7,
        ends: 'a.yaml',
        has: 'x',
        low: 9,
        at: new Date(0),
        custom: 'no',
        a: 1,
        b: 2,
      }),
    ).toEqual([
      'tags: must have at most 2 items',
      'name: must be at most 3 characters long',
      'url: must be a valid URL',
      'email: must be a valid email',
      'step: must be a multiple of 5',
      'ends: must end with ".json"',
      'has: must include "@"',
      'low: must be < 5',
      `at: must be ≥ ${new Date(1000).getTime()}`,
      'custom: must be "ok"',
      '(root): has unknown keys "a", "b"',
    ]);
  });

  it('formats at most `max` lines and counts the rest', () => {
    const lines = Array.from({ length: 5 }, (_, i) => ({ path: `p${i}`, message: 'm' }));
    expect(formatIssueLines(lines, 2)).toBe('  - p0: m\n  - p1: m\n  … and 3 more');
  });
});
