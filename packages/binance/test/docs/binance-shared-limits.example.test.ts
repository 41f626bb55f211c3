// Runs the shared-limits example of docs/binance.md against the simulator and checks the guide
// shows this exact file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleBlock } from '../../../base/test/docs/example-block.js';

describe('docs/binance.md: shared limits', () => {
  it('shows and runs the example', async () => {
    const file = 'binance-shared-limits.example.ts';
    const text = readFileSync(join(import.meta.dirname, file), 'utf8');
    expect(exampleBlock('docs/binance.md', `packages/binance/test/docs/${file}`)).toBe(text.trim());
    const example = await import('./binance-shared-limits.example.js');
    expect(example.sameRoute).toBe(true);
    expect(example.accountTag).toMatch(/^[0-9a-f]{12}$/);
    expect(example.limit).toBe(200);
    expect(example.feedShares).toBe(true);
    expect(example.ticker).toMatchObject({ symbol: 'BTCUSDT' });
    expect(example.violations).toBe(0);
  });
});
