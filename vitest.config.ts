import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/shell/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default leaves one core idle (1 worker on CI's 2 cores); the suites mostly wait on sockets
    // and timers, so two workers take 230 s instead of 390 s here.
    maxWorkers: 2,
    server: { deps: { inline: ['electron-store'] } },
  },
})
