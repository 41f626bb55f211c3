// `venuekit demo` as users run it: a child process (node + tsx on the TypeScript sources) that
// starts the Binance simulator, streams for 3 seconds, places and cancels an order, and exits 0
// with one view line per second. Plus the command line's own rules: usage errors exit 2 with a
// message, failures become one or two plain lines, never a stack.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { NetworkError, OrderNotFoundError } from '@venuekit/base';
import { describeDemoFailure, LiveView, main, parseDemoArgs } from '@venuekit/cli';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');

function runCli(
  args: string[],
  timeoutMs = 60_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@venuekit/source', '--import', 'tsx', join(root, 'packages/cli/src/bin.ts'), ...args],
      { cwd: root, timeout: timeoutMs, env: { ...process.env, NODE_OPTIONS: '' } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('venuekit demo (child process, simulator)', () => {
  it('streams for 3 s, places and cancels an order, prints a line per second and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['demo', '--', '--seconds', '3']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^venuekit demo — BINANCE___SPOT on Binance simulator at http:\/\/127\.0\.0\.1:\d+/,
    );
    expect(lines[1]).toBe('watching BTCUSDT (BTC/USDT) for 3 s: local order book + trades');
    expect(lines[2]).toMatch(/time\s+best bid\s+best ask\s+spread\s+book upd\/s\s+trades\/s/);
    const view = lines.filter((l) => /^\s+\d+s\s/.test(l));
    expect(view).toHaveLength(3);
    for (const [i, line] of view.entries()) {
      const [, second, bid, ask, spread, updates, trades] =
        /^\s+(\d+)s\s+([\d.]+)\s+([\d.]+)\s+([\d.]+) \([\d.e-]+bp\)\s+(\d+)\s+(\d+)$/.exec(line) ?? [];
      expect(Number(second)).toBe(i + 1);
      expect(Number(ask)).toBeGreaterThan(Number(bid));
      expect(Number(spread)).toBeCloseTo(Number(ask) - Number(bid), 6);
      expect(Number(updates)).toBeGreaterThan(0);
      expect(Number(trades)).toBeGreaterThanOrEqual(0);
    }
    expect(stdout).toMatch(/order {2}placed #\d+ buy [\d.]+ BTCUSDT @ [\d.]+ limit GTC → open/);
    expect(stdout).toMatch(/order {2}cancel #\d+ → canceled/);
    expect(stdout).toMatch(/order {2}user data: #\d+ open/);
    expect(stdout).toMatch(/order {2}user data: #\d+ canceled/);
    expect(lines.at(-1)).toMatch(/^done: 3 s, \d+ book updates, \d+ trades, order placed and cancelled$/);
  });
});

describe('venuekit command line', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  };

  it('parses the demo flags, ignoring the `--` pnpm passes through', () => {
    expect(parseDemoArgs(['--', '--live'])).toEqual({
      live: true,
      seconds: 10,
      symbol: 'BTCUSDT',
      help: false,
    });
    expect(parseDemoArgs(['--seconds', '2.5', '--symbol', 'eth/usdt'])).toMatchObject({
      seconds: 2.5,
      symbol: 'ETH/USDT',
    });
    expect(() => parseDemoArgs(['--liv'])).toThrow(/Unknown option '--liv'/);
    expect(() => parseDemoArgs(['--symbol', 'BTC USDT'])).toThrow(/--symbol/);
  });

  it('explains a bad command line and exits 2', async () => {
    const bad = io();
    expect(await main(['demo', '--seconds', 'soon'], bad.io)).toBe(2);
    expect(bad.err.join('\n')).toMatch(/--seconds: expected a number of seconds from 1 to 3600, got "soon"/);
    expect(bad.err.join('\n')).toMatch(/Usage: venuekit demo/);
  });

  it('prints usage, and refuses unknown commands with exit 2', async () => {
    const help = io();
    expect(await main(['help'], help.io)).toBe(0);
    expect(help.out.join('\n')).toMatch(/venuekit <command>/);
    const unknown = io();
    expect(await main(['dmeo'], unknown.io)).toBe(2);
    expect(unknown.err.join('\n')).toMatch(/unknown command "dmeo"/);
    const demoHelp = io();
    expect(await main(['demo', '--help'], demoHelp.io)).toBe(0);
    expect(demoHelp.out.join('\n')).toMatch(/--live/);
  });

  it('turns failures into plain lines that say what to do', () => {
    const offline = describeDemoFailure(
      new NetworkError(
        'GET https://api.binance.com/api/v3/time failed: getaddrinfo ENOTFOUND api.binance.com',
      ),
      true,
    );
    expect(offline[0]).toBe(
      'venuekit demo: cannot reach Binance — GET https://api.binance.com/api/v3/time failed: getaddrinfo ENOTFOUND api.binance.com',
    );
    expect(offline[1]).toMatch(/without --live to use the local simulator/);
    expect(describeDemoFailure(new OrderNotFoundError('Unknown order sent.'), false)).toEqual([
      'venuekit demo failed — OrderNotFoundError: Unknown order sent.',
    ]);
  });

  it('formats one view line per second', () => {
    const view = new LiveView(2);
    view.onBook({
      venue: 'x',
      symbol: 'S',
      unifiedSymbol: 'S',
      bids: [[100, 1]],
      asks: [[100.1, 1]],
      timestamp: 0,
    });
    view.onTrade({
      venue: 'x',
      symbol: 'S',
      unifiedSymbol: 'S',
      id: '1',
      price: 1,
      quantity: 1,
      side: 'buy',
      timestamp: 0,
    });
    expect(view.format(view.tick())).toBe(
      '   1s        100.00        100.10       0.10 (10bp)           1         1',
    );
    expect(view.tick()).toMatchObject({ second: 2, bookUpdates: 0, trades: 0, bid: 100 });
    expect(view.totals).toEqual({ bookUpdates: 1, trades: 1, seconds: 2 });
  });
});
