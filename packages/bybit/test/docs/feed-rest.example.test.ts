// Runs the feed REST example of docs/bybit.md against the Bybit simulator and checks the guide
// shows this exact file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleBlock } from '../../../base/test/docs/example-block.js';

describe('docs/bybit.md: the feeds (REST and trading)', () => {
  it('runs the example', async () => {
    const ex = await import('./feed-rest.example.js');
    expect(ex.ticker.symbol).toBe('BTCUSDT');
    expect(ex.ticker.bid!).toBeLessThan(ex.ticker.ask!);
    expect(ex.bars.map((b) => b.interval)).toEqual(['1h', '1h', '1h']);
    expect(ex.bookDepth).toBe(5);
    expect(ex.order).toMatchObject({ status: 'open', filledQuantity: 0 });
    expect(ex.order.clientOrderId).toMatch(/^vk/);
    expect(ex.final).toMatchObject({ id: ex.order.id, status: 'filled', filledQuantity: 0.01 });
  });

  it('shows the example verbatim', () => {
    const file = readFileSync(join(import.meta.dirname, 'feed-rest.example.ts'), 'utf8');
    expect(exampleBlock('docs/bybit.md', 'packages/bybit/test/docs/feed-rest.example.ts')).toBe(file.trim());
  });
});
