// A feed stream over a real WebSocket on 127.0.0.1: values flow from socket to `for await`,
// and `break`, an AbortSignal or `disconnect()` each close the client socket (the server sees
// the close) with nothing left listening.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import {
  BaseFeed,
  type FeedOptions,
  SubscriptionError,
  type Ticker,
  type WatchOptions,
} from '@venuekit/base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';

/** A tiny venue feed: `watchTicker` subscribes over its own socket and parses JSON frames. */
class LoopbackFeed extends BaseFeed {
  sockets = new Set<WebSocket>();
  constructor(options: FeedOptions) {
    super({ id: 'LOOP___SPOT', venue: 'loop', options });
  }
  override watchTicker(symbol: string, options?: WatchOptions): AsyncIterable<Ticker> {
    const url = this.endpoint('ws', {});
    return this.stream<Ticker>(
      `watchTicker ${symbol}`,
      async (push, fail, end) => {
        const socket = new WebSocket(url);
        this.sockets.add(socket);
        socket.on('message', (data) => {
          const [bid, ask, ts] = JSON.parse(String(data)) as [number, number, number];
          push({ venue: 'loop', symbol, unifiedSymbol: 'BTC/USDT', bid, ask, timestamp: ts });
        });
        socket.on('error', fail);
        socket.on('close', (code) =>
          code === 1000 ? end() : fail(new SubscriptionError(`closed with ${code}`)),
        );
        await once(socket, 'open');
        socket.send(JSON.stringify({ op: 'subscribe', symbol }));
        return () => {
          socket.removeAllListeners('message');
          socket.removeAllListeners('close');
          socket.close(1000);
          this.sockets.delete(socket);
        };
      },
      options,
    );
  }
}

let server: WebSocketServer;
let url: string;
const serverCloses: number[] = [];

beforeAll(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on('connection', (socket) => {
    let timer: NodeJS.Timeout | undefined;
    socket.on('message', () => {
      let i = 0;
      timer = setInterval(() => socket.send(JSON.stringify([100 + i, 101 + i, i++])), 2);
    });
    socket.on('close', (code) => {
      clearInterval(timer);
      serverCloses.push(code);
    });
  });
});

afterAll(async () => {
  for (const client of server.clients) client.terminate();
  await new Promise((r) => server.close(r));
});

async function serverSawCloses(count: number): Promise<void> {
  for (let i = 0; i < 200 && serverCloses.length < count; i++) await new Promise((r) => setTimeout(r, 5));
  expect(serverCloses.length).toBe(count);
}

describe('a feed stream over a loopback WebSocket', () => {
  it('delivers frames in order and closes the socket on break', async () => {
    const feed = new LoopbackFeed({ urls: { ws: url } });
    const bids: number[] = [];
    for await (const ticker of feed.watchTicker('BTCUSDT')) {
      bids.push(ticker.bid ?? 0);
      if (bids.length === 5) break;
    }
    expect(bids).toEqual([100, 101, 102, 103, 104]);
    await serverSawCloses(1);
    expect(serverCloses.at(-1)).toBe(1000);
    expect(feed.sockets.size).toBe(0);
  });

  it('ends on AbortSignal and on disconnect()', async () => {
    const feed = new LoopbackFeed({ urls: { ws: url } });
    await feed.connect();
    const controller = new AbortController();
    const a = (async () => {
      let n = 0;
      for await (const _ of feed.watchTicker('BTCUSDT', { signal: controller.signal }))
        if (++n === 3) controller.abort();
      return n;
    })();
    const b = (async () => {
      let n = 0;
      for await (const _ of feed.watchTicker('ETHUSDT')) n++;
      return n;
    })();
    expect(await a).toBe(3);
    await serverSawCloses(2);
    await feed.disconnect();
    expect(await b).toBeGreaterThanOrEqual(0);
    await serverSawCloses(3);
    expect(feed.sockets.size).toBe(0);
  });

  it('fails the stream when the server drops the connection abnormally', async () => {
    const feed = new LoopbackFeed({ urls: { ws: url } });
    const drop = once(server, 'connection').then(([socket]) => {
      setTimeout(() => (socket as WebSocket).terminate(), 20);
    });
    const error = await (async () => {
      for await (const _ of feed.watchTicker('BTCUSDT')) {
        /* consume until the socket dies */
      }
    })().catch((e: unknown) => e);
    await drop;
    expect(error).toBeInstanceOf(SubscriptionError);
    expect((error as Error).message).toBe('closed with 1006');
  });
});
