// SymbolMapper: either symbol form in, both forms out; unknown symbols get a BadSymbolError
// naming the closest known one.
import { BadSymbolError, SymbolMapper } from '@venuekit/base';
import { describe, expect, it } from 'vitest';

const instruments = [
  { symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT', tick: 0.01 },
  { symbol: 'ETHUSDT', unifiedSymbol: 'ETH/USDT', tick: 0.01 },
  { symbol: 'tBTCUSD', unifiedSymbol: 'BTC/USD', tick: 1 },
];

describe('SymbolMapper', () => {
  const mapper = new SymbolMapper('acme', instruments);

  it('accepts the venue form or the unified form', () => {
    expect(mapper.toVenue('BTC/USDT')).toBe('BTCUSDT');
    expect(mapper.toVenue('BTCUSDT')).toBe('BTCUSDT');
    expect(mapper.toUnified('ETHUSDT')).toBe('ETH/USDT');
    expect(mapper.toUnified('ETH/USDT')).toBe('ETH/USDT');
    expect(mapper.instrument('tBTCUSD').tick).toBe(1);
    expect(mapper.size).toBe(3);
    expect([...mapper.instruments()].map((i) => i.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'tBTCUSD']);
  });

  it('falls back to a case-insensitive match when it is unambiguous', () => {
    expect(mapper.toVenue('btcusdt')).toBe('BTCUSDT');
    expect(mapper.toVenue('btc/usdt')).toBe('BTCUSDT');
    expect(mapper.toVenue('TBTCUSD')).toBe('tBTCUSD');
    const clash = new SymbolMapper('acme', [
      { symbol: 'abc', unifiedSymbol: 'A/BC' },
      { symbol: 'ABC', unifiedSymbol: 'AB/C' },
    ]);
    expect(clash.has('abc')).toBe(true);
    expect(clash.has('Abc')).toBe(false);
  });

  it('throws BadSymbolError with the closest known symbol', () => {
    expect(() => mapper.toVenue('BTCUSTD')).toThrow(BadSymbolError);
    expect(() => mapper.toVenue('BTCUSTD')).toThrow(
      'Unknown acme symbol "BTCUSTD": expected the venue\'s form or a unified symbol such as "BTC/USDT". Closest known symbol: BTCUSDT.',
    );
    expect(() => new SymbolMapper('acme').toUnified('X')).toThrow(/No instruments are loaded yet/);
    try {
      mapper.instrument('ETH/USTD');
    } catch (error) {
      expect((error as BadSymbolError).venue).toBe('acme');
      expect((error as BadSymbolError).details).toMatchObject({ symbol: 'ETH/USTD', closest: 'ETH/USDT' });
    }
  });

  it('update() replaces the instruments', () => {
    const m = new SymbolMapper('acme', instruments);
    expect(m.has('btcusdt')).toBe(true);
    m.update([{ symbol: 'SOLUSDT', unifiedSymbol: 'SOL/USDT', tick: 0.001 }]);
    expect(m.has('BTCUSDT')).toBe(false);
    expect(m.has('btcusdt')).toBe(false);
    expect(m.toUnified('solusdt')).toBe('SOL/USDT');
  });
});
