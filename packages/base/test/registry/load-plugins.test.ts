// loadPlugins: finds and registers plugins from modules given by path or package name, and
// explains a missing module, a module that fails to load, and a module without a plugin.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, ExchangeRegistry, loadPlugins, registry } from '@venuekit/base';
import { describe, expect, it } from 'vitest';

const fixtures = join(import.meta.dirname, 'fixtures');

describe('loadPlugins', () => {
  it('loads a default-exported plugin by a path relative to cwd and registers it', async () => {
    const target = ExchangeRegistry.createIsolated();
    const plugins = await loadPlugins(['./acme-plugin.ts'], { registry: target, cwd: fixtures });
    expect(plugins.map((p) => `${p.name}@${p.version}`)).toEqual(['acme@1.0.0']);
    expect(target.listFeeds()).toEqual(['ACME___SPOT']);
    expect(target.signerForHost('api.acme.test')?.name).toBe('acme');
    expect(target.createFeed('ACME___SPOT').venue).toBe('acme');
  });

  it('resolves relative paths against process.cwd() by default, and takes absolute paths and file URLs', async () => {
    const target = ExchangeRegistry.createIsolated();
    const fromCwd = `./${relative(process.cwd(), join(fixtures, 'acme-plugin.ts'))}`;
    await loadPlugins([fromCwd], { registry: target });
    await loadPlugins(
      [join(fixtures, 'acme-plugin.ts'), pathToFileURL(join(fixtures, 'acme-plugin.ts')).href],
      {
        registry: target,
      },
    );
    expect(target.listPlugins()).toEqual([{ name: 'acme', version: '1.0.0' }]);
  });

  it('registers every distinct named plugin export when there is no default plugin', async () => {
    const target = ExchangeRegistry.createIsolated();
    const plugins = await loadPlugins(['./named-plugins.ts'], { registry: target, cwd: fixtures });
    expect(plugins.map((p) => p.name)).toEqual(['named-spot', 'named-perp']);
    expect(target.listFeeds()).toEqual(['NAMED___PERP', 'NAMED___SPOT']);
  });

  it('registers into the process-wide registry by default', async () => {
    expect(registry.hasFeed('ACME___SPOT')).toBe(false);
    await loadPlugins(['./acme-plugin.ts'], { cwd: fixtures });
    expect(registry.hasFeed('ACME___SPOT')).toBe(true);
    registry.unregisterFeed('ACME___SPOT');
  });

  it('explains a module that exports no plugin, pointing at a look-alike', async () => {
    const error = await loadPlugins(['./no-plugin.ts'], {
      registry: ExchangeRegistry.createIsolated(),
      cwd: fixtures,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /^Plugin module "\.\/no-plugin\.ts" \(.*no-plugin\.ts\) exports no venuekit plugin: export one made with definePlugin\(\)/,
    );
    expect((error as Error).message).toContain(
      'Export "almostPlugin" looks like a plugin but was not made with definePlugin().',
    );
    expect((error as Error).message).toMatch(/Exports found: (almostPlugin, helper|helper, almostPlugin)$/);
  });

  it('explains a module that exports nothing', async () => {
    await expect(loadPlugins(['./exports-nothing.ts'], { cwd: fixtures })).rejects.toThrow(
      /exports no venuekit plugin: .* Exports found: \(none\)$/,
    );
  });

  it('explains a missing file, naming the path it looked at', async () => {
    const error = await loadPlugins(['./missing-plugin.js'], { cwd: fixtures }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe(
      `Plugin module "./missing-plugin.js" not found: no file at ${join(fixtures, 'missing-plugin.js')} (relative paths are resolved against ${fixtures})`,
    );
  });

  it('explains a missing package, with the install command', async () => {
    const error = await loadPlugins(['@venuekit-test/no-such-plugin/sub'], { cwd: fixtures }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /^Plugin package "@venuekit-test\/no-such-plugin\/sub" not found from .*: install it \(npm install @venuekit-test\/no-such-plugin\) or pass a path/,
    );
  });

  it('loads a package by name (here one that has no plugin)', async () => {
    await expect(
      loadPlugins(['@venuekit/base'], { registry: ExchangeRegistry.createIsolated() }),
    ).rejects.toThrow(/^Plugin module "@venuekit\/base" \(.*\) exports no venuekit plugin/);
  });

  it('resolves a package name the way code in cwd would (a package only cwd can see)', async () => {
    const project = mkdtempSync(join(tmpdir(), 'venuekit-plugins-'));
    try {
      const pkg = join(project, 'node_modules', 'tmp-venue-plugin');
      mkdirSync(pkg, { recursive: true });
      writeFileSync(
        join(pkg, 'package.json'),
        JSON.stringify({ name: 'tmp-venue-plugin', type: 'module', main: 'index.js' }),
      );
      // Built by hand with the registered brand, as another copy of @venuekit/base would.
      writeFileSync(
        join(pkg, 'index.js'),
        "const plugin = { name: 'tmp-venue', version: '2.0.0', feeds: {}, signers: [] };\n" +
          "Object.defineProperty(plugin, Symbol.for('venuekit.plugin'), { value: true });\n" +
          'export const tmpVenuePlugin = Object.freeze(plugin);\n',
      );
      const target = ExchangeRegistry.createIsolated();
      const plugins = await loadPlugins(['tmp-venue-plugin'], { registry: target, cwd: project });
      expect(plugins.map((p) => p.name)).toEqual(['tmp-venue']);
      expect(target.listPlugins()).toEqual([{ name: 'tmp-venue', version: '2.0.0' }]);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('reports a module that throws while loading, with the cause', async () => {
    const error = await loadPlugins(['./throws-on-load.ts'], { cwd: fixtures }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /^Plugin module "\.\/throws-on-load\.ts" \(.*\) failed to load: plugin module exploded during import$/,
    );
    expect(((error as Error).cause as Error).message).toBe('plugin module exploded during import');
  });

  it('registers nothing when any specifier fails', async () => {
    const target = ExchangeRegistry.createIsolated();
    await expect(
      loadPlugins(['./acme-plugin.ts', './missing.js'], { registry: target, cwd: fixtures }),
    ).rejects.toThrow(ConfigError);
    expect(target.listFeeds()).toEqual([]);
  });

  it('refuses specifiers that are not a list of strings', async () => {
    await expect(loadPlugins('./acme-plugin.ts' as unknown as string[])).rejects.toThrow(
      /expected an array of module specifiers/,
    );
    await expect(loadPlugins([''])).rejects.toThrow(ConfigError);
  });
});
