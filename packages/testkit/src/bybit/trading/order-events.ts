// What the private stream is told after the matching engine touched an order: the order's new
// state, its new executions, the positions that moved and the wallet coins that changed, each as
// one push of its topic (Bybit's `order`, `execution`, `position`, `wallet`).
import type { BybitCategory } from '../symbols.js';
import type { UnifiedAccount } from './accounts.js';
import type { MarkPriceOf } from './margin.js';
import type { SimExecution, SimOrder } from './order-model.js';
import { executionJson, orderJson, positionJson, type UsdPriceOf, walletJson } from './private-json.js';

/** Where private events go (the private WebSocket hub). */
export interface PrivateSink {
  push(
    uid: number,
    topic: 'order' | 'execution' | 'position' | 'wallet',
    category: BybitCategory | undefined,
    data: object[],
  ): void;
}

/** Pushes the order, its new executions, the changed positions and the changed wallet coins. */
export function publishOrderUpdate(
  o: { readonly sink: PrivateSink; readonly markOf: MarkPriceOf; readonly usdOf: UsdPriceOf },
  account: UnifiedAccount,
  order: SimOrder,
  execs: readonly SimExecution[],
): void {
  const category = order.cfg.category;
  const mark = o.markOf(order.cfg.symbol);
  o.sink.push(account.uid, 'order', category, [orderJson(order, true)]);
  if (execs.length > 0)
    o.sink.push(
      account.uid,
      'execution',
      category,
      execs.map((e) => executionJson(order, e, mark)),
    );
  const positions = account.takeChangedPositions();
  if (positions.length > 0) {
    o.sink.push(
      account.uid,
      'position',
      'linear',
      positions.map((p) => positionJson(p, o.markOf(p.cfg.symbol), true)),
    );
  }
  const coins = account.takeChangedCoins();
  if (coins.length > 0)
    o.sink.push(account.uid, 'wallet', undefined, [walletJson(account, o.usdOf, o.markOf, coins)]);
}
