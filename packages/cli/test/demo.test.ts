// `venuekit demo` as users run it: a child process (node + tsx on the TypeScript sources) that
// starts the Binance and Bybit simulators, streams both for 3 seconds side by side, places and
// cancels an order on each, and exits 0 with one aligned view line per second; the same demo for
// one venue through `main` in this process (so coverage sees the demo's code). Plus the command
// line's own rules: usage errors exit 2 with a message, failures become one or two plain lines,
// never a stack.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { NetworkError, OrderNotFoundError } from '@venuekit/base';
import { DemoVenueError, describeDemoFailure, LiveView, main, parseDemoArgs, ViewTable } from '@venuekit/cli';
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

describe('venuekit demo (child process, simulators)', () => {
  it('shows Binance and Bybit side by side for 3 s, an order placed and cancelled on each, and exits 0', async () => {
    const { code, stdout, stderr } = await runCli(['demo', '--', '--seconds', '3']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('venuekit demo — Binance and Bybit simulators in this process, side by side');
    expect(lines[1]).toMatch(
      /^ {2}Binance {2}BINANCE___SPOT → Binance simulator at http:\/\/127\.0\.0\.1:\d+$/,
    );
    expect(lines[2]).toMatch(/^ {2}Bybit {4}BYBIT___SPOT {3}→ Bybit simulator at http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines[3]).toBe(
      'watching BTCUSDT (BTC/USDT) for 3 s: local order book + trades, an order placed and cancelled on each venue',
    );
    expect(lines[4]).toMatch(/^ +── Binance BTCUSDT ─+ │ ── Bybit BTCUSDT ─+$/);
    const columns = String.raw`\s+bid\s+ask\s+spread\s+upd/s\s+trd/s`;
    expect(lines[5]).toMatch(new RegExp(`^time${columns} │${columns}$`));
    // Both venues' blocks start at the same column in the title, the names and every view line.
    const divider = lines[4]!.indexOf('│');
    expect(lines[5]!.indexOf('│')).toBe(divider);
    const block = String.raw`\s+([\d.]+)\s+([\d.]+)\s+([\d.]+) \([\d.e-]+bp\)\s+(\d+)\s+(\d+)`;
    const view = lines.filter((l) => /^\s+\d+s\s/.test(l));
    expect(view).toHaveLength(3);
    for (const [i, line] of view.entries()) {
      expect(line.indexOf('│')).toBe(divider);
      const m = new RegExp(`^\\s+(\\d+)s${block} │${block}$`).exec(line);
      expect(m, line).not.toBeNull();
      expect(Number(m![1])).toBe(i + 1);
      for (const at of [2, 7]) {
        const [bid, ask, spread, updates] = m!.slice(at, at + 4).map(Number) as [
          number,
          number,
          number,
          number,
        ];
        expect(ask).toBeGreaterThan(bid);
        expect(spread).toBeCloseTo(ask - bid, 6);
        expect(updates).toBeGreaterThan(0);
      }
    }
    expect(stdout).toMatch(/order {2}Binance placed #\d+ buy [\d.]+ BTCUSDT @ [\d.]+ limit GTC → open/);
    expect(stdout).toMatch(/order {2}Binance cancel #\d+ → canceled/);
    expect(stdout).toMatch(/order {2}Binance user data #\d+ open/);
    expect(stdout).toMatch(/order {2}Binance user data #\d+ canceled/);
    expect(stdout).toMatch(/order {2}Bybit {3}placed #\w+ buy [\d.]+ BTCUSDT @ [\d.]+ limit → open/);
    expect(stdout).toMatch(/order {2}Bybit {3}cancel #\w+ → canceled/);
    expect(stdout).toMatch(/order {2}Bybit {3}user data #\w+ canceled/);
    expect(lines.slice(-2)).toEqual([
      expect.stringMatching(
        /^done {3}Binance 3 s: \d+ book updates, \d+ trades, order placed and cancelled$/,
      ),
      expect.stringMatching(
        /^done {3}Bybit {3}3 s: \d+ book updates, \d+ trades, order placed and cancelled$/,
      ),
    ]);
  });

  it('shows one venue with --venue bybit (in this process, through main)', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['demo', '--', '--venue', 'bybit', '--seconds', '2'], {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    const stdout = `${out.join('\n')}\n`;
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/Binance/);
    const view = stdout.split('\n').filter((l) => /^\s+\d+s\s/.test(l));
    expect(view).toHaveLength(2);
    for (const line of view) expect(line).not.toMatch(/│/);
    expect(stdout).toMatch(
      /^done {3}Bybit {3}2 s: \d+ book updates, \d+ trades, order placed and cancelled$/m,
    );
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
      venues: ['binance', 'bybit'],
      seconds: 10,
      symbol: 'BTCUSDT',
      help: false,
    });
    expect(parseDemoArgs(['--venue', 'Bybit']).venues).toEqual(['bybit']);
    expect(parseDemoArgs(['--venue', 'both']).venues).toEqual(['binance', 'bybit']);
    expect(() => parseDemoArgs(['--venue', 'okx'])).toThrow(
      '--venue: expected binance, bybit or both, got "okx"',
    );
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

  it('turns failures into plain lines that say what to do, naming the venue', () => {
    const offline = (host: string) =>
      new NetworkError(`GET https://${host}/x failed: getaddrinfo ENOTFOUND ${host}`);
    const one = describeDemoFailure(new DemoVenueError('Bybit', offline('api.bybit.com')), true);
    expect(one).toEqual([
      'venuekit demo: cannot reach Bybit — GET https://api.bybit.com/x failed: getaddrinfo ENOTFOUND api.bybit.com',
      'Check the internet connection (and any proxy or firewall in the way), or run `pnpm demo` without --live to use the local simulators.',
    ]);
    const both = describeDemoFailure(
      new AggregateError([
        new DemoVenueError('Binance', offline('api.binance.com')),
        new DemoVenueError('Bybit', offline('api.bybit.com')),
      ]),
      true,
    );
    expect(both).toHaveLength(2);
    expect(both[0]).toMatch(
      /^venuekit demo: cannot reach Binance or Bybit — GET https:\/\/api\.binance\.com/,
    );
    expect(
      describeDemoFailure(
        new DemoVenueError('Binance', new OrderNotFoundError('Unknown order sent.')),
        false,
      ),
    ).toEqual(['venuekit demo failed on Binance — OrderNotFoundError: Unknown order sent.']);
    expect(describeDemoFailure(new Error('boom'), false)).toEqual(['venuekit demo failed — boom']);
  });

  it('counts a venue per second and formats venues side by side, aligned', () => {
    const view = new LiveView();
    const book = (bid: number, ask: number) => ({
      venue: 'x',
      symbol: 'S',
      unifiedSymbol: 'S',
      bids: [[bid, 1]] as [number, number][],
      asks: [[ask, 1]] as [number, number][],
      timestamp: 0,
    });
    view.onBook(book(100, 100.2));
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
    const first = view.tick();
    expect(first).toEqual({ second: 1, bid: 100, ask: 100.2, bookUpdates: 1, trades: 1 });
    expect(view.tick()).toMatchObject({ second: 2, bookUpdates: 0, trades: 0, bid: 100 });
    expect(view.totals).toEqual({ bookUpdates: 1, trades: 1, seconds: 2 });

    const table = new ViewTable([
      { label: 'Binance', symbol: 'S', decimals: 2 },
      { label: 'Bybit', symbol: 'S', decimals: 3 },
    ]);
    const tight = { second: 1, bid: 60000, ask: 60000.01, bookUpdates: 48, trades: 7 };
    const line = table.format([first, tight]);
    expect(line).toBe(
      '  1s     100.00    100.20    0.20 (20bp)     1     1 │ 60000.000 60000.010 0.010 (0.002bp)    48     7',
    );
    const [titles, names] = table.header();
    expect(titles.indexOf('│')).toBe(line.indexOf('│'));
    expect(names.indexOf('│')).toBe(line.indexOf('│'));
    expect(
      table.format([{ second: 2, bid: undefined, ask: undefined, bookUpdates: 0, trades: 0 }, tight]),
    ).toMatch(/^ {2}2s {10}— {9}— {14}— {5}0 {5}0 │/);
  });
});
