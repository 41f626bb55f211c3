import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, startBinanceSim } from '@venuekit/testkit';
import { call, DOC_KEY, TestSocket } from './helpers.js';

describe('Binance simulator WebSocket paths', () => {
  let sim: BinanceSim;
  beforeAll(async () => {
    sim = await startBinanceSim({
      market: 'both',
      symbols: [
        { symbol: 'BTCUSDT', levels: 100 },
        { symbol: 'ETHUSDT', levels: 100 },
      ],
      heartbeat: false,
    });
  });
  afterAll(() => sim.close());

  const list = (s: TestSocket, id: number) => s.request({ method: 'LIST_SUBSCRIPTIONS', id });

  it('raw multi-stream /ws/<s1>/<s2>: both streams, payloads not wrapped', async () => {
    const s = await TestSocket.open(`${sim.wsUrl}/ws/btcusdt@depth/ethusdt@trade`);
    expect(await list(s, 1)).toEqual({ result: ['btcusdt@depth', 'ethusdt@trade'], id: 1 });
    sim.market.step(40);
    const depth = await s.waitFor((m) => m.e === 'depthUpdate');
    expect(depth.s).toBe('BTCUSDT');
    const trade = await s.waitFor((m) => m.e === 'trade');
    expect(trade.s).toBe('ETHUSDT');
    expect(s.messages.filter((m) => m.id === undefined).every((m) => m.stream === undefined)).toBe(true);
    expect(s.messages.some((m) => m.e === 'depthUpdate' && m.s === 'ETHUSDT')).toBe(false);
    await s.close();
  });

  it('serves any /ws/… path: numbered (ccxt), percent-encoded and never-listed stream names', async () => {
    const numbered = await TestSocket.open(`${sim.wsUrl}/ws/4711`);
    expect(await list(numbered, 1)).toEqual({ result: [], id: 1 });
    const encoded = await TestSocket.open(`${sim.wsUrl}/ws/btcusdt%40bookTicker`);
    expect(await list(encoded, 2)).toEqual({ result: ['btcusdt@bookTicker'], id: 2 });
    const utc8 = await TestSocket.open(`${sim.wsUrl}/ws/btcusdt@kline_1m@+08:00/ethusdt@aggTrade`);
    expect(await list(utc8, 3)).toEqual({ result: ['btcusdt@kline_1m@+08:00', 'ethusdt@aggTrade'], id: 3 });
    await Promise.all([numbered.close(), encoded.close(), utc8.close()]);
  });

  it('USDⓈ-M routed raw multi-stream paths keep the route split', async () => {
    const market = await TestSocket.open(
      `${sim.wsUrl}/market/ws/btcusdt@aggTrade/ethusdt@aggTrade/btcusdt@depth`,
    );
    expect(await list(market, 1)).toEqual({
      result: ['btcusdt@aggTrade', 'ethusdt@aggTrade', 'btcusdt@depth'],
      id: 1,
    });
    const pub = await TestSocket.open(`${sim.wsUrl}/public/ws/btcusdt@bookTicker/ethusdt@depth@100ms`);
    await sim.waitForSubscribers('ethusdt@depth@100ms', 1, { market: 'usdm' });
    sim.usdm!.venue.market.step(40);
    const agg = await market.waitFor((m) => m.e === 'aggTrade' && m.s === 'ETHUSDT');
    expect(agg.stream).toBeUndefined();
    const depth = await pub.waitFor((m) => m.e === 'depthUpdate');
    expect(depth).toMatchObject({ s: 'ETHUSDT', pu: expect.any(Number) });
    await pub.waitFor((m) => m.e === 'bookTicker' && m.s === 'BTCUSDT');
    expect(market.messages.some((m) => m.e === 'depthUpdate')).toBe(false); // /market never carries depth
    await Promise.all([market.close(), pub.close()]);
  });

  it('listenKey paths are matched at connect time: /ws/<key> and /private/ws/<key> attach, unknown keys are refused', async () => {
    const headers = { 'X-MBX-APIKEY': DOC_KEY };
    const key = (await call(sim.httpUrl, 'POST', '/fapi/v1/listenKey', '', { headers })).body
      .listenKey as string;
    const legacy = await TestSocket.open(`${sim.wsUrl}/ws/${key}`);
    const routed = await TestSocket.open(`${sim.wsUrl}/private/ws/${key}`);
    // `/ws/<listenKey>` is user data, not a stream subscription on the Spot hub.
    expect(sim.spot!.hub.subscriptions().some((s) => s.streams.includes(key))).toBe(false);

    const unknown = await TestSocket.open(`${sim.wsUrl}/private/ws/${'0'.repeat(64)}`);
    expect(await unknown.waitFor((m) => m.e === 'listenKeyExpired')).toMatchObject({
      listenKey: '0'.repeat(64),
    });
    expect(await unknown.closed()).toBe(1008);

    expect((await call(sim.httpUrl, 'DELETE', '/fapi/v1/listenKey', '', { headers })).body).toEqual({});
    expect(await legacy.closed()).toBe(1000);
    expect(await routed.closed()).toBe(1000);
  });
});
