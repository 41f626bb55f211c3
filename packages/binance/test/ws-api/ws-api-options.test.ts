// Options of BinanceWsApi (endpoints by market and environment, when to log on, bad input named
// by field) and the method table (REST twins, authentication, weights and ORDERS counts).
import { ConfigError, ValidationError } from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import {
  BinanceWsApi,
  resolveWsApiOptions,
  wsApiChangesState,
  wsApiCost,
  wsApiSecurity,
} from '../../src/ws-api/index.js';
import { DOC_CREDENTIALS, ed25519Credentials } from './ws-api-helpers.js';

describe('BinanceWsApi options', () => {
  it('picks the endpoint by market and environment, or takes a URL', () => {
    expect(resolveWsApiOptions({}).url).toBe('wss://ws-api.binance.com:443/ws-api/v3');
    expect(resolveWsApiOptions({ market: 'usdm' }).url).toBe('wss://ws-fapi.binance.com/ws-fapi/v1');
    expect(resolveWsApiOptions({ environment: 'testnet' }).url).toBe(
      'wss://ws-api.testnet.binance.vision/ws-api/v3',
    );
    expect(resolveWsApiOptions({ url: 'ws://127.0.0.1:9/ws-api/v3' }).url).toBe('ws://127.0.0.1:9/ws-api/v3');
  });

  it('logs on automatically with Ed25519 keys (Spot and USD-M)', () => {
    const { credentials } = ed25519Credentials();
    expect(resolveWsApiOptions({ credentials }).logon).toBe(true);
    expect(resolveWsApiOptions({ credentials, market: 'usdm' }).logon).toBe(true);
    expect(resolveWsApiOptions({ credentials: DOC_CREDENTIALS, market: 'usdm' }).logon).toBe(false);
    expect(resolveWsApiOptions({ credentials: DOC_CREDENTIALS }).logon).toBe(false);
    expect(resolveWsApiOptions({ credentials: DOC_CREDENTIALS, logon: true }).logon).toBe(true);
    expect(resolveWsApiOptions({ credentials, logon: false }).logon).toBe(false);
  });

  it('syncs the clock over the WS API on Spot only (USD-M lists no time method)', () => {
    expect(resolveWsApiOptions({}).syncClock).toBe(true);
    expect(resolveWsApiOptions({ market: 'usdm' }).syncClock).toBe(false);
    expect(() => resolveWsApiOptions({ market: 'usdm', syncClock: true })).toThrow(/syncClock/);
  });

  it('refuses bad options with a ConfigError naming the field, never echoing a secret', () => {
    const cases: Array<[object, string]> = [
      [{ market: 'coinm' }, 'market'],
      [{ environment: 'staging' }, 'environment'],
      [{ url: 'https://api.binance.com' }, 'url'],
      [{ requestTimeoutMs: 0 }, 'requestTimeoutMs'],
      [{ recvWindow: 120_000 }, 'recvWindow'],
      [{ logon: 'yes' }, 'logon'],
      [{ logon: true }, 'logon'],
    ];
    for (const [options, field] of cases) {
      const build = () => new BinanceWsApi(options as never);
      expect(build).toThrow(ConfigError);
      expect(build).toThrow(field);
    }
  });

  it('asks for a method name, and for credentials before anything signed', async () => {
    const api = new BinanceWsApi();
    await expect(api.request('')).rejects.toBeInstanceOf(ValidationError);
    await expect(api.request('account.status')).rejects.toThrow('needs an API key');
    await api.stop();
  });
});

describe('WS API method table', () => {
  it('knows how each method is authenticated', () => {
    expect(wsApiSecurity('spot', 'depth')).toBe('none');
    expect(wsApiSecurity('spot', 'order.place')).toBe('signed');
    expect(wsApiSecurity('spot', 'v3/order.place')).toBe('signed');
    expect(wsApiSecurity('spot', 'userDataStream.subscribe')).toBe('none');
    expect(wsApiSecurity('spot', 'userDataStream.subscribe.signature')).toBe('signed');
    expect(wsApiSecurity('usdm', 'userDataStream.start')).toBe('key');
    expect(wsApiSecurity('spot', 'some.future.method')).toBe('signed');
  });

  it('costs what the REST twin costs: weight by parameters, ORDERS for placements only', () => {
    expect(wsApiCost('spot', 'depth', { limit: 5 })).toEqual({ weight: 5, orders: 0 });
    expect(wsApiCost('spot', 'depth', { limit: 1000 })).toEqual({ weight: 50, orders: 0 });
    expect(wsApiCost('spot', 'order.place', {})).toEqual({ weight: 1, orders: 1 });
    expect(wsApiCost('spot', 'order.cancel', {})).toEqual({ weight: 1, orders: 0 });
    expect(wsApiCost('spot', 'account.status', {})).toEqual({ weight: 20, orders: 0 });
    expect(wsApiCost('spot', 'session.logon', {})).toEqual({ weight: 2, orders: 0 });
    expect(wsApiCost('usdm', 'order.place', {})).toEqual({ weight: 0, orders: 1 });
    expect(wsApiCost('spot', 'unknown.method', {}, 7)).toEqual({ weight: 7, orders: 0 });
  });

  it('knows which lost answers leave an unknown outcome', () => {
    expect(wsApiChangesState('spot', 'order.place')).toBe(true);
    expect(wsApiChangesState('spot', 'order.cancel')).toBe(true);
    expect(wsApiChangesState('spot', 'order.status')).toBe(false);
    expect(wsApiChangesState('spot', 'time')).toBe(false);
  });
});
