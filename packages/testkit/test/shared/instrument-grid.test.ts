// The shared symbol-list check both venues resolve their instruments through.
import { describe, expect, it } from 'vitest';
import { requireUniqueSymbols } from '../../src/shared/market/instrument-grid.js';

describe('requireUniqueSymbols', () => {
  it('passes a list of distinct symbols through and names a repeated or missing one', () => {
    const list = [{ symbol: 'BTCUSDT' }, { symbol: 'ETHUSDT' }];
    expect(requireUniqueSymbols(list)).toBe(list);
    expect(() => requireUniqueSymbols([...list, { symbol: 'BTCUSDT' }], ' for spot')).toThrow(
      "symbols: 'BTCUSDT' is listed twice for spot",
    );
    expect(() => requireUniqueSymbols([], ' for linear')).toThrow(
      'symbols: at least one symbol is required for linear',
    );
  });
});
