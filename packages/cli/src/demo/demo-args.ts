// The command line of `venuekit demo`: `--live`, `--seconds N`, `--symbol SYMBOL`, `--help`.
// A lone `--` (what `pnpm demo -- --live` may pass through) is ignored. Bad input is a UsageError
// with a message a person can act on.
import { parseArgs } from 'node:util';

/** What `venuekit demo` was asked to do. */
export interface DemoArgs {
  /** Use Binance's real public endpoints (market data only) instead of the local simulator. */
  live: boolean;
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
export const DEMO_USAGE = `Usage: venuekit demo [--live] [--seconds N] [--symbol SYMBOL]

Streams a Binance Spot order book and trades through venuekit's BINANCE___SPOT feed and prints
one line per second: best bid / ask, spread, book updates/s and trades/s.

  (default)        a Binance simulator started in this process; also places and cancels an order
  --live           Binance's real public endpoints (market data only, no API key; no order)
  --seconds N      how long to run (default 10, at most 3600)
  --symbol SYMBOL  the symbol to watch, BTCUSDT or BTC/USDT (default BTCUSDT)
  --help           this text`;

/** Parses the arguments after `demo`. */
export function parseDemoArgs(argv: readonly string[]): DemoArgs {
  let values: { live?: boolean; seconds?: string; symbol?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv.filter((a) => a !== '--'),
      options: {
        live: { type: 'boolean' },
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
  return { live: values.live === true, seconds, symbol: symbol.toUpperCase(), help: values.help === true };
}
