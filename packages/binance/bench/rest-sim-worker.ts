// The Binance simulator of the REST benchmarks, in a child process of its own so the simulator
// never competes with the client under test for this process's core. `startSimProcess` forks
// this file; the child starts `startBinanceSim` with the options it is sent and answers queries
// over the IPC channel: violations, and the REQUEST_WEIGHT it admitted per window (counted by
// wrapping its IP limiter, so the figure is the simulator's own accounting, not the client's).
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BinanceLimitOverrides, BinanceSimOptions, BinanceSimSymbols } from '@venuekit/testkit';

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

interface Reply {
  id: number;
  value?: unknown;
  error?: string;
}

/** Forks the simulator process and resolves once it listens. */
export async function startSimProcess(options: SimProcessOptions = {}): Promise<SimProcess> {
  const child = fork(fileURLToPath(import.meta.url), ['--sim-child'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  child.on('message', (raw) => {
    const reply = raw as Reply;
    const waiter = pending.get(reply.id);
    if (waiter === undefined) return;
    pending.delete(reply.id);
    if (reply.error !== undefined) waiter.reject(new Error(`simulator process: ${reply.error}`));
    else waiter.resolve(reply.value);
  });
  child.on('exit', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`simulator process exited (${code})`));
    pending.clear();
  });
  const ask = (op: string, payload?: unknown): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      child.send({ id, op, payload });
    });
  const httpUrl = (await ask('start', options)) as string;
  return {
    httpUrl,
    report: () => ask('report') as Promise<SimLimitReport>,
    resetLimits: async () => {
      await ask('reset');
    },
    close: () => closeChild(child, ask),
  };
}

async function closeChild(child: ChildProcess, ask: (op: string) => Promise<unknown>): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await ask('close').catch(() => undefined);
  const timer = setTimeout(() => child.kill(), 5000);
  await exited;
  clearTimeout(timer);
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
      setImmediate(() => process.exit(0));
      return null;
    }
    throw new Error(`unknown operation '${op}'`);
  };
  process.on('message', (raw) => {
    const { id, op, payload } = raw as { id: number; op: string; payload?: unknown };
    handle(op, payload).then(
      (value) => process.send?.({ id, value } satisfies Reply),
      (error: unknown) =>
        process.send?.({ id, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

if (process.argv.includes('--sim-child')) await serve();
