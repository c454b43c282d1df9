import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Files may run side by side (PW_WORKERS=2): each worker starts its own web shell, Sandbox and data
  // folder on free ports (test/e2e/webShell.ts), and a file's tests stay in order in one worker. One by
  // default until two have been shown not to make the CI's 2 cores flaky.
  fullyParallel: false,
  workers: Number(process.env.PW_WORKERS ?? 1),
  retries: 0,
  reporter: 'list',
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
