import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default leaves one core idle (1 worker on CI's 2 cores); the suites mostly wait on sockets
    // and timers, so two workers take 230 s instead of 390 s here.
    maxWorkers: 2,
    server: { deps: { inline: ['electron-store'] } },
    projects: [
      {
        extends: true,
        // Unit files hold no process-wide state between them (no servers, no data folders left open), so
        // one worker runs many files without starting afresh for each (a fresh fork per file was most of the run).
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false },
      },
      {
        extends: true,
        // Integration files start sandboxes, cores and child processes: each gets its own fork.
        test: { name: 'integration', include: ['test/integration/**/*.test.ts', 'test/shell/**/*.test.ts'] },
      },
    ],
  },
})
