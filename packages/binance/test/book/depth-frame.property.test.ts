// DepthFrameDecoder against JSON.parse: any combined-stream depth frame in the plain form (Spot or
// USD-M fields, keys in any order, unknown keys skipped, levels as decimal strings) decodes to
// exactly what JSON.parse and unary `+` give; other forms are declined (the caller then takes the
// decoded JSON). Every frame the Binance simulator sends decodes. BookSync copies a reused diff it
// has to keep, so a decoder's scratch can be handed to it.
import { OrderBookStore } from '@venuekit/base';
import { startBinanceSim } from '@venuekit/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DepthFrameDecoder } from '../../src/book/depth-frame.js';
import { BookSync } from '../../src/book/index.js';

const decimal = fc
  .tuple(fc.maxSafeNat(), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 15 }))
  .map(([n, scale, width]) => {
    const digits = String(n % 10 ** width).padStart(scale + 1, '0');
    return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  })
  .filter((d) => d.replace('.', '').length <= 15);
const levels = fc.array(fc.tuple(decimal, decimal), { maxLength: 12 });
const diff = fc.record({
  E: fc.integer({ min: 1, max: 2 ** 45 }),
  U: fc.integer({ min: 1, max: 2 ** 40 }),
  n: fc.integer({ min: 0, max: 50 }),
  pu: fc.option(fc.integer({ min: 1, max: 2 ** 40 }), { nil: undefined }),
  b: levels,
  a: levels,
  reverse: fc.boolean(),
});

type Diff = typeof diff extends fc.Arbitrary<infer T> ? T : never;

function frameText(d: Diff): string {
  const data: Record<string, unknown> = {
    e: 'depthUpdate',
    E: d.E,
    T: d.E - 1,
    s: 'BTCUSDT',
    U: d.U,
    u: d.U + d.n,
  };
  if (d.pu !== undefined) data.pu = d.pu;
  data.b = d.b;
  data.a = d.a;
  const keys = d.reverse ? Object.keys(data).reverse() : Object.keys(data);
  const ordered = Object.fromEntries(keys.map((k) => [k, data[k]]));
  return JSON.stringify({ stream: 'btcusdt@depth@100ms', data: ordered });
}

function expected(text: string) {
  const d = (JSON.parse(text) as { data: Record<string, unknown> }).data;
  const side = (x: unknown) => (x as string[][]).map(([p, q]) => [+p!, +q!]);
  return { E: d.E, U: d.U, u: d.u, pu: d.pu, b: side(d.b), a: side(d.a) };
}

function decoded(decoder: DepthFrameDecoder) {
  const d = decoder.diff;
  return { E: d.E, U: d.U, u: d.u, pu: d.pu, b: d.b.map((l) => [...l]), a: d.a.map((l) => [...l]) };
}

describe('DepthFrameDecoder', () => {
  it('decodes any plain depth frame exactly as JSON.parse and + do, reusing one decoder', () => {
    const decoder = new DepthFrameDecoder();
    fc.assert(
      fc.property(fc.array(diff, { minLength: 1, maxLength: 4 }), (diffs) => {
        for (const d of diffs) {
          const text = frameText(d);
          expect(decoder.decode(Buffer.from(text))).toBe(true);
          expect(decoded(decoder)).toEqual(expected(text));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('declines frames of any other form', () => {
    const decoder = new DepthFrameDecoder();
    const good =
      '{"stream":"x@depth","data":{"e":"depthUpdate","E":5,"s":"X","U":7,"u":9,"b":[["1.5","2"]],"a":[]}}';
    for (const bad of [
      good.replace(',"U":7', ''),
      good.replace('"1.5"', '"1.5e2"'),
      good.replace('"E":5', '"E": 5'),
      good.replace('"s":"X"', '"s":"\\u0058"'),
      good.replace('"a":[]', '"a":null'),
      good.replace(/,"data":.*/, '}'),
      `${good}\n`,
    ])
      expect(decoder.decode(Buffer.from(bad)), bad).toBe(false);
    expect(decoder.decode(Buffer.from(good))).toBe(true);
    expect(decoded(decoder)).toEqual(expected(good));
  });

  it('decodes every depth frame the Binance simulator sends on a combined connection', async () => {
    await using sim = await startBinanceSim({
      market: 'spot',
      symbols: [{ symbol: 'BTCUSDT', levels: 120 }],
    });
    const ws = new WebSocket(`${sim.wsUrl}/stream`);
    await new Promise((resolve) => ws.once('open', resolve));
    const frames: Buffer[] = [];
    let allIn!: () => void;
    const received = new Promise<void>((resolve) => {
      allIn = resolve;
    });
    ws.on('message', (data: Buffer) => {
      if (data.subarray(0, 10).toString() === '{"stream":' && frames.push(data) === 300) allIn();
    });
    ws.send('{"method":"SUBSCRIBE","params":["btcusdt@depth@100ms"],"id":1}');
    await sim.waitForSubscribers('btcusdt@depth@100ms', 1);
    await sim.flood('btcusdt@depth@100ms', 300);
    await received;
    ws.close();
    const decoder = new DepthFrameDecoder();
    for (const f of frames) {
      expect(decoder.decode(f)).toBe(true);
      expect(decoded(decoder)).toEqual(expected(f.toString()));
    }
  });
});

describe('BookSync with a reused diff', () => {
  it('copies a diff it buffers, so the caller may overwrite its scratch', () => {
    const store = new OrderBookStore();
    const sync = new BookSync('BTCUSDT', 'spot', store);
    const decoder = new DepthFrameDecoder();
    const frame = (U: number, u: number, bid: string) =>
      Buffer.from(
        `{"stream":"s","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":${U},"u":${u},"b":[["${bid}","1"]],"a":[["200","1"]]}}`,
      );
    expect(decoder.decode(frame(11, 12, '100'))).toBe(true);
    expect(sync.onDiff(decoder.diff, true)).toBe('buffered');
    expect(decoder.decode(frame(13, 14, '101'))).toBe(true);
    expect(sync.onDiff(decoder.diff, true)).toBe('buffered');
    decoder.diff.b.length = 0; // the scratch moves on
    expect(sync.onSnapshot({ lastUpdateId: 11, bids: [['90', '1']], asks: [['210', '1']] })).toBe('live');
    expect(store.sorted({ symbol: 'BTCUSDT' }).bids).toEqual([
      [101, 1],
      [100, 1],
      [90, 1],
    ]);
  });
});
