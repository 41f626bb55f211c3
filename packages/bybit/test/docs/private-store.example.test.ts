// Runs the private-stream and BybitDataStore example of docs/bybit.md against the Bybit simulator
// and checks the guide shows this exact file, so the guide cannot drift from code that works.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleBlock } from '../../../base/test/docs/example-block.js';

describe('docs/bybit.md: private stream and BybitDataStore', () => {
  it('runs the example', async () => {
    const ex = await import('./private-store.example.js');
    expect(ex.authentications).toEqual([1, 2]);
    expect(ex.placed).toMatchObject({
      venue: 'bybit',
      symbol: 'BTCUSDT',
      side: 'buy',
      status: 'open',
      price: 50_000,
    });
    expect(ex.canceled).toMatchObject({ id: ex.placed.id, status: 'canceled' });
    expect(ex.restingInStore).toBe(true);
    expect(ex.store.order.get({ orderId: ex.placed.id })).toBeUndefined(); // closed orders leave the store
    expect(ex.bestBid![0]).toBeGreaterThan(0);
    expect(ex.store.trade.size).toBeGreaterThan(0);
  });

  it('shows the example verbatim', () => {
    const file = readFileSync(join(import.meta.dirname, 'private-store.example.ts'), 'utf8');
    expect(exampleBlock('docs/bybit.md', 'packages/bybit/test/docs/private-store.example.ts')).toBe(
      file.trim(),
    );
  });
});
