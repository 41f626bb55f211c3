// The shared per-symbol market collection: lookup, listeners and stepping order.
import { describe, expect, it } from 'vitest';
import { SymbolMarkets } from '../../src/shared/market/symbol-markets.js';

interface Toy {
  readonly cfg: string;
  steps: number;
}

class ToyMarkets extends SymbolMarkets<Toy, string, (symbol: string) => void> {
  constructor(symbols: string[]) {
    super();
    for (const s of symbols) this.bySymbol.set(s, { cfg: s, steps: 0 });
  }
  protected stepSymbol(m: Toy): void {
    m.steps++;
    for (const l of this.listeners) l(m.cfg);
  }
  protected unknownSymbolMessage(symbol: string, traded: string): string {
    return `no ${symbol} (have ${traded})`;
  }
}

describe('SymbolMarkets', () => {
  it('steps every symbol in order, or one, and tells listeners until they leave', () => {
    const markets = new ToyMarkets(['A', 'B']);
    const seen: string[] = [];
    const stop = markets.listen((s) => seen.push(s));
    markets.step(2);
    markets.step(1, 'B');
    expect(seen).toEqual(['A', 'B', 'A', 'B', 'B']);
    stop();
    stop();
    markets.step();
    expect(seen).toHaveLength(5);
    expect([markets.get('A')?.steps, markets.require('B').steps, markets.get('C')]).toEqual([
      3,
      4,
      undefined,
    ]);
    expect(markets.symbols).toEqual(['A', 'B']);
    expect(() => markets.step(1, 'C')).toThrow(new RangeError('no C (have A, B)'));
  });
});
