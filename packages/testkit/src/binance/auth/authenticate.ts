// Who is asking, and may they: the API-key lookup (-2014 / -2015), the timestamp and recvWindow
// rule (-1021, checked against simulator time), and the signature (-1022), in Binance's order.
import { BinanceApiError, BinanceErrors } from '../errors.js';
import type { RequestParams } from '../params.js';
import { API_KEY_FORMAT, type ApiKeyRegistry, type RegisteredApiKey } from './api-keys.js';
import { verifySignature } from './signature.js';

/** Largest recvWindow Binance accepts (ms). */
export const MAX_RECV_WINDOW_MS = 60_000;
/** recvWindow when the request has none (ms). */
export const DEFAULT_RECV_WINDOW_MS = 5_000;

/** Resolves an API key string to a registered key: missing/malformed → -2014, unknown → -2015. */
export function lookupApiKey(keys: ApiKeyRegistry, apiKey: string | undefined): RegisteredApiKey {
  if (apiKey === undefined || apiKey === '') throw BinanceErrors.keyFormat();
  const key = keys.get(apiKey);
  if (key !== undefined) return key;
  if (!API_KEY_FORMAT.test(apiKey)) throw BinanceErrors.keyFormat();
  throw BinanceErrors.keyRejected();
}

/**
 * Applies Binance's timing rule against `serverTime`:
 * accept iff `timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindow`.
 * Timestamps of 16+ digits are microseconds (Spot). Throws -1102 / -1021.
 */
export function checkTimestamp(params: RequestParams, serverTime: number): void {
  const raw = params.get('timestamp');
  if (raw === undefined || !/^\d{1,17}$/.test(raw)) throw BinanceErrors.mandatory('timestamp');
  let timestamp = Number(raw);
  if (raw.length >= 16) timestamp /= 1000;
  let recvWindow = DEFAULT_RECV_WINDOW_MS;
  const rw = params.get('recvWindow');
  if (rw !== undefined) {
    if (!/^\d{1,6}(\.\d{1,3})?$/.test(rw)) throw BinanceErrors.mandatory('recvWindow');
    recvWindow = Number(rw);
    if (recvWindow > MAX_RECV_WINDOW_MS) throw BinanceErrors.tooLarge('recvWindow', MAX_RECV_WINDOW_MS);
  }
  if (timestamp >= serverTime + 1000) throw BinanceErrors.timestamp(true);
  if (serverTime - timestamp > recvWindow) throw BinanceErrors.timestamp(false);
}

/** Verifies `signature` over `payload`; -1102 when missing, -1022 when wrong. */
export function checkSignature(key: RegisteredApiKey, payload: string, signature: string | undefined): void {
  if (signature === undefined || signature === '') throw BinanceErrors.mandatory('signature');
  if (!verifySignature(key, payload, signature)) throw BinanceErrors.signature();
}

/** True for errors that mean "this key may not be used" (the session key gets revoked on these). */
export function isKeyRejection(error: unknown): boolean {
  return error instanceof BinanceApiError && (error.code === -2014 || error.code === -2015);
}
