// Shared setup of the WS API and user-data tests: the Binance simulator, sessions pointed at its
// `/ws-api/v3` with a quiet logger and fast reconnects, an Ed25519 key the simulator accepts
// (session.logon needs one), and waits that resolve on events instead of sleeping.
import { generateKeyPairSync } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { silentLogger } from '@venuekit/base';
import type { BinanceSim } from '@venuekit/testkit';
import { BinanceWsApi, type BinanceWsApiOptions } from '../../src/ws-api/index.js';

export { type BinanceSim, startBinanceSim } from '@venuekit/testkit';

/** The key the simulator accepts by default (Binance's docs example, HMAC). */
export const DOC_CREDENTIALS = {
  apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
  secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
} as const;

/** A fresh Ed25519 key: the credentials a client uses and the option the simulator registers. */
export function ed25519Credentials(
  apiKey = 'Ed25519TestKey00000000000000000000000000000000000000000000000001',
) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    credentials: { apiKey, secret: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    simKey: { apiKey, ed25519PublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
  };
}

/** A Spot WS API session on `sim` (not started). */
export function simSession(sim: BinanceSim, options: BinanceWsApiOptions = {}): BinanceWsApi {
  return new BinanceWsApi({
    url: `${sim.wsUrl}/ws-api/v3`,
    credentials: DOC_CREDENTIALS,
    logger: silentLogger,
    reconnect: { initialDelayMs: 10, maxDelayMs: 100, jitter: 0 },
    ...options,
  });
}

/** Resolves with the arguments of the next `event` of `emitter` (bounded by a real-time timeout). */
export function nextEvent<A extends unknown[] = unknown[]>(
  emitter: EventEmitter,
  event: string,
  predicate: (...args: A) => boolean = () => true,
  timeoutMs = 5000,
): Promise<A> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      emitter.off(event, listener);
      reject(new Error(`no '${event}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (...args: unknown[]): void => {
      if (!predicate(...(args as A))) return;
      clearTimeout(timer);
      emitter.off(event, listener);
      resolve(args as A);
    };
    emitter.on(event, listener);
  });
}

/** Settles `promise` and returns its rejection (fails the test if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}
