// How the Bybit feeds name orders: the `id` a user passes to getOrder / cancelOrder is Bybit's
// orderId when it looks like one (digits for spot, a UUID for derivatives) and the user's own
// orderLinkId otherwise; placeOrder gives every order an orderLinkId (the user's clientOrderId or
// a fresh `vk…` one) so an order whose acknowledgement was lost can still be looked up; and the
// positionIdx a linear order needs in one-way or hedge mode.
import { randomBytes } from 'node:crypto';
import { ValidationError } from '@venuekit/base';

/** Which order an id names: Bybit's orderId or the user's orderLinkId. */
export type OrderIdRef = { orderId: string } | { orderLinkId: string };

const BYBIT_ORDER_ID = /^(?:\d{1,24}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const LINK_ID = /^[A-Za-z0-9_-]{1,36}$/;

/**
 * `id` as a reference: Bybit's orderId when it is digits or a lower-case UUID, otherwise an
 * orderLinkId (1–36 characters of `[A-Za-z0-9_-]`). Give your own ids a form Bybit's never have
 * (a prefix, as the generated `vk…` ids do).
 */
export function orderIdRef(id: string): OrderIdRef {
  if (typeof id === 'string' && BYBIT_ORDER_ID.test(id)) return { orderId: id };
  if (typeof id !== 'string' || !LINK_ID.test(id))
    throw new ValidationError(
      `order id: expected Bybit's orderId (digits or a UUID) or your orderLinkId (1–36 characters of A-Z a-z 0-9 _ -), got ${JSON.stringify(id)}`,
      { venue: 'bybit', details: { field: 'id' } },
    );
  return { orderLinkId: id };
}

/** A fresh orderLinkId: `vk` + time (base 36) + 48 random bits; never shaped like a Bybit orderId. */
export function newOrderLinkId(now: number): string {
  return `vk${Math.trunc(now).toString(36)}${randomBytes(6).toString('hex')}`;
}

/** A linear account's position mode: one net position per symbol, or a long and a short one. */
export type BybitPositionMode = 'one-way' | 'hedge';

/**
 * The positionIdx of a linear order: 0 in one-way mode; in hedge mode the position it affects —
 * 1 (long) for a buy that opens or a sell that reduces, 2 (short) for a sell that opens or a buy
 * that reduces.
 */
export function positionIdxOf(mode: BybitPositionMode, side: 'buy' | 'sell', reduceOnly: boolean): 0 | 1 | 2 {
  if (mode === 'one-way') return 0;
  return (side === 'buy') !== reduceOnly ? 1 : 2;
}
