// Runs the raw-frame example of docs/ws-pool.md (a made-up venue whose book frames are routed by
// their first bytes and decoded with JsonFrameReader, with the JSON fallback) against the generic
// venue on 127.0.0.1, and checks the guide shows the example file verbatim.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleBlock } from './example-block.js';

describe('docs/ws-pool.md raw frames', () => {
  it('runs the example: plain frames from bytes, the one with an exponent through JSON', async () => {
    const example = await import('./raw-frames.example.js');
    expect(example.errors).toEqual([]);
    expect(example.delivered).toEqual({ fromBytes: 2, fromJson: 1 });
    expect(example.book.seq).toBe(3);
    expect([...example.book.bids]).toEqual([[64999, 2]]);
    expect([...example.book.asks]).toEqual([[65001, 1e-8]]);
  });

  it('shows the example verbatim', () => {
    const file = readFileSync(join(import.meta.dirname, 'raw-frames.example.ts'), 'utf8');
    expect(exampleBlock('docs/ws-pool.md', 'packages/base/test/docs/raw-frames.example.ts')).toBe(
      file.trim(),
    );
  });
});
