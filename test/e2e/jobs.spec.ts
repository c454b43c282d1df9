import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { wavBytes } from '../fixtures/audio'
import { expect, expectAccessible, saveScreensAtWidths, startWebShell, stopWebShell, test } from './webShell'
import { setSandboxFaults } from './sandboxControl'

test.use({ viewport: { width: 1280, height: 900 } })

async function startUpload(page: Page, path: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Uploads' }).click()
  await page.getByTestId('upload-files-input').setInputFiles([path])
  await expect(page.getByRole('region', { name: 'Ready to upload' })).toContainText('1 file')
  await page.getByRole('button', { name: 'Start upload' }).click()
}

test('an upload shows in the Jobs panel, pauses and resumes there, and finishes', async ({ page, shell }) => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-jobs-'))
  const path = join(dir, 'board-meeting.wav')
  writeFileSync(path, wavBytes({ variant: 31, bytes: 24 * 1024 * 1024 }))

  await page.goto(shell.appUrl)
  // The shell is shared with the other specs, which may leave a gateway profile active: links from a real
  // org's gateway on loopback are refused (https only), so this upload runs on the built-in Sandbox.
  await page.getByRole('combobox', { name: 'Active profile' }).selectOption({ label: 'Sandbox org (built-in)' })
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible()
  // The shell is shared with the other specs: it is empty only when this spec runs first.
  if ((await page.getByRole('table', { name: 'Jobs' }).count()) === 0) await expect(page.getByText('No jobs yet')).toBeVisible()
  await saveScreensAtWidths(page, 'jobs-empty')
  await expectAccessible(page, 'jobs empty')

  // Storage that holds the upload until the faults are cleared, so it can be paused while it runs.
  await setSandboxFaults(shell.sandboxUrl, { latencyMs: 120_000, routes: '^/__uploads/' })
  await startUpload(page, path)
  // The status bar's "jobs running" leads to the panel.
  await page.getByRole('status', { name: 'Status bar' }).getByRole('link', { name: '1 job running' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible()

  const table = page.getByRole('table', { name: 'Jobs' })
  const row = table.getByRole('row', { name: /board-meeting\.wav/ })
  await expect(row).toContainText('Recording upload')
  await expect(row).toContainText('Running')
  await expect(row).toContainText(/of 24 MB/)
  await expect(row.getByRole('progressbar')).toBeVisible()
  await expect(row.getByRole('button', { name: 'Retry board-meeting.wav' })).toHaveCount(0)
  await saveScreensAtWidths(page, 'jobs-running')
  await expectAccessible(page, 'jobs running')

  // By keyboard: focus the row's Pause and press Enter.
  await row.getByRole('button', { name: 'Pause board-meeting.wav' }).focus()
  await page.keyboard.press('Enter')
  await expect(row).toContainText('Paused')
  await expect(row.getByRole('button', { name: 'Pause board-meeting.wav' })).toHaveCount(0)
  await expect(row.getByRole('button', { name: 'Resume board-meeting.wav' })).toBeVisible()
  await saveScreensAtWidths(page, 'jobs-paused')

  // The Uploads screen sees the same pause.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Uploads' }).click()
  await expect(page.getByRole('table', { name: 'Uploads' }).getByRole('row', { name: /board-meeting\.wav/ })).toContainText('Paused')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click()

  await setSandboxFaults(shell.sandboxUrl, {})
  await row.getByRole('button', { name: 'Resume board-meeting.wav' }).click()
  await expect(row).toContainText('Done', { timeout: 60_000 })
  await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100')
  await expect(row.getByRole('button')).toHaveCount(0)
  // A finished upload leaves the unfinished list (the org's own GDPR requests may still wait there).
  await page.getByRole('radio', { name: /Unfinished/ }).check()
  await expect(table.getByRole('row', { name: /board-meeting\.wav/ })).toHaveCount(0)
  await page.getByRole('radio', { name: /All/ }).check()
  await saveScreensAtWidths(page, 'jobs-done')
  await expectAccessible(page, 'jobs done')

  // Cleared on the Uploads screen, gone from the panel too (and the shared shell is left clean).
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Uploads' }).click()
  await page.getByRole('button', { name: 'Clear finished' }).click()
  await expect(page.getByText('No uploads yet')).toBeVisible()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click()
  // The shell is shared with the other specs: it is empty only when this spec runs first.
  if ((await page.getByRole('table', { name: 'Jobs' }).count()) === 0) await expect(page.getByText('No jobs yet')).toBeVisible()
})

test('after a restart the notice offers Resume all and Open Jobs, and goes once the jobs have finished', async ({ page }) => {
  test.setTimeout(180_000)
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-jobs-restart-'))
  const path = join(dir, 'night-shift.wav')
  writeFileSync(path, wavBytes({ variant: 32, bytes: 24 * 1024 * 1024 }))

  const first = await startWebShell()
  await setSandboxFaults(first.sandboxUrl, { latencyMs: 20_000, routes: '^/__uploads/' })
  await page.goto(first.appUrl)
  await startUpload(page, path)
  await expect(page.getByRole('table', { name: 'Uploads' }).getByRole('row', { name: /night-shift\.wav/ })).toContainText(
    /Uploading|Hashing/,
  )
  await stopWebShell(first, { keepData: true })

  const second = await startWebShell(first.dataDir)
  try {
    await page.goto(second.appUrl)
    const notices = page.getByRole('region', { name: 'Notices' })
    const notice = notices.getByText('1 job(s) were interrupted when Switchboard last stopped.')
    await expect(notice).toBeVisible()
    await expect(notices.getByRole('link', { name: 'Open Jobs' })).toBeVisible()
    await saveScreensAtWidths(page, 'jobs-interrupted-notice')
    await expectAccessible(page, 'jobs interrupted notice')

    await notices.getByRole('link', { name: 'Open Jobs' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible()
    const row = page.getByRole('table', { name: 'Jobs' }).getByRole('row', { name: /night-shift\.wav/ })
    await expect(row).toContainText('Interrupted')
    await saveScreensAtWidths(page, 'jobs-interrupted')

    await notices.getByRole('button', { name: 'Resume all (1)' }).click()
    // Gone by itself, without Dismiss, once the job it names has finished.
    await expect(row).toContainText('Done', { timeout: 60_000 })
    await expect(notice).toHaveCount(0)
    await expect(page.getByRole('button', { name: /Resume all/ })).toHaveCount(1) // the panel's own, disabled
  } finally {
    await stopWebShell(second)
  }
})
