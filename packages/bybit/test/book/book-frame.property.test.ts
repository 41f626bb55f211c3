// BookFrameDecoder against JSON.parse: for any orderbook frame in the plain form (keys in any
// order, unknown keys of any JSON type, prices and sizes as decimal strings or numbers) the decoder
// yields exactly what JSON.parse and unary `+` give; for any frame it does not take, it says so
// (and the caller falls back to JSON.parse). Also every frame the Bybit simulator sends decodes.
import { startBybitSim } from '@venuekit/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { BookFrameDecoder } from '../../src/book/book-frame.js';

/** A decimal as Bybit writes it: up to 15 digits (the most read exactly), some after the point. */
const decimal = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: 0, max: 9_999_999 }),
      fc.maxSafeNat().map((n) => n % 1e15),
    ),
    fc.integer({ min: 0, max: 15 }),
  )
  .map(([m, scale]) => {
    if (scale === 0) return String(m);
    const digits = String(m).padStart(scale + 1, '0');
    return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  })
  .filter((d) => d.replace('.', '').length <= 15);
/** `[price, size]` as strings (Bybit) or as numbers where JSON writes them without an exponent. */
const level = fc
  .tuple(decimal, decimal, fc.boolean())
  .map(([p, s, quoted]) => (quoted || /e/.test(`${+p}${+s}`) ? [p, s] : [+p, +s]));
const extra = fc.dictionary(
  fc
    .string({ minLength: 1, maxLength: 6 })
    .filter((k) => !['topic', 'type', 'ts', 'data', 'b', 'a', 'u', 'seq'].includes(k) && !/["\\\s]/.test(k)),
  fc.oneof(
    fc.integer(),
    fc.constantFrom(true, false, null),
    fc.string().filter((s) => !/["\\\s]/.test(s)),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.record({ x: fc.integer() }),
  ),
  { maxKeys: 2 },
);
const frame = fc.record({
  type: fc.constantFrom('snapshot', 'delta'),
  ts: fc.integer({ min: 1, max: 2 ** 45 }),
  b: fc.array(level, { maxLength: 8 }),
  a: fc.array(level, { maxLength: 8 }),
  u: fc.integer({ min: 1, max: 2 ** 40 }),
  seq: fc.option(fc.integer({ min: 1, max: 2 ** 45 }), { nil: undefined }),
  top: extra,
  inner: extra,
  reverse: fc.boolean(),
});

type Frame = typeof frame extends fc.Arbitrary<infer T> ? T : never;

function text(f: Frame): string {
  const data: Record<string, unknown> = { s: 'BTCUSDT', b: f.b, a: f.a, u: f.u, ...f.inner };
  if (f.seq !== undefined) data.seq = f.seq;
  const top: Record<string, unknown> = {
    topic: 'orderbook.50.BTCUSDT',
    type: f.type,
    ts: f.ts,
    data,
    cts: f.ts,
    ...f.top,
  };
  const order = f.reverse ? Object.keys(top).reverse() : Object.keys(top);
  return JSON.stringify(Object.fromEntries(order.map((k) => [k, top[k]])));
}

function expected(json: string) {
  const m = JSON.parse(json) as { type: string; ts: number; data: Record<string, unknown> };
  const levels = (x: unknown) =>
    (x as Array<[unknown, unknown]>).map(([p, s]) => [+(p as string), +(s as string)]);
  return {
    type: m.type,
    ts: m.ts,
    b: levels(m.data.b),
    a: levels(m.data.a),
    u: m.data.u,
    seq: m.data.seq,
  };
}

function decoded(d: BookFrameDecoder) {
  return {
    type: d.type,
    ts: d.ts,
    b: d.data.b.map((l) => [...l]),
    a: d.data.a.map((l) => [...l]),
    u: d.data.u,
    seq: d.data.seq,
  };
}

describe('BookFrameDecoder', () => {
  it('decodes any plain orderbook frame exactly as JSON.parse and + do, reusing one decoder', () => {
    const decoder = new BookFrameDecoder();
    fc.assert(
      fc.property(fc.array(frame, { minLength: 1, maxLength: 4 }), (frames) => {
        for (const f of frames) {
          const json = text(f);
          expect(decoder.decode(Buffer.from(json))).toBe(true);
          expect(decoded(decoder)).toEqual(expected(json));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('declines frames of any other form, and a failed frame leaves the next one intact', () => {
    const decoder = new BookFrameDecoder();
    const good =
      '{"topic":"t","type":"delta","ts":5,"data":{"s":"X","b":[["1.5","2"]],"a":[],"u":7,"seq":9}}';
    const declined = [
      good.replace('"ts":5', ' "ts":5'),
      good.replace('"1.5"', '"1.5e3"'),
      good.replace('"1.5"', '"1234567890.1234567"'),
      good.replace('"1.5"', '""'),
      good.replace('"1.5"', '"1."'),
      good.replace('"1.5"', '"abc"'),
      good.replace('"s":"X"', '"s":"X\\u0041"'),
      good.replace('"delta"', '"partial"'),
      good.replace(',"u":7', ''),
      good.replace('"a":[]', '"a":{}'),
      good.replace('["1.5","2"]', '["1.5","2","3"]'),
      good.replace('"type":"delta",', ''),
      `${good} `,
      good.slice(0, -1),
      good.replace('"u":7', '"u":null'),
    ];
    for (const bad of declined) expect(decoder.decode(Buffer.from(bad)), bad).toBe(false);
    expect(decoder.decode(Buffer.from(good))).toBe(true);
    expect(decoded(decoder)).toEqual(expected(good));
  });

  it('decodes every orderbook frame the Bybit simulator sends', async () => {
    await using sim = await startBybitSim({ symbols: [{ symbol: 'BTCUSDT', levels: 300 }] });
    const ws = new WebSocket(sim.urls.publicLinear);
    await new Promise((resolve) => ws.once('open', resolve));
    const frames: Buffer[] = [];
    let allIn!: () => void;
    const received = new Promise<void>((resolve) => {
      allIn = resolve;
    });
    ws.on('message', (data: Buffer) => {
      if (data.subarray(0, 9).toString() === '{"topic":' && frames.push(data) === 501) allIn();
    });
    ws.send('{"req_id":"1","op":"subscribe","args":["orderbook.200.BTCUSDT"]}');
    await sim.waitForSubscribers('orderbook.200.BTCUSDT', 1, { category: 'linear' });
    await sim.flood('orderbook.200.BTCUSDT', 500, 'linear');
    await received;
    ws.close();
    const decoder = new BookFrameDecoder();
    for (const f of frames) {
      expect(decoder.decode(f)).toBe(true);
      expect(decoded(decoder)).toEqual(expected(f.toString()));
    }
    expect(frames[0]!.toString()).toContain('"type":"snapshot"');
  });
});
