// How a Client finds the signer for a request: by the URL's exact host, or by name (`auth:
// 'bybit'` for testnets and simulators). The process-wide registry provides exactly these two
// methods; tests and applications can pass an isolated registry or a plain list of signers.
import type { Signer } from '../auth/types.js';

/** Finds signers by host or by name (the global `registry` is one). */
export interface SignerResolver {
  /** The signer declaring `host` (exact match, no wildcards), if any. */
  signerForHost(host: string): Signer | undefined;
  /** The signer named `name`, if any. */
  getSigner(name: string): Signer | undefined;
}

/** A resolver over a fixed list of signers (later entries win on duplicate hosts or names). */
export function signerTable(signers: readonly Signer[]): SignerResolver {
  const byHost = new Map<string, Signer>();
  const byName = new Map<string, Signer>();
  for (const signer of signers) {
    byName.set(signer.name, signer);
    for (const host of signer.hosts) byHost.set(host.toLowerCase(), signer);
  }
  return {
    signerForHost: (host) => byHost.get(host.toLowerCase()),
    getSigner: (name) => byName.get(name),
  };
}

/** True when `value` has the two resolver methods. */
export function isSignerResolver(value: unknown): value is SignerResolver {
  const candidate = value as Partial<SignerResolver> | null;
  return (
    candidate !== null &&
    typeof candidate === 'object' &&
    typeof candidate.signerForHost === 'function' &&
    typeof candidate.getSigner === 'function'
  );
}

let globalResolver: Promise<SignerResolver | undefined> | undefined;

/**
 * The process-wide registry as a resolver, loaded on first use. Imported lazily so the HTTP
 * layer does not depend on the registry at load time (and no import cycle can form); resolves
 * to `undefined` if the registry module does not export a `registry` with both methods.
 */
export function globalSignerResolver(): Promise<SignerResolver | undefined> {
  globalResolver ??= import('../registry/index.js').then(
    (mod) => {
      const registry = (mod as unknown as { registry?: unknown }).registry;
      return isSignerResolver(registry) ? registry : undefined;
    },
    () => undefined,
  );
  return globalResolver;
}
