// createInstrument's quick path against the zod schema: for any input, plainly valid or not, it
// returns exactly what `strict` (the full schema) returns — same keys in the same order, same
// values — or throws the same error.
import { createInstrument, type InstrumentInput, ValidationError } from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const oddNumber = fc.constantFrom(0, -0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1.5, 2 ** 60, '1');
const num = (good: fc.Arbitrary<number>) =>
  fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: oddNumber });
const name = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('BTC', 'USDT', 'ETH') },
  { weight: 1, arbitrary: fc.constantFrom('', 7) },
);
const positive = num(fc.double({ min: 1e-9, max: 1e6, noNaN: true }));
const nonNegative = num(fc.constantFrom(0, 0.001, 5, 10));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const input = fc.record(
  {
    venue: name,
    symbol: name,
    unifiedSymbol: fc.constantFrom('BTC/USDT', 'BTC/USDT:USDT', 'BTC/USD:BTC-250328', 'BTCUSDT', 'A B/C'),
    base: name,
    quote: name,
    settle: maybe(name),
    type: fc.constantFrom('spot', 'perp', 'future', 'option'),
    tickSize: positive,
    stepSize: positive,
    minQty: maybe(nonNegative),
    maxQty: maybe(positive),
    minNotional: maybe(nonNegative),
    contractSize: maybe(positive),
    expiry: maybe(num(fc.constantFrom(0, 1_743_148_800_000))),
    active: maybe(fc.oneof(fc.boolean(), fc.constant('yes'))),
    extra: fc.string(),
  },
  { requiredKeys: ['venue', 'symbol', 'unifiedSymbol', 'type', 'tickSize'] },
);

function outcome(fn: () => unknown): unknown {
  try {
    const value = fn() as Record<string, unknown>;
    return { keys: Object.keys(value), value };
  } catch (error) {
    return error instanceof ValidationError ? { error: error.message } : error;
  }
}

describe('createInstrument', () => {
  it('the quick path gives exactly what the full schema gives, or the same error', () => {
    fc.assert(
      fc.property(input, (raw) => {
        const given = raw as unknown as InstrumentInput;
        expect(outcome(() => createInstrument(given))).toStrictEqual(
          outcome(() => createInstrument(given, { strict: true })),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('builds 3,000 instruments without the schema in well under a second', () => {
    const started = performance.now();
    for (let i = 0; i < 3000; i++)
      createInstrument({
        venue: 'binance',
        symbol: `SYM${i}USDT`,
        unifiedSymbol: `SYM${i}/USDT`,
        base: `SYM${i}`,
        quote: 'USDT',
        type: 'spot',
        tickSize: 0.01,
        stepSize: 0.0001,
      });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
