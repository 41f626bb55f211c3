// The lifecycle every venue simulator built on the harness shares: it owns one Sim, forwards the
// Sim's addresses, faults and stats, and closes once — its own timers and connections first, then
// the Sim — however many times close() or `await using` ask. Venue rules live in the subclasses.
import type { Sim, SimFaults, SimStats } from './types.js';

/** A venue simulator running on one {@link Sim}; subclasses say how to stop their own work. */
export abstract class SimVenue implements AsyncDisposable {
  /** The harness this venue runs on (routes, faults, stats). */
  readonly sim: Sim;
  #closed: Promise<void> | undefined;

  /** Wraps a started Sim; the venue now owns it and closes it in {@link close}. */
  constructor(sim: Sim) {
    this.sim = sim;
  }

  /** The loopback port. */
  get port(): number {
    return this.sim.port;
  }
  /** `http://127.0.0.1:PORT`. */
  get httpUrl(): string {
    return this.sim.httpUrl;
  }
  /** `ws://127.0.0.1:PORT`. */
  get wsUrl(): string {
    return this.sim.wsUrl;
  }
  /** The harness's fault injection. */
  get faults(): SimFaults {
    return this.sim.faults;
  }
  /** The harness's counters. */
  get stats(): SimStats {
    return this.sim.stats;
  }

  /** Simulator time (the clock plus any injected skew). */
  now(): number {
    return this.sim.now();
  }

  /** Stops the venue's work, then closes the Sim; later calls return the same promise. */
  close(): Promise<void> {
    this.#closed ??= this.#shutdown();
    return this.#closed;
  }

  /** Same as {@link close}, for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Stops the venue's own timers and streams; runs once, before the Sim closes. */
  protected abstract stopVenue(): void;

  async #shutdown(): Promise<void> {
    this.stopVenue();
    await this.sim.close();
  }
}

/** Builds a venue's parts on a freshly started `sim`; if building throws, the Sim is closed
 *  (the port released) before the error is rethrown. */
export async function buildOnSim<T>(sim: Sim, build: () => T): Promise<T> {
  try {
    return build();
  } catch (error) {
    await sim.close();
    throw error;
  }
}
