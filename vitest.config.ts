// One vitest run for the whole monorepo. Workspace packages resolve to their TypeScript
// sources through the "@venuekit/source" export condition, so tests need no prior build
// (except the tests that load a package's built dist on purpose).
import { defineConfig } from 'vitest/config';

const conditions = ['@venuekit/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['@venuekit/source'] } },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'tooling/test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    setupFiles: ['packages/base/test/setup/secret-guard.ts'],
    reporters: ['default'],
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['**/*.d.ts'],
      reporter: ['text-summary', 'json-summary'],
      reportsDirectory: 'coverage',
    },
  },
});
