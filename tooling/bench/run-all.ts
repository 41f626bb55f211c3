// `pnpm bench`: runs every packages/*/bench/*.bench.ts file in turn (or those whose path
// contains one of the CLI arguments) and prints a summary of ratios to their baselines.
import { readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { allResults, writeResults } from './harness.js';

const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files: string[] = [];
for (const pkg of readdirSync('packages')) {
  const dir = join('packages', pkg, 'bench');
  if (!existsSync(dir)) continue;
  for (const f of readdirSync(dir).sort()) {
    const path = join(dir, f);
    if (f.endsWith('.bench.ts') && (filters.length === 0 || filters.some((x) => path.includes(x))))
      files.push(path);
  }
}
for (const file of files) {
  console.log(`\n# ${file}`);
  const mod = (await import(pathToFileURL(resolve(file)).href)) as { default?: () => Promise<void> };
  if (typeof mod.default === 'function') await mod.default();
}
writeResults();
const all = allResults();
const missed = all.filter((r) => !r.pass);
console.log(
  `\n${all.length} benchmarks, ${all.length - missed.length} met their goal, ${missed.length} missed.`,
);
for (const r of missed)
  console.log(`  missed: ${r.suite} › ${r.name} (ratio ${r.ratio.toFixed(2)}, goal ${r.goal})`);
process.exit(0);
