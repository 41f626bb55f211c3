// The `venuekit` command: dispatches `demo` (the only command so far), prints usage for `help`
// or a bad command line (exit 2), and turns failures into a clear message (exit 1).
import { DEMO_USAGE, parseDemoArgs, UsageError } from './demo/demo-args.js';
import { describeDemoFailure } from './demo/demo-failure.js';
import { type DemoIo, runDemo } from './demo/run-demo.js';

/** Usage of the `venuekit` command. */
export const USAGE = `Usage: venuekit <command> [options]

Commands:
  demo     Binance and Bybit order books and trades side by side (see: venuekit demo --help)
  help     this text`;

/** Runs the command line `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: DemoIo = consoleIo()): Promise<number> {
  const args = argv.filter((a) => a !== '--');
  const [command, ...rest] = args;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'demo') {
    io.err(`venuekit: unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return 2;
  }
  let demo: ReturnType<typeof parseDemoArgs>;
  try {
    demo = parseDemoArgs(rest);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`venuekit demo: ${error.message}\n\n${DEMO_USAGE}`);
    return 2;
  }
  if (demo.help) {
    io.out(DEMO_USAGE);
    return 0;
  }
  try {
    return await runDemo(demo, io);
  } catch (error) {
    for (const line of describeDemoFailure(error, demo.live)) io.err(line);
    if (process.env.VENUEKIT_DEBUG === '1') io.err(debugText(error));
    return 1;
  }
}

/** The error and its causes with their stacks, for VENUEKIT_DEBUG=1. */
function debugText(error: unknown): string {
  const parts: string[] = [];
  const seen = new Set<unknown>();
  const visit = (e: unknown): void => {
    if (seen.has(e)) return;
    seen.add(e);
    parts.push(e instanceof Error ? (e.stack ?? e.message) : String(e));
    if (e instanceof AggregateError) for (const inner of e.errors) visit(inner);
    if (e instanceof Error && e.cause !== undefined) visit(e.cause);
  };
  visit(error);
  return parts.join('\ncaused by: ');
}

function consoleIo(): DemoIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
}
