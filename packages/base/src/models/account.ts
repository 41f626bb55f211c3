// Account state: balances per asset and open derivative positions.
import { z } from 'zod';

/** Balance of one asset. `total` is what the venue reports (usually `free + locked`). */
export const balanceSchema = z.object({
  venue: z.string().min(1),
  asset: z.string().min(1),
  /** Available for new orders or withdrawal. */
  free: z.number().nonnegative(),
  /** Held by open orders or margin. */
  locked: z.number().nonnegative(),
  total: z.number().nonnegative(),
});
/** Balance of one asset. */
export type Balance = z.infer<typeof balanceSchema>;

/** An open derivative position. `size` is unsigned; `side` says which way. */
export const positionSchema = z.object({
  venue: z.string().min(1),
  symbol: z.string().min(1),
  unifiedSymbol: z.string().min(1),
  side: z.enum(['long', 'short']),
  /** Size in base units or contracts, as the venue counts it. */
  size: z.number().nonnegative(),
  entryPrice: z.number().nonnegative(),
  markPrice: z.number().positive().optional(),
  liquidationPrice: z.number().nonnegative().optional(),
  unrealizedPnl: z.number(),
  realizedPnl: z.number().optional(),
  leverage: z.number().positive().optional(),
  marginMode: z.enum(['cross', 'isolated']).optional(),
  /** ms since the epoch. */
  updatedAt: z.number().int().nonnegative(),
});
/** An open derivative position. */
export type Position = z.infer<typeof positionSchema>;
