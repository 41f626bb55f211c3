// The HTTP route table of a simulator: exact paths, one handler per method (or `*` for any).
import type { SimHttpHandler } from './types.js';

/** Maps `(method, path)` to a handler. Registering the same pair again replaces the handler. */
export class HttpRouter {
  readonly #byPath = new Map<string, Map<string, SimHttpHandler>>();

  /** Serves `handler` for `method` (case-insensitive; `'*'` = any method) on exactly `path`. */
  route(method: string, path: string, handler: SimHttpHandler): void {
    if (!path.startsWith('/'))
      throw new TypeError(`route(method, path): path must start with '/', got '${path}'`);
    let methods = this.#byPath.get(path);
    if (methods === undefined) {
      methods = new Map();
      this.#byPath.set(path, methods);
    }
    methods.set(method.toUpperCase(), handler);
  }

  /** The handler for `method` on `path`, falling back to a `*` handler; undefined when none. */
  find(method: string, path: string): SimHttpHandler | undefined {
    const methods = this.#byPath.get(path);
    if (methods === undefined) return undefined;
    return methods.get(method) ?? methods.get('*');
  }

  /** Methods served on `path` (for the 404 message). */
  methodsFor(path: string): string[] {
    return [...(this.#byPath.get(path)?.keys() ?? [])];
  }
}
