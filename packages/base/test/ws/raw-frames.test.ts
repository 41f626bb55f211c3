// Raw-frame routing over loopback: WebSocketApp's `onFrame` (bytes first, before any string or
// JSON), `leadingStringField`, and a WsPool whose protocol routes data frames by their bytes
// (`frameTopic`): listeners that take bytes get them undecoded, the others get the frame decoded
// once, and everything that is not a subscribed topic's data still takes the JSON path.
import { ConfigError, leadingStringField, MalformedFrameError, WebSocketApp, WsPool } from '@venuekit/base';
import { type GenericVenue, type SimWsConnection, startGenericVenue } from '@venuekit/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Counter, type GenericMessage, genericProtocol } from './support.js';

let venue: GenericVenue;
beforeEach(async () => {
  venue = await startGenericVenue();
});
afterEach(async () => {
  await venue.close();
});

/** A route that acknowledges generic subscribe / unsubscribe requests and hands over its connection. */
function rawRoute(path: string): Promise<SimWsConnection> {
  return new Promise((resolve) => {
    venue.onWsConnection(path, (conn) => {
      conn.onMessage((text) => {
        const m = JSON.parse(text) as { op: string; id: number };
        conn.send({ op: m.op, id: m.id, success: true });
      });
      resolve(conn);
    });
  });
}

const topicOfFrame = leadingStringField('topic');

describe('leadingStringField', () => {
  it('reads the leading string field of compact JSON and nothing else', () => {
    const read = (text: string) => topicOfFrame(Buffer.from(text));
    expect(read('{"topic":"book.BTC","data":[1]}')).toBe('book.BTC');
    expect(read('{"topic":"book.BTC"}')).toBe('book.BTC');
    expect(read('{ "topic":"book.BTC"}')).toBeUndefined();
    expect(read('{"data":1,"topic":"book.BTC"}')).toBeUndefined();
    expect(read('{"topic":""}')).toBeUndefined();
    expect(read('{"topic":"a\\"b"}')).toBeUndefined();
    expect(read('{"topic":"é"}')).toBeUndefined();
    expect(read('{"topic":"unterminated')).toBeUndefined();
    expect(read('{"topic":1}')).toBeUndefined();
    expect(read('{"topics":"x"}')).toBeUndefined();
    expect(() => leadingStringField('')).toThrow(TypeError);
    expect(() => leadingStringField('a"b')).toThrow(TypeError);
  });
});

describe('WebSocketApp onFrame', () => {
  it('sees every frame first; a frame it handles reaches no other handler, one it declines does', async () => {
    const route = rawRoute('/raw');
    const frames: string[] = [];
    const texts: string[] = [];
    const json: unknown[] = [];
    const errors: Error[] = [];
    const done = new Counter();
    await using app = WebSocketApp.connect(`${venue.wsUrl}/raw`, {
      onFrame: (data, isBinary) => {
        const text = data.toString();
        frames.push(isBinary ? `bin:${text}` : text);
        if (text === 'boom') throw new Error('decoder failed');
        return text.startsWith('{"mine"');
      },
      onText: (t) => texts.push(t),
      onJson: (m) => {
        json.push(m);
        done.increment();
      },
    });
    app.on('error', (e) => errors.push(e));
    const conn = await route;
    await app.ready;
    conn.sendText('{"mine":1}');
    conn.sendText('boom');
    conn.sendText('{"other":2}');
    await done.until(1);
    expect(frames).toEqual(['{"mine":1}', 'boom', '{"other":2}']);
    expect(texts).toEqual(['{"other":2}']);
    expect(json).toEqual([{ other: 2 }]);
    expect(errors.map((e) => e.message)).toEqual(['decoder failed']);
  });

  it('rejects an onFrame that is not a function with ConfigError', () => {
    expect(() => WebSocketApp.connect('ws://127.0.0.1:1', { onFrame: 1 as never })).toThrow(ConfigError);
  });
});

