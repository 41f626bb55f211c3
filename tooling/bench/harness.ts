// The benchmark harness behind `pnpm bench`. Every benchmark runs its subject beside a baseline
// in the same process run and reports the ratio, because absolute numbers on a shared 2-core
// machine drift by ±20% while ratios measured back to back hold to about ±10%.
//
// Two shapes:
// - `compareOps`: micro-benchmarks (ns/op) via tinybench, subject and baseline interleaved.
// - `compareRuns`: throughput runs (messages/s, requests/s) where each run returns how many units
//   it processed; runs alternate baseline/subject and the medians are compared.
import { writeFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { Bench } from 'tinybench';

/** One line of the results table. */
export interface BenchResult {
  suite: string;
  name: string;
  unit: string;
  subject: number;
  baseline: number;
  baselineName: string;
  /** subject/baseline for throughput, baseline/subject for ns/op: higher is better, 1.0 = parity. */
  ratio: number;
  /** Human-readable goal, e.g. "≥ 0.9× raw" or "≤ 300 ns". */
  goal: string;
  pass: boolean;
  extra?: Record<string, number | string>;
}

const results: BenchResult[] = [];

/** Options of {@link compareOps}. */
export interface CompareOpsOptions {
  suite: string;
  name: string;
  baselineName: string;
  subject: () => unknown;
  baseline: () => unknown;
  /** Pass condition on (subjectNs, baselineNs). */
  goal: { text: string; check: (subjectNs: number, baselineNs: number) => boolean };
  timeMs?: number;
}

/** Measures ns/op of `subject` and `baseline` (interleaved, 3 rounds, best-of medians). */
export async function compareOps(o: CompareOpsOptions): Promise<BenchResult> {
  const subjectNs: number[] = [];
  const baselineNs: number[] = [];
  for (let round = 0; round < 3; round++) {
    const bench = new Bench({ time: o.timeMs ?? 300, warmupTime: 100 });
    bench.add('baseline', o.baseline).add('subject', o.subject);
    await bench.run();
    for (const task of bench.tasks) {
      const r = task.result as { latency?: { p50?: number }; period?: number } | undefined;
      const ms = r?.latency?.p50 ?? r?.period ?? Number.NaN;
      (task.name === 'subject' ? subjectNs : baselineNs).push(ms * 1e6);
    }
  }
  const s = median(subjectNs);
  const b = median(baselineNs);
  return record({
    suite: o.suite,
    name: o.name,
    unit: 'ns/op',
    subject: s,
    baseline: b,
    baselineName: o.baselineName,
    ratio: b / s,
    goal: o.goal.text,
    pass: o.goal.check(s, b),
  });
}

/** What one throughput run reports. */
export interface RunOutcome {
  /** Units processed (messages, requests, level updates). */
  units: number;
  /** Wall time of the run in ms. */
  ms: number;
  extra?: Record<string, number | string>;
}

/** Options of {@link compareRuns}. */
export interface CompareRunsOptions {
  suite: string;
  name: string;
  unit: string;
  baselineName: string;
  subject: () => Promise<RunOutcome>;
  baseline: () => Promise<RunOutcome>;
  /** Other contenders (e.g. ccxt), reported beside the baseline, not judged. */
  others?: Record<string, () => Promise<RunOutcome>>;
  repeats?: number;
  /** Minimum subject/baseline throughput ratio. */
  minRatio: number;
}

/** Alternates baseline and subject runs and compares median throughput (units/s). */
export async function compareRuns(o: CompareRunsOptions): Promise<BenchResult> {
  const repeats = o.repeats ?? 5;
  const rates: Record<string, number[]> = { subject: [], baseline: [] };
  for (const key of Object.keys(o.others ?? {})) rates[key] = [];
  let extra: Record<string, number | string> | undefined;
  let baselineExtra: Record<string, number | string> | undefined;
  for (let i = 0; i < repeats; i++) {
    const b = await o.baseline();
    rates.baseline!.push((b.units / b.ms) * 1000);
    baselineExtra = b.extra ?? baselineExtra;
    const s = await o.subject();
    rates.subject!.push((s.units / s.ms) * 1000);
    extra = s.extra ?? extra;
    for (const [key, fn] of Object.entries(o.others ?? {})) {
      const r = await fn();
      rates[key]!.push((r.units / r.ms) * 1000);
    }
  }
  const s = median(rates.subject!);
  const b = median(rates.baseline!);
  const others: Record<string, number | string> = {};
  for (const key of Object.keys(o.others ?? {})) {
    const m = median(rates[key]!);
    others[`${key} ${o.unit}`] = Math.round(m);
    others[`${key} ratio`] = Number((m / b).toFixed(2));
  }
  return record({
    suite: o.suite,
    name: o.name,
    unit: o.unit,
    subject: s,
    baseline: b,
    baselineName: o.baselineName,
    ratio: s / b,
    goal: `≥ ${o.minRatio}× ${o.baselineName}`,
    pass: s / b >= o.minRatio,
    // The baseline's own figures (e.g. its CPU per message) are printed as `baseline <name>`.
    extra: {
      ...others,
      ...Object.fromEntries(Object.entries(baselineExtra ?? {}).map(([k, v]) => [`baseline ${k}`, v])),
      ...(extra ?? {}),
    },
  });
}

/** Records an absolute measurement with no baseline (e.g. a latency goal). */
export function recordAbsolute(
  r: Omit<BenchResult, 'ratio' | 'baseline' | 'baselineName'> & { baseline?: number; baselineName?: string },
): BenchResult {
  return record({ baseline: Number.NaN, baselineName: '-', ratio: Number.NaN, ...r });
}

function record(r: BenchResult): BenchResult {
  results.push(r);
  const fmt = (n: number): string =>
    Number.isNaN(n) ? '-' : n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1);
  const extra = r.extra
    ? `  ${Object.entries(r.extra)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`
    : '';
  console.log(
    `${r.pass ? 'PASS' : 'MISS'}  ${r.suite} › ${r.name}: ${fmt(r.subject)} ${r.unit} vs ${r.baselineName} ${fmt(r.baseline)} → ratio ${Number.isNaN(r.ratio) ? '-' : r.ratio.toFixed(2)} (goal ${r.goal})${extra}`,
  );
  return r;
}

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Writes all results recorded so far to bench-results/latest.json (merged by suite). */
export function writeResults(path = 'bench-results/latest.json'): void {
  mkdirSync('bench-results', { recursive: true });
  let previous: BenchResult[] = [];
  if (existsSync(path)) {
    try {
      previous = JSON.parse(readFileSync(path, 'utf8')) as BenchResult[];
    } catch {
      previous = [];
    }
  }
  const suites = new Set(results.map((r) => r.suite));
  const merged = [...previous.filter((r) => !suites.has(r.suite)), ...results];
  writeFileSync(path, `${JSON.stringify(merged, null, 2)}\n`);
}

/** All results recorded in this process. */
export function allResults(): readonly BenchResult[] {
  return results;
}
