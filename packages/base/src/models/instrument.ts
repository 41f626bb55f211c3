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

/** Options of {@link createInstrument}. */
export interface CreateInstrumentOptions {
  /** Always run the full zod schema (default false: only inputs the quick check cannot accept). */
  strict?: boolean | undefined;
}

/**
 * Validates and completes an instrument; throws `ValidationError` naming the bad field. Venue
 * packages build thousands at once from exchange listings, so a quick field-by-field check
 * accepts the inputs that are plainly valid and builds the same object the schema would; any
 * input it does not accept (and every input with `strict`) goes through the zod schema, which
 * decides and words the error.
 */
export function createInstrument(input: InstrumentInput, options?: CreateInstrumentOptions): Instrument {
  if (options?.strict !== true) {
    const quick = quickInstrument(input);
    if (quick !== undefined) return quick;
  }
  return parseOrThrow(instrumentSchema, input, `instrument ${describeSymbol(input)}`);
}

const UNIFIED_SYMBOL = /^[^\s/:]+\/[^\s/:]+(?::[^\s/:]+)?$/;
const INSTRUMENT_TYPES: ReadonlySet<unknown> = new Set(instrumentTypeSchema.options);

const isName = (v: unknown): boolean => typeof v === 'string' && v.length > 0;
const isPositive = (v: unknown): boolean => typeof v === 'number' && v > 0 && v < Number.POSITIVE_INFINITY;
const isNonNegative = (v: unknown): boolean =>
  typeof v === 'number' && v >= 0 && v < Number.POSITIVE_INFINITY;

/**
 * The instrument `instrumentSchema` would produce, built without zod, when every field is plainly
 * valid; `undefined` (decide with the schema) otherwise. Keys come out in the schema's order,
 * unknown keys are dropped and defaults filled in, as zod does.
 */
function quickInstrument(input: InstrumentInput): Instrument | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const i = input as Record<string, unknown>;
  if (
    !isName(i.venue) ||
    !isName(i.symbol) ||
    typeof i.unifiedSymbol !== 'string' ||
    !UNIFIED_SYMBOL.test(i.unifiedSymbol) ||
    !isName(i.base) ||
    !isName(i.quote) ||
    (i.settle !== undefined && !isName(i.settle)) ||
    !INSTRUMENT_TYPES.has(i.type) ||
    !isPositive(i.tickSize) ||
    !isPositive(i.stepSize) ||
    (i.minQty !== undefined && !isNonNegative(i.minQty)) ||
    (i.maxQty !== undefined && !isPositive(i.maxQty)) ||
    (i.minNotional !== undefined && !isNonNegative(i.minNotional)) ||
    (i.contractSize !== undefined && !isPositive(i.contractSize)) ||
    (i.expiry !== undefined && !(Number.isSafeInteger(i.expiry) && (i.expiry as number) >= 0)) ||
    (i.active !== undefined && typeof i.active !== 'boolean')
  )
    return undefined;
  if ('settle' in i && 'maxQty' in i && 'expiry' in i)
    // Venue packages pass every optional field (often `undefined`): one literal, one shape.
    return {
      venue: i.venue as string,
      symbol: i.symbol as string,
      unifiedSymbol: i.unifiedSymbol,
      base: i.base as string,
      quote: i.quote as string,
      settle: i.settle as string | undefined,
      type: i.type as InstrumentType,
      tickSize: i.tickSize as number,
      stepSize: i.stepSize as number,
      minQty: (i.minQty as number | undefined) ?? 0,
      maxQty: i.maxQty as number | undefined,
      minNotional: (i.minNotional as number | undefined) ?? 0,
      contractSize: (i.contractSize as number | undefined) ?? 1,
      expiry: i.expiry as number | undefined,
      active: (i.active as boolean | undefined) ?? true,
      pricePrecision: stepDecimals(i.tickSize as number),
      qtyPrecision: stepDecimals(i.stepSize as number),
    };
  const out: Record<string, unknown> = {
    venue: i.venue,
    symbol: i.symbol,
    unifiedSymbol: i.unifiedSymbol,
    base: i.base,
    quote: i.quote,
  };
  if (i.settle !== undefined || 'settle' in i) out.settle = i.settle;
  out.type = i.type;
  out.tickSize = i.tickSize;
  out.stepSize = i.stepSize;
  out.minQty = i.minQty ?? 0;
  if (i.maxQty !== undefined || 'maxQty' in i) out.maxQty = i.maxQty;
  out.minNotional = i.minNotional ?? 0;
  out.contractSize = i.contractSize ?? 1;
  if (i.expiry !== undefined || 'expiry' in i) out.expiry = i.expiry;
  out.active = i.active ?? true;
  out.pricePrecision = stepDecimals(i.tickSize as number);
  out.qtyPrecision = stepDecimals(i.stepSize as number);
  return out as Instrument;
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
