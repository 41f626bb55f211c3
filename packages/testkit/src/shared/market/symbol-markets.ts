// The keyed collection behind every simulated market: one evolving book per symbol, the
// listeners its events go to, lookup with an error naming what is traded, and stepping every
// symbol (or one) n times. What one step does and publishes is the venue's, in stepSymbol().

/**
 * Per-symbol markets `M` (each with its resolved config `cfg`) and the listeners `L` their
 * events go to; subclasses fill {@link bySymbol} and say how one symbol steps.
 */
export abstract class SymbolMarkets<M extends { readonly cfg: C }, C, L> {
  /** The markets by symbol, in configuration order. */
  protected readonly bySymbol = new Map<string, M>();
  /** Registered listeners, in registration order. */
  protected readonly listeners: L[] = [];

  /** The symbols' configs, in configuration order. */
  get symbols(): C[] {
    return [...this.bySymbol.values()].map((m) => m.cfg);
  }

  /** Registers a listener; returns a function that removes it. */
  listen(listener: L): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** The market of `symbol`, or undefined when it is not traded here. */
  get(symbol: string): M | undefined {
    return this.bySymbol.get(symbol);
  }

  /** Like {@link get}, but throws a RangeError naming the traded symbols (for test controls). */
  require(symbol: string): M {
    const m = this.bySymbol.get(symbol);
    if (m === undefined)
      throw new RangeError(this.unknownSymbolMessage(symbol, [...this.bySymbol.keys()].join(', ')));
    return m;
  }

  /** Evolves `n` steps; each step steps every symbol (or only `symbol`) once. */
  step(n = 1, symbol?: string): void {
    const list = symbol === undefined ? [...this.bySymbol.values()] : [this.require(symbol)];
    for (let i = 0; i < n; i++) for (const m of list) this.stepSymbol(m);
  }

  /** One step of one symbol: evolve its book and publish what changed. */
  protected abstract stepSymbol(market: M): void;

  /** The message for an unknown `symbol`; `traded` lists the symbols, comma-separated. */
  protected abstract unknownSymbolMessage(symbol: string, traded: string): string;
}
