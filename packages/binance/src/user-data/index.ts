// user-data: the account's orders, fills, balances and positions as they change — Spot over the
// WebSocket API's user-data subscription, USD-M over its listenKey stream — normalized to models.
export {
  applyBalanceDelta,
  type BalanceDelta,
  parseAccountPosition,
  parseBalanceUpdate,
  parseFuturesAccountBalances,
  parseFuturesAccountPositions,
} from './account-events.js';
export type {
  AccountPositionWire,
  AccountUpdateWire,
  BalanceUpdateWire,
  ExecutionReportWire,
  OrderTradeUpdateWire,
  UserDataEventWire,
} from './event-wire.js';
export { type OrderEvent, parseExecutionReport, parseOrderTradeUpdate } from './order-events.js';
export { type SpotUserDataOptions, SpotUserDataStream } from './spot-user-data.js';
export {
  USDM_USER_DATA_EVENTS,
  type UsdmUserDataOptions,
  UsdmUserDataStream,
} from './usdm-user-data.js';
export {
  type UserDataEvents,
  type UserDataResync,
  UserDataStream,
  type UserDataStreamOptions,
} from './user-data-stream.js';
