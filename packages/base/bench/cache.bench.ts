// TtlCache.get on a hit (TTL check + LRU bookkeeping) beside a plain Map.get over the same
// 1,024 keys. Goal: <= 2x Map.get.
import { TtlCache } from '@venuekit/base';
import { compareOps } from '../../../tooling/bench/harness.js';

export default async function (): Promise<void> {
  const keys = Array.from({ length: 1024 }, (_, i) => `BTCUSDT:${i}`);
  const cache = new TtlCache<string, number>({ ttlMs: 3_600_000, maxSize: 4096 });
  const map = new Map<string, number>();
  keys.forEach((k, i) => {
    cache.set(k, i);
    map.set(k, i);
  });
  let i = 0;
  let j = 0;
  let sink = 0;

  await compareOps({
    suite: 'cache',
    name: 'TtlCache.get hit (ttl + maxSize)',
    baselineName: 'Map.get',
    subject: () => {
      sink += cache.get(keys[i++ & 1023]!)!;
    },
    baseline: () => {
      sink += map.get(keys[j++ & 1023]!)!;
    },
    goal: { text: '≤ 2× Map.get', check: (s, b) => s <= 2 * b },
  });
  if (sink === -1) console.log(sink);
}
