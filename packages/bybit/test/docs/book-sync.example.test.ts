// Runs the BybitBookSync example of docs/bybit.md (Bybit's snapshot / delta / u = 1 / gap rules)
// and checks the guide shows this exact file, so the guide cannot drift from code that works.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleBlock } from '../../../base/test/docs/example-block.js';

describe('docs/bybit.md: the local order book rules', () => {
  it('runs the example', async () => {
    const ex = await import('./book-sync.example.js');
    expect(ex.outcomes).toEqual(['waiting', 'snapshot', 'applied', 'gap', 'reset']);
    expect(ex.best).toEqual({ bid: [99, 2], ask: [100.5, 3] });
    expect(ex.liveAfterGap).toBe(false);
    expect(ex.book.live).toBe(true);
    expect(ex.book.updateId).toBe(1);
    expect(ex.store.sorted({ symbol: 'BTCUSDT' })).toEqual({ bids: [[98, 1]], asks: [[102, 1]] });
  });

  it('shows the example verbatim', () => {
    const file = readFileSync(join(import.meta.dirname, 'book-sync.example.ts'), 'utf8');
    expect(exampleBlock('docs/bybit.md', 'packages/bybit/test/docs/book-sync.example.ts')).toBe(file.trim());
  });
});
