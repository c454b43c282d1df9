import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import AxeBuilder from '@axe-core/playwright'

export interface RunningWebShell {
  appUrl: string
  sandboxUrl: string
  url: string
  dataDir: string
  process: ChildProcess
}

/** Starts the built web shell (out/main/web.js) on a fresh data folder (or a given one: a restart), as `npm run web` does. */
export async function startWebShell(existingDataDir?: string): Promise<RunningWebShell> {
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'switchboard-e2e-'))
  const child = spawn(process.execPath, ['out/main/web.js', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const [appUrl, sandboxUrl] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web shell did not start:\n${output}`)), 20_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const app = /Switchboard web shell: (\S+)/.exec(output)
      const sandbox = /Sandbox org: (\S+)/.exec(output)
      if (app && sandbox) {
        clearTimeout(timer)
        resolve([app[1], sandbox[1]])
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => reject(new Error(`web shell exited with ${code}:\n${output}`)))
  })
  return { appUrl, sandboxUrl, url: new URL(appUrl).origin, dataDir, process: child }
}

export async function stopWebShell(shell: RunningWebShell, opts: { keepData?: boolean } = {}): Promise<void> {
  await new Promise<void>((resolve) => {
    if (shell.process.exitCode !== null) return resolve()
    shell.process.once('exit', () => resolve())
    shell.process.kill('SIGTERM')
  })
  if (!opts.keepData) rmSync(shell.dataDir, { recursive: true, force: true })
}

export const test = base.extend<object, { shell: RunningWebShell }>({
  shell: [
    async ({}, use) => {
      const shell = await startWebShell()
      await use(shell)
      await stopWebShell(shell)
    },
    { scope: 'worker' },
  ],
})
export { expect }

/** Saves a screenshot of the current screen in both themes under test-results/screens/. */
export async function saveScreens(page: Page, name: string): Promise<void> {
  // The frame is fixed to the window; only the main area scrolls. A taller document means something
  // escaped the frame (e.g. an absolutely placed element with no positioned ancestor).
  const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight)
  expect(overflow, `${name}: the page is ${overflow}px taller than the window`).toBeLessThanOrEqual(0)
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    await page.screenshot({ path: `test-results/screens/${name}-${scheme}.png`, fullPage: true })
  }
  await page.emulateMedia({ colorScheme: 'light' })
}

/** Screenshots at the two widths admins use, in both themes; back to 1280 px after. */
export async function saveScreensAtWidths(page: Page, name: string): Promise<void> {
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 900 })
    await saveScreens(page, `${name}-${width}`)
  }
  await page.setViewportSize({ width: 1280, height: 900 })
}

/** axe-core scan: no serious or critical violations, in light and dark. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme })
    const results = await new AxeBuilder({ page }).analyze()
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(
      bad.map(
        (v) =>
          `${name} (${scheme}): ${v.id}: ${v.help} — ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      ),
    ).toEqual([])
  }
  await page.emulateMedia({ colorScheme: 'light' })
}
