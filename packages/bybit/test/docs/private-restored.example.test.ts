// Runs the private stream's `restored` example of docs/bybit.md against the Bybit simulator (the
// connection dropped by fault injection, an order placed while down, reconciled over REST after
// `restored`) and checks the guide shows this exact file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleBlock } from '../../../base/test/docs/example-block.js';

describe('docs/bybit.md: the private stream reports restored', () => {
  it('runs the example', async () => {
    const started = Date.now();
    const ex = await import('./private-restored.example.js');
    expect(ex.seen).toEqual([
      'authenticated 1',
      'connectionClose 1006',
      'authenticated 2',
      'restored 4 topics',
    ]);
    expect(ex.downSince).toBeGreaterThanOrEqual(started);
    expect(ex.downtimeMs).toBeGreaterThanOrEqual(200); // at least the reconnect delay
    expect(ex.missed).toHaveLength(1);
    expect(ex.missed[0]).toMatchObject({ symbol: 'BTCUSDT', side: 'Buy', orderStatus: 'New' });
  });

  it('shows the example verbatim', () => {
    const file = readFileSync(join(import.meta.dirname, 'private-restored.example.ts'), 'utf8');
    expect(exampleBlock('docs/bybit.md', 'packages/bybit/test/docs/private-restored.example.ts')).toBe(
      file.trim(),
    );
  });
});
