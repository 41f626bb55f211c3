// errors: Bybit's retCodes mapped to venuekit's typed errors.
export {
  BYBIT_RATE_LIMIT_CODE,
  BYBIT_TIMESTAMP_CODE,
  type BybitClassification,
  type BybitClassifyContext,
  classifyBybitError,
} from './error-codes.js';
export { BYBIT_IP_BAN_MS, type BybitErrorReport, bybitError, bybitRetCode } from './error-map.js';
export { BybitIncompleteListError } from './incomplete-list.js';
export { BybitOrderOutcomeUnknownError, UNKNOWN_ORDER_OUTCOME } from './outcome-unknown.js';
