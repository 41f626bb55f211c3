// A wait somebody awaits keeps the process alive; a background timer does not. Without the
// first, a script whose only pending work is a rate-limit wait or a retry backoff exits mid-await
// with Node's exit code 13 (an unsettled top-level await) instead of carrying on.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const source = new URL('../../src/index.ts', import.meta.url).href;

function runScript(body: string): string {
  const script = `const base = await import(${JSON.stringify(source)});\n${body}`;
  return execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    timeout: 20_000,
    encoding: 'utf8',
  }).trim();
}

describe('timers and process lifetime', () => {
  it('sleep() and a rate-limit wait keep the process alive until they finish', () => {
    const out = runScript(`
      await base.sleep(50);
      const limiter = new base.RateLimiter([{ name: 'orders', kind: 'slidingWindow', intervalMs: 200, limit: 1 }]);
      await limiter.acquire({});
      await limiter.acquire({}); // waits for the next window: only the limiter's timer is pending
      console.log('done');`);
    expect(out).toBe('done');
  });

  it('a background timer does not hold the process open', () => {
    const out = runScript(`
      base.systemClock.setTimeout(() => console.log('never'), 60_000);
      console.log('exited');`);
    expect(out).toBe('exited');
  });
});
