// What the simulator cannot show, against a small real server: pongs are sent by the client
// itself, echo the ping, and share the 5-messages-a-second budget with SUBSCRIBEs; and a
// `serverShutdown` notice makes the client open a replacement connection and switch every stream
// over without losing or repeating a message.
import { describe, expect, it } from 'vitest';
import { BinanceMarketStreams } from '../../src/streams/index.js';
import { startMiniStreamServer } from './mini-stream-server.js';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('BinanceMarketStreams pongs', () => {
  it('answers pings with pongs that echo the payload and count against the 5 messages a second', async () => {
    await using server = await startMiniStreamServer();
    await using streams = new BinanceMarketStreams({ baseUrl: server.url });
    await streams.subscribe('btcusdt@trade', () => {});
    // A ping burst while six separate SUBSCRIBEs queue up: everything goes through one budget.
    for (let i = 0; i < 8; i++) server.ping(1, `ping-${i}`);
    await Promise.all(
      ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => streams.subscribe(`${s}usdt@trade`, () => {})),
    );
    await until(() => server.connections[0]!.frames.filter((f) => f.kind === 'pong').length >= 1, 'a pong');
    await new Promise((r) => setTimeout(r, 300));
    const frames = server.connections[0]!.frames;
    const pongs = frames.filter((f) => f.kind === 'pong');
    // Only the newest ping still waiting for a slot is answered: a burst cannot queue pongs up.
    expect(pongs.length).toBeGreaterThanOrEqual(1);
    expect(pongs.length).toBeLessThanOrEqual(3);
    expect(pongs.at(-1)!.data).toBe('ping-7');
    expect(frames.filter((f) => f.kind === 'text')).toHaveLength(7);
    expect(server.maxFramesPerWindow(1, 1000)).toBeLessThanOrEqual(5);
    expect(streams.connections[0]!.pongs).toBe(pongs.length);
  });
});

describe('BinanceMarketStreams serverShutdown', () => {
  it('opens a replacement, subscribes there, switches over and closes the old connection — no message lost or repeated', async () => {
    await using server = await startMiniStreamServer();
    await using streams = new BinanceMarketStreams({ baseUrl: server.url, handoverTimeoutMs: 5000 });
    const rotated: Array<{ from: number; to: number; reason: string }> = [];
    streams.on('rotated', (e) => rotated.push(e));
    const trades: number[] = [];
    const depth: number[] = [];
    await streams.subscribe(['btcusdt@trade', 'btcusdt@depth@100ms'], (data, stream) => {
      const d = data as { t?: number; U?: number; u?: number };
      if (stream === 'btcusdt@trade') trades.push(d.t!);
      else depth.push(d.u!);
    });
    let t = 1000;
    let u = 5000;
    const tick = () => {
      t++;
      server.publish('btcusdt@trade', {
        e: 'trade',
        E: Date.now(),
        s: 'BTCUSDT',
        t,
        p: '1',
        q: '1',
        T: 1,
        m: true,
      });
      const U = u + 1;
      u += 3;
      server.publish('btcusdt@depth@100ms', {
        e: 'depthUpdate',
        E: Date.now(),
        s: 'BTCUSDT',
        U,
        u,
        b: [],
        a: [],
      });
    };
    const timer = setInterval(tick, 2);
    try {
      await until(() => trades.length > 50, 'trades on the first connection');
      server.shutdownNotice(1);
      await until(() => rotated.length === 1, 'the replacement');
      await until(() => server.connections[0]!.closed, 'the old connection to close');
      const after = trades.length;
      await until(() => trades.length > after + 50, 'trades on the replacement');
    } finally {
      clearInterval(timer);
    }
    expect(rotated[0]).toEqual({ from: 1, to: 2, reason: 'serverShutdown' });
    expect(server.connections).toHaveLength(2);
    expect(streams.connections.map((c) => c.id)).toEqual([2]);
    // Every id exactly once, in order.
    for (let i = 1; i < trades.length; i++) expect(trades[i]).toBe(trades[i - 1]! + 1);
    for (let i = 1; i < depth.length; i++) expect(depth[i]).toBe(depth[i - 1]! + 3);
  });

  it('lets a stream leave in the middle of a planned reconnect', async () => {
    await using server = await startMiniStreamServer();
    await using streams = new BinanceMarketStreams({ baseUrl: server.url });
    const rotated: number[] = [];
    streams.on('rotated', (e) => rotated.push(e.to));
    const kept: number[] = [];
    let left = 0;
    await streams.subscribe('btcusdt@trade', (d) => kept.push((d as { t: number }).t));
    const leaving = await streams.subscribe('ethusdt@trade', () => left++);
    let t = 0;
    const timer = setInterval(() => {
      t++;
      server.publish('btcusdt@trade', { e: 'trade', t, p: '1', q: '1', T: 1 });
      server.publish('ethusdt@trade', { e: 'trade', t, p: '1', q: '1', T: 1 });
    }, 2);
    try {
      await until(() => kept.length > 20, 'trades');
      streams.rotateAll();
      await leaving.unsubscribe();
      const after = left;
      await until(() => rotated.length === 1, 'the replacement');
      const count = kept.length;
      await until(() => kept.length > count + 20, 'trades on the replacement');
      expect(left).toBe(after);
    } finally {
      clearInterval(timer);
    }
    for (let i = 1; i < kept.length; i++) expect(kept[i]).toBe(kept[i - 1]! + 1);
    expect(streams.connections.map((c) => c.streams)).toEqual([['btcusdt@trade']]);
    expect([...server.connections[1]!.streams]).toEqual(['btcusdt@trade']);
  });
});
