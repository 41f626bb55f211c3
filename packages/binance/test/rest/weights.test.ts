// The endpoint weight table, the usage-header reader and the exchangeInfo → limiter rules.
import { RateLimiter, FakeClock } from '@venuekit/base';
import {
  DEFAULT_RATE_LIMITS,
  orderCountCost,
  rateLimitRuleName,
  requestWeight,
  rulesFromRateLimits,
  spotDepthWeight,
  symbolCount,
  usageFromHeaders,
  usdmDepthWeight,
  usdmKlinesWeight,
} from '@venuekit/binance/plugin';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('request weights', () => {
  it('weighs Spot depth by limit (5 / 25 / 50 / 250; default 100 → 5)', () => {
    expect(
      [undefined, 1, 100, 101, 500, 501, 1000, 1001, 5000].map((limit) => spotDepthWeight({ limit })),
    ).toEqual([5, 5, 5, 25, 25, 50, 50, 250, 250]);
    expect(requestWeight('spot', 'GET', '/api/v3/depth', { symbol: 'BTCUSDT', limit: '5000' })).toBe(250);
  });

  it('weighs USD-M depth and klines by limit', () => {
    expect([5, 50, 100, 500, undefined, 1000].map((limit) => usdmDepthWeight({ limit }))).toEqual([
      2, 2, 5, 10, 10, 20,
    ]);
    expect([99, 100, 499, 500, 1000, 1500].map((limit) => usdmKlinesWeight({ limit }))).toEqual([
      1, 2, 2, 5, 5, 10,
    ]);
  });

  it('weighs the Spot 24h ticker by symbol count', () => {
    const symbols = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => `S${i}`));
    expect(requestWeight('spot', 'GET', '/api/v3/ticker/24hr', { symbol: 'BTCUSDT' })).toBe(2);
    expect(requestWeight('spot', 'GET', '/api/v3/ticker/24hr', { symbols: symbols(20) })).toBe(2);
    expect(requestWeight('spot', 'GET', '/api/v3/ticker/24hr', { symbols: symbols(21) })).toBe(40);
    expect(requestWeight('spot', 'GET', '/api/v3/ticker/24hr', { symbols: symbols(101) })).toBe(80);
    expect(requestWeight('spot', 'GET', '/api/v3/ticker/24hr')).toBe(80);
    expect(symbolCount({ symbols: ['A', 'B'] })).toBe(2);
  });

  it('knows order, account and user-stream weights of both markets', () => {
    expect(requestWeight('spot', 'POST', '/api/v3/order')).toBe(1);
    expect(requestWeight('spot', 'GET', '/api/v3/order')).toBe(4);
    expect(requestWeight('spot', 'GET', '/api/v3/openOrders')).toBe(80);
    expect(requestWeight('spot', 'GET', '/api/v3/openOrders', { symbol: 'X' })).toBe(6);
    expect(requestWeight('spot', 'GET', '/api/v3/myTrades', { orderId: 1 })).toBe(5);
    expect(requestWeight('usdm', 'POST', '/fapi/v1/order')).toBe(0);
    expect(requestWeight('usdm', 'GET', '/fapi/v3/positionRisk')).toBe(5);
    expect(requestWeight('usdm', 'POST', '/fapi/v1/listenKey')).toBe(1);
    expect(requestWeight('usdm', 'GET', '/fapi/v1/unknownThing')).toBe(1);
    expect(orderCountCost('spot', 'POST', '/api/v3/order')).toEqual({ weight: 1, orders: 1 });
    expect(orderCountCost('spot', 'DELETE', '/api/v3/order')).toBeUndefined();
    expect(orderCountCost('usdm', 'POST', '/fapi/v1/batchOrders')?.ordersLongWindow).toBe(1);
  });
});

describe('usage headers', () => {
  it('reads weight and order-count headers of any interval, any case', () => {
    expect(
      usageFromHeaders({
        'x-mbx-used-weight-1m': '321',
        'X-MBX-ORDER-COUNT-10S': '3',
        'x-mbx-order-count-1d': ['4042', '4043'],
        'x-mbx-used-weight': '321',
        'content-type': 'application/json',
      }),
    ).toEqual([
      { rule: 'REQUEST_WEIGHT:1M', used: 321 },
      { rule: 'ORDERS:10S', used: 3 },
      { rule: 'ORDERS:1D', used: 4043 },
    ]);
  });

  it('ignores malformed values', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        for (const r of usageFromHeaders({ 'x-mbx-used-weight-1m': value })) {
          expect(Number.isFinite(r.used) && r.used >= 0).toBe(true);
        }
      }),
    );
    expect(usageFromHeaders({ 'x-mbx-used-weight-1m': '' })).toEqual([]);
    expect(usageFromHeaders({ 'x-mbx-used-weight-1m': '-5' })).toEqual([]);
  });
});

describe('rate-limit rules from exchangeInfo', () => {
  it('names rules as the headers do and skips unknown entries', () => {
    expect(DEFAULT_RATE_LIMITS.spot.map(rateLimitRuleName)).toEqual([
      'REQUEST_WEIGHT:1M',
      'ORDERS:10S',
      'ORDERS:1D',
      'RAW_REQUESTS:5M',
    ]);
    const rules = rulesFromRateLimits('spot', [
      ...DEFAULT_RATE_LIMITS.spot,
      { rateLimitType: 'CONNECTIONS', interval: 'MINUTE', intervalNum: 1, limit: 5 },
      { rateLimitType: 'ORDERS', interval: 'FORTNIGHT', intervalNum: 1, limit: 5 },
      { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 50 },
    ]);
    expect(rules.map((r) => r.name)).toEqual([
      'REQUEST_WEIGHT:1M',
      'ORDERS:10S',
      'ORDERS:1D',
      'RAW_REQUESTS:5M',
    ]);
    expect(rules.every((r) => r.kind === 'fixedWindow')).toBe(true);
  });

  it('charges orders only to order endpoints, and the request weight as the multiplier elsewhere', () => {
    const clock = new FakeClock(1_700_000_000_000);
    const limiter = new RateLimiter(rulesFromRateLimits('usdm', DEFAULT_RATE_LIMITS.usdm), { clock });
    expect(limiter.tryAcquire({ endpoint: '/fapi/v1/order', method: 'POST' })).toBe(true);
    expect(limiter.tryAcquire({ endpoint: '/fapi/v1/batchOrders', method: 'POST' })).toBe(true);
    expect(limiter.tryAcquire({ endpoint: '/fapi/v1/depth', method: 'GET', weight: 20 })).toBe(true);
    const state = limiter.state();
    expect(state['REQUEST_WEIGHT:1M']?.used).toBe(0 + 5 + 20);
    expect(state['ORDERS:10S']?.used).toBe(1 + 5);
    expect(state['ORDERS:1M']?.used).toBe(1 + 1);
  });

  it('aligns windows to the calendar (a 1-minute window resets at :00)', () => {
    const clock = new FakeClock(1_699_999_980_000 + 59_000); // 1 s before a minute boundary
    const limiter = new RateLimiter(
      rulesFromRateLimits('spot', [
        { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 10 },
      ]),
      { clock },
    );
    expect(limiter.tryAcquire({ endpoint: '/api/v3/depth', method: 'GET', weight: 10 })).toBe(true);
    expect(limiter.tryAcquire({ endpoint: '/api/v3/depth', method: 'GET', weight: 1 })).toBe(false);
    clock.advance(1000);
    expect(limiter.tryAcquire({ endpoint: '/api/v3/depth', method: 'GET', weight: 10 })).toBe(true);
  });
});
