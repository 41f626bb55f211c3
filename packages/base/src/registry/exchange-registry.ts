// The registry: where feed factories and signers are found by id, host or name. `registry` is
// the process-wide instance venue packages register into when imported; tests and embedders use
// `ExchangeRegistry.createIsolated()` for a private, empty one (like Fastify instances), so no
// test leaks registrations into another.
import type { Signer } from '../auth/types.js';
import { ConfigError, ExchangeNotFoundError } from '../errors.js';
import type { FeedFactory, FeedOptions, VenueFeed } from '../feed/types.js';
import { closestMatch } from './closest-match.js';
import { assertFeedId, FEED_ID_EXPECTATION, isFeedId } from './feed-id.js';
import {
  assertSigner,
  definePlugin,
  isVenuePlugin,
  type PluginDefinition,
  type VenuePlugin,
} from './plugin.js';

/** Options of registrations. */
export interface RegisterOptions {
  /** Take over ids, signer names and hosts already registered by someone else (default false). */
  replace?: boolean | undefined;
}

/** A registered plugin, as {@link ExchangeRegistry.listPlugins} reports it. */
export interface PluginInfo {
  readonly name: string;
  readonly version: string;
}

/** Who registered an entry: a plugin (`name@version`) or a direct call (`undefined`). */
type Owner = string | undefined;
interface FeedEntry {
  readonly factory: FeedFactory;
  readonly owner: Owner;
}
interface SignerEntry {
  readonly signer: Signer;
  readonly owner: Owner;
}

const LISTED_IDS = 40;

/** Feed factories by id, signers by name and host, and the plugins that brought them. */
export class ExchangeRegistry {
  readonly #feeds = new Map<string, FeedEntry>();
  readonly #signers = new Map<string, SignerEntry>();
  readonly #hosts = new Map<string, Signer>();
  readonly #plugins = new Map<string, VenuePlugin>();

  /** A new, empty registry, independent of the process-wide `registry`. Use one per test. */
  static createIsolated(): ExchangeRegistry {
    return new ExchangeRegistry();
  }

  /**
   * Registers a feed factory under `id` (`VENUE___MARKET`). An id already registered is refused
   * with `ConfigError` unless `{ replace: true }`; registering the same factory again is a no-op.
   */
  registerFeed(id: string, factory: FeedFactory, options: RegisterOptions = {}): this {
    assertFeedId(id);
    if (typeof factory !== 'function')
      throw new ConfigError(
        `feed factory for ${id}: expected a function (options) => feed, got ${typeof factory}`,
        {
          details: { feed: id },
        },
      );
    const existing = this.#feeds.get(id);
    if (existing !== undefined && existing.factory !== factory && options.replace !== true)
      throw new ConfigError(
        `Feed id ${id} is already registered${existing.owner === undefined ? '' : ` by plugin ${existing.owner}`}; pass { replace: true } to replace it`,
        { details: { feed: id, owner: existing.owner } },
      );
    this.#feeds.set(id, { factory, owner: undefined });
    return this;
  }

  /** Removes the feed registered under `id`; true if there was one. */
  unregisterFeed(id: string): boolean {
    return this.#feeds.delete(id);
  }

  /** True if a feed is registered under `id`. */
  hasFeed(id: string): boolean {
    return this.#feeds.has(id);
  }

