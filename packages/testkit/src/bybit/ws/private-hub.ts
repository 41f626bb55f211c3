// The private stream of the Bybit simulator (`/v5/private`): `auth` with
// `[apiKey, expires, signature]` where signature = hex HMAC-SHA256 of "GET/realtime" + expires
// (expires must be in the future of simulator time), then `order`, `execution`, `position` and
// `wallet` topics (plain or per category) pushed as `{id, topic, creationTime, data}`. Auth and
// subscribe acknowledgements carry no `req_id` (only pongs echo it), as on Bybit. The idle
// cut defaults to 10 minutes and follows `?max_active_time=30s…600s`.
import type { SimWsConnection } from '../../sim/types.js';
import type { BybitKeyRegistry } from '../auth/api-keys.js';
import { verifyHmacHex, wsAuthSignString } from '../auth/signature.js';
import { privateConnId, uuidFrom } from '../ids.js';
import type { BybitViolations } from '../limits/violations.js';
import type { BybitCategory } from '../symbols.js';
import type { PrivateSink } from '../trading/order-events.js';
import type { WsAdmission } from './ws-admission.js';

/** Private topics the simulator pushes (others are answered "handler not found"). */
export const PRIVATE_TOPICS: ReadonlySet<string> = new Set([
  'order',
  'order.spot',
  'order.linear',
  'execution',
  'execution.spot',
  'execution.linear',
  'execution.fast',
  'execution.fast.spot',
  'execution.fast.linear',
  'position',
  'position.linear',
  'wallet',
  'greeks',
]);

/** What the private hub needs. */
export interface PrivateHubOptions {
  readonly keys: BybitKeyRegistry;
  readonly violations: BybitViolations;
  readonly admission: WsAdmission;
  readonly seed: string;
  /** Idle cut when the URL does not set max_active_time. */
  readonly idleTimeoutMs: number;
  now(): number;
}

interface PrivateConnection {
  readonly conn: SimWsConnection;
  readonly connId: string;
  readonly idleMs: number;
  uid: number | undefined;
  readonly topics: Set<string>;
  lastActivity: number;
}

/** Parses `max_active_time` (`30s`…`600s`, `1m`…`10m`); undefined when malformed or out of range. */
export function parseMaxActiveTime(text: string): number | undefined {
  const m = /^(\d{1,4})(s|m)$/.exec(text);
  if (m === null) return undefined;
  const ms = Number(m[1]) * (m[2] === 'm' ? 60_000 : 1000);
  return ms >= 30_000 && ms <= 600_000 ? ms : undefined;
}

/** Private connections and the delivery of account events. */
export class PrivateHub implements PrivateSink {
  readonly #o: PrivateHubOptions;
  readonly #open = new Set<PrivateConnection>();
  #events = 0;

  /** Creates the hub. */
  constructor(options: PrivateHubOptions) {
    this.#o = options;
  }

  /** Open private connections. */
  get connectionCount(): number {
    return this.#open.size;
  }

