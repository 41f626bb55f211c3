// A raw `ws` client for testkit's own tests: connect, send, and await the next message or the
// close, without any of base's transports (the harness is tested from the outside).
import { WebSocket } from 'ws';

/** A connected raw client with an inbox. */
export interface RawClient {
  readonly ws: WebSocket;
  /** Every text message received, in order. */
  readonly received: string[];
  /** Resolves with the next message not yet taken by `next()`. */
  next(): Promise<string>;
  /** `next()` parsed as JSON. */
  nextJson<T = Record<string, unknown>>(): Promise<T>;
  /** Sends a JSON message. */
  sendJson(msg: unknown): void;
  /** Resolves with the close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Closes (if open) and waits for the close. */
  close(): Promise<void>;
}

/** Connects to `url` and resolves once open. */
export async function connectRaw(url: string): Promise<RawClient> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  const received: string[] = [];
  const waiting: Array<(text: string) => void> = [];
  let taken = 0;
  ws.on('message', (data: Buffer) => {
    const text = data.toString('utf8');
    received.push(text);
    const resolve = waiting.shift();
    if (resolve !== undefined) {
      taken++;
      resolve(text);
    }
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString('utf8') })),
  );
  ws.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (): Promise<string> => {
    if (taken < received.length) return Promise.resolve(received[taken++]!);
    return new Promise((resolve) => waiting.push(resolve));
  };
  return {
    ws,
    received,
    next,
    nextJson: async <T>() => JSON.parse(await next()) as T,
    sendJson: (msg) => ws.send(JSON.stringify(msg)),
    closed,
    close: async () => {
      if (ws.readyState === WebSocket.OPEN || ws.readyState === WebSocket.CONNECTING) ws.close();
      await closed;
    },
  };
}
