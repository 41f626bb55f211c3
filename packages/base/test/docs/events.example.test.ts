// The example of docs/events.md, run as a test so it cannot rot. The guide's code block must
// equal the two marked regions of this file (imports, then the body without its indent); the
// last test checks that.
import { describe, expect, it } from 'vitest';
import { exampleBlock, markedRegions } from './example-block.js';
// example:start
import { EventBus } from '@venuekit/base';

interface FeedEvents {
  ticker: { symbol: string; last: number };
  disconnected: { reason: string };
}
// example:end

describe('docs/events.md example', () => {
  it('calls listeners, collects their errors and streams payloads with a bounded buffer', async () => {
    const log: unknown[][] = [];
    const console = { log: (...args: unknown[]) => log.push(args) };
    // example:start
    const bus = new EventBus<FeedEvents>({ errorMode: 'collect' });

    // Callback mode: listeners run synchronously, in the order they were added.
    using _prices = bus.on('ticker', ({ symbol, last }) => console.log(symbol, last));
    bus.on('ticker', ({ last }) => {
      if (last <= 0) throw new Error(`bad price ${last}`);
    });
    bus.once('disconnected', ({ reason }) => console.log('disconnected:', reason));

    console.log(bus.emit('ticker', { symbol: 'BTC/USDT', last: 64_000 })); // BTC/USDT 64000, then []
    const errors = bus.emit('ticker', { symbol: 'BTC/USDT', last: 0 }); // BTC/USDT 0
    console.log(errors.map((e) => (e as Error).message)); // [ 'bad price 0' ]
    bus.emit('disconnected', { reason: 'server closed' }); // disconnected: server closed
    bus.emit('disconnected', { reason: 'again' }); // (once: nothing)

    // Queue mode: an async iterator with a bounded buffer for a consumer that may fall behind.
    const controller = new AbortController();
    const ticks = bus.stream('ticker', { capacity: 2, overflow: 'dropOldest', signal: controller.signal });
    for (const last of [1, 2, 3]) bus.emit('ticker', { symbol: 'ETH/USDT', last });
    for await (const tick of ticks) {
      console.log('streamed', tick.last); // 2, then 3: the oldest was dropped
      if (tick.last === 3) break; // break (or the signal) ends the stream and detaches it
    }
    console.log(ticks.dropped, bus.listenerCount('ticker')); // 1 2
    // example:end
    expect(log).toEqual([
      ['BTC/USDT', 64_000],
      [[]],
      ['BTC/USDT', 0],
      [['bad price 0']],
      ['disconnected:', 'server closed'],
      ['ETH/USDT', 1],
      ['ETH/USDT', 2],
      ['ETH/USDT', 3],
      ['streamed', 2],
      ['streamed', 3],
      [1, 2],
    ]);
  });

  it('is the code shown in the guide', () => {
    expect(exampleBlock('docs/events.md', 'packages/base/test/docs/events.example.test.ts')).toBe(
      markedRegions(new URL(import.meta.url).pathname),
    );
  });
});
