// Trade frames decoded from their bytes: the same Trade tradeFromEvent makes from the parsed JSON,
// for every frame the decoder accepts; every frame of another form (or with a bad field) declined,
// so that the JSON path — and tradeFromEvent's error — takes it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tradeFromEvent } from '../../src/streams/index.js';
import { TradeFrameDecoder } from '../../src/streams/trade-frame.js';

const names = { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' };
const frame = (text: string): Buffer => Buffer.from(text);
const wrap = (data: unknown, stream = 'btcusdt@trade'): Buffer => frame(JSON.stringify({ stream, data }));
/** What the JSON path gives: the Trade, or the error's message. */
function viaJson(bytes: Buffer): unknown {
  try {
    return tradeFromEvent((JSON.parse(bytes.toString()) as { data: unknown }).data, names);
  } catch (error) {
    return (error as Error).message;
  }
}

const spot = {
  e: 'trade',
  E: 1672515782136,
  s: 'BTCUSDT',
  t: 12345,
  p: '65000.50',
  q: '0.00010000',
  T: 1672515782136,
  m: true,
  M: true,
};

describe('TradeFrameDecoder', () => {
  it('decodes a Spot trade frame like tradeFromEvent: id as text, numbers, the taker side', () => {
    const decoder = new TradeFrameDecoder(names);
    const bytes = wrap(spot);
    expect(decoder.decode(bytes)).toEqual({
      venue: 'binance',
      symbol: 'BTCUSDT',
      unifiedSymbol: 'BTC/USDT',
      id: '12345',
      price: 65000.5,
      quantity: 0.0001,
      side: 'sell',
      timestamp: 1672515782136,
    });
    expect(decoder.decode(wrap({ ...spot, m: false }))?.side).toBe('buy');
    expect(decoder.decode(bytes)).toEqual(viaJson(bytes));
  });

  it('takes the aggregate id `a` of an aggTrade and `t` of a trade, whatever the key order', () => {
    const decoder = new TradeFrameDecoder(names);
    const agg = { T: 5, m: false, a: 77, q: '2', p: '3.5', e: 'aggTrade', f: 100, l: 105 };
    expect(decoder.decode(wrap(agg, 'btcusdt@aggTrade'))?.id).toBe('77');
    expect(decoder.decode(frame(`{"data":${JSON.stringify(spot)},"stream":"btcusdt@trade"}`))?.id).toBe(
      '12345',
    );
  });

  it('declines what the JSON path must judge: bad or missing fields, strings for ids, other forms', () => {
    const decoder = new TradeFrameDecoder(names);
    const declined = [
      wrap({ ...spot, p: 'abc' }),
      wrap({ ...spot, p: '0' }),
      wrap({ ...spot, q: '-1' }),
      wrap({ ...spot, t: '12345' }),
      wrap({ ...spot, T: '1672515782136' }),
      wrap({ ...spot, t: undefined }),
      wrap({ ...spot, e: 'aggTrade' }), // no `a`
      wrap({ ...spot, m: 1 }),
      wrap({ ...spot, p: '1e3' }),
      wrap({ ...spot, p: '1234567890.1234567' }), // 17 significant digits
      wrap({ ...spot, s: 'BTC\\USDT' }),
      wrap(null),
      wrap([1, 2]),
      frame(JSON.stringify({ stream: 'btcusdt@trade', data: spot }, null, 1)),
      frame(`{"stream":"btcusdt@trade","data":${JSON.stringify(spot)},"data":${JSON.stringify(spot)}}`),
      frame(`${wrap(spot).toString()} `),
      frame(wrap(spot).toString().slice(0, -1)),
      frame('{"stream":"btcusdt@trade"}'),
    ];
    for (const bytes of declined) expect(decoder.decode(bytes), bytes.toString()).toBeUndefined();
    // What the JSON path then does with each: a Trade from the forms the decoder does not read.
    expect(viaJson(declined[13]!)).toMatchObject({ id: '12345', price: 65000.5 });
    expect(viaJson(declined[0]!)).toMatch(/field "p"/);
  });

  it('accepts only what tradeFromEvent accepts, and gives the same Trade (property)', () => {
    const decimal = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 8 }))
        .map(([n, d]) => (n / 10 ** d).toFixed(d)),
      fc.integer({ min: 0, max: 10 ** 12 }).map(String),
      fc.constantFrom('0.1', '00.5', '1.', '.5', '-2', '', 'x', '1e2', '123456789012.3456789'),
    );
    const value = fc.oneof(
      decimal,
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.string({ maxLength: 4 }),
    );
    const mostly = <T>(good: fc.Arbitrary<T>) =>
      fc.oneof({ arbitrary: good, weight: 6 }, { arbitrary: value, weight: 1 });
    const fields = {
      e: mostly(fc.constantFrom('trade', 'aggTrade')),
      E: value,
      s: fc.constantFrom('BTCUSDT', 'BTCUSDT', 'BTCUSDT', 'A"B'),
      t: mostly(fc.oneof(fc.integer({ min: 0, max: 10 ** 12 }), fc.constant(Number.MAX_SAFE_INTEGER))),
      a: mostly(fc.integer({ min: 0, max: 2 ** 40 })),
      p: mostly(decimal),
      q: mostly(decimal),
      T: mostly(fc.integer({ min: 0, max: 2 ** 45 })),
      m: mostly(fc.boolean()),
      M: value,
      x: fc.oneof(
        value,
        fc.array(value, { maxLength: 3 }),
        fc.dictionary(fc.string({ maxLength: 3 }), value),
      ),
    };
    const payload = fc.oneof(
      fc.record(fields, { requiredKeys: ['e', 't', 'a', 'p', 'q', 'T'] }),
      fc.record(fields, { requiredKeys: [] }),
    );
    const decoder = new TradeFrameDecoder(names);
    let accepted = 0;
    fc.assert(
      fc.property(payload, (data) => {
        const bytes = wrap(data);
        const trade = decoder.decode(bytes);
        if (trade === undefined) return;
        accepted++;
        expect(trade).toEqual(viaJson(bytes));
        expect(Object.keys(trade)).toEqual(Object.keys(viaJson(bytes) as object));
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(200);
  });

  it('accepts every plain frame of a valid trade (the form Binance sends)', () => {
    const decoder = new TradeFrameDecoder(names);
    const trade = fc.record({
      aggregate: fc.boolean(),
      id: fc.integer({ min: 0, max: 10 ** 15 - 1 }), // longer ids are declined (JSON path)
      price: fc.integer({ min: 1, max: 10 ** 12 }),
      priceDecimals: fc.integer({ min: 0, max: 3 }),
      quantity: fc.integer({ min: 1, max: 10 ** 12 }),
      time: fc.integer({ min: 0, max: 2 ** 45 }),
      maker: fc.boolean(),
    });
    fc.assert(
      fc.property(trade, (t) => {
        const p = (t.price / 10 ** t.priceDecimals).toFixed(t.priceDecimals);
        const q = (t.quantity / 1e8).toFixed(8);
        const data = t.aggregate
          ? { e: 'aggTrade', E: t.time, s: 'BTCUSDT', a: t.id, p, q, f: 1, l: 2, T: t.time, m: t.maker }
          : { e: 'trade', E: t.time, s: 'BTCUSDT', t: t.id, p, q, T: t.time, m: t.maker, M: true };
        const bytes = wrap(data);
        const decoded = decoder.decode(bytes);
        if (Number(p) > 0) expect(decoded).toEqual(viaJson(bytes));
        else expect(decoded).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
  });
});
