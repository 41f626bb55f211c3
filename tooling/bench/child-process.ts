// Request/reply over Node's IPC channel for the benchmark simulators that run in a child process
// of their own (so a simulator never competes with the client under test for this process's
// core). The parent forks a module with `forkChild` and calls `ask(op, payload)`; the module,
// started with `--sim-child`, answers through `serveChild(handle)`. A child never outlives its
// parent: it exits when the channel closes.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The flag a forked module sees in `process.argv` when it is the child. */
export const CHILD_FLAG = '--sim-child';

interface Reply {
  id: number;
  value?: unknown;
  error?: string;
}

/** The parent's handle on a forked child. */
export interface ChildChannel {
  /** Sends `op` and resolves with the child's answer (rejects with its error, or if it exits). */
  ask(op: string, payload?: unknown): Promise<unknown>;
  /** Asks the child to `close`, waits for it to exit (killing it after 5 s). */
  close(): Promise<void>;
}

/** Forks `moduleUrl` (an `import.meta.url`) under tsx with {@link CHILD_FLAG}. */
export function forkChild(moduleUrl: string): ChildChannel {
  const child = fork(fileURLToPath(moduleUrl), [CHILD_FLAG], {
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
  return { ask, close: () => closeChild(child, ask) };
}

async function closeChild(child: ChildProcess, ask: (op: string) => Promise<unknown>): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await ask('close').catch(() => undefined);
  const timer = setTimeout(() => child.kill(), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * The child side: answers each request with `handle(op, payload)` (a thrown error becomes the
 * parent's rejection). The handler's `close` should release its resources; the process exits
 * right after answering it, and whenever the parent goes away.
 */
export function serveChild(handle: (op: string, payload: unknown) => Promise<unknown>): void {
  process.on('message', (raw) => {
    const { id, op, payload } = raw as { id: number; op: string; payload?: unknown };
    handle(op, payload).then(
      (value) => {
        process.send?.({ id, value } satisfies Reply);
        if (op === 'close') setImmediate(() => process.exit(0));
      },
      (error: unknown) =>
        process.send?.({ id, error: error instanceof Error ? error.message : String(error) } satisfies Reply),
    );
  });
  process.on('disconnect', () => process.exit(0));
}
