// The USD-M feed's `positionMode` (Bybit's option of that name, Binance's positionSide): what each
// order puts on the wire. The simulator keeps one-way accounts only (it ignores positionSide and
// has no dualSidePosition), so the orders go to it through a loopback HTTP capture that records
// each request's parameters and forwards it unchanged: the test checks what was sent, and the
// simulator still answers every order as a real one.
import { once } from 'node:events';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '@venuekit/base';
import {
  applyPositionMode,
  type BinanceOrderParams,
  type BinanceUsdmFeed,
  positionSideOf,
} from '@venuekit/binance/plugin';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BinanceSim, simFeed, simUrls, startBinanceSim } from './feed-helpers.js';

/** A loopback HTTP server that records each request's parameters (query and form body) and forwards it to `target`. */
async function startCapture(
  target: string,
): Promise<{ url: string; orders: URLSearchParams[]; server: Server }> {
  const orders: URLSearchParams[] = [];
  const to = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://capture');
      if (req.method === 'POST' && url.pathname === '/fapi/v1/order') {
        const params = new URLSearchParams(url.search);
        for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v);
        orders.push(params);
      }
      const headers = { ...req.headers, host: to.host };
      const forward = httpRequest(
        { host: to.hostname, port: to.port, method: req.method, path: req.url, headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', (error) => res.destroy(error));
      forward.end(body);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, orders, server };
}

describe('positionMode on BINANCE___USDM', () => {
  let sim: BinanceSim;
  let capture: Awaited<ReturnType<typeof startCapture>>;
  let hedge: BinanceUsdmFeed;
  let oneWay: BinanceUsdmFeed;
  beforeAll(async () => {
    sim = await startBinanceSim({ market: 'usdm', symbols: ['BTCUSDT'] });
    sim.market.step(20);
    capture = await startCapture(sim.httpUrl);
    const urls = { ...simUrls(sim), rest: capture.url };
    hedge = simFeed<BinanceUsdmFeed>(sim, 'BINANCE___USDM', { urls, positionMode: 'hedge' });
    oneWay = simFeed<BinanceUsdmFeed>(sim, 'BINANCE___USDM', { urls });
    await hedge.connect();
    await oneWay.connect();
  });
  afterAll(async () => {
    await hedge?.disconnect();
    await oneWay?.disconnect();
    capture?.server.closeAllConnections();
    capture?.server.close();
    await sim?.close();
  });

  /** The parameters of the order `place` sends. */
  async function sent(place: () => Promise<unknown>): Promise<URLSearchParams> {
    const before = capture.orders.length;
    await place();
    expect(capture.orders).toHaveLength(before + 1);
    return capture.orders.at(-1)!;
  }

  it('hedge: opens with positionSide LONG / SHORT and closes by side + positionSide, never sending reduceOnly', async () => {
    const market = { symbol: 'BTC/USDT:USDT', type: 'market', quantity: 0.01 } as const;
    const openLong = await sent(() => hedge.placeOrder({ ...market, side: 'buy' }));
    expect(openLong.get('side')).toBe('BUY');
    expect(openLong.get('positionSide')).toBe('LONG');
    expect(openLong.has('reduceOnly')).toBe(false);

    const closeLong = await sent(() => hedge.placeOrder({ ...market, side: 'sell', reduceOnly: true }));
    expect(closeLong.get('side')).toBe('SELL');
    expect(closeLong.get('positionSide')).toBe('LONG');
    expect(closeLong.has('reduceOnly')).toBe(false);

    const openShort = await sent(() => hedge.placeOrder({ ...market, side: 'sell' }));
    expect(openShort.get('positionSide')).toBe('SHORT');

    const closeShort = await sent(() => hedge.placeOrder({ ...market, side: 'buy', reduceOnly: true }));
    expect(closeShort.get('side')).toBe('BUY');
    expect(closeShort.get('positionSide')).toBe('SHORT');
    expect(closeShort.has('reduceOnly')).toBe(false);
    // The simulator took every order (it nets them in one-way): the position is flat again.
    expect((await hedge.getPositions('BTCUSDT')).filter((p) => p.size > 0)).toEqual([]);
  });

  it('one-way (the default): no positionSide, reduceOnly sent as Binance takes it', async () => {
    const market = { symbol: 'BTCUSDT', type: 'market', quantity: 0.01 } as const;
    const open = await sent(() => oneWay.placeOrder({ ...market, side: 'buy' }));
    expect(open.has('positionSide')).toBe(false);
    const close = await sent(() => oneWay.placeOrder({ ...market, side: 'sell', reduceOnly: true }));
    expect(close.has('positionSide')).toBe(false);
    expect(close.get('reduceOnly')).toBe('true');
  });

  it('refuses a position mode it does not know, and hedge on Spot, naming the field', () => {
    const bad = (id: 'BINANCE___SPOT' | 'BINANCE___USDM', positionMode: unknown) => () =>
      simFeed(sim, id, { positionMode: positionMode as 'hedge' });
    expect(bad('BINANCE___USDM', 'dual')).toThrow(ConfigError);
    expect(bad('BINANCE___USDM', 'dual')).toThrow(/positionMode.*'one-way' or 'hedge'/);
    expect(bad('BINANCE___SPOT', 'hedge')).toThrow(/positionMode.*USD-M/);
    expect(() => simFeed(sim, 'BINANCE___SPOT', { positionMode: 'one-way' })).not.toThrow();
  });
});

describe('positionSideOf / applyPositionMode', () => {
  it('names the position Bybit’s positionIdx would (1 long, 2 short) for every side and reduceOnly', () => {
    fc.assert(
      fc.property(fc.constantFrom('buy' as const, 'sell' as const), fc.boolean(), (side, reduceOnly) => {
        const opensLong = side === 'buy' && !reduceOnly;
        const closesLong = side === 'sell' && reduceOnly;
        expect(positionSideOf(side, reduceOnly)).toBe(opensLong || closesLong ? 'LONG' : 'SHORT');
        const params: BinanceOrderParams = {
          symbol: 'BTCUSDT',
          side: side === 'buy' ? 'BUY' : 'SELL',
          type: 'MARKET',
        };
        if (reduceOnly) params.reduceOnly = 'true';
        const hedged = applyPositionMode({ ...params }, 'hedge', side, reduceOnly);
        expect(hedged.reduceOnly).toBeUndefined();
        expect(hedged.positionSide).toBe(positionSideOf(side, reduceOnly));
        expect(applyPositionMode({ ...params }, 'one-way', side, reduceOnly)).toEqual(params);
      }),
    );
  });
});
