// BybitHttpClient options (environments, validation naming the field, secrets never printed) and
// the pure parts of the limits: limiter keys per category, X-Bapi-Limit* header reading (malformed
// values ignored), and the observation a header set makes.
import { ConfigError, silentLogger } from '@venuekit/base';
import {
  BYBIT_LIMIT_RULES,
  BybitHttpClient,
  bybitLimitKey,
  bybitLimitObservation,
  bybitLimitStatus,
  bybitRuleForKey,
  defaultBybitRateLimitRules,
} from '@venuekit/bybit/plugin';
import { describe, expect, it } from 'vitest';

describe('BybitHttpClient options', () => {
  it('picks the REST host of the environment, or baseUrl', async () => {
    const cases = [
      [{}, 'prod', 'https://api.bybit.com'],
      [{ testnet: true }, 'testnet', 'https://api-testnet.bybit.com'],
      [{ demo: true }, 'demo', 'https://api-demo.bybit.com'],
      [{ demo: true, testnet: true }, 'demo', 'https://api-demo-testnet.bybit.com'],
      [{ baseUrl: 'https://api.bybit.kz/' }, 'prod', 'https://api.bybit.kz'],
    ] as const;
    for (const [options, environment, baseUrl] of cases) {
      await using client = new BybitHttpClient({ ...options, logger: silentLogger });
      expect([client.environment, client.baseUrl]).toEqual([environment, baseUrl]);
    }
  });

  it('bad options are ConfigErrors naming the field', () => {
    expect(() => new BybitHttpClient({ apiKey: 'k' })).toThrow(/apiSecret/);
    expect(() => new BybitHttpClient({ apiSecret: 's' })).toThrow(/apiKey/);
    expect(() => new BybitHttpClient({ testnet: 'yes' as never })).toThrow(ConfigError);
    expect(() => new BybitHttpClient({ baseUrl: 'ftp://x' })).toThrow(/baseUrl/);
    expect(() => new BybitHttpClient({ recvWindow: -1 })).toThrow(/recvWindow/);
  });

  it('prints no secret', async () => {
    await using client = new BybitHttpClient({
      apiKey: 'abcdefgh-key',
      apiSecret: 'very-secret-value-xyz',
      logger: silentLogger,
    });
    const { inspect } = await import('node:util');
    const printed = `${inspect(client)} ${JSON.stringify(client)}`;
    expect(printed).not.toContain('very-secret-value-xyz');
    expect(printed).not.toContain('abcdefgh-key');
  });
});

describe('limit keys and headers', () => {
  it('order entry is keyed per category, other paths by path', () => {
    expect(bybitLimitKey('/v5/order/create', 'spot')).toBe('/v5/order/create#spot');
    expect(bybitLimitKey('/v5/order/cancel', 'linear')).toBe('/v5/order/cancel#linear');
    expect(bybitLimitKey('/v5/order/realtime', 'spot')).toBe('/v5/order/realtime');
    expect(bybitLimitKey('/v5/market/tickers', undefined)).toBe('/v5/market/tickers');
  });

  it('spot amend is limited at 10/s like derivatives order entry; spot create and cancel at 20/s', () => {
    const rules = defaultBybitRateLimitRules();
    const limitOf = (key: string) =>
      (rules.find((r) => r.name === bybitRuleForKey(key, rules)) as { limit?: number } | undefined)?.limit;
    expect(limitOf(bybitLimitKey('/v5/order/amend', 'spot'))).toBe(10);
    expect(limitOf(`${bybitLimitKey('/v5/order/amend', 'spot')}@acct`)).toBe(10);
    expect(limitOf(bybitLimitKey('/v5/order/create', 'spot'))).toBe(20);
    expect(limitOf(bybitLimitKey('/v5/order/cancel', 'spot'))).toBe(20);
    expect(limitOf(bybitLimitKey('/v5/order/amend', 'linear'))).toBe(10);
  });

  it('reads X-Bapi-Limit* and ignores malformed values', () => {
    expect(
      bybitLimitStatus({
        'x-bapi-limit': '20',
        'x-bapi-limit-status': '19',
        'x-bapi-limit-reset-timestamp': '1700000000000',
      }),
    ).toEqual({
      limit: 20,
      remaining: 19,
      resetAt: 1_700_000_000_000,
    });
    expect(bybitLimitStatus({ 'x-bapi-limit': 'abc', 'x-bapi-limit-status': '1' })).toBeUndefined();
    expect(bybitLimitStatus({ 'x-bapi-limit': '0', 'x-bapi-limit-status': '0' })).toBeUndefined();
    expect(bybitLimitStatus({})).toBeUndefined();
  });

  it('turns headers into an observation of the endpoint’s window', () => {
    const rules = defaultBybitRateLimitRules();
    const headers = { 'x-bapi-limit': '20', 'x-bapi-limit-status': '15' };
    expect(bybitLimitObservation(headers, '/v5/order/create#spot', rules)).toEqual({
      rule: BYBIT_LIMIT_RULES.spotOrders,
      endpoint: '/v5/order/create#spot',
      used: 5,
      limit: 20,
    });
    expect(bybitLimitObservation(headers, '/v5/order/create#linear', rules)?.rule).toBe(
      BYBIT_LIMIT_RULES.derivativeOrders,
    );
    expect(bybitLimitObservation(headers, '/v5/position/list', rules)?.rule).toBe(BYBIT_LIMIT_RULES.queries);
    expect(bybitLimitObservation(headers, '/v5/market/tickers', rules)).toBeUndefined();
  });
});
