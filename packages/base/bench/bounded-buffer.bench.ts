// The bounded buffers behind every async stream in base (ws BoundedBuffer and pool streams,
// feed subscription streams, bus.stream(), store watch()), per message: a burst of 256 pushes
// read back with next(), and 256 pushes into a full buffer (dropOldest evicting each time).
// Baseline: the naive queue a stream would otherwise be, an Array with push/shift and one
// resolved promise per read. Goal: no worse than 1.2× the naive queue.
import { BoundedBuffer, ChangeHub, EventBus, subscriptionToAsyncIterable } from '@venuekit/base';
import { compareOps } from '../../../tooling/bench/harness.js';

const BURST = 256;
const FULL = 1024;

/** The producer and consumer ends of one stream kind. */
interface Contender {
  name: string;
  /** Builds a stream with `capacity` and the dropOldest policy; returns push and next. */
  open(capacity: number): { push(value: number): void; next(): Promise<IteratorResult<number>> };
}

const contenders: Contender[] = [
  {
    name: 'BoundedBuffer (ws)',
    open(capacity) {
      const buffer = new BoundedBuffer<number>({ capacity, policy: 'dropOldest' });
      return { push: (v) => buffer.push(v), next: () => buffer.next() };
    },
  },
  {
    name: 'subscription stream (feed)',
    open(capacity) {
      let push: (value: number) => void = () => {};
      const stream = subscriptionToAsyncIterable<number>(
        (p) => {
          push = p;
          return () => {};
        },
        { capacity, overflow: 'dropOldest' },
      );
      void stream.next(); // starts the subscription; takes the first value
      push(-1);
      return { push: (v) => push(v), next: () => stream.next() };
    },
  },
  {
    name: 'bus.stream() (events)',
    open(capacity) {
      const bus = new EventBus<{ n: number }>();
      const stream = bus.stream('n', { capacity, overflow: 'dropOldest' });
      return { push: (v) => bus.emit('n', v), next: () => stream.next() };
    },
  },
  {
    name: 'watch() (store ChangeHub)',
    open(capacity) {
      const hub = new ChangeHub<number>();
      const stream = hub.watch({ bufferSize: capacity, overflow: 'dropOldest' });
      return { push: (v) => hub.emit(v), next: () => stream.next() };
    },
  },
];

/** The naive queue: Array push/shift, a resolved promise per read. */
function naiveQueue(capacity: number) {
  const items: number[] = [];
  return {
    push(v: number): void {
      items.push(v);
      if (items.length > capacity) items.shift();
    },
    next(): Promise<IteratorResult<number>> {
      return Promise.resolve({ done: false, value: items.shift() as number });
    },
  };
}

export default async function (): Promise<void> {
  let sink = 0;
  for (const contender of contenders) {
    const stream = contender.open(FULL);
    const naive = naiveQueue(FULL);
    const burst = (q: { push(v: number): void; next(): Promise<IteratorResult<number>> }) => () => {
      for (let i = 0; i < BURST; i++) q.push(i);
      for (let i = 0; i < BURST; i++) void q.next();
    };
    await compareOps({
      suite: 'buffers',
      name: `${contender.name}: ${BURST} pushes, then ${BURST} next()`,
      baselineName: 'Array push/shift + Promise.resolve',
      subject: burst(stream),
      baseline: burst(naive),
      goal: { text: '≤ 1.2× naive queue', check: (s, b) => s <= 1.2 * b },
    });

    const full = contender.open(FULL);
    const fullNaive = naiveQueue(FULL);
    for (let i = 0; i < FULL; i++) {
      full.push(i);
      fullNaive.push(i);
    }
    await compareOps({
      suite: 'buffers',
      name: `${contender.name}: ${BURST} pushes into a full buffer of ${FULL} (dropOldest)`,
      baselineName: 'Array push + shift',
      subject: () => {
        for (let i = 0; i < BURST; i++) full.push(i);
      },
      baseline: () => {
        for (let i = 0; i < BURST; i++) fullNaive.push(i);
      },
      goal: { text: '≤ 1.2× naive queue', check: (s, b) => s <= 1.2 * b },
    });
    sink += (await full.next()).value ?? 0;
  }
  if (sink === -1) console.log(sink);
}
