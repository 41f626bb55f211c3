// Runs the feed watch* example of docs/bybit.md against the Bybit simulator and checks the guide
// shows this exact file, so the guide cannot drift from code that works.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleBlock } from '../../../base/test/docs/example-block.js';

describe("docs/bybit.md: the feeds' watch* methods", () => {
  it('runs the example', async () => {
    const ex = await import('./feed-watch.example.js');
    expect(ex.ticker).toMatchObject({ venue: 'bybit', symbol: 'BTCUSDT', unifiedSymbol: 'BTC/USDT' });
    expect(ex.trades).toHaveLength(3);
    expect(ex.bar).toMatchObject({ symbol: 'BTCUSDT', closed: false });
    expect(ex.placed.status).toBe('open');
    expect(ex.update).toMatchObject({ id: ex.placed.id, symbol: 'BTCUSDT', status: 'filled' });
    const total = (list: { asset: string; total: number }[], asset: string) =>
      list.find((b) => b.asset === asset)?.total;
    expect(total(ex.after, 'USDT')).toBeLessThan(total(ex.before, 'USDT')!);
    expect(total(ex.after, 'BTC')).toBeCloseTo(total(ex.before, 'BTC')! + 0.01, 4); // less the fee
  });

  it('shows the example verbatim', () => {
    const file = readFileSync(join(import.meta.dirname, 'feed-watch.example.ts'), 'utf8');
    expect(exampleBlock('docs/bybit.md', 'packages/bybit/test/docs/feed-watch.example.ts')).toBe(file.trim());
  });
});
