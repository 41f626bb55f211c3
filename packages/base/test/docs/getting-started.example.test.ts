// Runs the example of docs/getting-started.md and checks the guide shows this exact file, so
// the guide cannot drift from code that works.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleBlock } from './example-block.js';

describe('docs/getting-started.md', () => {
  it('runs the example', async () => {
    const example = await import('./getting-started.example.js');
    expect(example.ticker).toMatchObject({
      venue: 'paper',
      symbol: 'BTCUSDT',
      unifiedSymbol: 'BTC/USDT',
      bid: 100,
    });
    expect(example.canPlaceOrders).toBe(false);
    expect(example.bids).toEqual([101, 102, 103]);
    expect(example.wire).toEqual({ price: '43123.45', quantity: '0.30000' });
  });

  it('shows the example verbatim', () => {
    const file = readFileSync(join(import.meta.dirname, 'getting-started.example.ts'), 'utf8');
    expect(
      exampleBlock('docs/getting-started.md', 'packages/base/test/docs/getting-started.example.ts'),
    ).toBe(file.trim());
  });
});
