// `venuekit demo`: the chosen venues' Spot feeds (BINANCE___SPOT, BYBIT___SPOT), created through
// the global registry and pointed at simulators started in this process (or, with --live, at the
// venues themselves), each watching one symbol's local order book and trades, printed side by
// side one line per second; against the simulators it also places a resting order on each venue,
// follows it on the order stream and cancels it. Resolves to the process exit code; failures
// reject with a DemoVenueError (naming the venue, the typed error as `cause`) for `main` to explain.
import type { ConsoleLogger, Logger } from '@venuekit/base';
import type { DemoArgs } from './demo-args.js';
import { type DemoVenue, openDemoVenue, VENUE_LABELS } from './demo-venues.js';
import { DemoVenueError, VenueRun } from './venue-run.js';
import { ViewTable } from './view-table.js';

/** How long the demo waits at the end for the order streams to report the cancels. */
const CONFIRM_TIMEOUT_MS = 3000;

/** Where the demo writes: the view to `out`, diagnostics to `err`. */
export interface DemoIo {
  out(line: string): void;
  err(line: string): void;
  /** Logger for the feeds (default: warnings and errors to `err`). */
  logger?: Logger | ConsoleLogger;
}

/** Runs the demo; resolves to the exit code (0: data flowed and every order round-tripped). */
export async function runDemo(args: DemoArgs, io: DemoIo): Promise<number> {
  const logger = io.logger ?? quietLogger(io);
  const abort = new AbortController();
  const venues: DemoVenue[] = [];
  // Libraries unref their retry timers so they never hold a process open; the demo is the process,
  // so it holds itself open until it is done (else a retry wait could end it with exit code 13).
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    venues.push(
      ...(await settleAll(
        args.venues.map((name) =>
          openDemoVenue(name, { live: args.live, symbol: args.symbol, logger }).catch((error: unknown) => {
            throw new DemoVenueError(VENUE_LABELS[name], error);
          }),
        ),
        (opened) => Promise.all(opened.map((v) => v.close())),
      )),
    );
    const labels = venues.map((v) => v.label).join(' and ');
    const sideBySide = venues.length > 1 ? ', side by side' : '';
    io.out(
      args.live
        ? `venuekit demo — ${labels} Spot live${sideBySide} (public market data, no keys, no orders)`
        : `venuekit demo — ${labels} ${venues.length > 1 ? 'simulators' : 'simulator'} in this process${sideBySide}`,
    );
    const width = Math.max(...venues.map((v) => v.label.length));
    const idWidth = Math.max(...venues.map((v) => v.feed.id.length));
    for (const v of venues)
      io.out(`  ${v.label.padEnd(width)}  ${v.feed.id.padEnd(idWidth)} → ${v.describe}`);
    const runs = await settleAll(venues.map((v) => VenueRun.open(v, args.symbol, abort, io.out)));
    const first = runs[0]!.instrument;
    io.out(
      `watching ${first.symbol} (${first.unifiedSymbol}) for ${args.seconds} s: local order book + trades${args.live ? '' : ', an order placed and cancelled on each venue'}`,
    );
    const table = new ViewTable(
      runs.map((r) => ({ label: r.venue.label, symbol: r.instrument.symbol, decimals: r.decimals.price })),
    );
    for (const line of table.header()) io.out(line);
    await settleAll(runs.map((r) => r.start().catch((e: unknown) => Promise.reject(tag(r, e)))));
    const started = Date.now();
    for (let second = 1; second <= Math.ceil(args.seconds) && !abort.signal.aborted; second++) {
      await sleepUntil(started + second * 1000, abort.signal);
      if (abort.signal.aborted) break;
      const samples = runs.map((r) => r.view.tick());
      io.out(table.format(samples));
      await settleAll(
        runs.map((r, i) => r.stepOrder(samples[i]?.bid).catch((e: unknown) => Promise.reject(tag(r, e)))),
      );
    }
    await settleAll(runs.map((r) => r.cancelLeftover().catch((e: unknown) => Promise.reject(tag(r, e)))));
    await Promise.all(runs.map((r) => r.confirmCancel(CONFIRM_TIMEOUT_MS)));
    abort.abort();
    await Promise.all(runs.map((r) => r.stopped()));
    const failed = runs.find((r) => r.failure !== undefined);
    if (failed !== undefined) throw failed.failure;
    for (const r of runs)
      if (r.view.totals.bookUpdates === 0)
        throw new DemoVenueError(
          r.venue.label,
          new Error(`no order book arrived from ${r.venue.describe} within ${args.seconds} s`),
        );
    for (const r of runs) io.out(`done   ${r.summary(args.seconds)}`);
    return 0;
  } finally {
    abort.abort();
    await Promise.allSettled(venues.map((v) => v.close()));
    clearInterval(keepAlive);
  }
}

function tag(run: VenueRun, error: unknown): unknown {
  return error instanceof DemoVenueError ? error : new DemoVenueError(run.venue.label, error);
}

/**
 * Waits for every promise; if any rejects, cleans up the fulfilled ones (`cleanup`) and rejects
 * with the first failure, or an AggregateError when several venues failed.
 */
async function settleAll<T>(
  promises: Promise<T>[],
  cleanup?: (fulfilled: T[]) => Promise<unknown>,
): Promise<T[]> {
  const results = await Promise.allSettled(promises);
  const errors = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (errors.length === 0) return results.map((r) => (r as PromiseFulfilledResult<T>).value);
  await cleanup?.(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])));
  throw errors.length === 1 ? errors[0] : new AggregateError(errors, errors.map(String).join('; '));
}

function sleepUntil(at: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, Math.max(0, at - Date.now()));
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

function quietLogger(io: DemoIo): Logger {
  const write = (level: string, message: string): void => io.err(`${level} ${message}`);
  const logger: Logger = {
    trace() {},
    debug() {},
    info() {},
    warn: (message) => write('warn', message),
    error: (message) => write('error', message),
    child: () => logger,
  };
  return logger;
}
