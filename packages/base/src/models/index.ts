// models: zod schemas and types for instruments, market data, orders and account state, and
// exact decimal formatting onto a venue's price and quantity grids, and readers of wire fields.
export { type RoundingMode, formatDecimal, parseDecimal } from './decimal-format.js';
export {
  type ExactDecimal,
  type StepGrid,
  isDecimalText,
  parseExactDecimal,
  stepDecimals,
  stepGrid,
} from './decimal-step.js';
export {
  type CreateInstrumentOptions,
  type Instrument,
  type InstrumentInput,
  type InstrumentType,
  checkOrderMinimums,
  createInstrument,
  formatPrice,
  formatQuantity,
  instrumentSchema,
  instrumentTypeSchema,
  unifiedSymbol,
  unifiedSymbolSchema,
} from './instrument.js';
export {
  type Bar,
  type OrderBook,
  type OrderBookLevel,
  type Side,
  type Ticker,
  type Trade,
  barSchema,
  orderBookLevelSchema,
  orderBookSchema,
  sideSchema,
  tickerSchema,
  tradeSchema,
} from './market-data.js';
export {
  type Fill,
  type Order,
  type OrderRequest,
  type OrderStatus,
  type OrderType,
  type TimeInForce,
  fillSchema,
  orderRequestSchema,
  orderSchema,
  orderStatusSchema,
  orderTypeSchema,
  parseOrderRequest,
  timeInForceSchema,
} from './order.js';
export { type Balance, type Position, balanceSchema, positionSchema } from './account.js';
export { describeIssues, parseOrThrow } from './schema-errors.js';
export { type WireFieldReaders, wireFieldReaders } from './wire-fields.js';
