// The parameters of a WebSocket API request as they go on the wire: `undefined`/`null` dropped,
// and authentication added as the method needs — the API key alone (USER_STREAM methods), or
// `apiKey`, `timestamp` (server clock), `recvWindow` and `signature` over the sorted params. After
// `session.logon` a signed method carries only `timestamp` (and `recvWindow`): the session's key
// authenticates it. Also the server-time measurement every (re)connect starts with.
import { type Credentials, type ServerOffsetClock, ValidationError } from '@venuekit/base';
import { signWsApiParams } from '../auth/ws-api-signer.js';
import type { WsApiSecurity } from './ws-api-methods.js';

/** What authenticating a request reads. */
export interface AuthContext {
  credentials: Credentials | undefined;
  /** True while `session.logon` holds on this connection. */
  loggedOn: boolean;
  recvWindow: number | undefined;
  clock: ServerOffsetClock;
}

/** Methods that always carry their own signature, logged on or not. */
const EXPLICITLY_SIGNED: ReadonlySet<string> = new Set([
  'session.logon',
  'userDataStream.subscribe.signature',
]);

/** `params` without `undefined` and `null` entries (a new object). */
export function dropEmpty(params: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(params)) {
    const value = params[name];
    if (value !== undefined && value !== null) out[name] = value;
  }
  return out;
}

/** The params of `method` as sent, authenticated per `security`. */
export function authenticateParams(
  method: string,
  params: Readonly<Record<string, unknown>>,
  security: WsApiSecurity,
  ctx: AuthContext,
): Record<string, unknown> {
  if (security === 'none') return dropEmpty(params);
  const credentials = ctx.credentials;
  if (credentials === undefined)
    throw new ValidationError(
      `Binance WS API ${method} needs an API key: create the session with credentials ({ apiKey, secret })`,
      { venue: 'binance', details: { method } },
    );
  if (security === 'key') return { ...dropEmpty(params), apiKey: credentials.apiKey };
  if (ctx.loggedOn && !EXPLICITLY_SIGNED.has(method) && params.signature === undefined) {
    const out = dropEmpty(params);
    if (ctx.recvWindow !== undefined && out.recvWindow === undefined) out.recvWindow = ctx.recvWindow;
    out.timestamp ??= Math.floor(ctx.clock.now());
    return out;
  }
  return signWsApiParams(params, credentials, { now: () => ctx.clock.now(), recvWindow: ctx.recvWindow });
}

/**
 * Measures the offset between this machine and Binance with the `time` method (`call` sends
 * it) and makes `clock` follow the server. Resolves to the offset in ms.
 */
export async function measureServerOffset(
  clock: ServerOffsetClock,
  call: (method: string) => Promise<unknown>,
): Promise<number> {
  const base = (): number => clock.now() - clock.offsetMs;
  const sentAt = base();
  const result = (await call('time')) as { serverTime?: unknown } | undefined;
  const serverTime = result?.serverTime;
  if (typeof serverTime !== 'number' || !Number.isFinite(serverTime))
    throw new ValidationError('Binance WS API time: expected { serverTime: number }', { venue: 'binance' });
  clock.observe(serverTime, sentAt, base());
  return clock.offsetMs;
}
