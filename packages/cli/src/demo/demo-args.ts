// The command line of `venuekit demo`: `--live`, `--venue binance|bybit|both`, `--seconds N`,
// `--symbol SYMBOL`, `--help`.
// A lone `--` (what `pnpm demo -- --live` may pass through) is ignored. Bad input is a UsageError
// with a message a person can act on.
import { parseArgs } from 'node:util';

/** The venues the demo can show, in the order their columns appear. */
export const DEMO_VENUES = ['binance', 'bybit'] as const;

/** One venue of the demo. */
export type DemoVenueName = (typeof DEMO_VENUES)[number];

/** What `venuekit demo` was asked to do. */
export interface DemoArgs {
  /** Use the venues' real public endpoints (market data only) instead of local simulators. */
  live: boolean;
  /** The venues shown side by side (`--venue`; default both). */
  venues: DemoVenueName[];
  /** How long the live view runs, in seconds. */
  seconds: number;
  /** The Spot symbol to watch. */
  symbol: string;
  /** Print the usage and exit. */
  help: boolean;
}

/** A command line that cannot be run; `main` prints it with the usage and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The usage text of `venuekit demo`. */
export const DEMO_USAGE = `Usage: venuekit demo [--live] [--venue binance|bybit|both] [--seconds N] [--symbol SYMBOL]

Streams Binance and Bybit Spot order books and trades through venuekit's BINANCE___SPOT and
BYBIT___SPOT feeds and prints one line per second with both venues side by side: best bid / ask,
spread, book updates/s and trades/s.

  (default)        simulators of both venues started in this process; places and cancels an
                   order on each
  --live           the venues' real public endpoints (market data only, no API key; no order)
  --venue V        binance, bybit or both (default both)
  --seconds N      how long to run (default 10, at most 3600)
  --symbol SYMBOL  the symbol to watch, BTCUSDT or BTC/USDT (default BTCUSDT)
  --help           this text`;

/** Parses the arguments after `demo`. */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  let values: { live?: boolean; venue?: string; seconds?: string; symbol?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv.filter((a) => a !== '--'),
      options: {
        live: { type: 'boolean' },
        venue: { type: 'string' },
        seconds: { type: 'string' },
        symbol: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const seconds = values.seconds === undefined ? 10 : Number(values.seconds);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600)
    throw new UsageError(
      `--seconds: expected a number of seconds from 1 to 3600, got ${JSON.stringify(values.seconds)}`,
    );
  const symbol = values.symbol ?? 'BTCUSDT';
  if (!/^[A-Za-z0-9]{2,20}(\/[A-Za-z0-9]{2,20})?$/.test(symbol))
    throw new UsageError(
      `--symbol: expected a Spot symbol such as BTCUSDT or BTC/USDT, got ${JSON.stringify(symbol)}`,
    );
  const venue = (values.venue ?? 'both').toLowerCase();
  if (venue !== 'both' && !(DEMO_VENUES as readonly string[]).includes(venue))
    throw new UsageError(`--venue: expected binance, bybit or both, got ${JSON.stringify(values.venue)}`);
  const venues = venue === 'both' ? [...DEMO_VENUES] : [venue as DemoVenueName];
  return {
    live: values.live === true,
    venues,
    seconds,
    symbol: symbol.toUpperCase(),
    help: values.help === true,
  };
}
