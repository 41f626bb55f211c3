import { describe, expect, it } from 'vitest';
import { EventBus, type Logger, ValidationError } from '@venuekit/base';

interface Events {
  tick: { symbol: string; price: number };
  connected: undefined;
  text: string;
}

function captureLogger(lines: string[]): Logger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    lines.push(
      `${level} ${message}: ${fields?.error instanceof Error ? fields.error.message : String(fields?.error)}`,
    );
  const logger: Logger = {
    trace: log('trace'),
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: () => logger,
  };
  return logger;
}

const settle = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('EventBus callback mode', () => {
  it('calls listeners in registration order with the typed payload', () => {
    const bus = new EventBus<Events>();
    const seen: string[] = [];
    bus.on('tick', (t) => seen.push(`a:${t.symbol}:${t.price}`));
    bus.on('tick', (t) => seen.push(`b:${t.symbol}`));
    bus.on('connected', () => seen.push('connected'));
    expect(bus.emit('tick', { symbol: 'BTC/USDT', price: 1 })).toEqual([]);
    bus.emit('connected');
    expect(seen).toEqual(['a:BTC/USDT:1', 'b:BTC/USDT', 'connected']);
  });

  it('ignores a second registration of the same handler', () => {
    const bus = new EventBus<Events>();
    let calls = 0;
    const handler = (): void => {
      calls++;
    };
    bus.on('text', handler);
    bus.on('text', handler);
    bus.once('text', handler);
    expect(bus.listenerCount('text')).toBe(1);
    bus.emit('text', 'x');
    expect(calls).toBe(1);
  });

  it('once() fires a single time', () => {
    const bus = new EventBus<Events>();
    const seen: string[] = [];
    const sub = bus.once('text', (t) => seen.push(t));
    expect(sub.active).toBe(true);
    bus.emit('text', 'a');
    bus.emit('text', 'b');
    expect(seen).toEqual(['a']);
    expect(sub.active).toBe(false);
    expect(bus.hasListeners('text')).toBe(false);
  });

  it('off() removes one handler or all; subscriptions are disposable', () => {
    const bus = new EventBus<Events>();
    const seen: string[] = [];
    const a = (t: string): void => {
      seen.push(`a${t}`);
    };
    const b = (t: string): void => {
      seen.push(`b${t}`);
    };
    bus.on('text', a);
    bus.on('text', b);
    bus.off('text', a);
    bus.emit('text', '1');
    bus.off('text');
    bus.emit('text', '2');
    {
      using _sub = bus.on('text', a);
      bus.emit('text', '3');
    }
    bus.emit('text', '4');
    expect(seen).toEqual(['b1', 'a3']);
    // an old subscription does not remove a later registration of the same handler
    const old = bus.on('text', a);
    old.unsubscribe();
    bus.on('text', a);
    old.unsubscribe();
    bus.emit('text', '5');
    expect(seen).toEqual(['b1', 'a3', 'a5']);
  });

  it('validates handler and event', () => {
    const bus = new EventBus<Events>();
    expect(() => bus.on('text', 'nope' as never)).toThrow(ValidationError);
    expect(() => bus.on('' as 'text', () => {})).toThrow(/non-empty string or a symbol/);
    expect(() => new EventBus({ errorMode: 'ignore' as never })).toThrow(/errorMode must be/);
  });

  it('supports symbol events', () => {
    const sym = Symbol('s');
    const bus = new EventBus<{ [sym]: number }>();
    let got = 0;
    bus.on(sym, (n) => {
      got = n;
    });
    bus.emit(sym, 7);
    expect(got).toBe(7);
  });
});

