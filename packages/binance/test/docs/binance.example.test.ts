// Runs the examples of docs/binance.md against the simulator and checks the guide shows these
// exact files, so the guide cannot drift from code that works.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleBlock } from '../../../base/test/docs/example-block.js';

const shown = (file: string): void => {
  const text = readFileSync(join(import.meta.dirname, file), 'utf8');
  expect(exampleBlock('docs/binance.md', `packages/binance/test/docs/${file}`)).toBe(text.trim());
};

describe('docs/binance.md', () => {
  it('runs the feed example', async () => {
    const example = await import('./binance.example.js');
    expect(example.ticker).toMatchObject({ venue: 'binance', symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' });
    expect(example.ticker.ask).toBeGreaterThan(example.ticker.bid!);
    expect(example.book.bids).toHaveLength(5);
    expect(example.bestBids).toHaveLength(3);
    expect(example.placed).toMatchObject({ status: 'open', quantity: 0.3, price: 50_000.12 });
    expect(example.canceled).toMatchObject({ id: example.placed.id, status: 'canceled' });
    expect(example.updates).toEqual(['open', 'canceled']);
  });

  it('runs the lower-layers example', async () => {
    const example = await import('./binance-layers.example.js');
    expect(typeof example.offsetMs).toBe('number');
    expect(example.depth.bids).toHaveLength(5);
    expect(Number(example.avgPrice.price)).toBeGreaterThan(0);
    expect(Array.isArray(example.allOrders)).toBe(true);
    expect(example.account.data.balances.length).toBeGreaterThan(0);
    expect(example.trades.length).toBeGreaterThanOrEqual(3); // more may arrive before the unsubscribe
    expect(example.tops).toHaveLength(2);
    expect(example.tops[0]![1]).toBeGreaterThan(example.tops[0]![0]);
  });

  it('runs the DataStore example', async () => {
    const example = await import('./binance-store.example.js');
    expect(example.top.bids).toHaveLength(1);
    expect(example.top.asks[0]![0]).toBeGreaterThan(example.top.bids[0]![0]);
    expect(example.lastTrade).toMatchObject({ venue: 'binance', symbol: 'BTCUSDT' });
    expect(example.usdt?.free).toBeGreaterThan(0);
  });

  it('shows every example verbatim', () => {
    shown('binance.example.ts');
    shown('binance-layers.example.ts');
    shown('binance-store.example.ts');
  });
});