describe('WsPool with frame routing', () => {
  it('hands a topic frame as bytes to onFrame listeners and decoded to the others', async () => {
    const route = rawRoute('/raw');
    await using pool = new WsPool<GenericMessage>({
      url: `${venue.wsUrl}/raw`,
      protocol: genericProtocol({ frameTopic: topicOfFrame }),
    });
    const raw: string[] = [];
    const declined: GenericMessage[] = [];
    const plain: GenericMessage[] = [];
    const control: GenericMessage[] = [];
    const seen = new Counter();
    pool.on('message', (m) => {
      control.push(m);
      seen.increment();
    });
    await pool.subscribe('book', () => {}, {
      onFrame: (data, topic) => {
        raw.push(`${topic} ${data.toString()}`);
        return true;
      },
    });
    await pool.subscribe(
      'book',
      (m) => {
        declined.push(m);
      },
      { onFrame: () => false },
    );
    await pool.subscribe('book', (m) => {
      plain.push(m);
      seen.increment();
    });
    const conn = await route;
    conn.sendText('{"topic":"book","seq":1}');
    conn.sendText('{"topic":"elsewhere","seq":2}');
    conn.sendText('{"seq":3,"topic":"book"}');
    conn.sendText('{"op":"notice","seq":4}');
    await seen.until(3);
    expect(raw).toEqual(['book {"topic":"book","seq":1}']);
    expect(declined.map((m) => m.seq)).toEqual([1, 3]);
    expect(plain.map((m) => m.seq)).toEqual([1, 3]);
    expect(control.map((m) => m.seq)).toEqual([4]);
  });

  it('routes by bytes only while a listener on the connection takes frames', async () => {
    const route = rawRoute('/raw');
    let scanned = 0;
    await using pool = new WsPool<GenericMessage>({
      url: `${venue.wsUrl}/raw`,
      protocol: genericProtocol({
        frameTopic: (data) => {
          scanned++;
          return topicOfFrame(data);
        },
      }),
    });
    const seqs: number[] = [];
    const got = new Counter();
    await pool.subscribe('book', (m) => {
      seqs.push(m.seq!);
      got.increment();
    });
    const conn = await route;
    conn.sendText('{"topic":"book","seq":1}');
    await got.until(1);
    expect(scanned).toBe(0); // nobody takes bytes: the frame took the JSON path unscanned
    const raw: number[] = [];
    const bytes = await pool.subscribe('book', () => {}, {
      onFrame: (data) => raw.push(data.length) > 0,
    });
    conn.sendText('{"topic":"book","seq":2}');
    await got.until(2);
    expect(scanned).toBe(1);
    expect(raw).toHaveLength(1);
    await bytes.unsubscribe();
    conn.sendText('{"topic":"book","seq":3}');
    await got.until(3);
    expect(scanned).toBe(1);
    expect(seqs).toEqual([1, 2, 3]);
  });

  it('reports a malformed routed frame once, whatever the number of listeners, and reads on', async () => {
    const route = rawRoute('/raw');
    await using pool = new WsPool<GenericMessage>({
      url: `${venue.wsUrl}/raw`,
      protocol: genericProtocol({ frameTopic: topicOfFrame }),
    });
    const errors: Error[] = [];
    pool.on('error', (e) => errors.push(e));
    const got = new Counter();
    const seqs: number[] = [];
    for (let i = 0; i < 2; i++)
      await pool.subscribe('book', (m) => {
        seqs.push(m.seq!);
        got.increment();
      });
    const conn = await route;
    conn.sendText('{"topic":"book",broken');
    conn.sendText('{"topic":"book","seq":5}');
    await got.until(2);
    expect(seqs).toEqual([5, 5]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(MalformedFrameError);
  });

  it('rejects a frameTopic that is not a function with ConfigError', () => {
    expect(
      () =>
        new WsPool({ url: 'ws://127.0.0.1:1', protocol: genericProtocol({ frameTopic: 'topic' as never }) }),
    ).toThrow(/protocol.frameTopic must be a function/);
  });
});
