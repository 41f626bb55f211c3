import { OrderBookStore } from '@venuekit/base';
import { BybitBookSync } from '@venuekit/bybit/plugin';

// The rules of one `orderbook.{depth}.{symbol}` topic, over any OrderBookStore (pure: no socket).
const store = new OrderBookStore();
const book = new BybitBookSync('BTCUSDT', 50, store);
const outcomes = [
  book.onMessage('delta', { u: 7, b: [['99', '1']], a: [] }), // 'waiting': no snapshot yet, ignored
  book.onMessage('snapshot', {
    u: 10,
    b: [
      ['100', '1'],
      ['99', '2'],
    ],
    a: [['101', '1']],
  }), // 'snapshot'
  book.onMessage('delta', { u: 11, b: [['100', '0']], a: [['100.5', '3']] }), // 'applied': size "0" deletes
];
const best = store.best('BTCUSDT'); // { bid: [99, 2], ask: [100.5, 3] }
outcomes.push(
  book.onMessage('delta', { u: 13, b: [], a: [] }), // 'gap': u 12 is missing — the book is cleared
);
const liveAfterGap = book.live; // false until a snapshot: resubscribe to get one
outcomes.push(
  book.onMessage('delta', { u: 1, b: [['98', '1']], a: [['102', '1']] }), // 'reset': u = 1 replaces the book
);

export { best, book, liveAfterGap, outcomes, store };
