// formatDecimal ns/op beside `Number#toFixed` (the float formatting it replaces, which can print
// the wrong decimal), and registry.createFeed beside calling the factory directly.
import { BaseFeed, ExchangeRegistry, type FeedOptions, formatDecimal } from '@venuekit/base';
import { compareOps } from '../../../tooling/bench/harness.js';

const SUITE = 'base/models';
const prices = Array.from({ length: 1024 }, (_, i) => 43_000 + i * 1.2345678);
const quantities = Array.from({ length: 1024 }, (_, i) => 0.001 + i * 0.000137);
let i = 0;
let sink = 0;

class BenchFeed extends BaseFeed {
  constructor(options: FeedOptions) {
    super({ id: 'BENCH___SPOT', venue: 'bench', options });
  }
}

export default async function (): Promise<void> {
  const under300 = { text: '≤ 300 ns', check: (ns: number) => ns <= 300 };

  await compareOps({
    suite: SUITE,
    name: "formatDecimal(price, 0.01, 'round')",
    baselineName: 'price.toFixed(2)',
    subject: () => {
      sink += formatDecimal(prices[i++ & 1023]!, 0.01, 'round').length;
    },
    baseline: () => {
      sink += prices[i++ & 1023]!.toFixed(2).length;
    },
    goal: under300,
  });

  await compareOps({
    suite: SUITE,
    name: "formatDecimal(price, '0.5', 'floor')",
    baselineName: 'price.toFixed(1)',
    subject: () => {
      sink += formatDecimal(prices[i++ & 1023]!, '0.5', 'floor').length;
    },
    baseline: () => {
      sink += prices[i++ & 1023]!.toFixed(1).length;
    },
    goal: under300,
  });

  await compareOps({
    suite: SUITE,
    name: "formatDecimal(qty, 1e-8, 'floor')",
    baselineName: 'qty.toFixed(8)',
    subject: () => {
      sink += formatDecimal(quantities[i++ & 1023]!, 1e-8, 'floor').length;
    },
    baseline: () => {
      sink += quantities[i++ & 1023]!.toFixed(8).length;
    },
    goal: under300,
  });

  const registry = ExchangeRegistry.createIsolated();
  const factory = (options: FeedOptions) => new BenchFeed(options);
  registry.registerFeed('BENCH___SPOT', factory);
  const options: FeedOptions = { environment: 'testnet' };
  await compareOps({
    suite: SUITE,
    name: 'registry.createFeed(id, options)',
    baselineName: 'factory(options)',
    subject: () => {
      sink += registry.createFeed('BENCH___SPOT', options).id.length;
    },
    baseline: () => {
      sink += factory(options).id.length;
    },
    goal: { text: '≤ 1.2× the factory call', check: (s, b) => s <= b * 1.2 },
  });

  if (sink === 42) console.log(sink);
}
