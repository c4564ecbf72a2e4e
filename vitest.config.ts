import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects, chosen by place and name so new test directories need no config edit:
 * - unit: everything under test/ that runs from source in seconds, without a build
 *   (`npm run test:unit`);
 * - e2e: the shell in a real terminal, the UI in a real browser, the built CLI, the published
 *   types, and the real servers of scripts/services.mjs — test/e2e/**, test/services/**, and
 *   any file named *.e2e.test.ts. They need `npm run build` first (`npm test` builds, then runs
 *   both).
 */
const E2E = ['test/e2e/**/*.test.ts', 'test/services/**/*.test.ts', 'test/**/*.e2e.test.ts'];

export default defineConfig({
  test: {
    // Shell and browser tests start real processes; give them room on a 2-core machine.
    testTimeout: 30_000,
    // Stops the real servers (scripts/services.mjs) this run started; see test/support/services.ts.
    globalSetup: ['test/support/services-global.ts'],
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...E2E],
          // Worker threads that keep loaded modules between files: about half the CPU of one
          // fresh process per file. The engine's one process-wide state, the active context, is
          // reset after each file (test/support/setup-unit.ts). Most of these tests wait on real
          // sockets and child processes rather than compute, so four workers share two cores well
          // (vitest's default here would be one).
          pool: 'threads',
          isolate: false,
          maxWorkers: 4,
          setupFiles: ['test/support/setup-unit.ts'],
          // Unit first; the e2e project runs after it, one file at a time (vitest's default here).
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: E2E,
          sequence: { groupOrder: 1 },
          // Compile-only tests: the public API's types from source, and what the built package publishes.
          typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.e2e.json' },
        },
      },
    ],
  },
});
