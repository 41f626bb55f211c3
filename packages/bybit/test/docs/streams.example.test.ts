// Runs the public-streams example of docs/bybit.md against the Bybit simulator and checks the
// guide shows this exact file, so the guide cannot drift from code that works.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleBlock } from '../../../base/test/docs/example-block.js';

describe('docs/bybit.md: public streams and local order books', () => {
  it('runs the example', async () => {
    const ex = await import('./streams.example.js');
    expect([...ex.acknowledged].sort()).toEqual(['publicTrade.BTCUSDT', 'tickers.BTCUSDT']);
    expect(ex.ticker).toMatchObject({ venue: 'bybit', symbol: 'BTCUSDT' });
    expect(ex.ticker!.bid!).toBeLessThan(ex.ticker!.ask!);
    expect(ex.trade).toMatchObject({ venue: 'bybit', symbol: 'BTCUSDT' });
    expect(ex.top!.bids).toHaveLength(5);
    expect(ex.top!.bids[0]![0]).toBeLessThan(ex.top!.asks[0]![0]);
    expect(ex.events[0]).toBe('live');
    expect(ex.events).toContain('live after a u = 1 reset');
    expect(ex.events.filter((e) => e.startsWith('resync: '))).toHaveLength(1);
    expect(ex.events.at(-1)).toBe('live after a u = 1 reset');
    expect(ex.stats).toMatchObject({ gaps: 1, resets: 1 });
  });

  it('shows the example verbatim', () => {
    const file = readFileSync(join(import.meta.dirname, 'streams.example.ts'), 'utf8');
    expect(exampleBlock('docs/bybit.md', 'packages/bybit/test/docs/streams.example.ts')).toBe(file.trim());
  });
});
