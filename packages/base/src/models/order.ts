// Orders: what a user asks for (`OrderRequest`, validated strictly at the boundary with
// `parseOrderRequest`), what the venue reports back (`Order`) and each execution (`Fill`).
import { z } from 'zod';
import { isDecimalText } from './decimal-step.js';
import { sideSchema } from './market-data.js';
import { parseOrThrow } from './schema-errors.js';

/** Order types. The `*_limit` types need `price`; the `stop_*` / `take_profit_*` types need `triggerPrice`. */
export const orderTypeSchema = z.enum([
  'market',
  'limit',
  'stop_market',
  'stop_limit',
  'take_profit_market',
  'take_profit_limit',
]);
/** Order types. */
export type OrderType = z.infer<typeof orderTypeSchema>;

/** Good-till-cancelled, immediate-or-cancel, fill-or-kill. Post-only is the separate `postOnly` flag. */
export const timeInForceSchema = z.enum(['GTC', 'IOC', 'FOK']);
/** Time in force. */
export type TimeInForce = z.infer<typeof timeInForceSchema>;

const ORDER_TYPES: ReadonlySet<unknown> = new Set(orderTypeSchema.options);
const LIMIT_TYPES: ReadonlySet<OrderType> = new Set(['limit', 'stop_limit', 'take_profit_limit']);
const TRIGGER_TYPES: ReadonlySet<OrderType> = new Set([
  'stop_market',
  'stop_limit',
  'take_profit_market',
  'take_profit_limit',
]);

/** A positive amount as a number or decimal text (text keeps a user's exact digits). */
const positiveAmount = z.custom<number | string>(
  (v) =>
    (typeof v === 'number' && Number.isFinite(v) && v > 0) ||
    (typeof v === 'string' && isDecimalText(v) && Number(v) > 0),
  {
    error: (issue) => `expected a positive number or decimal text such as "0.01", got ${show(issue.input)}`,
    // Not fatal, so the order-level checks still run and one message lists every problem.
    abort: false,
  },
);

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** A user's order, checked for consistency before any venue sees it. Unknown keys are refused. */
export const orderRequestSchema = z
  .strictObject({
    /** Venue form (`BTCUSDT`) or unified (`BTC/USDT`). */
    symbol: z.string().min(1, { error: 'expected a symbol such as "BTCUSDT" or "BTC/USDT"' }),
    side: sideSchema,
    type: orderTypeSchema,
    /** Amount in base units (or contracts for derivatives). */
    quantity: positiveAmount,
    /** Limit price; required for the `*_limit` types, refused for market types. */
    price: positiveAmount.optional(),
    /** Trigger price; required for `stop_*` and `take_profit_*` types, refused otherwise. */
    triggerPrice: positiveAmount.optional(),
    /** Default `'GTC'` for limit orders, the venue's default for market orders. */
    timeInForce: timeInForceSchema.optional(),
    /** Your own id, 1–64 printable ASCII characters without spaces; venues may restrict it further. */
    clientOrderId: z
      .string()
      .regex(/^[!-~]{1,64}$/, { error: 'expected 1–64 printable ASCII characters without spaces' })
      .optional(),
    /** Rest on the book as maker or be rejected (limit orders only). */
    postOnly: z.boolean().optional(),
    /** Only reduce an open position (derivatives). */
    reduceOnly: z.boolean().optional(),
  })
  .superRefine(
    (order, ctx) => {
      // Runs even when single fields failed, so one message lists every problem.
      if (!ORDER_TYPES.has(order.type)) return;
      const needsPrice = LIMIT_TYPES.has(order.type);
      if (needsPrice && order.price === undefined)
        ctx.addIssue({ code: 'custom', path: ['price'], message: `required for ${order.type} orders` });
      if (!needsPrice && order.price !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['price'],
          message: `not allowed for ${order.type} orders (use type 'limit' to set a price)`,
        });
      const needsTrigger = TRIGGER_TYPES.has(order.type);
      if (needsTrigger && order.triggerPrice === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['triggerPrice'],
          message: `required for ${order.type} orders`,
        });
      if (!needsTrigger && order.triggerPrice !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['triggerPrice'],
          message: `not allowed for ${order.type} orders`,
        });
      if (order.postOnly === true) {
        if (!needsPrice)
          ctx.addIssue({
            code: 'custom',
            path: ['postOnly'],
            message: `not allowed for ${order.type} orders`,
          });
        else if (order.timeInForce === 'IOC' || order.timeInForce === 'FOK')
          ctx.addIssue({
            code: 'custom',
            path: ['postOnly'],
            message: `cannot be combined with timeInForce '${order.timeInForce}'`,
          });
      }
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );
/** A user's order. */
export type OrderRequest = z.infer<typeof orderRequestSchema>;

/** Validates a user's order; throws `ValidationError` naming each bad field and what it expects. */
export function parseOrderRequest(input: unknown): OrderRequest {
  return parseOrThrow(orderRequestSchema, input, 'order');
}

/** Lifecycle of an order at the venue. */
export const orderStatusSchema = z.enum([
  'open',
  'partially_filled',
  'filled',
  'canceled',
  'rejected',
  'expired',
]);
/** Lifecycle of an order at the venue. */
export type OrderStatus = z.infer<typeof orderStatusSchema>;

const venueAndSymbols = {
  venue: z.string().min(1),
  symbol: z.string().min(1),
  unifiedSymbol: z.string().min(1),
};

/** An order as the venue reports it. Amounts are numbers. */
export const orderSchema = z.object({
  ...venueAndSymbols,
  /** The venue's order id. */
  id: z.string().min(1),
  clientOrderId: z.string().optional(),
  side: sideSchema,
  type: orderTypeSchema,
  status: orderStatusSchema,
  price: z.number().positive().optional(),
  triggerPrice: z.number().positive().optional(),
  quantity: z.number().nonnegative(),
  filledQuantity: z.number().nonnegative(),
  /** Volume-weighted price of the fills so far. */
  averagePrice: z.number().positive().optional(),
  timeInForce: timeInForceSchema.optional(),
  postOnly: z.boolean().default(false),
  reduceOnly: z.boolean().default(false),
  /** ms since the epoch. */
  createdAt: z.number().int().nonnegative(),
  /** ms since the epoch of the last change the venue reported. */
  updatedAt: z.number().int().nonnegative(),
});
/** An order as the venue reports it. */
export type Order = z.infer<typeof orderSchema>;

/** One execution of an order. */
export const fillSchema = z.object({
  ...venueAndSymbols,
  /** The venue's trade id. */
  id: z.string().min(1),
  orderId: z.string().min(1),
  clientOrderId: z.string().optional(),
  side: sideSchema,
  price: z.number().positive(),
  quantity: z.number().positive(),
  /** Fee paid (negative for a rebate). */
  fee: z.number(),
  feeAsset: z.string().optional(),
  liquidity: z.enum(['maker', 'taker']).optional(),
  timestamp: z.number().int().nonnegative(),
});
/** One execution of an order. */
export type Fill = z.infer<typeof fillSchema>;