  /** Accepts a connection to `/v5/private`. */
  accept(conn: SimWsConnection): void {
    if (!this.#o.admission.admit(conn, 'private')) return;
    const given = conn.query.get('max_active_time');
    const idleMs = given === null ? this.#o.idleTimeoutMs : parseMaxActiveTime(given);
    if (idleMs === undefined) {
      conn.close(1008, `max_active_time must be 30s-600s (or 1m-10m), got '${given}'`);
      return;
    }
    const pc: PrivateConnection = {
      conn,
      connId: privateConnId(this.#o.seed, conn.id),
      idleMs,
      uid: undefined,
      topics: new Set(),
      lastActivity: this.#o.now(),
    };
    this.#open.add(pc);
    conn.onClose(() => this.#open.delete(pc));
    conn.onMessage((text) => this.#onMessage(pc, text));
  }

  /** PrivateSink: sends `data` on `topic` to every authenticated connection of `uid` subscribed to it. */
  push(uid: number, topic: string, category: BybitCategory | undefined, data: object[]): void {
    const now = this.#o.now();
    const names = category === undefined ? [topic] : [topic, `${topic}.${category}`];
    if (topic === 'execution')
      names.push('execution.fast', ...(category === undefined ? [] : [`execution.fast.${category}`]));
    for (const pc of this.#open) {
      if (pc.uid !== uid) continue;
      for (const name of names) {
        if (!pc.topics.has(name)) continue;
        const id = uuidFrom(`${this.#o.seed}:event`, ++this.#events);
        pc.lastActivity = now;
        pc.conn.sendText(JSON.stringify({ id, topic: name, creationTime: now, data }));
      }
    }
  }

  /** Closes connections idle for longer than their max_active_time; returns how many. */
  expireIdle(now: number): number {
    let n = 0;
    for (const pc of [...this.#open]) {
      if (now - pc.lastActivity <= pc.idleMs) continue;
      this.#o.violations.record(
        now,
        'wsIdle',
        `private#${pc.conn.id}`,
        `no ping or data for ${pc.idleMs} ms`,
      );
      pc.conn.close(1000, 'idle timeout: no ping received');
      this.#open.delete(pc);
      n++;
    }
    return n;
  }

  /** Closes every connection; returns how many. */
  disconnectAll(code: number, reason: string): number {
    const n = this.#open.size;
    for (const pc of [...this.#open]) pc.conn.close(code, reason);
    return n;
  }

  #onMessage(pc: PrivateConnection, text: string): void {
    const now = this.#o.now();
    pc.lastActivity = now;
    let msg: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      msg = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch {
      this.#send(pc, { success: false, ret_msg: 'error:invalid json', conn_id: pc.connId });
      return;
    }
    const reqId = msg.req_id === undefined || msg.req_id === null ? undefined : String(msg.req_id);
    // Like Bybit's private stream (bybit.md §7), auth and subscribe acks carry no req_id: a client
    // can only pair them with its requests by order. Only the pong echoes it.
    const answer = (success: boolean, retMsg: string, op: string) => ({
      success,
      ret_msg: retMsg,
      op,
      conn_id: pc.connId,
    });
    const args = msg.args;
    switch (msg.op) {
      case 'auth':
        this.#send(pc, answer(...this.#auth(pc, args, now), 'auth'));
        return;
      case 'ping':
        this.#send(pc, {
          ...(reqId === undefined ? {} : { req_id: reqId }),
          op: 'pong',
          args: [String(now)],
          conn_id: pc.connId,
        });
        return;
      case 'subscribe':
      case 'unsubscribe': {
        if (pc.uid === undefined) {
          this.#send(pc, answer(false, 'Request not authorized', msg.op));
          return;
        }
        if (!Array.isArray(args) || args.length === 0 || !args.every((a) => typeof a === 'string')) {
          this.#send(pc, answer(false, 'error:args must be a non-empty array of topics', msg.op));
          return;
        }
        const unknown = (args as string[]).find((t) => !PRIVATE_TOPICS.has(t));
        if (msg.op === 'subscribe' && unknown !== undefined) {
          this.#send(pc, answer(false, `error:handler not found,topic:${unknown}`, 'subscribe'));
          return;
        }
        for (const t of args as string[]) {
          if (msg.op === 'subscribe') pc.topics.add(t);
          else pc.topics.delete(t);
        }
        this.#send(pc, answer(true, '', msg.op));
        return;
      }
      default:
        this.#send(pc, {
          success: false,
          ret_msg: 'error:invalid op',
          conn_id: pc.connId,
          request: { op: typeof msg.op === 'string' ? msg.op : '', args: Array.isArray(args) ? args : null },
        });
    }
  }

  /** Checks `auth` args; returns [success, ret_msg]. */
  #auth(pc: PrivateConnection, args: unknown, now: number): [boolean, string] {
    if (pc.uid !== undefined) return [false, 'Repeat auth'];
    if (!Array.isArray(args) || args.length !== 3) return [false, 'Params Error'];
    const [apiKey, expires, signature] = args as unknown[];
    const expiresText =
      typeof expires === 'number' && Number.isInteger(expires)
        ? String(expires)
        : typeof expires === 'string'
          ? expires
          : '';
    if (typeof apiKey !== 'string' || typeof signature !== 'string' || !/^\d{10,16}$/.test(expiresText))
      return [false, 'Params Error'];
    if (Number(expiresText) <= now) return [false, 'Params Error'];
    const key = this.#o.keys.get(apiKey);
    if (key === undefined) return [false, 'error:USVC1111'];
    if (!verifyHmacHex(key.secret, wsAuthSignString(expiresText), signature))
      return [false, 'Request not authorized'];
    pc.uid = key.uid;
    return [true, ''];
  }

  #send(pc: PrivateConnection, answer: object): void {
    pc.conn.send(answer);
  }
}
