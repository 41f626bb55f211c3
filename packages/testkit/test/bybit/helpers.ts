// Raw clients for the Bybit simulator tests: fetch with hand-written v5 signing and a `ws` client
// that queues messages. Deliberately not venuekit code: the tests check the simulator against
// Bybit's documented rules, independently of the adapter.
import { createHmac } from 'node:crypto';
import WebSocket from 'ws';

/** The simulator's default key (the protocol notes' vectors use it). */
export const KEY = 'XXXXXXXXXX';
export const SECRET = 'test-secret';

/** Parsed JSON as the tests probe it; the assertions are what check its shape. */
// biome-ignore lint/suspicious/noExplicitAny: wire JSON is read freely in tests and checked by expect().
export type Json = any;

/** A response with parsed JSON. */
export interface Reply {
  status: number;
  headers: Headers;
  body: Json;
}

/** A hand-driven clock: simulator time only moves when the test says so. */
export function manualClock(start: number): {
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
} {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}

/** hex HMAC-SHA256. */
export function hmac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('hex');
}

async function toReply(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: Json;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body };
}

/** A public GET. */
export async function get(base: string, path: string, query = ''): Promise<Reply> {
  return toReply(await fetch(`${base}${path}${query === '' ? '' : `?${query}`}`));
}

/** Options of a signed request. */
export interface SignOptions {
  key?: string;
  secret?: string;
  timestamp?: number;
  /** Header value; `null` leaves the header out (the empty string is then signed). */
  recvWindow?: string | null;
  /** recv_window signed, when it should differ from the header (default: the header's). */
  signedRecvWindow?: string;
  /** Headers to add or override. */
  headers?: Record<string, string>;
}

function authHeaders(payload: string, o: SignOptions, now: number): Record<string, string> {
  const key = o.key ?? KEY;
  const ts = String(o.timestamp ?? now);
  const recv = o.recvWindow === undefined ? '5000' : o.recvWindow;
  const signedRecv = o.signedRecvWindow ?? recv ?? '';
  const headers: Record<string, string> = {
    'X-BAPI-API-KEY': key,
    'X-BAPI-TIMESTAMP': ts,
    'X-BAPI-SIGN': hmac(o.secret ?? SECRET, ts + key + signedRecv + payload),
  };
  if (recv !== null) headers['X-BAPI-RECV-WINDOW'] = recv;
  return { ...headers, ...o.headers };
}

/** A signed GET: `query` is signed exactly as sent. */
export async function signedGet(
  base: string,
  path: string,
  query: string,
  now: number,
  o: SignOptions = {},
): Promise<Reply> {
  const res = await fetch(`${base}${path}${query === '' ? '' : `?${query}`}`, {
    headers: authHeaders(query, o, now),
  });
  return toReply(res);
}

/** A signed POST of `body` (an object is serialized once, compactly; a string is sent as is). */
export async function signedPost(
  base: string,
  path: string,
  body: string | object,
  now: number,
  o: SignOptions = {},
): Promise<Reply> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authHeaders(text, o, now) },
    body: text,
  });
  return toReply(res);
}

/** A `ws` client that queues every message (parsed) for `waitFor()`. */
export class TestSocket {
  readonly ws: WebSocket;
  readonly messages: Json[] = [];
  closeCode: number | undefined;
  readonly #waiters: Array<{ pred: (m: Json) => boolean; resolve: (m: Json) => void }> = [];
  readonly #closed: Promise<number>;
  #barriers = 0;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data: Buffer) => {
      const m = JSON.parse(data.toString());
      this.messages.push(m);
      for (let i = this.#waiters.length - 1; i >= 0; i--) {
        const w = this.#waiters[i]!;
        if (w.pred(m)) {
          this.#waiters.splice(i, 1);
          w.resolve(m);
        }
      }
    });
    this.#closed = new Promise((resolve) =>
      ws.on('close', (code: number) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
  }

  /** Connects to `url`. */
  static async open(url: string): Promise<TestSocket> {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const s = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return s;
  }

  /** Sends a JSON message. */
  send(msg: unknown): void {
    this.ws.send(JSON.stringify(msg));
  }

  /** The first queued or future message matching `pred`. */
  waitFor(pred: (m: Json) => boolean, timeoutMs = 3000): Promise<Json> {
    const found = this.messages.find(pred);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching message within ${timeoutMs} ms; last: ${JSON.stringify(this.messages.slice(-3)).slice(0, 600)}`,
            ),
          ),
        timeoutMs,
      );
      this.#waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** Sends `msg` with `req_id` and waits for the answer carrying it. */
  async request(msg: { req_id: string; [k: string]: unknown }): Promise<Json> {
    this.send(msg);
    return this.waitFor((m) => m.req_id === msg.req_id && m.topic === undefined);
  }

  /**
   * Waits until everything the server sent before now has arrived: a ping is answered after the
   * frames already written on the same socket, so its pong is a barrier.
   */
  async barrier(): Promise<void> {
    const reqId = `barrier-${++this.#barriers}`;
    this.send({ op: 'ping', req_id: reqId });
    await this.waitFor((m) => m.req_id === reqId && m.topic === undefined);
  }

  /** Messages of `topic`, in arrival order. */
  on(topic: string): Json[] {
    return this.messages.filter((m) => m.topic === topic);
  }

  /** Resolves with the close code. */
  closed(): Promise<number> {
    return this.#closed;
  }

  /** Closes and waits. */
  async close(): Promise<void> {
    if (this.closeCode === undefined) this.ws.close();
    await this.#closed;
  }
}

type Level = [string, string];

/** A client-side Bybit book: snapshots replace, deltas upsert / delete (size "0"); sorted best first. */
export class ClientBook {
  bids = new Map<string, string>();
  asks = new Map<string, string>();
  u = 0;

  /** Applies one orderbook message's data. */
  apply(type: string, data: { b: Level[]; a: Level[]; u: number }): void {
    if (type === 'snapshot') {
      this.bids = new Map(data.b);
      this.asks = new Map(data.a);
    } else {
      for (const [p, q] of data.b)
        if (Number(q) === 0) this.bids.delete(p);
        else this.bids.set(p, q);
      for (const [p, q] of data.a)
        if (Number(q) === 0) this.asks.delete(p);
        else this.asks.set(p, q);
    }
    this.u = data.u;
  }

  /** Levels sorted best first. */
  sorted(): { bids: Level[]; asks: Level[] } {
    return {
      bids: [...this.bids].sort((x, y) => Number(y[0]) - Number(x[0])),
      asks: [...this.asks].sort((x, y) => Number(x[0]) - Number(y[0])),
    };
  }
}