  /** Registered feed ids, sorted. */
  listFeeds(): string[] {
    return [...this.#feeds.keys()].sort();
  }

  /**
   * Creates the feed registered under `id` with `options`. An unknown id throws
   * `ExchangeNotFoundError` listing the known ids and the closest one. The type parameter only
   * narrows the result for callers who know the venue package's feed class.
   */
  createFeed<F extends VenueFeed = VenueFeed>(id: string, options: FeedOptions = {}): F {
    const entry = this.#feeds.get(id);
    if (entry === undefined) throw this.#notFound(id);
    const feed = entry.factory(options) as F | null | undefined;
    if (typeof feed !== 'object' || feed === null || typeof feed.connect !== 'function')
      throw new ConfigError(
        `The factory registered for ${id}${entry.owner === undefined ? '' : ` (plugin ${entry.owner})`} did not return a feed (an object with connect(), capabilities, …)`,
        { details: { feed: id, owner: entry.owner } },
      );
    return feed;
  }

  /**
   * Registers a plugin's feeds and signers. Idempotent: using the same plugin again (the same
   * object, or the same name and version) changes nothing. Refused with `ConfigError`, before
   * anything is registered, when another version of the plugin is in use or an id, signer name
   * or host belongs to someone else, unless `{ replace: true }`: then the older version's entries
   * are removed and the conflicting ones taken over. Plain objects are validated by `definePlugin`.
   */
  use(plugin: VenuePlugin | PluginDefinition, options: RegisterOptions = {}): this {
    const checked = isVenuePlugin(plugin) ? plugin : definePlugin(plugin as PluginDefinition);
    const owner = pluginKey(checked);
    const previous = this.#plugins.get(checked.name);
    if (previous !== undefined && pluginKey(previous) === owner) return this;
    const conflicts: string[] = [];
    if (previous !== undefined)
      conflicts.push(`plugin ${checked.name} is already registered at version ${previous.version}`);
    for (const id of Object.keys(checked.feeds)) {
      const entry = this.#feeds.get(id);
      if (entry !== undefined && entry.owner !== owner && !ownedBy(entry.owner, previous))
        conflicts.push(`feed ${id} is registered ${describeOwner(entry.owner)}`);
    }
    for (const signer of checked.signers) {
      const entry = this.#signers.get(signer.name);
      if (entry !== undefined && entry.owner !== owner && !ownedBy(entry.owner, previous))
        conflicts.push(`signer "${signer.name}" is registered ${describeOwner(entry.owner)}`);
      for (const host of signer.hosts) {
        const holder = this.#hosts.get(host.toLowerCase());
        if (holder === undefined) continue;
        const holderOwner = this.#signers.get(holder.name)?.owner;
        if (holder.name !== signer.name && holderOwner !== owner && !ownedBy(holderOwner, previous))
          conflicts.push(`host ${host} is signed by "${holder.name}" ${describeOwner(holderOwner)}`);
      }
    }
    if (conflicts.length > 0 && options.replace !== true)
      throw new ConfigError(
        `Cannot use plugin ${owner}: ${conflicts.join('; ')}. Pass { replace: true } to replace them`,
        { details: { plugin: owner, conflicts } },
      );
    if (previous !== undefined) this.#removeOwner(pluginKey(previous));
    for (const [id, factory] of Object.entries(checked.feeds)) this.#feeds.set(id, { factory, owner });
    for (const signer of checked.signers) this.#setSigner(signer, owner);
    this.#plugins.set(checked.name, checked);
    return this;
  }

  /** Plugins in use, sorted by name. */
  listPlugins(): PluginInfo[] {
    return [...this.#plugins.values()]
      .map(({ name, version }) => ({ name, version }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Registers a single signer (outside a plugin). Name or host clashes are refused unless `{ replace: true }`. */
  registerSigner(signer: Signer, options: RegisterOptions = {}): this {
    assertSigner(signer);
    const existing = this.#signers.get(signer.name);
    const clashes: string[] = [];
    if (existing !== undefined && existing.signer !== signer)
      clashes.push(`signer "${signer.name}" is already registered`);
    for (const host of signer.hosts) {
      const holder = this.#hosts.get(host.toLowerCase());
      if (holder !== undefined && holder.name !== signer.name)
        clashes.push(`host ${host} is signed by "${holder.name}"`);
    }
    if (clashes.length > 0 && options.replace !== true)
      throw new ConfigError(
        `Cannot register signer "${signer.name}": ${clashes.join('; ')}. Pass { replace: true } to replace`,
        {
          details: { signer: signer.name, conflicts: clashes },
        },
      );
    this.#setSigner(signer, undefined);
    return this;
  }

  /** The signer that declared `host` (exact, case-insensitive; include the port if the signer did), or undefined. */
  signerForHost(host: string): Signer | undefined {
    return this.#hosts.get(host.toLowerCase());
  }

  /** The signer named `name`, or undefined. */
  getSigner(name: string): Signer | undefined {
    return this.#signers.get(name)?.signer;
  }

  /** The signer named `name`; throws `ConfigError` listing the known names and the closest one. */
  requireSigner(name: string): Signer {
    const signer = this.getSigner(name);
    if (signer !== undefined) return signer;
    const known = this.listSigners();
    const closest = closestMatch(name, known);
    throw new ConfigError(
      known.length === 0
        ? `No signer named "${name}": no signers are registered (signers arrive with venue plugins)`
        : `No signer named "${name}". Closest: "${closest}". Known signers: ${known.join(', ')}`,
      { details: { signer: name, known, closest } },
    );
  }

  /** Names of registered signers, sorted. */
  listSigners(): string[] {
    return [...this.#signers.keys()].sort();
  }

  #setSigner(signer: Signer, owner: Owner): void {
    const previous = this.#signers.get(signer.name);
    if (previous !== undefined) this.#dropSignerHosts(previous.signer);
    for (const host of signer.hosts) {
      const key = host.toLowerCase();
      const holder = this.#hosts.get(key);
      // A host taken from another signer leaves that signer registered for its other hosts.
      if (holder !== undefined && holder !== signer) this.#hosts.delete(key);
      this.#hosts.set(key, signer);
    }
    this.#signers.set(signer.name, { signer, owner });
  }

  #dropSignerHosts(signer: Signer): void {
    for (const host of signer.hosts) {
      const key = host.toLowerCase();
      if (this.#hosts.get(key) === signer) this.#hosts.delete(key);
    }
  }

  #removeOwner(owner: string): void {
    for (const [id, entry] of this.#feeds) if (entry.owner === owner) this.#feeds.delete(id);
    for (const [name, entry] of this.#signers)
      if (entry.owner === owner) {
        this.#dropSignerHosts(entry.signer);
        this.#signers.delete(name);
      }
  }

  #notFound(id: string): ExchangeNotFoundError {
    const known = this.listFeeds();
    // A well-formed id is most likely a wrong market of a known venue: suggest from that venue first.
    const venuePrefix = isFeedId(id) ? id.slice(0, id.indexOf('___') + 3) : undefined;
    const sameVenue = venuePrefix === undefined ? [] : known.filter((k) => k.startsWith(venuePrefix));
    const closest = closestMatch(String(id), sameVenue.length > 0 ? sameVenue : known);
    const shape = isFeedId(id)
      ? ''
      : ` (feed ids look like VENUE___MARKET: ${FEED_ID_EXPECTATION.replace(/^expected VENUE___MARKET: /, '')})`;
    const listed =
      known.length > LISTED_IDS
        ? `${known.slice(0, LISTED_IDS).join(', ')}, … (${known.length} in all)`
        : known.join(', ');
    const message =
      known.length === 0
        ? `No feed registered under ${JSON.stringify(id)}${shape}: this registry has no feeds. Import a venue package (importing it registers its plugin into the global registry) or call registry.use(plugin)`
        : `No feed registered under ${JSON.stringify(id)}${shape}. Did you mean ${closest}? Known feed ids: ${listed}`;
    return new ExchangeNotFoundError(message, {
      venue: isFeedId(id) ? id.slice(0, id.indexOf('___')).toLowerCase() : undefined,
      details: { id, known, closest },
    });
  }
}

function pluginKey(plugin: PluginInfo): string {
  return `${plugin.name}@${plugin.version}`;
}

function ownedBy(owner: Owner, plugin: VenuePlugin | undefined): boolean {
  return plugin !== undefined && owner === pluginKey(plugin);
}

function describeOwner(owner: Owner): string {
  return owner === undefined ? 'directly (not by a plugin)' : `by plugin ${owner}`;
}

/**
 * The process-wide registry. Importing a venue package registers its plugin here once; user
 * plugins can be added with `registry.use(plugin)` or `loadPlugins([...])`.
 */
export const registry: ExchangeRegistry = /* @__PURE__ */ ExchangeRegistry.createIsolated();
