// WebSocketApp against the generic venue over loopback: the order of operations on connect,
// handlers, send rules, malformed frames, giving up, and clean shutdown.
import {
  ConfigError,
  MalformedFrameError,
  NetworkError,
  RequestTimeoutError,
  ValidationError,
  WebSocketApp,
  WebSocketNotOpenError,
} from '@venuekit/base';
import { type GenericVenue, startGenericVenue } from '@venuekit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type GenericMessage, nextEvent } from './support.js';

const fast = { initialDelayMs: 1, maxDelayMs: 2, jitter: 0 };

let venue: GenericVenue;
beforeEach(async () => {
  venue = await startGenericVenue();
});
afterEach(async () => {
  await venue.close();
});

describe('WebSocketApp', () => {
  it('runs onOpen, then the send list, then emits open — on every (re)connect', async () => {
    const seen: string[] = [];
    let opens = 0;
    await using app = WebSocketApp.connect<GenericMessage>(`${venue.wsUrl}/ws`, {
      reconnect: fast,
      send: { op: 'subscribe', args: ['trades.BTCUSD'], id: 7 },
      onOpen: async (socket, self) => {
        opens++;
        seen.push('onOpen');
        socket.send(JSON.stringify({ op: 'ping', id: 'auth' }));
        await self.waitForJson((m) => (m as GenericMessage).op === 'pong');
        seen.push('auth-reply');
      },
      onJson: (m) => {
        if (m.op === 'subscribe') seen.push(`ack:${m.id}`);
        if (m.topic) seen.push(`data:${m.seq}`);
      },
    });
    app.on('open', () => seen.push('open'));
    await app.ready;
    const isAck = (m: unknown): boolean => (m as GenericMessage).op === 'subscribe';
    await app.waitForJson(isAck); // registered before any frame can arrive: handlers run on I/O
    expect(seen.slice(0, 3)).toEqual(['onOpen', 'auth-reply', 'open']);
    const data = app.waitForJson((m) => (m as GenericMessage).seq === 1);
    expect(venue.publish('trades.BTCUSD', { p: 1 })).toBe(1);
    await data;

    const reconnected = nextEvent<[number, number]>(app, 'reconnected');
    venue.faults.dropAll();
    const [attempts, downtimeMs] = await reconnected;
    expect(attempts).toBe(1);
    expect(downtimeMs).toBeGreaterThanOrEqual(0);
    expect(opens).toBe(2);
    await app.waitForJson(isAck);
    const second = seen.lastIndexOf('onOpen');
    expect(seen.slice(second, second + 3)).toEqual(['onOpen', 'auth-reply', 'open']);
    expect(seen.filter((s) => s === 'ack:7')).toHaveLength(2);
    expect(seen).toContain('data:1');
  });

  it('hands text, JSON and binary frames to their handlers synchronously', async () => {
    const texts: string[] = [];
    const json: unknown[] = [];
    let binary: Buffer | undefined;
    let sawEnd!: () => void;
    const ended = new Promise<void>((resolve) => {
      sawEnd = resolve;
    });
    venue.onWsConnection('/mixed', (conn) => {
      conn.send('{"a":1}');
      conn.send('pong');
      conn.send(Buffer.from([1, 2, 3]));
      conn.send('{"end":true}');
    });
    await using app = WebSocketApp.connect(`${venue.wsUrl}/mixed`, {
      onText: (t) => texts.push(t),
      onJson: (m) => {
        json.push(m);
        if ((m as { end?: boolean }).end) sawEnd();
      },
      onBinary: (b) => {
        binary = b;
      },
    });
    await ended;
    expect(texts).toEqual(['{"a":1}', 'pong', '{"end":true}']);
    expect(json).toEqual([{ a: 1 }, { end: true }]);
    expect([...(binary ?? [])]).toEqual([1, 2, 3]);
    expect(app.isOpen).toBe(true);
  });

  it('reports malformed frames as MalformedFrameError and keeps the connection', async () => {
    const received: GenericMessage[] = [];
    const errors: Error[] = [];
    await using app = WebSocketApp.connect<GenericMessage>(`${venue.wsUrl}/ws`, {
      send: { op: 'subscribe', args: ['t'], id: 1 },
      onJson: (m) => received.push(m),
    });
    app.on('error', (e) => errors.push(e));
    await app.ready;
    await venue.waitForSubscriptions(1);
    const socket = app.socket;
    venue.faults.sendMalformed(3);
    venue.publish('t', { ok: true });
    await app.waitForJson((m) => (m as GenericMessage).topic === 't');
    expect(errors).toHaveLength(3);
    for (const e of errors) {
      expect(e).toBeInstanceOf(MalformedFrameError);
      expect(e).toBeInstanceOf(ValidationError);
    }
    expect(app.isOpen).toBe(true);
    expect(app.socket).toBe(socket);
    expect(received.at(-1)?.data).toEqual({ ok: true });
  });

  it('reports a throwing handler and keeps reading', async () => {
    const errors: Error[] = [];
    let calls = 0;
    await using app = WebSocketApp.connect<GenericMessage>(`${venue.wsUrl}/ws`, {
      send: { op: 'subscribe', args: ['t'], id: 1 },
      onJson: (m) => {
        if (m.topic && ++calls === 1) throw new Error('consumer bug');
      },
    });
    app.on('error', (e) => errors.push(e));
    await app.ready;
    await venue.waitForSubscriptions(1);
    venue.publish('t', 1);
    venue.publish('t', 2);
    await app.waitForJson((m) => (m as GenericMessage).seq === 2);
    expect(calls).toBe(2);
    expect(errors.map((e) => e.message)).toEqual(['consumer bug']);
  });

  it('send() works while open and throws WebSocketNotOpenError otherwise (nothing is queued)', async () => {
    const app = WebSocketApp.connect(`${venue.wsUrl}/ws`, { reconnect: fast });
    expect(() => app.send({ op: 'ping' })).toThrow(WebSocketNotOpenError);
    await app.ready;
    const pong = app.waitForJson((m) => (m as GenericMessage).op === 'pong');
    app.send({ op: 'ping' });
    await expect(pong).resolves.toMatchObject({ op: 'pong' });
    await app.close();
    expect(() => app.send('x')).toThrow(WebSocketNotOpenError);
    await expect(app.opened()).rejects.toBeInstanceOf(Error);
  });

  it('sends the upgrade headers', async () => {
    const seen: Array<Record<string, string>> = [];
    venue.onWsConnection('/hdr', (conn) => seen.push(conn.headers));
    await using app = WebSocketApp.connect(`${venue.wsUrl}/hdr`, { headers: { 'X-Venue-Key': 'k1' } });
    await app.ready;
    expect(seen[0]?.['x-venue-key']).toBe('k1');
  });

  it('takes a new URL on the next connect', async () => {
    const paths: string[] = [];
    venue.onWsConnection('/other', (conn) => paths.push(conn.path));
    await using app = WebSocketApp.connect(`${venue.wsUrl}/ws`, { reconnect: fast });
    await app.ready;
    app.url = `${venue.wsUrl}/other`;
    const reconnected = nextEvent(app, 'reconnected');
    venue.faults.dropAll();
    await reconnected;
    expect(paths).toEqual(['/other']);
    expect(() => {
      app.url = 'http://example.com';
    }).toThrow(ConfigError);
  });

  it('wait() resolves on close() and close() releases the socket', async () => {
    const app = WebSocketApp.connect(`${venue.wsUrl}/ws`);
    await app.ready;
    const closed = nextEvent<[number, string]>(app, 'close');
    const waited = app.wait();
    await app.close(4001, 'bye');
    await expect(waited).resolves.toBeUndefined();
    expect(await closed).toEqual([4001, 'bye']);
    expect(app.state).toBe('closed');
    expect(app.socket).toBeUndefined();
    expect(app.signal.aborted).toBe(true);
    await app.close(); // idempotent
    expect(() => app.close(1006)).toThrow(ValidationError);
  });

  it('gives up after maxAttempts: wait() rejects with NetworkError and ready rejects', async () => {
    const port = venue.port;
    await venue.close();
    const reconnecting: Array<[number, number]> = [];
    const app = WebSocketApp.connect(`ws://127.0.0.1:${port}/ws`, {
      reconnect: { initialDelayMs: 1, maxDelayMs: 4, factor: 2, jitter: 0, maxAttempts: 3 },
    });
    app.on('reconnecting', (attempt, delayMs) => reconnecting.push([attempt, delayMs]));
    const failure = await app.wait().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(NetworkError);
    expect((failure as Error).message).toMatch(/gave up after 3 reconnect attempts/);
    expect(reconnecting).toEqual([
      [1, 1],
      [2, 2],
      [3, 4],
    ]);
    await expect(app.ready).rejects.toBe(failure);
    expect(app.state).toBe('closed');
  });

  it('with reconnect off, a drop closes it for good', async () => {
    const app = WebSocketApp.connect(`${venue.wsUrl}/ws`, { reconnect: false });
    await app.ready;
    venue.faults.dropAll();
    await expect(app.wait()).rejects.toThrow(/reconnect is off/);
  });

  it('a failing onOpen counts as a failed attempt and is retried', async () => {
    let calls = 0;
    const errors: Error[] = [];
    await using app = WebSocketApp.connect(`${venue.wsUrl}/ws`, {
      reconnect: fast,
      onOpen: () => {
        if (++calls < 3) throw new Error(`auth refused ${calls}`);
      },
    });
    app.on('error', (e) => errors.push(e));
    await app.ready;
    expect(calls).toBe(3);
    expect(errors.map((e) => e.message)).toEqual(['auth refused 1', 'auth refused 2']);
  });

  it('waitForJson times out with RequestTimeoutError', async () => {
    await using app = WebSocketApp.connect(`${venue.wsUrl}/ws`);
    await app.ready;
    await expect(app.waitForJson(() => false, { timeoutMs: 20 })).rejects.toBeInstanceOf(RequestTimeoutError);
  });

  it('an aborted signal closes the app', async () => {
    const controller = new AbortController();
    const app = WebSocketApp.connect(`${venue.wsUrl}/ws`, { signal: controller.signal });
    await app.ready;
    controller.abort();
    await app.wait();
    expect(app.state).toBe('closed');
  });

  it('rejects bad options with ConfigError naming the field', () => {
    expect(() => WebSocketApp.connect('http://x')).toThrow(/url must be a ws:\/\/ or wss:\/\/ URL/);
    expect(() => WebSocketApp.connect('ws://x', { reconnect: { factor: 0.5 } })).toThrow(/reconnect.factor/);
    expect(() => WebSocketApp.connect('ws://x', { heartbeat: { timeoutMs: 0 } })).toThrow(
      /heartbeat.timeoutMs/,
    );
    expect(() => WebSocketApp.connect('ws://x', { onJson: 5 as never })).toThrow(ConfigError);
  });
});
