// A vitest reporter that ends the run with plain lines CI logs can be read by: line coverage
// per package (when coverage ran), then `tests: N passed, N failed, N skipped` as the very last
// line, after vitest's own table and the coverage report.
import { existsSync, readFileSync, writeSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

interface CoverageTotals {
  lines: { total: number; covered: number };
}

function packageCoverage(): string[] {
  const file = resolve('coverage/coverage-summary.json');
  if (!existsSync(file)) return [];
  const summary = JSON.parse(readFileSync(file, 'utf8')) as Record<string, CoverageTotals>;
  const perPackage = new Map<string, { total: number; covered: number }>();
  for (const [path, totals] of Object.entries(summary)) {
    const match = path
      .split(sep)
      .join('/')
      .match(/packages\/([^/]+)\/src\//);
    if (!match) continue;
    const acc = perPackage.get(match[1]!) ?? { total: 0, covered: 0 };
    acc.total += totals.lines.total;
    acc.covered += totals.lines.covered;
    perPackage.set(match[1]!, acc);
  }
  return [...perPackage.entries()].map(
    ([pkg, t]) =>
      `coverage: @venuekit/${pkg} lines ${((100 * t.covered) / Math.max(1, t.total)).toFixed(1)}%`,
  );
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (mod.state() === 'failed' && mod.children.size === 0) failed++;
    }
    // Printed on exit so the line comes after the coverage report vitest writes later.
    process.once('exit', () => {
      const lines = [...packageCoverage(), `tests: ${passed} passed, ${failed} failed, ${skipped} skipped`];
      writeSync(1, `\n${lines.join('\n')}\n`);
    });
  }
}
