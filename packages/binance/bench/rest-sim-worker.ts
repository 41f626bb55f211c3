// The Binance simulator of the REST benchmarks, in a child process of its own so the simulator
// never competes with the client under test for this process's core. `startSimProcess` forks
// this file; the child starts `startBinanceSim` with the options it is sent and answers queries
// over the IPC channel: violations, and the REQUEST_WEIGHT it admitted per window (counted by
// wrapping its IP limiter, so the figure is the simulator's own accounting, not the client's).
import type { BinanceLimitOverrides, BinanceSimOptions, BinanceSimSymbols } from '@venuekit/testkit';
import { CHILD_FLAG, forkChild, serveChild } from '../../../tooling/bench/child-process.js';

/** What the benchmark asks of the simulator process. */
export interface SimProcessOptions {
  /** Limit overrides for the Spot market (see BinanceLimitOverrides). */
  limits?: BinanceLimitOverrides;
  /** Symbols served (default BTCUSDT and ETHUSDT). */
  symbols?: BinanceSimSymbols;
  /**
   * Runs the simulator's clock `speed` times faster than real time, starting from `epochMs`
   * (`epochMs + (Date.now() - epochMs) * speed`), so a 1-minute limit window lasts 60/speed s.
   * The client computes the same function of the same wall clock (see {@link scaledNow}).
   */
  clock?: { epochMs: number; speed: number };
}

/** What the simulator process reports about its limits. */
export interface SimLimitReport {
  violations: number;
  byKind: Record<string, number>;
  /** REQUEST_WEIGHT admitted per 1-minute window (simulator time), keyed by window start. */
  weightByWindow: Record<string, number>;
}

/** A running simulator process. */
export interface SimProcess {
  readonly httpUrl: string;
  report(): Promise<SimLimitReport>;
  resetLimits(): Promise<void>;
  close(): Promise<void>;
}

/** Time of a clock running `speed` times faster than the wall clock from `epochMs`. */
export function scaledNow(epochMs: number, speed: number): number {
  return epochMs + (Date.now() - epochMs) * speed;
}

/** Forks the simulator process and resolves once it listens. */
export async function startSimProcess(options: SimProcessOptions = {}): Promise<SimProcess> {
  const child = forkChild(import.meta.url);
  const httpUrl = (await child.ask('start', options)) as string;
  return {
    httpUrl,
    report: () => child.ask('report') as Promise<SimLimitReport>,
    resetLimits: async () => {
      await child.ask('reset');
    },
    close: () => child.close(),
  };
}

/** The child side: one simulator, answering the parent's queries until told to close. */
async function serve(): Promise<void> {
  const { startBinanceSim } = await import('@venuekit/testkit');
  let sim: Awaited<ReturnType<typeof startBinanceSim>> | undefined;
  const weightByWindow: Record<string, number> = {};
  const handle = async (op: string, payload: unknown): Promise<unknown> => {
    if (op === 'start') {
      const o = payload as SimProcessOptions;
      const simOptions: BinanceSimOptions = {
        market: 'spot',
        symbols: o.symbols,
        limits: { spot: o.limits },
      };
      if (o.clock !== undefined) {
        const { epochMs, speed } = o.clock;
        simOptions.clock = { now: () => scaledNow(epochMs, speed) };
      }
      sim = await startBinanceSim(simOptions);
      const limiter = sim.spot!.venue.ipLimiter;
      const admit = limiter.admit.bind(limiter);
      // Admissions only: a refused request throws before it is counted, as the simulator does.
      limiter.admit = (ip: string, weight: number, now: number): void => {
        admit(ip, weight, now);
        const window = String(Math.floor(now / 60_000) * 60_000);
        weightByWindow[window] = (weightByWindow[window] ?? 0) + weight;
      };
      return sim.httpUrl;
    }
    if (sim === undefined) throw new Error(`'${op}' before 'start'`);
    if (op === 'report')
      return {
        violations: sim.violations,
        byKind: { ...sim.violationDetails.byKind },
        weightByWindow: { ...weightByWindow },
      } satisfies SimLimitReport;
    if (op === 'reset') {
      sim.resetLimits();
      for (const key of Object.keys(weightByWindow)) delete weightByWindow[key];
      return null;
    }
    if (op === 'close') {
      await sim.close();
      return null;
    }
    throw new Error(`unknown operation '${op}'`);
  };
  serveChild(handle);
}

if (process.argv.includes(CHILD_FLAG)) await serve();