describe('EventBus error modes', () => {
  const boom = (): void => {
    throw new Error('boom');
  };

  it("'collect' returns the errors thrown and keeps running later listeners", () => {
    const bus = new EventBus<Events>({ errorMode: 'collect' });
    const seen: string[] = [];
    bus.on('text', boom);
    bus.on('text', (t) => {
      seen.push(t);
    });
    const errors = bus.emit('text', 'x');
    expect(errors.map((e) => (e as Error).message)).toEqual(['boom']);
    expect(seen).toEqual(['x']);
    expect(bus.errors()).toEqual([{ event: 'text', error: errors[0] }]);
    bus.clearErrors();
    expect(bus.errors()).toEqual([]);
  });

  it("'raise' runs every listener, then rethrows the first error and logs the others", () => {
    const lines: string[] = [];
    const bus = new EventBus<Events>({ errorMode: 'raise', logger: captureLogger(lines) });
    const seen: string[] = [];
    bus.on('text', boom);
    bus.on('text', (t) => {
      seen.push(t);
    });
    bus.on('text', () => {
      throw new Error('second');
    });
    expect(() => bus.emit('text', 'x')).toThrow('boom');
    expect(seen).toEqual(['x']);
    expect(lines).toEqual(['error EventBus listener for "text" failed: second']);
  });

  it("'log' logs and returns nothing", () => {
    const lines: string[] = [];
    const bus = new EventBus<Events>({ errorMode: 'log', logger: captureLogger(lines) });
    bus.on('text', boom);
    expect(bus.emit('text', 'x')).toEqual([]);
    expect(lines).toEqual(['error EventBus listener for "text" failed: boom']);
  });

  it('handles a rejected async listener per mode, never as an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const lines: string[] = [];
      const logger = captureLogger(lines);
      const failing = async (): Promise<void> => {
        await null;
        throw new Error('async boom');
      };
      const logBus = new EventBus<Events>({ errorMode: 'log', logger });
      logBus.on('text', failing);
      logBus.emit('text', 'x');
      const collectBus = new EventBus<Events>({ errorMode: 'collect', logger });
      collectBus.on('text', failing);
      expect(collectBus.emit('text', 'x')).toEqual([]);
      const raiseBus = new EventBus<Events>({ errorMode: 'raise', logger });
      raiseBus.on('text', failing);
      expect(() => raiseBus.emit('text', 'x')).not.toThrow();
      await settle();
      expect(lines).toEqual([
        'error EventBus listener for "text" failed: async boom',
        'error EventBus listener for "text" failed: async boom',
      ]);
      expect(collectBus.errors().map((e) => (e.error as Error).message)).toEqual(['async boom']);
      expect(raiseBus.errors()).toHaveLength(1);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('emitAsync waits for async listeners and applies the mode to their errors', async () => {
    const order: string[] = [];
    const slow = async (t: string): Promise<void> => {
      await new Promise((r) => setImmediate(r));
      order.push(`slow ${t}`);
    };
    const failing = async (): Promise<void> => {
      throw new Error('async boom');
    };
    const collect = new EventBus<Events>({ errorMode: 'collect' });
    collect.on('text', slow);
    collect.on('text', failing);
    collect.on('text', () => {
      throw new Error('sync boom');
    });
    const errors = await collect.emitAsync('text', 'a');
    expect(order).toEqual(['slow a']);
    expect(errors.map((e) => (e as Error).message)).toEqual(['sync boom', 'async boom']);
    const raise = new EventBus<Events>({ errorMode: 'raise', logger: captureLogger([]) });
    raise.on('text', failing);
    await expect(raise.emitAsync('text', 'b')).rejects.toThrow('async boom');
    const lines: string[] = [];
    const log = new EventBus<Events>({ errorMode: 'log', logger: captureLogger(lines) });
    log.on('text', failing);
    expect(await log.emitAsync('text', 'c')).toEqual([]);
    expect(lines).toHaveLength(1);
  });

  it('keeps nested emits separate', () => {
    const bus = new EventBus<Events>({ errorMode: 'collect' });
    let inner: readonly unknown[] = [];
    bus.on('connected', () => {
      inner = bus.emit('text', 'nested');
      throw new Error('outer');
    });
    bus.on('text', () => {
      throw new Error('inner');
    });
    const outer = bus.emit('connected');
    expect(inner.map((e) => (e as Error).message)).toEqual(['inner']);
    expect(outer.map((e) => (e as Error).message)).toEqual(['outer']);
  });

  it('bounds the kept errors', () => {
    const bus = new EventBus<Events>({ errorMode: 'collect', maxErrors: 2 });
    bus.on('text', (t) => {
      throw new Error(t);
    });
    for (const t of ['1', '2', '3']) bus.emit('text', t);
    expect(bus.errors().map((e) => (e.error as Error).message)).toEqual(['2', '3']);
  });
});
