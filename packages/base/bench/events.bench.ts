// EventBus.emit to one listener (error handling included) beside a bare eventemitter3 emit to
// one listener doing the same work. Goal: <= 1.5x eventemitter3.
import { EventBus } from '@venuekit/base';
import { EventEmitter } from 'eventemitter3';
import { compareOps } from '../../../tooling/bench/harness.js';

interface Tick {
  price: number;
}

export default async function (): Promise<void> {
  let sum = 0;
  const tick: Tick = { price: 1 };
  const bare = new EventEmitter();
  bare.on('tick', (t: Tick) => {
    sum += t.price;
  });
  for (const errorMode of ['log', 'collect'] as const) {
    const bus = new EventBus<{ tick: Tick }>({ errorMode });
    bus.on('tick', (t) => {
      sum += t.price;
    });
    await compareOps({
      suite: 'events',
      name: `EventBus.emit, one listener (errorMode '${errorMode}')`,
      baselineName: 'eventemitter3 emit',
      subject: () => bus.emit('tick', tick),
      baseline: () => bare.emit('tick', tick),
      goal: { text: '≤ 1.5× eventemitter3', check: (s, b) => s <= 1.5 * b },
    });
  }
  if (sum === -1) console.log(sum);
}
