// Runs the example on the README's first screen and checks the README shows this exact file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleBlock } from './example-block.js';

describe('README.md', () => {
  it('runs the example', async () => {
    const example = await import('./readme.example.js');
    expect(example.ticker).toMatchObject({ venue: 'myvenue', symbol: 'BTCUSD', bid: 99.5, ask: 100 });
    expect(example.canTrade).toBe(false);
  });

  it('shows the example verbatim', () => {
    const file = readFileSync(join(import.meta.dirname, 'readme.example.ts'), 'utf8');
    expect(exampleBlock('README.md', 'packages/base/test/docs/readme.example.ts')).toBe(file.trim());
  });
});
