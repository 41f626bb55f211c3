// Runs the REST example of docs/bybit.md (BybitHttpClient, BybitRestClient, the client cache)
// against the Bybit simulator and checks the guide shows this exact file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleBlock } from '../../../base/test/docs/example-block.js';

describe('docs/bybit.md: REST, sessions and the client cache', () => {
  it('runs the example', async () => {
    const ex = await import('./rest-client.example.js');
    expect(ex.symbols).toBeGreaterThan(0);
    expect(ex.shared).toBe(true);
    expect(ex.refusedCode).toBe(110007);
    expect(ex.bars).toHaveLength(3);
    expect(ex.bars[0]!.openTime).toBeLessThan(ex.bars[2]!.openTime);
    expect(ex.order).toMatchObject({ symbol: 'BTCUSDT', filledQuantity: 0.01, status: 'filled' });
    expect(ex.replaced).toBe(true);
    expect(ex.expired).toBe(1);
  });

  it('shows the example verbatim', () => {
    const file = readFileSync(join(import.meta.dirname, 'rest-client.example.ts'), 'utf8');
    expect(exampleBlock('docs/bybit.md', 'packages/bybit/test/docs/rest-client.example.ts')).toBe(
      file.trim(),
    );
  });
});
