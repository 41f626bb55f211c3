import {
  JSON_BYTE,
  JsonFrameReader,
  jsonWord,
  leadingStringField,
  type PoolProtocol,
  WsPool,
} from '@venuekit/base';
import { startGenericVenue } from '@venuekit/testkit';

// A made-up venue, "Zeta". Its data frames begin with their topic:
// {"topic":"book.BTCUSD","seq":7,"data":{"b":[["65000.5","1.25"]],"a":[["65001","0.5"]]}}
type Level = [price: string, size: string];
type ZetaMessage = {
  op?: string;
  id?: number;
  success?: boolean;
  error?: string;
  topic?: string;
  seq?: number;
  data?: { b: Level[]; a: Level[] };
};

const protocol: PoolProtocol<ZetaMessage> = {
  venue: 'zeta',
  subscribeMessage: (topics, id) => ({ op: 'subscribe', args: topics, id }),
  unsubscribeMessage: (topics, id) => ({ op: 'unsubscribe', args: topics, id }),
  matchAck: (m) =>
    (m.op === 'subscribe' || m.op === 'unsubscribe') && typeof m.id === 'number'
      ? { id: m.id, ok: m.success === true, error: m.error }
      : undefined,
  topicOf: (m) => m.topic,
  // The same topic, read from the first bytes; a frame of any other shape takes the JSON path.
  frameTopic: leadingStringField('topic'),
  maxTopicsPerConnection: 50,
};

const SEQ = jsonWord('seq');
const DATA = jsonWord('data');
const BIDS = jsonWord('b');
const ASKS = jsonWord('a');

/** Decodes one book frame from its bytes; false for any form it does not fully understand. */
class ZetaBookDecoder {
  seq = 0;
  /** Reused by the next frame: copy what you keep. */
  readonly bids: number[][] = [];
  readonly asks: number[][] = [];
  readonly #reader = new JsonFrameReader();
  readonly #bidPairs: number[][] = [];
  readonly #askPairs: number[][] = [];

  decode(frame: Buffer): boolean {
    const r = this.#reader;
    r.reset(frame);
    let seen = 0;
    if (!r.take(JSON_BYTE.openBrace)) return false;
    for (;;) {
      if (!r.key()) return false;
      if (r.is(SEQ)) {
        const seq = r.number();
        if (Number.isNaN(seq)) return false;
        this.seq = seq;
        seen |= 1;
      } else if (r.is(DATA)) {
        if (!this.#data(r)) return false;
        seen |= 2;
      } else if (!r.skipValue()) return false; // "topic", and any key the venue adds later
      const more = r.next(JSON_BYTE.closeBrace);
      if (more === 1) continue;
      return more === 0 && r.atEnd && seen === 3;
    }
  }

  #data(r: JsonFrameReader): boolean {
    let seen = 0;
    if (!r.take(JSON_BYTE.openBrace)) return false;
    for (;;) {
      if (!r.key()) return false;
      if (r.is(BIDS)) {
        if (!r.levels(this.bids, this.#bidPairs)) return false;
        seen |= 1;
      } else if (r.is(ASKS)) {
        if (!r.levels(this.asks, this.#askPairs)) return false;
        seen |= 2;
      } else if (!r.skipValue()) return false;
      const more = r.next(JSON_BYTE.closeBrace);
      if (more === 1) continue;
      return more === 0 && seen === 3;
    }
  }
}

// The local book. Both paths end here; the Maps copy the numbers out of the reused arrays.
export const book = { seq: 0, bids: new Map<number, number>(), asks: new Map<number, number>() };
export const delivered = { fromBytes: 0, fromJson: 0 };
function applySide(side: Map<number, number>, levels: readonly (readonly number[])[]): void {
  for (const level of levels) {
    const price = level[0]!;
    const size = level[1]!;
    if (size === 0) side.delete(price);
    else side.set(price, size);
  }
}
const asNumbers = (levels: Level[]) => levels.map(([price, size]) => [+price, +size]);

await using venue = await startGenericVenue(); // stands in for Zeta on 127.0.0.1
await using pool = new WsPool<ZetaMessage>({
  url: `${venue.wsUrl}/ws`,
  protocol,
  // Zeta's market data is ASCII: skip ws's per-frame UTF-8 check (a bad byte becomes U+FFFD).
  connection: { socketOptions: { skipUTF8Validation: true } },
});
export const errors: Error[] = [];
pool.on('error', (error) => errors.push(error));

let seenThird: () => void = () => {};
const third = new Promise<void>((resolve) => (seenThird = resolve));
const decoder = new ZetaBookDecoder();
await pool.subscribe(
  'book.BTCUSD',
  // The fallback: every frame onFrame declines, decoded by JSON.parse. It must handle everything.
  (m) => {
    if (m.seq === undefined || m.data === undefined) return;
    delivered.fromJson++;
    applySide(book.bids, asNumbers(m.data.b));
    applySide(book.asks, asNumbers(m.data.a));
    book.seq = m.seq;
    if (m.seq === 3) seenThird();
  },
  {
    // The hot path: the frame's bytes, valid only during this call. Act only once it returns true.
    onFrame: (frame) => {
      if (!decoder.decode(frame)) return false;
      delivered.fromBytes++;
      applySide(book.bids, decoder.bids);
      applySide(book.asks, decoder.asks);
      book.seq = decoder.seq;
      if (decoder.seq === 3) seenThird();
      return true;
    },
  },
);

venue.publish('book.BTCUSD', {
  b: [
    ['65000.5', '1.25'],
    ['64999', '2'],
  ],
  a: [['65001', '0.5']],
});
venue.publish('book.BTCUSD', { b: [['65000.5', '0']], a: [] });
venue.publish('book.BTCUSD', { b: [], a: [['65001', '1e-8']] }); // an exponent: declined, JSON takes it
await third;
