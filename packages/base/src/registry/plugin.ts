// Plugins: how a venue (ours or a user's) plugs into a registry. A plugin is a plain, frozen
// object made by `definePlugin`, which checks its shape with zod and says exactly what is wrong.
// Plugins carry a brand (a registered symbol, so it survives duplicate copies of this package)
// that lets `loadPlugins` find them among a module's exports.
import { z } from 'zod';
import type { Signer } from '../auth/types.js';
import type { FeedFactory } from '../feed/types.js';
import { parseOrThrow } from '../models/schema-errors.js';
import { FEED_ID_EXPECTATION, FEED_ID_PATTERN } from './feed-id.js';

/** The brand `definePlugin` puts on every plugin (`Symbol.for('venuekit.plugin')`). */
export const PLUGIN_BRAND: unique symbol = Symbol.for('venuekit.plugin') as never;

/** What `definePlugin` accepts. */
export interface PluginDefinition {
  /** Package-style name (`'acme'`, `'@acme/venuekit-plugin'`). */
  name: string;
  /** Semantic version (`'1.2.0'`); the same name and version is treated as the same plugin. */
  version: string;
  /** Feed factories by feed id (`ACME___SPOT`). */
  feeds?: Readonly<Record<string, FeedFactory>> | undefined;
  /** Signers the plugin provides, picked by host (`signerForHost`) or by name (`getSigner`). */
  signers?: readonly Signer[] | undefined;
}

/** A validated, frozen plugin. Register it with `registry.use(plugin)`. */
export interface VenuePlugin {
  readonly name: string;
  readonly version: string;
  readonly feeds: Readonly<Record<string, FeedFactory>>;
  readonly signers: readonly Signer[];
}

const isFunction = (what: string) =>
  z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', {
    error: (issue) => `expected ${what}, got ${issue.input === null ? 'null' : typeof issue.input}`,
  });

const hostSchema = z
  .string()
  .regex(/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?::\d{1,5})?$/, {
    error: (issue) =>
      `expected a bare lower-case host such as "api.acme.com" or "127.0.0.1:8080" (no scheme, path or wildcard), got ${JSON.stringify(issue.input)}`,
  });

const signerSchema = z.looseObject({
  name: z.string().regex(/^[\w.@/-]+$/, { error: 'expected a non-empty name without spaces, e.g. "acme"' }),
  hosts: z.array(hostSchema, { error: 'expected an array of hosts, e.g. ["api.acme.com"]' }),
  bodyEncoding: z.enum(['json', 'form']).optional(),
  sign: isFunction('a function (req, credentials, ctx) => req'),
});

const pluginSchema = z
  .strictObject({
    name: z.string().regex(/^(?:@[\w.-]+\/)?[\w.-]+$/, {
      error: 'expected a package-style name such as "acme" or "@acme/venuekit-plugin"',
    }),
    version: z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, {
      error: 'expected a semantic version such as "1.0.0"',
    }),
    feeds: z
      .record(
        z.string().regex(FEED_ID_PATTERN, { error: FEED_ID_EXPECTATION }),
        isFunction('a feed factory (options) => feed'),
        {
          error:
            'expected an object mapping feed ids to factories, e.g. { ACME___SPOT: (options) => new AcmeFeed(options) }',
        },
      )
      .optional(),
    signers: z.array(signerSchema, { error: 'expected an array of signers' }).optional(),
  })
  .superRefine((plugin, ctx) => {
    const names = new Map<string, number>();
    const hosts = new Map<string, number>();
    plugin.signers?.forEach((signer, i) => {
      const first = names.get(signer.name);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['signers', i, 'name'],
          message: `"${signer.name}" is also the name of signers[${first}]`,
        });
      else names.set(signer.name, i);
      signer.hosts.forEach((host, j) => {
        const owner = hosts.get(host);
        if (owner !== undefined && owner !== i)
          ctx.addIssue({
            code: 'custom',
            path: ['signers', i, 'hosts', j],
            message: `"${host}" is already claimed by signers[${owner}]`,
          });
        else hosts.set(host, i);
      });
    });
  });

/**
 * Defines a plugin: validates its shape and returns it frozen and branded. Throws `ConfigError`
 * naming each wrong field and the form it expects (`feeds.acme_spot: expected VENUE___MARKET …`).
 * Signers and factories are kept as given (by reference), not copied.
 */
export function definePlugin(definition: PluginDefinition): VenuePlugin {
  if (isVenuePlugin(definition)) return definition;
  parseOrThrow(pluginSchema, definition, `plugin ${describeName(definition)}`, 'config');
  const plugin: VenuePlugin = {
    name: definition.name,
    version: definition.version,
    feeds: Object.freeze({ ...(definition.feeds ?? {}) }),
    signers: Object.freeze([...(definition.signers ?? [])]),
  };
  Object.defineProperty(plugin, PLUGIN_BRAND, { value: true });
  return Object.freeze(plugin);
}

/** Throws `ConfigError` naming each wrong field unless `signer` has the shape of a `Signer`. */
export function assertSigner(signer: Signer): void {
  parseOrThrow(signerSchema, signer, `signer ${describeName(signer)}`, 'config');
}

/** True for plugins made by {@link definePlugin} (by any copy of this package). */
export function isVenuePlugin(value: unknown): value is VenuePlugin {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [PLUGIN_BRAND]?: unknown })[PLUGIN_BRAND] === true
  );
}

function describeName(definition: unknown): string {
  const name = (definition as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? JSON.stringify(name) : '(unnamed)';
}
