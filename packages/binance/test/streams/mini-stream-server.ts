// A small combined-stream server on a real loopback socket, for what the Binance simulator does
// not do: send protocol pings, send a `serverShutdown` notice on one connection, and log every
// frame a client sends (text, ping, pong) with its arrival time. It acknowledges SUBSCRIBE /
// UNSUBSCRIBE like Binance and publishes `{stream, data}` to every connection subscribed.
import { type WebSocket, WebSocketServer } from 'ws';

/** A frame the client sent. */
export interface ClientFrame {
  at: number;
  kind: 'text' | 'ping' | 'pong';
  data: string;
}

/** One client connection as the server sees it. */
export interface MiniConnection {
  readonly id: number;
  readonly socket: WebSocket;
  readonly streams: Set<string>;
  readonly frames: ClientFrame[];
  closed: boolean;
}

/** The running server. */
export interface MiniStreamServer extends AsyncDisposable {
  readonly url: string;
  readonly connections: MiniConnection[];
  /** Sends `data` on `stream` to every open connection subscribed to it. */
  publish(stream: string, data: unknown): number;
  /** Sends a protocol ping on connection `id`. */
  ping(id: number, payload: string): void;
  /** While true, SUBSCRIBE is refused with Binance's `{code: 2, msg, id}`. */
  refuseSubscribe: boolean;
  /** Cuts connection `id` without a closing handshake. */
  drop(id: number): void;
  /** Sends Binance's `serverShutdown` notice on connection `id`. */
  shutdownNotice(id: number): void;
  /** Most frames the client sent on `id` within any `windowMs` (default 1000). */
  maxFramesPerWindow(id: number, windowMs?: number): number;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 (any free port). */
export async function startMiniStreamServer(): Promise<MiniStreamServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: false, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const connections: MiniConnection[] = [];
  wss.on('connection', (socket) => {
    const conn: MiniConnection = {
      id: connections.length + 1,
      socket,
      streams: new Set(),
      frames: [],
      closed: false,
    };
    connections.push(conn);
    socket.on('ping', (data) =>
      conn.frames.push({ at: performance.now(), kind: 'ping', data: data.toString() }),
    );
    socket.on('pong', (data) =>
      conn.frames.push({ at: performance.now(), kind: 'pong', data: data.toString() }),
    );
    socket.on('close', () => {
      conn.closed = true;
    });
    socket.on('message', (raw) => {
      const text = raw.toString();
      conn.frames.push({ at: performance.now(), kind: 'text', data: text });
      const msg = JSON.parse(text) as { method: string; params: string[]; id: number };
      if (msg.method === 'SUBSCRIBE' && server.refuseSubscribe) {
        socket.send(JSON.stringify({ code: 2, msg: 'Invalid request: refused by the test', id: msg.id }));
        return;
      }
      if (msg.method === 'SUBSCRIBE') for (const s of msg.params) conn.streams.add(s);
      if (msg.method === 'UNSUBSCRIBE') for (const s of msg.params) conn.streams.delete(s);
      socket.send(JSON.stringify({ result: null, id: msg.id }));
    });
  });
  const port = (wss.address() as { port: number }).port;
  const find = (id: number): MiniConnection => {
    const conn = connections[id - 1];
    if (conn === undefined) throw new Error(`no connection ${id}`);
    return conn;
  };
  const close = () =>
    new Promise<void>((resolve) => {
      for (const c of wss.clients) c.terminate();
      wss.close(() => resolve());
    });
  const server: MiniStreamServer = {
    url: `ws://127.0.0.1:${port}`,
    connections,
    refuseSubscribe: false,
    drop: (id) => find(id).socket.terminate(),
    publish(stream, data) {
      const frame = JSON.stringify({ stream, data });
      let n = 0;
      for (const c of connections)
        if (!c.closed && c.streams.has(stream)) {
          c.socket.send(frame);
          n++;
        }
      return n;
    },
    ping: (id, payload) => find(id).socket.ping(payload),
    shutdownNotice: (id) =>
      find(id).socket.send(
        JSON.stringify({ stream: '!serverShutdown', data: { e: 'serverShutdown', E: Date.now() } }),
      ),
    maxFramesPerWindow(id, windowMs = 1000) {
      const times = find(id).frames.map((f) => f.at);
      let best = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= windowMs) j++;
        best = Math.max(best, i - j + 1);
      }
      return best;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
  return server;
}
