// Proves every built package loads as its users will load it: `import` from ESM and `require`
// from CommonJS (Node >= 20.19 loads ES modules through require), with Node's default export
// conditions (no "@venuekit/source"), from the built dist. `pnpm test` builds first.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const packages = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({
    dir,
    pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; main?: string },
  }))
  .filter(({ pkg }) => pkg.main !== undefined);

function runNode(cwd: string, args: string[]): string {
  return execFileSync(process.execPath, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  });
}

describe.each(packages)('built $pkg.name', ({ dir, pkg }) => {
  it('has a dist to load (run `pnpm build` first)', () => {
    expect(existsSync(join(dir, pkg.main!))).toBe(true);
  });

  it('loads with import', () => {
    const out = runNode(dir, [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(pkg.name)}); console.log(Object.keys(m).length);`,
    ]);
    expect(Number(out.trim())).toBeGreaterThan(0);
  });

  it('loads with require', () => {
    const out = runNode(dir, [
      '--no-warnings',
      '-e',
      `const m = require(${JSON.stringify(pkg.name)}); console.log(Object.keys(m).length);`,
    ]);
    expect(Number(out.trim())).toBeGreaterThan(0);
  });
});
