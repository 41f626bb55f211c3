// parsing: Bybit REST answers into venuekit models (instruments, market data, orders, balances,
// positions) and user orders into Bybit order bodies.
export { parsePosition, parseWalletBalances } from './account.js';
export { decimalField, decimalOrZero, positiveOrUndefined, timeField } from './decimal-fields.js';
export { type BybitInstrument, parseInstrument, parseInstruments } from './instruments.js';
export {
  BYBIT_KLINE_INTERVALS,
  type BybitKlineInterval,
  isBybitKlineInterval,
  klineEnd,
  parseKlines,
  parseLevels,
  parseOrderbook,
  parseRecentTrade,
  parseRecentTrades,
  parseTicker,
  type SymbolNames,
} from './market.js';
export {
  type BuildOrderOptions,
  type BybitOrderBody,
  buildOrderBody,
  orderStatus,
  parseOrder,
} from './orders.js';
