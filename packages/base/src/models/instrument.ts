// Instrument: what a venue trades and the grid its orders must sit on. Venue packages build one
// per listed symbol with `createInstrument`; `formatPrice` / `formatQuantity` turn a user's
// numbers into the exact decimal text the venue accepts, and `checkOrderMinimums` refuses an
// order the venue would reject for being too small before it is sent.
import { z } from 'zod';
import { InvalidOrderError } from '../errors.js';
import { formatDecimal, parseDecimal, type RoundingMode } from './decimal-format.js';
import { stepDecimals } from './decimal-step.js';
import { parseOrThrow } from './schema-errors.js';

/** Kind of instrument: spot pair, perpetual swap, or dated future. */
export const instrumentTypeSchema = z.enum(['spot', 'perp', 'future']);
/** Kind of instrument: spot pair, perpetual swap, or dated future. */
export type InstrumentType = z.infer<typeof instrumentTypeSchema>;

/** A unified symbol: `BASE/QUOTE`, `BASE/QUOTE:SETTLE` (perp) or `BASE/QUOTE:SETTLE-YYMMDD` (future). */
export const unifiedSymbolSchema = z.string().regex(/^[^\s/:]+\/[^\s/:]+(?::[^\s/:]+)?$/, {
  error: 'expected a unified symbol such as "BTC/USDT" or "BTC/USDT:USDT"',
});

const positive = z.number().positive();
const nonNegative = z.number().nonnegative();

/** Schema of an instrument as venue packages describe it; output adds the derived precisions. */
export const instrumentSchema = z
  .object({
    /** The venue's name (`'binance'`). */
    venue: z.string().min(1),
    /** The venue's own symbol (`BTCUSDT`, `tBTCUSD`, `BTC_JPY`). */
    symbol: z.string().min(1),
    /** The unified symbol (`BTC/USDT`); see {@link unifiedSymbol}. */
    unifiedSymbol: unifiedSymbolSchema,
    /** Base asset (`BTC`). */
    base: z.string().min(1),
    /** Quote asset (`USDT`). */
    quote: z.string().min(1),
    /** Settlement asset of derivatives (`USDT` for linear, `BTC` for inverse). */
    settle: z.string().min(1).optional(),
    type: instrumentTypeSchema,
    /** Price grid: every price is a multiple of it. */
    tickSize: positive,
    /** Quantity grid: every quantity is a multiple of it. */
    stepSize: positive,
    /** Smallest quantity accepted (0 when the venue sets none). */
    minQty: nonNegative.default(0),
    /** Largest quantity accepted, when the venue sets one. */
    maxQty: positive.optional(),
    /** Smallest price × quantity accepted, in the quote asset (0 when none). */
    minNotional: nonNegative.default(0),
    /** Units of base per contract for derivatives (1 for spot). */
    contractSize: positive.default(1),
    /** Expiry of a dated future, ms since the epoch. */
    expiry: z.number().int().nonnegative().optional(),
    /** False while the venue lists the symbol but does not trade it. */
    active: z.boolean().default(true),
  })
  .transform((fields) => ({
    ...fields,
    /** Decimal places of `tickSize` (`0.01` → 2). */
    pricePrecision: stepDecimals(fields.tickSize),
    /** Decimal places of `stepSize` (`0.001` → 3). */
    qtyPrecision: stepDecimals(fields.stepSize),
  }));

/** A tradable instrument, with `pricePrecision` / `qtyPrecision` derived from its steps. */
export type Instrument = z.output<typeof instrumentSchema>;
/** What {@link createInstrument} accepts: an instrument without the derived fields, defaults optional. */
export type InstrumentInput = z.input<typeof instrumentSchema>;

/** Validates and completes an instrument; throws `ValidationError` naming the bad field. */
export function createInstrument(input: InstrumentInput): Instrument {
  return parseOrThrow(instrumentSchema, input, `instrument ${describeSymbol(input)}`);
}

function describeSymbol(input: unknown): string {
  const symbol = (input as { symbol?: unknown } | null)?.symbol;
  return typeof symbol === 'string' ? JSON.stringify(symbol) : '(no symbol)';
}

/**
 * The unified symbol of an instrument, ccxt style: `BTC/USDT` (spot), `BTC/USDT:USDT` (perp,
 * settle defaults to quote), `BTC/USD:BTC-250328` (future, expiry as UTC `YYMMDD`).
 */
export function unifiedSymbol(parts: {
  base: string;
  quote: string;
  type: InstrumentType;
  settle?: string | undefined;
  expiry?: number | undefined;
}): string {
  const pair = `${parts.base}/${parts.quote}`;
  if (parts.type === 'spot') return pair;
  const settle = `${pair}:${parts.settle ?? parts.quote}`;
  if (parts.type === 'perp' || parts.expiry === undefined) return settle;
  const d = new Date(parts.expiry);
  const yymmdd = `${String(d.getUTCFullYear() % 100).padStart(2, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
  return `${settle}-${yymmdd}`;
}

/**
 * A price as exact decimal text on the instrument's tick grid. Default mode `'round'` (nearest,
 * ties away from zero); pass `'floor'` for a buy that must not pay more, `'ceil'` for a sell that
 * must not receive less.
 */
export function formatPrice(
  instrument: Pick<Instrument, 'tickSize'>,
  price: number | string,
  mode: RoundingMode = 'round',
): string {
  return formatDecimal(price, instrument.tickSize, mode);
}

/**
 * A quantity as exact decimal text on the instrument's step grid. Default mode `'floor'`, so an
 * order is never larger than asked.
 */
export function formatQuantity(
  instrument: Pick<Instrument, 'stepSize'>,
  quantity: number | string,
  mode: RoundingMode = 'floor',
): string {
  return formatDecimal(quantity, instrument.stepSize, mode);
}

/**
 * Throws `InvalidOrderError` when `quantity` (and `price × quantity`, if a price is given) is
 * below the instrument's `minQty` / `minNotional`, above `maxQty`, or rounds to zero. Takes the
 * formatted text or numbers; call it after formatting, so the check sees what will be sent.
 */
export function checkOrderMinimums(
  instrument: Pick<Instrument, 'venue' | 'symbol' | 'minQty' | 'maxQty' | 'minNotional' | 'contractSize'>,
  quantity: number | string,
  price?: number | string,
): void {
  const qty = parseDecimal(quantity, 'quantity');
  const where = { venue: instrument.venue, details: { symbol: instrument.symbol, quantity: qty } };
  if (qty <= 0)
    throw new InvalidOrderError(
      `${instrument.symbol}: quantity rounds to ${qty}; it must be positive`,
      where,
    );
  if (qty < instrument.minQty)
    throw new InvalidOrderError(
      `${instrument.symbol}: quantity ${qty} is below the minimum ${instrument.minQty}`,
      where,
    );
  if (instrument.maxQty !== undefined && qty > instrument.maxQty)
    throw new InvalidOrderError(
      `${instrument.symbol}: quantity ${qty} is above the maximum ${instrument.maxQty}`,
      where,
    );
  if (price === undefined || instrument.minNotional <= 0) return;
  const notional = parseDecimal(price, 'price') * qty * instrument.contractSize;
  if (notional < instrument.minNotional)
    throw new InvalidOrderError(
      `${instrument.symbol}: order value ${notional} is below the minimum notional ${instrument.minNotional}`,
      where,
    );
}
