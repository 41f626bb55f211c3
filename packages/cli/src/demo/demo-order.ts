// The order part of the demo: a small limit buy well below the market (so it rests and never
// fills), placed through the feed, followed on the user-data stream, then cancelled. The size is
// just above the instrument's minimum notional, so it passes the feed's checks and the venue's.
import type { Instrument, Order, VenueFeed } from '@venuekit/base';

/** A resting order the demo placed, until it is cancelled. */
export interface DemoOrder {
  readonly order: Order;
  cancel(): Promise<Order>;
}

/** Places the demo's resting limit buy 10% under `bid`. */
export async function placeDemoOrder(
  feed: VenueFeed,
  instrument: Instrument,
  bid: number,
): Promise<DemoOrder> {
  const price = bid * 0.9;
  const quantity = Math.max(instrument.minQty, (Math.max(instrument.minNotional, 1) * 2) / price);
  const order = await feed.placeOrder({
    symbol: instrument.symbol,
    side: 'buy',
    type: 'limit',
    quantity,
    price,
    clientOrderId: `venuekit-demo-${Date.now()}`,
  });
  let canceled: Promise<Order> | undefined;
  return { order, cancel: () => (canceled ??= feed.cancelOrder(instrument.symbol, order.id)) };
}

/** One order as the demo prints it. */
export function describeOrder(order: Order, decimals: { price: number; qty: number }): string {
  const price = order.price === undefined ? 'market' : `@ ${order.price.toFixed(decimals.price)}`;
  return `#${order.id} ${order.side} ${order.quantity.toFixed(decimals.qty)} ${order.symbol} ${price} ${order.type} ${order.timeInForce ?? ''}`.trimEnd();
}
