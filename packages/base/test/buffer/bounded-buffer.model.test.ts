// BoundedBuffer, the primitive behind every stream in base: any sequence of push / next / close /
// fail / return / abort under each overflow policy (keyed and unkeyed conflate, with and without
// drainOnFailure) gives exactly what a plain-array model of the documented rules gives; plus the
// rules a model hides: when onEnd runs, who gets a failure, growth of the ring.
import {
  BoundedBuffer,
  type BoundedBufferOptions,
  BufferOverflowError,
  type OverflowPolicy,
} from '@venuekit/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

interface Item {
  k: number;
  v: number;
}

type Op =
  | { kind: 'push'; k: number }
  | { kind: 'next' }
  | { kind: 'close' }
  | { kind: 'fail' }
  | { kind: 'return' }
  | { kind: 'abort' };

type Outcome = { value: number } | 'done' | { error: unknown };

/** The documented rules, on a plain array. */
class Model {
  items: Item[] = [];
  waiters: number[] = [];
  closing = false;
  ended = false;
  failed = false;
  failure: unknown;
  dropped = 0;
  conflated = 0;
  outcomes = new Map<number, Outcome>();

  constructor(
    readonly capacity: number,
    readonly policy: OverflowPolicy,
    readonly keyed: boolean,
    readonly drainOnFailure: boolean,
  ) {}

  push(item: Item): boolean | 'overflow' {
    if (this.closing) return false;
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      this.outcomes.set(waiter, { value: item.v });
      return true;
    }
    if (this.policy === 'conflate' && this.keyed) {
      const at = this.items.findIndex((i) => i.k === item.k);
      if (at >= 0) {
        this.items[at] = item;
        this.conflated++;
        return true;
      }
      if (this.items.length === this.capacity) {
        this.items.shift();
        this.dropped++;
      }
      this.items.push(item);
      return true;
    }
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return true;
    }
    this.dropped++;
    if (this.policy === 'dropOldest') {
      this.items.shift();
      this.items.push(item);
      return true;
    }
    if (this.policy === 'conflate') {
      this.items[this.items.length - 1] = item;
      return true;
    }
    if (this.policy === 'dropNewest') return false;
    return 'overflow';
  }

  next(id: number): void {
    const item = this.items.shift();
    if (item !== undefined) this.outcomes.set(id, { value: item.v });
    else if (this.failed) {
      this.outcomes.set(id, { error: this.failure });
      this.failed = false;
      this.finish();
    } else if (this.closing) {
      this.outcomes.set(id, 'done');
      this.finish();
    } else this.waiters.push(id);
  }

  close(): void {
    if (this.closing) return;
    this.closing = true;
    if (this.items.length === 0) this.finish();
  }

  fail(error: unknown): void {
    if (this.closing) return;
    this.closing = true;
    if (!this.drainOnFailure) this.items = [];
    const waiter = this.waiters.shift();
    if (waiter !== undefined) {
      this.outcomes.set(waiter, { error });
      this.finish();
    } else {
      this.failed = true;
      this.failure = error;
    }
  }

  discard(): void {
    this.items = [];
    this.failed = false;
    this.closing = true;
    this.finish();
  }

  finish(): void {
    this.ended = true;
    for (const waiter of this.waiters.splice(0)) this.outcomes.set(waiter, 'done');
  }
}

const ops = fc.array(
  fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({ kind: fc.constant('push' as const), k: fc.integer({ min: 0, max: 5 }) }),
    },
    { weight: 4, arbitrary: fc.constant({ kind: 'next' as const }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Op>(
        { kind: 'close' },
        { kind: 'fail' },
        { kind: 'return' },
        { kind: 'abort' },
      ),
    },
  ),
  { maxLength: 300 },
);

const setups = fc.record({
  capacity: fc.integer({ min: 1, max: 40 }),
  policy: fc.constantFrom<OverflowPolicy>('conflate', 'dropOldest', 'dropNewest', 'error'),
  keyed: fc.boolean(),
  drainOnFailure: fc.boolean(),
});

