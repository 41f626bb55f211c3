// The demo's table: one line per second with each venue's best bid / ask, spread (price and basis
// points), book updates/s and trades/s in a block of fixed-width columns, venues side by side
// under a title naming venue and symbol. Pure formatting, no I/O.
import type { ViewSample } from './live-view.js';

/** One venue's block in the table. */
export interface ViewColumn {
  /** Venue name shown in the title (`Binance`). */
  label: string;
  /** The symbol watched there (`BTCUSDT`). */
  symbol: string;
  /** Price decimals to print (the instrument's price precision). */
  decimals: number;
}

const TIME = 4;
const PRICE = 9;
const SPREAD = 14;
const RATE = 5;
const GAP = ' │ ';
const BLOCK = PRICE + 1 + PRICE + 1 + SPREAD + 1 + RATE + 1 + RATE;

/** Formats samples of several venues side by side. */
export class ViewTable {
  readonly #columns: readonly ViewColumn[];

  constructor(columns: readonly ViewColumn[]) {
    this.#columns = columns;
  }

  /** The two header lines: venue titles, then column names. */
  header(): [string, string] {
    const titles = this.#columns.map((c) => `── ${c.label} ${c.symbol} `.padEnd(BLOCK, '─'));
    const names = this.#columns.map(
      () =>
        `${'bid'.padStart(PRICE)} ${'ask'.padStart(PRICE)} ${'spread'.padStart(SPREAD)} ${'upd/s'.padStart(RATE)} ${'trd/s'.padStart(RATE)}`,
    );
    return [`${''.padStart(TIME)}  ${titles.join(GAP)}`, `${'time'.padStart(TIME)}  ${names.join(GAP)}`];
  }

  /** One line: `samples[i]` belongs to the i-th column; the time is the first sample's second. */
  format(samples: readonly ViewSample[]): string {
    const blocks = samples.map((s, i) => block(s, this.#columns[i]?.decimals ?? 2));
    return `${`${samples[0]?.second ?? 0}s`.padStart(TIME)}  ${blocks.join(GAP)}`;
  }
}

function block(s: ViewSample, decimals: number): string {
  const price = (p: number | undefined): string => (p === undefined ? '—' : p.toFixed(decimals));
  let spread = '—';
  if (s.bid !== undefined && s.ask !== undefined) {
    const bps = ((s.ask - s.bid) / ((s.ask + s.bid) / 2)) * 10_000;
    spread = `${(s.ask - s.bid).toFixed(decimals)} (${formatBps(bps)}bp)`;
  }
  return `${price(s.bid).padStart(PRICE)} ${price(s.ask).padStart(PRICE)} ${spread.padStart(SPREAD)} ${String(s.bookUpdates).padStart(RATE)} ${String(s.trades).padStart(RATE)}`;
}

/** Basis points with as many digits as a trader reads: 12, 3.4, 0.05, 0.001. */
function formatBps(bps: number): string {
  if (bps >= 10) return bps.toFixed(0);
  if (bps >= 1) return bps.toFixed(1);
  return bps === 0 ? '0' : bps.toPrecision(1);
}
