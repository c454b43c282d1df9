import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MEDIA_DIR, PNG_BYTES, wavBytes } from '../fixtures/audio'
import { expect, expectAccessible, saveScreens, test } from './webShell'
import { setSandboxFaults } from './sandboxControl'

test.use({ viewport: { width: 1280, height: 900 } })

test('drop recordings, see them checked, uploaded with progress, a refused one with its reason, and the batch summary', async ({
  page,
  shell,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-uploads-'))
  const big = join(dir, 'long-call.wav')
  writeFileSync(big, wavBytes({ variant: 1, bytes: 24 * 1024 * 1024 }))

  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Uploads' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Uploads' })).toBeVisible()
  await expect(page.getByText('No uploads yet')).toBeVisible()
  await saveScreens(page, 'uploads-empty')
  await expectAccessible(page, 'uploads empty')

  // Drop a recording and a PNG renamed .wav, as a browser delivers them (no paths: the bytes are staged).
  const dropped = [
    { name: 'short-call.wav', base64: wavBytes({ variant: 2, bytes: 16_000 }).toString('base64') },
    { name: 'photo.wav', base64: PNG_BYTES.toString('base64') },
  ]
  const dataTransfer = await page.evaluateHandle((files) => {
    // Runs in the page (DOM types are not in this file's lib).
    const PageDataTransfer = (globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } }).DataTransfer
    const transfer = new PageDataTransfer()
    for (const file of files) {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
      transfer.items.add(new File([bytes], file.name))
    }
    return transfer
  }, dropped)
  const dropZone = page.getByRole('region', { name: 'Drop recordings here' })
  await dropZone.dispatchEvent('dragover', { dataTransfer })
  await dropZone.dispatchEvent('drop', { dataTransfer })
  // And three more through "Choose files…".
  await page.getByTestId('upload-files-input').setInputFiles([big, join(MEDIA_DIR, 'tone.mp3'), join(MEDIA_DIR, 'tone.ogg')])

  const staged = page.getByRole('region', { name: 'Ready to upload' })
  await expect(staged.getByRole('row')).toHaveCount(6)
  await expect(staged.getByRole('row', { name: /photo\.wav/ })).toContainText('Refused: content is PNG, not WAV')
  await expect(staged.getByRole('row', { name: /tone\.mp3/ })).toContainText('MP3')
  await expect(staged).toContainText('4 files')
  await page.getByLabel('Department').fill('customer_support')
  await page.getByLabel('Compliance tag').fill('pci_dss_audit')
  await page.getByLabel('Retention directive').fill('retain_7_years')
  await saveScreens(page, 'uploads-staged')
  await expectAccessible(page, 'uploads staged')

  // Slow storage, so the upload can be watched.
  await setSandboxFaults(shell.sandboxUrl, { latencyMs: 1500, routes: '^/__uploads/' })
  await page.getByRole('button', { name: 'Start upload' }).click()
  const table = page.getByRole('table', { name: 'Uploads' })
  for (const name of ['short-call.wav', 'photo.wav', 'long-call.wav', 'tone.mp3', 'tone.ogg'])
    await expect(table.getByRole('rowheader', { name })).toBeVisible()
  await expect(table.getByRole('row', { name: /photo\.wav/ })).toContainText('Refused: content is PNG, not WAV')
  const bigRow = table.getByRole('row', { name: /long-call\.wav/ })
  await expect(bigRow).toContainText(/Uploading|Confirming/)
  await expect(bigRow.getByRole('progressbar')).toBeVisible()
  await expect(bigRow).toContainText(/of 24 MB/)
  await expect(page.getByRole('button', { name: 'Pause all' })).toBeEnabled()
  await table.scrollIntoViewIfNeeded()
  await saveScreens(page, 'uploads-progress')

  const summary = page.getByRole('region', { name: 'Batch summary' })
  await expect(summary).toContainText('Finished', { timeout: 30_000 })
  await setSandboxFaults(shell.sandboxUrl, {})
  await expect(summary.getByRole('definition').first()).toHaveText('4')
  await expect(summary).toContainText('Refused1')
  await expect(summary).toContainText('Department: customer_support.')
  await expect(bigRow).toContainText('Uploaded')
  // The length read from the file: 24 MiB of 16-bit mono at 8 kHz is 26 minutes 13 seconds.
  await expect(bigRow.getByRole('cell').nth(1)).toHaveText('WAV, length 26:13')
  await expect(bigRow.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100')
  await summary.scrollIntoViewIfNeeded()
  await saveScreens(page, 'uploads-done')
  await table.scrollIntoViewIfNeeded()
  await saveScreens(page, 'uploads-done-rows')
  await expectAccessible(page, 'uploads done')

  // Dropped again, the same recordings are skipped as duplicates of what the org already has.
  await page.getByTestId('upload-files-input').setInputFiles([join(MEDIA_DIR, 'tone.mp3')])
  await page.getByRole('button', { name: 'Start upload' }).click()
  await expect(table.getByRole('row', { name: /tone\.mp3/ })).toContainText('Skipped: duplicate')
  await expect(table.getByRole('row', { name: /tone\.mp3/ })).toContainText('Already uploaded to this org')
  await table.scrollIntoViewIfNeeded()
  await saveScreens(page, 'uploads-duplicate')

  await page.getByRole('button', { name: 'Clear finished' }).click()
  await expect(page.getByText('No uploads yet')).toBeVisible()
})

