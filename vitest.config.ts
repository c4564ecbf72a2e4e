import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Shell and browser tests start real processes; give them room on a 2-core machine.
    testTimeout: 30_000,
    // Stops the real servers (scripts/services.mjs) this run started; see test/support/services.ts.
    globalSetup: ['test/support/services-global.ts'],
    hookTimeout: 30_000,
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
