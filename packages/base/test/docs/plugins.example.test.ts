// Runs the example of docs/plugins.md (a plugin with a signer and a feed, used against a
// stand-in venue on 127.0.0.1) and checks the guide shows both example files verbatim.
import '../setup/secret-guard.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthenticationError } from '@venuekit/base';
import { describe, expect, it } from 'vitest';
import { exampleBlock } from './example-block.js';

describe('docs/plugins.md', () => {
  it('runs the example', async () => {
    const example = await import('./plugins.example.js');
    expect(example.signerForApiHost).toBe('acme');
    expect(example.ticker).toEqual({
      venue: 'acme',
      symbol: 'BTCUSD',
      unifiedSymbol: 'BTC/USD',
      bid: 64000.5,
      ask: 64001,
      timestamp: 1_700_000_000_000,
    });
    expect(example.balances).toEqual([{ venue: 'acme', asset: 'BTC', free: 0.5, locked: 0.25, total: 0.75 }]);
    expect(example.wrongSecret).toBeInstanceOf(AuthenticationError);
    expect((example.wrongSecret as AuthenticationError).status).toBe(401);
    expect(example.loaded.map((p) => `${p.name}@${p.version}`)).toEqual(['acme@1.0.0']);
  });

  it.each(['plugins.example-plugin.ts', 'plugins.example.ts'])('shows %s verbatim', (name) => {
    const file = readFileSync(join(import.meta.dirname, name), 'utf8');
    expect(exampleBlock('docs/plugins.md', `packages/base/test/docs/${name}`)).toBe(file.trim());
  });
});