/** Calls the web shell's API behind the page's back (as another window of the same user would). */
async function invokeDirectly(shell: { url: string; appUrl: string }, method: string, input: unknown): Promise<void> {
  const token = new URL(shell.appUrl).hash.replace(/^#token=/, '')
  const response = await fetch(`${shell.url}/api/invoke/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${decodeURIComponent(token)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  })
  expect(((await response.json()) as { ok: boolean }).ok).toBe(true)
}

test('a row keeps its last state when the list answer that follows Start arrives after the row changed', async ({ page, shell }) => {
  test.slow() // a slow upload ahead of the duplicate
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-late-list-'))
  const seen = join(dir, 'seen-call.wav')
  const seenAgain = join(dir, 'seen-call-again.wav')
  const slow = join(dir, 'slow-call.wav')
  writeFileSync(seen, wavBytes({ variant: 41, bytes: 12_000 }))
  writeFileSync(seenAgain, wavBytes({ variant: 41, bytes: 12_000 }))
  writeFileSync(slow, wavBytes({ variant: 42, bytes: 12_000 }))
  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Uploads' }).click()
  const table = page.getByRole('table', { name: 'Uploads' })
  await page.getByTestId('upload-files-input').setInputFiles([seen])
  await page.getByRole('button', { name: 'Start upload' }).click()
  await expect(table.getByRole('row', { name: /seen-call\.wav/ })).toContainText('Uploaded', { timeout: 30_000 })
  await page.getByRole('button', { name: 'Clear finished' }).click()
  await expect(page.getByText('No uploads yet')).toBeVisible()

  // One upload at a time, the first one slow: the copy waits in the queue while the list is answered.
  await invokeDirectly(shell, 'uploads.settings.set', { concurrency: 1 })
  await setSandboxFaults(shell.sandboxUrl, { latencyMs: 3000, routes: '^/__uploads/' })
  // The list answer to Start is taken at once and delivered late: after the copy's last change has reached the page.
  // A size limit set just before it is taken (behind the page's back) shows when that answer has reached the page.
  const copyRow = table.getByRole('row', { name: /seen-call-again\.wav/ })
  await page.route('**/api/invoke/uploads.list', async (route) => {
    await invokeDirectly(shell, 'uploads.settings.set', { maxFileBytes: 400 * 1024 * 1024 })
    const response = await route.fetch()
    await expect(copyRow).toContainText('Skipped: duplicate', { timeout: 30_000 })
    await route.fulfill({ response })
  })
  await page.getByTestId('upload-files-input').setInputFiles([slow, seenAgain])
  await page.getByRole('button', { name: 'Start upload' }).click()
  await expect(page.locator('.upload-settings > summary')).toContainText('Up to 400 MB a file', { timeout: 45_000 })
  // The late answer said "queued"; the row's later change, already shown, stands.
  await expect(copyRow).toContainText('Skipped: duplicate')
  await expect(copyRow).toContainText('Already uploaded to this org (as seen-call.wav')

  await page.unrouteAll({ behavior: 'wait' })
  await setSandboxFaults(shell.sandboxUrl, {})
  await invokeDirectly(shell, 'uploads.settings.set', { concurrency: 3, maxFileBytes: 500 * 1024 * 1024 })
  await expect(table.getByRole('row', { name: /slow-call\.wav/ })).toContainText('Uploaded', { timeout: 30_000 })
  await page.getByRole('button', { name: 'Clear finished' }).click()
  await expect(page.getByText('No uploads yet')).toBeVisible()
})

test('a row waiting to retry counts down to its next attempt, and a cancelled file is retried', async ({ page, shell }) => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-uploads-retry-'))
  const file = join(dir, 'busy-storage.wav')
  writeFileSync(file, wavBytes({ variant: 31, bytes: 40 * 1024 }))
  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Uploads' }).click()
  await page.getByTestId('upload-files-input').setInputFiles([file])

  // The storage answers 503 SlowDown with Retry-After 60: the row waits a minute before its next attempt.
  await setSandboxFaults(shell.sandboxUrl, {
    errorRate5xx: 1,
    serverErrorStatus: 503,
    serverErrorRetryAfterSeconds: 60,
    routes: '^/__uploads/',
  })
  await page.getByRole('button', { name: 'Start upload' }).click()
  const table = page.getByRole('table', { name: 'Uploads' })
  const row = table.getByRole('row', { name: /busy-storage\.wav/ })
  await expect(row).toContainText('Waiting to retry')
  await expect(row).toContainText(/Retrying in (\d+ s|1 min) \(attempt 2 of 9\): the storage answered HTTP 503 SlowDown/)
  await table.scrollIntoViewIfNeeded()
  await saveScreens(page, 'uploads-retry-wait')
  await page.setViewportSize({ width: 1024, height: 800 })
  await saveScreens(page, 'uploads-retry-wait-1024')
  await page.setViewportSize({ width: 1280, height: 900 })

  await row.getByRole('button', { name: 'Cancel busy-storage.wav' }).click()
  await expect(row).toContainText('Cancelled')
  await setSandboxFaults(shell.sandboxUrl, {})
  const retryAll = page.getByRole('button', { name: 'Retry cancelled (1)' })
  await expect(retryAll).toBeEnabled()
  await expect(row.getByRole('button', { name: 'Retry busy-storage.wav' })).toBeVisible()
  await saveScreens(page, 'uploads-cancelled-retry')
  await retryAll.click()
  await expect(row).toContainText('Uploaded', { timeout: 30_000 })
  await expect(page.getByRole('region', { name: 'Batch summary' })).toContainText('Bytes sent40 KB of 40 KB')
  await page.getByRole('button', { name: 'Clear finished' }).click()
})

test('the staged list flags duplicates before Start, keeps its files over a reload, and keeps keyboard focus in place', async ({
  page,
  shell,
}) => {
  test.slow() // an upload, a reload and two axe scans
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-review-'))
  const write = (name: string, variant: number) => {
    writeFileSync(join(dir, name), wavBytes({ variant, bytes: 12_000 }))
    return join(dir, name)
  }
  const sent = write('sent-before.wav', 310)
  const again = join(dir, 'sent-again.wav')
  writeFileSync(again, wavBytes({ variant: 310, bytes: 12_000 }))
  const first = write('queue-call.wav', 311)
  const copy = join(dir, 'queue-call-copy.wav')
  writeFileSync(copy, wavBytes({ variant: 311, bytes: 12_000 }))
  const other = write('other-call.wav', 312)
  // The web shell is shared with the specs before this one: copies their unfinished jobs still need are not ours.
  const allCopies = () =>
    readdirSync(join(shell.dataDir, 'staging')).filter((slot) => readdirSync(join(shell.dataDir, 'staging', slot)).length > 0)
  const earlier = new Set(allCopies())
  const stagedCopies = () => allCopies().filter((slot) => !earlier.has(slot))
  const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '')

  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Uploads' }).click()
  // One recording reaches the org first, so a second copy of it is a duplicate of what the org has.
  await page.getByTestId('upload-files-input').setInputFiles([sent])
  await page.getByRole('button', { name: 'Start upload' }).click()
  const table = page.getByRole('table', { name: 'Uploads' })
  await expect(table.getByRole('row', { name: /sent-before\.wav/ })).toContainText('Uploaded', { timeout: 30_000 })
  await page.getByRole('button', { name: 'Clear finished' }).click()
  await expect.poll(stagedCopies).toEqual([])

  await page.getByTestId('upload-files-input').setInputFiles([again, first, copy, other])
  const staged = page.getByRole('region', { name: 'Ready to upload' })
  await expect(staged.getByRole('rowheader')).toHaveText(['sent-again.wav', 'queue-call.wav', 'queue-call-copy.wav', 'other-call.wav'])
  // Focus lands on the list that just appeared, not on the page body.
  await expect.poll(focused).toBe('Ready to upload')
  await expect(staged.getByRole('row', { name: /sent-again\.wav/ })).toContainText(
    'Duplicate: this org already has it (uploaded as sent-before.wav',
  )
  await expect(staged.getByRole('row', { name: /queue-call-copy\.wav/ })).toContainText(
    'Duplicate: same content as queue-call.wav, earlier in this list.',
  )
  await expect(staged.getByRole('row', { name: /^queue-call\.wav/ })).toContainText('Ready')
  // The length read from the file, before Start; the date of the earlier upload in the one on-screen format.
  await expect(staged.getByRole('row', { name: /^queue-call\.wav/ })).toContainText(/WAV, length (<0:01|\d+:\d\d)/)
  await expect(staged.getByRole('row', { name: /sent-again\.wav/ }).locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/)
  await expect(staged).toContainText('2 duplicates flagged below.')
  expect(stagedCopies()).toHaveLength(4)
  await staged.scrollIntoViewIfNeeded()
  await saveScreens(page, 'uploads-staged-duplicates-1280')
  await page.setViewportSize({ width: 1024, height: 800 })
  await staged.scrollIntoViewIfNeeded()
  await saveScreens(page, 'uploads-staged-duplicates-1024')
  await expectAccessible(page, 'uploads staged duplicates')
  await page.setViewportSize({ width: 1280, height: 900 })

  // A reload gives the same list back: the copies are still the web shell's, not forgotten.
  await page.reload()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Uploads' }).click()
  // In the order they were picked, though their copies were staged four at a time, in any order.
  await expect(staged.getByRole('rowheader')).toHaveText(['sent-again.wav', 'queue-call.wav', 'queue-call-copy.wav', 'other-call.wav'])
  await expect(staged.getByRole('row', { name: /queue-call-copy\.wav/ })).toContainText('same content as queue-call.wav')

  // Removing a row moves focus to the next row's Remove, then (at the end) to the one before.
  await staged.getByRole('button', { name: 'Remove queue-call-copy.wav' }).click()
  await expect.poll(focused).toBe('Remove other-call.wav')
  await expect(staged.getByRole('row')).toHaveCount(4)
  await page.keyboard.press('Enter')
  await expect.poll(focused).toBe('Remove queue-call.wav')
  // The row goes at once; its copy is deleted by the core a moment later (the discard call is not awaited by the list).
  await expect.poll(stagedCopies).toHaveLength(2)

  // Discard: the copies go, and focus goes back to where files are added.
  await staged.getByRole('button', { name: 'Discard these files' }).click()
  await expect(staged).toHaveCount(0)
  await expect.poll(focused).toBe('Choose files…')
  await expect.poll(stagedCopies).toEqual([])
})
