// The Bybit simulator in a child process for the REST benchmark, so it never shares this
// process's core with the client under test. Run as a script it starts the simulator (limits off:
// the benchmark measures throughput, not limiting) and prints its URL; imported, it offers
// `startSimProcess()` to launch and stop that child.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A simulator running in a child process. */
export interface SimProcess {
  httpUrl: string;
  close(): Promise<void>;
}

/** Forks this file as a simulator process and resolves with its URL. */
export function startSimProcess(): Promise<SimProcess> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (message) => {
      const httpUrl = (message as { httpUrl: string }).httpUrl;
      resolve({
        httpUrl,
        close: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill();
          }),
      });
    });
  });
}

if (process.argv.includes('--serve')) {
  const { startBybitSim } = await import('@venuekit/testkit');
  const sim = await startBybitSim({ limits: { enabled: false } });
  sim.market.step(20);
  process.on('disconnect', () => process.exit(0)); // never outlive the benchmark
  process.send?.({ httpUrl: sim.httpUrl });
}
