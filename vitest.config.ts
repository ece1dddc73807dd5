import { defineConfig } from 'vitest/config';

/** Three kinds of test (DESIGN.md "test/"): pure units, services on real SQLite files, and Chromium end to end. */
export default defineConfig({
  test: {
    // Two at a time on the 2-core machines: most files wait on SQLite's fsync, child processes or Chromium.
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
