// The out-of-service path of BinanceWsApi against the simulator, on one FakeClock shared with it
// (limit windows are driven by hand, no sleeping): the session stops sending before a limit would
// be exceeded — sequentially and in a concurrent burst — so the simulator never counts a
// violation, comes back when the window resets, and obeys 429 / 418 answers it could not foresee.
import { FakeClock, IpBannedError, RateLimitError } from '@venuekit/base';
import { afterEach, describe, expect, it } from 'vitest';
import type { BinanceLimitOverrides } from '@venuekit/testkit';
import type { BinanceWsApi, BinanceWsApiOptions, WsApiStatus } from '../../src/ws-api/index.js';
import { type BinanceSim, nextEvent, rejectionOf, simSession, startBinanceSim } from './ws-api-helpers.js';

const WINDOW_START = 1_699_999_980_000; // a minute (and 10-second) boundary
const resting = {
  symbol: 'BTCUSDT',
  side: 'BUY',
  type: 'LIMIT',
  timeInForce: 'GTC',
  quantity: '0.1',
  price: '1000',
} as const;

describe('BinanceWsApi rate limits', () => {
  let sim: BinanceSim | undefined;
  let api: BinanceWsApi | undefined;
  afterEach(async () => {
    await api?.stop();
    await sim?.close();
  });

  async function setUp(limits: BinanceLimitOverrides, options: BinanceWsApiOptions = {}) {
    const clock = new FakeClock(WINDOW_START + 1000);
    sim = await startBinanceSim({ market: 'spot', clock, limits });
    api = simSession(sim, { clock, heartbeat: false, ...options });
    await api.start();
    return { clock, sim, api };
  }

  it('goes out of service for orders at the ORDERS limit, refuses before sending, and returns when the window resets', async () => {
    const { clock, sim, api } = await setUp({ ordersPer10s: 5 });
    const statuses: WsApiStatus[] = [];
    api.on('status', (s) => statuses.push(s));
    for (let i = 0; i < 5; i++) expect((await api.placeOrder({ ...resting })).status).toBe('NEW');
    expect(api.orderHandling).toBe(false);
    expect(api.operationalStatus).toBe(true);
    expect(statuses.at(-1)).toMatchObject({
      orderHandling: false,
      ordersReason: 'order-limit',
      limit: 'ORDERS:10S',
      ordersUntil: WINDOW_START + 10_000,
    });
    const sent = sim.stats.wsMessagesReceived;
    const refused = await rejectionOf(api.placeOrder({ ...resting }));
    expect(refused).toBeInstanceOf(RateLimitError);
    expect(refused).toMatchObject({
      retryAfterMs: 9000,
      details: { reason: 'order-limit', limit: 'ORDERS:10S' },
    });
    expect(sim.stats.wsMessagesReceived).toBe(sent); // nothing went out
    // Other requests still go through.
    expect((await api.openOrders('BTCUSDT')).length).toBe(5);
    const back = nextEvent<[WsApiStatus]>(api, 'status', (s) => s.orderHandling);
    clock.advance(9000);
    await back;
    expect((await api.placeOrder({ ...resting })).status).toBe('NEW');
    expect(sim.violations).toBe(0);
  });

  it('never exceeds in a concurrent burst: orders beyond the room are refused locally', async () => {
    const { sim, api } = await setUp(
      { ordersPer10s: 5 },
      {
        rateLimits: [
          { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
          { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 5 },
        ],
      },
    );
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () => api.placeOrder({ ...resting })),
    );
    const placed = results.filter((r) => r.status === 'fulfilled');
    const refused = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r as PromiseRejectedResult).reason);
    expect(placed).toHaveLength(5);
    expect(refused).toHaveLength(7);
    for (const error of refused) expect(error).toBeInstanceOf(RateLimitError);
    expect(sim.violations).toBe(0);
  });

  it('goes out of service for everything at the weight limit and back at the next minute', async () => {
    const { clock, sim, api } = await setUp({ requestWeightPerMinute: 40 });
    let served = 0;
    for (;;) {
      try {
        await api.time();
        served++;
      } catch (error) {
        expect(error).toBeInstanceOf(RateLimitError);
        expect(error).toMatchObject({ details: { reason: 'weight-limit', limit: 'REQUEST_WEIGHT:1M' } });
        break;
      }
    }
    // 40 = 2 (connection) + 1 (clock sync at connect) + the requests served.
    expect(served).toBe(37);
    expect(api.status).toMatchObject({
      operational: false,
      reason: 'weight-limit',
      until: WINDOW_START + 60_000,
    });
    expect(sim.violations).toBe(0);
    const back = nextEvent<[WsApiStatus]>(api, 'status', (s) => s.operational === true);
    clock.advance(59_000);
    await back;
    expect((await api.time()).serverTime).toBe(WINDOW_START + 60_000);
    expect(sim.violations).toBe(0);
  });

  it('obeys a 429 it could not foresee (another client used the weight) until retryAfter', async () => {
    const { clock, sim, api } = await setUp({ requestWeightPerMinute: 30 });
    await api.depth('BTCUSDT', 5); // 3 + 5 = 8 of 30, as Binance reports
    const other = await fetch(`${sim.httpUrl}/api/v3/exchangeInfo`); // +20 behind the session's back
    expect(other.status).toBe(200);
    const error = await rejectionOf(api.depth('BTCUSDT', 5));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: -1003, status: 429, retryAfterMs: 59_000 });
    expect(api.status).toMatchObject({
      operational: false,
      reason: 'rate-limited',
      until: WINDOW_START + 60_000,
    });
    const sent = sim.stats.wsMessagesReceived;
    await expect(api.time()).rejects.toBeInstanceOf(RateLimitError);
    expect(sim.stats.wsMessagesReceived).toBe(sent);
    expect(sim.violations).toBe(1); // the one request nobody could have foreseen
    const back = nextEvent<[WsApiStatus]>(api, 'status', (s) => s.operational === true);
    clock.advance(59_000);
    await back;
    expect((await api.depth('BTCUSDT', 5)).bids).toHaveLength(5);
    expect(sim.violations).toBe(1);
  });

  it('stops sending while the IP is banned (418) and resumes when the ban ends', async () => {
    const { clock, sim, api } = await setUp({
      requestWeightPerMinute: 30,
      banAfterRejected: 0,
      banMs: 120_000,
    });
    await api.depth('BTCUSDT', 5);
    await fetch(`${sim.httpUrl}/api/v3/exchangeInfo`);
    const error = await rejectionOf(api.depth('BTCUSDT', 5));
    expect(error).toBeInstanceOf(IpBannedError);
    expect(error).toMatchObject({ status: 418, retryAfterMs: 120_000 });
    expect(api.status).toMatchObject({
      operational: false,
      reason: 'ip-banned',
      until: WINDOW_START + 121_000,
    });
    await expect(api.placeOrder({ ...resting })).rejects.toBeInstanceOf(IpBannedError);
    const back = nextEvent<[WsApiStatus]>(api, 'status', (s) => s.operational === true);
    clock.advance(120_000);
    await back;
    expect((await api.time()).serverTime).toBe(WINDOW_START + 121_000);
    expect(sim.violations).toBe(1);
  });
});
