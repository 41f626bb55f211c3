// Loads plugin modules named in config or on a command line (`['@acme/venuekit-plugin',
// './plugins/my-venue.js']`) and registers the plugins they export. Package names are resolved
// the way the user's own code would resolve them (from `cwd`), paths against `cwd`; a missing
// module, a module that fails to load and a module without a plugin each get a ConfigError
// that says which and what to do.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError } from '../errors.js';
import {
  type ExchangeRegistry,
  registry as globalRegistry,
  type RegisterOptions,
} from './exchange-registry.js';
import { isVenuePlugin, type VenuePlugin } from './plugin.js';

/** Options of {@link loadPlugins}. */
export interface LoadPluginsOptions extends RegisterOptions {
  /** Registry to register into (default: the process-wide `registry`). */
  registry?: ExchangeRegistry | undefined;
  /** Directory relative paths and package names are resolved from (default `process.cwd()`). */
  cwd?: string | undefined;
}

/**
 * Imports each module, finds its plugin and registers it with `registry.use`. A module's plugin
 * is its default export if that is a plugin, otherwise every distinct named export made by
 * `definePlugin`. All modules are imported before anything is registered, so a bad specifier
 * leaves the registry untouched. Returns the plugins registered, in order.
 */
export async function loadPlugins(
  specifiers: readonly string[],
  options: LoadPluginsOptions = {},
): Promise<VenuePlugin[]> {
  if (!Array.isArray(specifiers) || specifiers.some((s) => typeof s !== 'string' || s.trim() === ''))
    throw new ConfigError(
      'loadPlugins: expected an array of module specifiers, package names ("@acme/venuekit-plugin") or paths ("./plugins/acme.js")',
      { details: { field: 'specifiers' } },
    );
  const cwd = options.cwd ?? process.cwd();
  const found: VenuePlugin[] = [];
  for (const specifier of specifiers) {
    const { namespace, location } = await importPluginModule(specifier, cwd);
    for (const plugin of pluginsIn(namespace, specifier, location))
      if (!found.includes(plugin)) found.push(plugin);
  }
  const target = options.registry ?? globalRegistry;
  for (const plugin of found) target.use(plugin, options);
  return found;
}

function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith('.') || isAbsolute(specifier) || specifier.startsWith('file:');
}

async function importPluginModule(
  specifier: string,
  cwd: string,
): Promise<{ namespace: Record<string, unknown>; location: string }> {
  if (isPathSpecifier(specifier)) {
    const path = specifier.startsWith('file:') ? fileURLToPath(specifier) : resolve(cwd, specifier);
    if (!existsSync(path))
      throw new ConfigError(
        `Plugin module ${JSON.stringify(specifier)} not found: no file at ${path} (relative paths are resolved against ${cwd})`,
        { details: { specifier, path } },
      );
    return { namespace: await importOrExplain(pathToFileURL(path).href, specifier, path), location: path };
  }
  // A package: first as this package would resolve it, then as the user's code in `cwd` would.
  let firstError: unknown;
  try {
    return { namespace: (await import(specifier)) as Record<string, unknown>, location: specifier };
  } catch (error) {
    if (!isNotFound(error)) throw loadFailed(specifier, specifier, error);
    firstError = error;
  }
  let path: string;
  try {
    path = createRequire(join(cwd, 'noop.js')).resolve(specifier);
  } catch {
    throw new ConfigError(
      `Plugin package ${JSON.stringify(specifier)} not found from ${cwd}: install it (npm install ${packageName(specifier)}) or pass a path such as "./plugins/my-venue.js"`,
      { details: { specifier, cwd }, cause: firstError },
    );
  }
  return { namespace: await importOrExplain(pathToFileURL(path).href, specifier, path), location: path };
}

async function importOrExplain(
  url: string,
  specifier: string,
  location: string,
): Promise<Record<string, unknown>> {
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw loadFailed(specifier, location, error);
  }
}

function loadFailed(specifier: string, location: string, error: unknown): ConfigError {
  const reason = error instanceof Error ? error.message : String(error);
  return new ConfigError(
    `Plugin module ${JSON.stringify(specifier)} (${location}) failed to load: ${reason}`,
    {
      details: { specifier, location },
      cause: error,
    },
  );
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') return true;
  return (
    error instanceof Error && /cannot find (?:package|module)|failed to (?:load|resolve)/i.test(error.message)
  );
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function pluginsIn(namespace: Record<string, unknown>, specifier: string, location: string): VenuePlugin[] {
  if (isVenuePlugin(namespace.default)) return [namespace.default];
  const plugins: VenuePlugin[] = [];
  const consider = (value: unknown): void => {
    if (isVenuePlugin(value) && !plugins.includes(value)) plugins.push(value);
  };
  for (const [name, value] of Object.entries(namespace)) if (name !== 'default') consider(value);
  // A CommonJS module imported from ESM exposes module.exports as the default export.
  const cjs = namespace.default;
  if (plugins.length === 0 && typeof cjs === 'object' && cjs !== null)
    for (const value of Object.values(cjs)) consider(value);
  if (plugins.length > 0) return plugins;
  const exported = Object.keys(namespace);
  const lookalike = exported.find((name) => looksLikePlugin(namespace[name]));
  const hint =
    lookalike === undefined
      ? ''
      : ` Export ${JSON.stringify(lookalike)} looks like a plugin but was not made with definePlugin().`;
  throw new ConfigError(
    `Plugin module ${JSON.stringify(specifier)} (${location}) exports no venuekit plugin: export one made with definePlugin(), e.g. \`export default definePlugin({ name, version, feeds, signers })\`.${hint} Exports found: ${listExports(exported)}`,
    { details: { specifier, location, exports: exported } },
  );
}

function listExports(names: string[]): string {
  if (names.length === 0) return '(none)';
  return names.length > 12
    ? `${names.slice(0, 12).join(', ')}, … (${names.length} in all)`
    : names.join(', ');
}

function looksLikePlugin(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && 'name' in value && ('feeds' in value || 'signers' in value)
  );
}
