// USD-M user data over a listenKey against the simulator, on a FakeClock it shares (keepalive
// and expiry are driven by hand): order, fill, balance and position events normalized; the key
// kept alive every 30 minutes so it never lapses; an expired key replaced and the stream moved
// to the new one.
import {
  FakeClock,
  type Fill,
  type Order,
  type Position,
  type StreamRestored,
  silentLogger,
} from '@venuekit/base';
import { afterEach, describe, expect, it } from 'vitest';
import { BinanceRestClient } from '../../src/rest/index.js';
import {
  type UserDataResync,
  UsdmUserDataStream,
  type UsdmUserDataOptions,
} from '../../src/user-data/index.js';
import { type BinanceSim, DOC_CREDENTIALS, nextEvent, startBinanceSim } from '../ws-api/ws-api-helpers.js';

const MINUTE = 60_000;

async function readUntil<T>(iterator: AsyncIterator<T>, done: (value: T) => boolean): Promise<T[]> {
  const out: T[] = [];
  for (;;) {
    const next = await iterator.next();
    if (next.done === true) throw new Error('the stream ended early');
    out.push(next.value);
    if (done(next.value)) return out;
  }
}

describe('USD-M user data over a listenKey', () => {
  let sim: BinanceSim | undefined;
  let rest: BinanceRestClient | undefined;
  let stream: UsdmUserDataStream | undefined;
  afterEach(async () => {
    await stream?.stop();
    await rest?.close();
    await sim?.close();
  });

  async function setUp(options: Partial<UsdmUserDataOptions> = {}) {
    const clock = new FakeClock();
    sim = await startBinanceSim({ market: 'usdm', clock });
    rest = new BinanceRestClient({
      market: 'usdm',
      baseUrl: sim.httpUrl,
      credentials: DOC_CREDENTIALS,
      clock,
      logger: silentLogger,
    });
    stream = new UsdmUserDataStream({
      rest,
      streamUrl: sim.wsUrl,
      heartbeat: false,
      reconnect: { initialDelayMs: 10, jitter: 0 },
      logger: silentLogger,
      ...options,
    });
    await stream.start();
    return { clock, sim, rest, stream };
  }

  it('normalizes a filled market order into an order, a fill, balances and a position', async () => {
    const { rest, stream } = await setUp();
    expect(stream.listenKey).toMatch(/^[0-9a-f]{64}$/);
    const orders = readUntil<Order>(stream.orders(), (o) => o.status === 'filled');
    const fills = readUntil<Fill>(stream.fills(), () => true);
    const positions = readUntil<Position[]>(stream.positionUpdates(), () => true);
    const placed = await rest.placeOrder({
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: '0.01',
    });
    const last = (await orders).at(-1)!;
    expect(last).toMatchObject({
      id: String(placed.orderId),
      status: 'filled',
      side: 'sell',
      type: 'market',
      filledQuantity: 0.01,
    });
    expect(last.averagePrice).toBeGreaterThan(0);
    const [fill] = await fills;
    expect(fill).toMatchObject({ orderId: String(placed.orderId), feeAsset: 'USDT', liquidity: 'taker' });
    expect(fill!.quantity).toBeGreaterThan(0);
    const [changed] = await positions;
    const [risk] = await rest.positionRisk('BTCUSDT');
    expect(changed?.[0]).toMatchObject({ symbol: 'BTCUSDT', side: 'short', marginMode: 'cross' });
    expect(changed?.[0]?.size).toBe(Math.abs(Number(risk?.positionAmt)));
    expect(stream.positions()).toHaveLength(1);
    expect(stream.balances().find((b) => b.asset === 'USDT')?.total).toBeGreaterThan(0);
  });

  it('keeps the listenKey alive every 30 minutes, so it never lapses', async () => {
    const { clock, sim, rest, stream } = await setUp();
    const key = stream.listenKey;
    const resyncs: UserDataResync[] = [];
    stream.on('resync', (r) => resyncs.push(r));
    for (let i = 0; i < 3; i++) {
      const kept = nextEvent(stream, 'keepAlive');
      clock.advance(30 * MINUTE);
      await kept;
    }
    sim.market.step(); // the simulator expires keys that are due; ours is not
    const orders = readUntil<Order>(stream.orders(), () => true);
    await rest.placeOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01' });
    await orders;
    expect(stream.listenKey).toBe(key);
    expect(resyncs).toEqual([]);
  });

  it('after a dropped connection: resync, then restored with the window nothing was pushed', async () => {
    const { clock, sim, stream } = await setUp({ reconnect: { initialDelayMs: 1000, jitter: 0 } });
    const seen: string[] = [];
    stream.on('resync', (r) => seen.push(`resync ${r.reason}`));
    const restored = nextEvent<[StreamRestored]>(stream, 'restored');
    stream.on('restored', () => seen.push('restored'));
    const downAt = clock.now();
    sim.faults.dropAll();
    // The close reaches the stream; then the reconnect waits for the clock (1 s).
    for (let turn = 0; seen.length === 0 && turn < 200; turn++) {
      if (turn > 0) clock.advance(100);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const [info] = await restored;
    expect(seen).toEqual(['resync reconnected', 'restored']);
    expect(info).toEqual({
      connection: 1,
      topics: ['userData'],
      downSince: downAt,
      downtimeMs: expect.any(Number),
    });
    expect(info.downtimeMs).toBeGreaterThanOrEqual(1000);
    expect(info.downSince! + info.downtimeMs!).toBe(clock.now());
  });

  it('replaces an expired listenKey and moves the stream to the new one', async () => {
    const { clock, sim, rest, stream } = await setUp({ keepAliveIntervalMs: 3 * 60 * MINUTE });
    const first = stream.listenKey;
    const restores: StreamRestored[] = [];
    stream.on('restored', (r) => restores.push(r));
    clock.advance(61 * MINUTE);
    const expiredAt = clock.now();
    const renewed = nextEvent<[UserDataResync]>(stream, 'resync', (r) => r.reason === 'listenKeyRenewed');
    sim.market.step(); // → listenKeyExpired, connection closed
    await renewed;
    expect(stream.listenKey).not.toBe(first);
    let reconnected = false;
    stream.once('resync', (r) => {
      reconnected = r.reason === 'reconnected';
    });
    // Move time on (the reconnect delay) until the stream is back on the new key.
    for (let turn = 0; !reconnected && turn < 2000; turn++) {
      clock.advance(50);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(reconnected).toBe(true);
    // One restored (for the reconnect, not for the key change), counted from the expiry.
    expect(restores).toHaveLength(1);
    expect(restores[0]).toMatchObject({ connection: 1, topics: ['userData'], downSince: expiredAt });
    expect(restores[0]!.downtimeMs).toBe(clock.now() - expiredAt);
    const orders = readUntil<Order>(stream.orders(), (o) => o.status === 'filled');
    await rest.placeOrder({ symbol: 'BTCUSDT', side: 'BUY', type: 'MARKET', quantity: '0.01' });
    expect((await orders).at(-1)?.status).toBe('filled');
  });

  it('ends its iterables when stopped', async () => {
    const { stream } = await setUp();
    const orders = stream.orders();
    const first = orders.next();
    await stream.stop();
    expect(await first).toEqual({ done: true, value: undefined });
  });
});
