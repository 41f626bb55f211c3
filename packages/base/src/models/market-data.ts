// Market data as feeds return it: tickers, order books, trades and bars. Fields are numbers
// (the per-message path never builds decimal strings); every result carries the venue's own
// symbol and the unified one. The schemas validate venue responses in tests and strict mode.
import { z } from 'zod';

const symbols = {
  /** The venue's name (`'binance'`). */
  venue: z.string().min(1),
  /** The venue's own symbol (`BTCUSDT`). */
  symbol: z.string().min(1),
  /** The unified symbol (`BTC/USDT`). */
  unifiedSymbol: z.string().min(1),
};
const price = z.number().positive();
const amount = z.number().nonnegative();
/** Milliseconds since the Unix epoch. */
const timestamp = z.number().int().nonnegative();

/** Best prices and 24-hour statistics of one symbol. Absent sides (empty book) are `undefined`. */
export const tickerSchema = z.object({
  ...symbols,
  bid: price.optional(),
  bidSize: amount.optional(),
  ask: price.optional(),
  askSize: amount.optional(),
  last: price.optional(),
  open: price.optional(),
  high: price.optional(),
  low: price.optional(),
  /** 24-hour volume in the base asset. */
  baseVolume: amount.optional(),
  /** 24-hour volume in the quote asset. */
  quoteVolume: amount.optional(),
  timestamp,
});
/** Best prices and 24-hour statistics of one symbol. */
export type Ticker = z.infer<typeof tickerSchema>;

/** One price level: `[price, size]`. */
export const orderBookLevelSchema = z.tuple([price, amount]);
/** One price level: `[price, size]`. */
export type OrderBookLevel = [price: number, size: number];

function sortedLevels(side: 'bids' | 'asks') {
  return z.array(orderBookLevelSchema).superRefine((levels, ctx) => {
    for (let i = 1; i < levels.length; i++) {
      const prev = levels[i - 1]![0];
      const cur = levels[i]![0];
      if (side === 'bids' ? cur >= prev : cur <= prev) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 0],
          message: `${side} must be sorted best first (${side === 'bids' ? 'descending' : 'ascending'} prices, no repeats): ${cur} after ${prev}`,
        });
        return;
      }
    }
  });
}

/** An order book snapshot, best levels first: bids by descending price, asks by ascending price. */
export const orderBookSchema = z.object({
  ...symbols,
  bids: sortedLevels('bids'),
  asks: sortedLevels('asks'),
  timestamp,
  /** The venue's sequence or update id of the snapshot, when it has one. */
  sequence: z.number().int().optional(),
});
/** An order book snapshot, best levels first. Treat it as read-only: feeds may reuse arrays. */
export type OrderBook = Omit<z.infer<typeof orderBookSchema>, 'bids' | 'asks'> & {
  bids: OrderBookLevel[];
  asks: OrderBookLevel[];
};

/** Side of an order or the aggressor (taker) of a trade. */
export const sideSchema = z.enum(['buy', 'sell']);
/** Side of an order or the aggressor (taker) of a trade. */
export type Side = z.infer<typeof sideSchema>;

/** One public trade. */
export const tradeSchema = z.object({
  ...symbols,
  /** The venue's trade id. */
  id: z.string().min(1),
  price,
  quantity: z.number().positive(),
  /** Side of the taker. */
  side: sideSchema,
  timestamp,
});
/** One public trade. */
export type Trade = z.infer<typeof tradeSchema>;

/** One candle (kline). `closed` is false while the interval is still running. */
export const barSchema = z.object({
  ...symbols,
  /** The interval as the feed names it (`'1m'`, `'1h'`, `'1d'`). */
  interval: z.string().min(1),
  openTime: timestamp,
  /** Last millisecond of the interval, when the venue says. */
  closeTime: timestamp.optional(),
  open: price,
  high: price,
  low: price,
  close: price,
  /** Volume in the base asset. */
  volume: amount,
  /** Volume in the quote asset, when the venue says. */
  quoteVolume: amount.optional(),
  closed: z.boolean(),
});
/** One candle (kline). */
export type Bar = z.infer<typeof barSchema>;
