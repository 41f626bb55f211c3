// Raw clients for the Binance simulator tests: fetch + hand-written HMAC/Ed25519 signing and a
// `ws` client that queues messages. Deliberately not venuekit code: the tests check the simulator
// against Binance's documented rules, independently of Json adapter.
import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import WebSocket from 'ws';

/** Binance's documented example key (rest-api.md). */
export const DOC_KEY = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
export const DOC_SECRET = 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j';

/** hex HMAC-SHA256. */
export function hmac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** An Ed25519 key pair registered as `apiKey`. */
export function ed25519Key(apiKey: string): {
  apiKey: string;
  privateKey: KeyObject;
  ed25519PublicKeyPem: string;
} {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    apiKey,
    privateKey,
    ed25519PublicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** base64 Ed25519 signature of `payload`. */
export function ed25519Sign(privateKey: KeyObject, payload: string): string {
  return sign(null, Buffer.from(payload), privateKey).toString('base64');
}

/** Parsed JSON as the tests probe it; the assertions are what check its shape. */
// biome-ignore lint/suspicious/noExplicitAny: wire JSON is read freely in tests and checked by expect().
export type Json = any;

/** A response with parsed JSON. */
export interface Reply {
  status: number;
  headers: Headers;
  body: Json;
}

/** Plain request. */
export async function call(
  base: string,
  method: string,
  path: string,
  query = '',
  init: RequestInit = {},
): Promise<Reply> {
  const res = await fetch(`${base}${path}${query === '' ? '' : `?${query}`}`, { method, ...init });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
}

/** A signed request: `params` in the query (GET/DELETE) or the form body (POST/PUT), signature last. */
export async function signed(
  base: string,
  method: string,
  path: string,
  params: Record<string, string | number>,
  opts: { key?: string; secret?: string; timestamp?: number; inBody?: boolean } = {},
): Promise<Reply> {
  const all = { ...params, timestamp: opts.timestamp ?? Date.now() };
  const payload = new URLSearchParams(
    Object.entries(all).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  const signature = hmac(opts.secret ?? DOC_SECRET, payload);
  const headers = {
    'X-MBX-APIKEY': opts.key ?? DOC_KEY,
    'content-type': 'application/x-www-form-urlencoded',
  };
  const inBody = opts.inBody ?? (method === 'POST' || method === 'PUT');
  if (inBody) return call(base, method, path, '', { headers, body: `${payload}&signature=${signature}` });
  return call(base, method, path, `${payload}&signature=${signature}`, { headers });
}

/** A `ws` client that queues every text message (parsed) for `next()` / `waitFor()`. */
export class TestSocket {
  readonly ws: WebSocket;
  readonly messages: Json[] = [];
  closeCode: number | undefined;
  readonly #waiters: Array<{ pred: (m: Json) => boolean; resolve: (m: Json) => void }> = [];
  readonly #closed: Promise<number>;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data) => {
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
      ws.on('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
  }

  /** Connects to `url` (`options`: `ws` client options, e.g. `{ autoPong: false }`). */
  static async open(url: string, options?: WebSocket.ClientOptions): Promise<TestSocket> {
    const ws = new WebSocket(url, options);
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

  /** The first queued or future message matching `pred` (2 s timeout). */
  waitFor(pred: (m: Json) => boolean, timeoutMs = 2000): Promise<Json> {
    const found = this.messages.find(pred);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching message within ${timeoutMs} ms; got ${JSON.stringify(this.messages.slice(-3))}`,
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

  /** Sends a request and waits for the answer with the same id. */
  async request(msg: { id: unknown; [k: string]: unknown }): Promise<Json> {
    this.send(msg);
    return this.waitFor((m) => m.id === msg.id);
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
