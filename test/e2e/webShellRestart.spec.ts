import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { wavBytes } from '../fixtures/audio'
import {
  expect,
  expectAccessible,
  saveScreens,
  saveScreensAtWidths,
  startWebShell,
  stopWebShell,
  test,
  type RunningWebShell,
} from './webShell'
import { setSandboxFaults } from './sandboxControl'

// This spec stops and restarts its own web shell: the shared one (per worker) must stay up for the others.
test.use({ viewport: { width: 1280, height: 900 } })

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name })
}

test('a restarted web shell: the page says the server stopped, comes back by itself at the same address, and shows current data', async ({
  page,
}) => {
  test.setTimeout(240_000)
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-restart-'))
  const path = join(dir, 'late-shift.wav')
  writeFileSync(path, wavBytes({ variant: 33, bytes: 24 * 1024 * 1024 }))

  const first = await startWebShell()
  let second: RunningWebShell | undefined
  try {
    // Storage that holds the upload, so a job is running when the server stops.
    await setSandboxFaults(first.sandboxUrl, { latencyMs: 120_000, routes: '^/__uploads/' })
    await page.goto(first.appUrl)
    await nav(page, 'Uploads').click()
    await page.getByTestId('upload-files-input').setInputFiles([path])
    await expect(page.getByRole('region', { name: 'Ready to upload' })).toContainText('1 file')
    await page.getByRole('button', { name: 'Start upload' }).click()
    const statusBar = page.getByRole('status', { name: 'Status bar' })
    await expect(statusBar.getByRole('link', { name: '1 job running' })).toBeVisible()
    await expect(statusBar).toContainText('Live updates on')

    await stopWebShell(first, { keepData: true })
    // Over the whole frame, in words: never a green "Connected" or a frozen progress row passing for current.
    const away = page.getByRole('alertdialog', { name: 'Switchboard’s server stopped.' })
    await expect(away).toBeVisible()
    await expect(away).toContainText(/Reconnecting… \(attempt \d+\)/)
    await expect(away).toContainText('npm start')
    await expect(page.locator('.app')).toHaveAttribute('inert', '')
    await expect(away.locator('.server-away-card')).toBeFocused()
    await saveScreensAtWidths(page, 'web-shell-server-away')
    await expectAccessible(page, 'web shell server away')

    second = await startWebShell(first.dataDir)
    // Same port, same token: the open tab's address still works.
    expect(second.appUrl).toBe(first.appUrl)
    await expect(away).toHaveCount(0, { timeout: 30_000 })
    await expect(page.locator('.app')).not.toHaveAttribute('inert', '')
    // Refetched after reconnecting: the job the old server ran is interrupted, and nothing runs now.
    await expect(statusBar.getByRole('link', { name: 'No jobs running' })).toBeVisible()
    await expect(statusBar).toContainText('Live updates on')
    await expect(page.getByRole('table', { name: 'Uploads' }).getByRole('row', { name: /late-shift\.wav/ })).toContainText('Interrupted')
    const notices = page.getByRole('region', { name: 'Notices' })
    const interrupted = '1 job(s) were interrupted when Switchboard last stopped.'
    await expect(notices.getByText(interrupted)).toBeVisible()
    await saveScreensAtWidths(page, 'web-shell-reconnected')

    // A dismissed notice stays dismissed after a reload.
    await notices.getByRole('button', { name: `Dismiss: ${interrupted}` }).click()
    await expect(page.getByText(interrupted)).toHaveCount(0)
    const infoAnswered = page.waitForResponse((r) => r.url().endsWith('/api/invoke/app.info') && r.ok())
    await page.reload()
    await infoAnswered
    await expect(statusBar.getByRole('link', { name: 'No jobs running' })).toBeVisible()
    await expect(page.getByRole('table', { name: 'Uploads' }).getByRole('row', { name: /late-shift\.wav/ })).toContainText('Interrupted')
    await expect(page.getByText(interrupted)).toHaveCount(0)

    // A 401 on an ordinary call (not a connection test) shows in the status bar, with its time and hint.
    await setSandboxFaults(second.sandboxUrl, { signInRefusalRate: 1 })
    await nav(page, 'Schemas').click()
    await expect(statusBar).toContainText(/Sign-in refused \(401\) at /)
    await expect(statusBar).toContainText('client id and secret in Connections')
    await expect(statusBar).not.toContainText('Not checked yet')
    await saveScreens(page, 'web-shell-status-401')
    await setSandboxFaults(second.sandboxUrl, {})

    // The web shell cannot open a file manager: no folder buttons there.
    await nav(page, 'Audit log').click()
    await page.getByRole('tab', { name: 'Retention' }).click()
    await expect(page.getByRole('region', { name: 'Log files' })).toContainText(join(first.dataDir, 'audit'))
    await expect(page.getByRole('button', { name: 'Open log folder' })).toHaveCount(0)
  } finally {
    if (second) await stopWebShell(second)
    else await stopWebShell(first)
  }
})