describe('BoundedBuffer against a model', () => {
  it('any sequence of push/next/close/fail/return/abort under each policy matches the model', async () => {
    await fc.assert(
      fc.asyncProperty(setups, ops, async ({ capacity, policy, keyed, drainOnFailure }, sequence) => {
        const model = new Model(capacity, policy, keyed, drainOnFailure);
        const controller = new AbortController();
        let ends = 0;
        const options: BoundedBufferOptions<Item> = {
          capacity,
          policy,
          drainOnFailure,
          signal: controller.signal,
          onEnd: () => ends++,
        };
        if (policy === 'conflate') options.keyOf = keyed ? (i) => i.k : null;
        const buffer = new BoundedBuffer<Item>(options);
        const reads = new Map<number, Promise<Outcome>>();
        let serial = 0;
        for (const op of sequence) {
          if (op.kind === 'push') {
            const item = { k: op.k, v: serial++ };
            const expected = model.push(item);
            if (expected === 'overflow') {
              expect(buffer.push(item)).toBe(false);
              model.fail(undefined);
              if (!drainOnFailure) expect(buffer.size).toBe(0);
            } else expect(buffer.push(item)).toBe(expected);
          } else if (op.kind === 'next') {
            const id = serial++;
            reads.set(
              id,
              buffer.next().then(
                (r): Outcome => (r.done ? 'done' : { value: r.value.v }),
                (error: unknown): Outcome => ({ error }),
              ),
            );
            model.next(id);
          } else if (op.kind === 'close') {
            buffer.close();
            model.close();
          } else if (op.kind === 'fail') {
            const error = new Error(`fail ${serial++}`);
            buffer.fail(error);
            model.fail(error);
          } else if (op.kind === 'return') {
            await buffer.return();
            model.discard();
          } else {
            controller.abort(); // heard only until the consumer reached the end
            if (!model.ended) model.discard();
          }
          expect(buffer.size).toBe(model.items.length);
          expect(buffer.dropped).toBe(model.dropped);
          expect(buffer.conflated).toBe(model.conflated);
          expect(buffer.closed).toBe(model.closing);
          expect(buffer.ended).toBe(model.ended);
          expect(buffer.waiting).toBe(model.waiters.length);
          expect(ends).toBe(model.closing ? 1 : 0);
        }
        // End what still waits, then compare every read.
        await buffer.return();
        model.discard();
        for (const [id, read] of reads) {
          const got = await read;
          const want = model.outcomes.get(id);
          if (want === undefined) expect.fail(`read ${id} has no outcome in the model`);
          else if (typeof want === 'object' && 'error' in want && want.error === undefined) {
            // The model's stand-in for the overflow error.
            expect(typeof got === 'object' && 'error' in got && got.error).toBeInstanceOf(
              BufferOverflowError,
            );
          } else expect(got).toEqual(want);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('BoundedBuffer rules', () => {
  it("'dropNewest' keeps what is buffered and refuses the arrival, counting it", async () => {
    const buffer = new BoundedBuffer<number>({ capacity: 2, policy: 'dropNewest' });
    expect([1, 2, 3, 4].map((n) => buffer.push(n))).toEqual([true, true, false, false]);
    expect(buffer.dropped).toBe(2);
    buffer.close();
    const seen: number[] = [];
    for await (const n of buffer) seen.push(n);
    expect(seen).toEqual([1, 2]);
  });

  it("unkeyed 'conflate' (keyOf: null) replaces the newest buffered item only when full", async () => {
    const buffer = new BoundedBuffer<number>({ capacity: 3, policy: 'conflate', keyOf: null });
    for (let n = 1; n <= 6; n++) buffer.push(n);
    expect(buffer.dropped).toBe(3);
    expect(buffer.conflated).toBe(0);
    expect([buffer.shift(), buffer.shift(), buffer.shift(), buffer.shift()]).toEqual([1, 2, 6, undefined]);
  });

  it('onEnd runs once, when the buffer stops accepting — before the consumer drains', async () => {
    let ends = 0;
    const buffer = new BoundedBuffer<number>({ onEnd: () => ends++ });
    buffer.push(1);
    buffer.close();
    expect(ends).toBe(1);
    expect(buffer.closed).toBe(true);
    expect(buffer.ended).toBe(false);
    expect(await buffer.next()).toEqual({ done: false, value: 1 });
    expect(await buffer.next()).toEqual({ done: true, value: undefined });
    expect(buffer.ended).toBe(true);
    buffer.fail(new Error('late'));
    await buffer.return();
    expect(ends).toBe(1);
  });

  it('drainOnFailure: the consumer reads what was buffered, then the error once, then done', async () => {
    const buffer = new BoundedBuffer<number>({
      capacity: 2,
      policy: 'error',
      drainOnFailure: true,
      label: 'acme trades',
      venue: 'acme',
    });
    for (const n of [1, 2, 3]) buffer.push(n);
    expect(buffer.closed).toBe(true);
    expect((await buffer.next()).value).toBe(1);
    expect((await buffer.next()).value).toBe(2);
    const error = await buffer.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BufferOverflowError);
    expect((error as BufferOverflowError).message).toMatch(
      /^acme trades: the consumer fell behind .* 2 values/,
    );
    expect((error as BufferOverflowError).venue).toBe('acme');
    expect((error as BufferOverflowError).dropped).toBe(1);
    expect(await buffer.next()).toEqual({ done: true, value: undefined });
  });

  it('a failure goes to the first waiting read; the others end', async () => {
    const buffer = new BoundedBuffer<number>();
    const first = buffer.next();
    const second = buffer.next();
    buffer.fail(new Error('gone'));
    await expect(first).rejects.toThrow('gone');
    expect(await second).toEqual({ done: true, value: undefined });
  });

  it('abort after a failure discards it: the loop just ends', async () => {
    const controller = new AbortController();
    const buffer = new BoundedBuffer<number>({ signal: controller.signal });
    buffer.push(1);
    buffer.fail(new Error('dropped connection'));
    controller.abort();
    expect(await buffer.next()).toEqual({ done: true, value: undefined });
  });

  it('keeps order across ring growth and wrap-around, up to a large capacity', async () => {
    const buffer = new BoundedBuffer<number>({ capacity: 1000, policy: 'dropOldest' });
    const out: number[] = [];
    let n = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 37; i++) buffer.push(n++);
      for (let i = 0; i < 20; i++) out.push((await buffer.next()).value as number);
    }
    while (buffer.size > 0) out.push(buffer.shift() as number);
    expect(out).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(buffer.dropped).toBe(0);
  });

  it("'conflate' needs keyOf to say function or null; other policies ignore it", () => {
    expect(() => new BoundedBuffer({ policy: 'conflate' })).toThrow(/keyOf is required/);
    expect(() => new BoundedBuffer({ policy: 'conflate', keyOf: null })).not.toThrow();
    expect(() => new BoundedBuffer({ capacity: 2.5 })).toThrow(/^capacity: expected a positive integer/);
    expect(() => new BoundedBuffer({ policy: 'latest' as OverflowPolicy })).toThrow(
      /^policy: expected 'conflate', 'dropOldest', 'dropNewest' or 'error', got latest/,
    );
  });
});
