// parsing: Binance REST answers into venuekit models (instruments, market data, orders, fills,
// balances, positions) and user orders into Binance order parameters.
export {
  type BalanceOptions,
  parseFuturesBalances,
  parsePosition,
  parsePositions,
  parseSpotBalances,
} from './account.js';
export { decodeDepth, scanDepth } from './depth-scanner.js';
export { decimalField, integerField, positiveOrUndefined } from './decimal-fields.js';
export {
  type BinanceInstrument,
  type ParseInstrumentsOptions,
  parseInstrument,
  parseInstruments,
} from './instruments.js';
export {
  parseBookTicker,
  parseDepth,
  parseKlines,
  parseLevels,
  parseTicker24hr,
  parseTrade,
  parseTrades,
  type SymbolNames,
} from './market.js';
export {
  buildOrderParams,
  orderStatus,
  orderType,
  parseAccountTrade,
  parseOrder,
  parseOrderFills,
} from './orders.js';
