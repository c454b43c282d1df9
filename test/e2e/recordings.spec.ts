import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { uuidFrom } from '../../src/main/sandbox/organization'
import type { Page } from '@playwright/test'
import { expect, expectAccessible, saveScreens, saveScreensAtWidths, test } from './webShell'
import { setSandboxFaults } from './sandboxControl'

test.use({ viewport: { width: 1280, height: 900 } })

// The paste first: the walk below spends much of the org's API rate, which the shell's single core shares.
test('paste conversation ids: the preview counts ids, invalid lines and duplicates before anything is sent', async ({ page, shell }) => {
  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recordings' }).click()
  const form = page.getByRole('form', { name: 'Find recordings' })
  await form.getByRole('radio', { name: 'Conversation ids' }).check()
  // Two of the sandbox's seeded conversations (their ids are the same on every start).
  const id = uuidFrom('conversation:seed:54')
  const other = uuidFrom('conversation:seed:55')
  await form.getByRole('textbox', { name: 'Conversation ids' }).fill(`${id}\nnot an id\n${id}\n${other}`)
  await expect(form.getByRole('status')).toContainText('2 conversation ids · 1 invalid line · 1 duplicate left out')
  await expect(form.getByRole('list', { name: 'Invalid lines' })).toContainText('Line 2: “not an id” is not a conversation id')
  await saveScreens(page, 'recordings-ids')
  await expectAccessible(page, 'recordings ids')

  // A .csv file read in the page and checked the same way.
  await page.getByTestId('rec-ids-file').setInputFiles({
    name: 'calls.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`conversationId,queue\n${id},Support\n${other},Billing\n`),
  })
  await expect(form).toContainText('Ids from calls.csv')
  await expect(form.getByRole('status')).toContainText(/^2 conversation ids/)
  await form.getByRole('button', { name: 'Find' }).click()
  await expect(page.getByRole('region', { name: 'Search progress' })).toContainText('Found 2 conversations', { timeout: 60_000 })
  const table = page.getByRole('table', { name: 'Recordings' })
  await expect(table.getByRole('rowheader').first()).toHaveText(id)
  await expect(table).toContainText(other.slice(0, 8))

  // A reload empties the page's memory: the core's newest find is shown again.
  await page.reload()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recordings' }).click()
  await expect(page.getByRole('region', { name: 'Search progress' })).toContainText('Found 2 conversations')
  await expect(table.getByRole('rowheader').first()).toHaveText(id)
})

// The answer to "find" and the find's change signals travel on different channels (HTTP, the event socket):
// a short find can end before its answer reaches the page. Here the answer is held until the last signal
// has arrived, so that order is certain; the older answer must not put the screen back to "Listing".
test('a find whose answer arrives after its last change signal still shows how it ended', async ({ page, shell }) => {
  let findEnded!: () => void
  const ended = new Promise<void>((resolve) => (findEnded = resolve))
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { event: string; payload: { finishedAt?: string } }
      if (frame.event === 'recordings.find.changed' && frame.payload.finishedAt) findEnded()
    }),
  )
  await page.route('**/api/invoke/recordings.find', async (route) => {
    const response = await route.fetch()
    await ended
    await route.fulfill({ response })
  })
  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recordings' }).click()
  const form = page.getByRole('form', { name: 'Find recordings' })
  await form.getByRole('radio', { name: 'Conversation ids' }).check()
  await form
    .getByRole('textbox', { name: 'Conversation ids' })
    .fill(`${uuidFrom('conversation:seed:56')}\n${uuidFrom('conversation:seed:57')}`)
  await expect(form.getByRole('status')).toContainText(/^2 conversation ids/)
  await form.getByRole('button', { name: 'Find' }).click()
  const progress = page.getByRole('region', { name: 'Search progress' })
  await expect(progress).toContainText('Found 2 conversations')

  // While the API has the find wait (here a 429 with Retry-After), the screen says so and counts down.
  await setSandboxFaults(shell.sandboxUrl, { rateLimitBurstRate: 1, retryAfterSeconds: 10, routes: 'recordingmetadata$' })
  try {
    await form.getByRole('button', { name: 'Find' }).click()
    await expect(progress).toContainText(/Waiting \d+ s to retry: the API asked to slow down \(HTTP 429\)/)
    await saveScreens(page, 'recordings-find-waiting')
  } finally {
    await setSandboxFaults(shell.sandboxUrl, {})
  }
  await expect(progress).toContainText('Found 2 conversations', { timeout: 30_000 })
  await expect(progress).not.toContainText('Waiting')
})

/**
 * At this width every cell of the rows in view holds its content (no text runs into the next column),
 * ids keep to one line, and a reason takes at most `reasonLines` lines.
 */
async function expectTidyResults(page: Page, width: number, reasonLines: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 })
  const problems = await page.getByRole('table', { name: 'Recordings' }).evaluate((table, most) => {
    const found: string[] = []
    for (const row of table.querySelectorAll('[role="row"]')) {
      for (const cell of Array.from(row.children) as HTMLElement[]) {
        if (cell.scrollWidth > cell.clientWidth + 1)
          found.push(`“${cell.textContent}” overflows its cell (${cell.scrollWidth} > ${cell.clientWidth} px)`)
      }
      const id = row.querySelector<HTMLElement>('.rec-id-text')
      if (id && id.getBoundingClientRect().height > 22) found.push(`${id.textContent} wraps`)
      const reason = row.querySelector<HTMLElement>('.rec-unavailable')
      if (reason) {
        const lines = Math.round(reason.getBoundingClientRect().height / parseFloat(getComputedStyle(reason).lineHeight))
        if (lines > most) found.push(`“${reason.textContent}” takes ${lines} lines`)
      }
    }
    return found
  }, reasonLines)
  expect(problems, `at ${width} px`).toEqual([])
  await page.setViewportSize({ width: 1280, height: 900 })
}

/**
 * The ids of downloads whose change signal said they ended, as the page received them. A call's answer
 * (start, a decision) and the signals come by different ways: holding the answer until the download's
 * last signal arrived makes the answer the older view, which the screen must not show over the newer one.
 */
function watchDownloadEnds(page: Page): (id: string) => Promise<void> {
  const ended = new Set<string>()
  const waiting: { id: string; resolve: () => void }[] = []
  page.on('websocket', (socket) =>
    socket.on('framereceived', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { event: string; payload: { id?: string; state?: string } }
      if (frame.event !== 'recordings.download.changed' || !['done', 'failed', 'cancelled'].includes(frame.payload.state ?? '')) return
      ended.add(frame.payload.id ?? '')
      for (const waiter of waiting.filter((w) => ended.has(w.id))) waiter.resolve()
    }),
  )
  return (id) => (ended.has(id) ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ id, resolve })))
}

/**
 * The next answer of this method is held until the download it describes has ended (see
 * watchDownloadEnds); the promise settles once the page has it.
 */
async function holdNextAnswerUntilEnded(
  page: Page,
  method: string,
  ended: (id: string) => Promise<void>,
): Promise<{ answered: Promise<void> }> {
  const url = `**/api/invoke/${method}`
  let delivered!: () => void
  const answered = new Promise<void>((resolve) => (delivered = resolve))
  await page.route(
    url,
    async (route) => {
      const response = await route.fetch()
      const answer = (await response.json()) as { ok: boolean; value?: { id: string } }
      // Capped: a download that never ends fails on the screen's expectation, not here.
      if (answer.value) await Promise.race([ended(answer.value.id), new Promise((resolve) => setTimeout(resolve, 60_000))])
      await route.fulfill({ response })
      delivered()
    },
    { times: 1 },
  )
  return { answered }
}

test('find last week’s calls, download two recordings, copy a link, read a transcript', async ({ page, context, shell }) => {
  test.setTimeout(360_000)
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-e2e-recordings-'))
  const downloadEnded = watchDownloadEnds(page)
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shell.url })
    await page.goto(shell.appUrl)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recordings' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Recordings' })).toBeVisible()

    // Two tabs, moved between with the arrow keys (WAI-ARIA tabs).
    const findTab = page.getByRole('tab', { name: 'Find and download' })
    await expect(findTab).toHaveAttribute('aria-selected', 'true')
    await findTab.focus()
    await page.keyboard.press('ArrowRight')
    await expect(page.getByRole('tab', { name: 'Bulk jobs' })).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByRole('tab', { name: 'Bulk jobs' })).toBeFocused()
    await page.keyboard.press('ArrowLeft')
    await expect(findTab).toHaveAttribute('aria-selected', 'true')
    await expect(page.getByText('No downloads yet')).toBeVisible()
    await saveScreens(page, 'recordings-start')
    await expectAccessible(page, 'recordings start')

    // The sandbox seeds 60 conversations over the 10 days before it started: last week holds most of them.
    const form = page.getByRole('form', { name: 'Find recordings' })
    await form.getByRole('button', { name: 'Last 7 days' }).click()
    await expect(form.getByRole('button', { name: 'Last 7 days' })).toHaveAttribute('aria-pressed', 'true')
    await expect(form.getByLabel('Queue')).toContainText('Support')
    await form.getByRole('button', { name: 'Find' }).click()
    const progress = page.getByRole('region', { name: 'Search progress' })
    // More than the earlier test's 2, which the screen shows until this find takes its place.
    await expect(progress).toContainText(/Found (\d{3,}|[3-9]\d|2[1-9]) conversations with \d+ recordings/, { timeout: 30_000 })
    const found = Number(/Found (\d+) conversations/.exec((await progress.textContent()) ?? '')?.[1])
    expect(found).toBeGreaterThan(20)
    expect(found).toBeLessThan(60)

    const results = page.getByRole('region', { name: 'Recordings found' })
    const table = page.getByRole('table', { name: 'Recordings' })
    await expect(table.getByRole('row').nth(1)).toBeVisible()
    // Every file state shows: the ones this org cannot serve now say why instead of offering actions.
    await expect(table).toContainText('Available')
    await results.scrollIntoViewIfNeeded()
    await saveScreensAtWidths(page, 'recordings-results')
    await expectAccessible(page, 'recordings results')
    // Columns that never run into each other, at both widths; no Size column of dashes (the org gives no sizes).
    await expectTidyResults(page, 1280, 2)
    await expectTidyResults(page, 1024, 3)
    await expect(table.getByRole('columnheader', { name: 'Size' })).toHaveCount(0)
    // Dates in the one on-screen format, reasons included: no ISO date anywhere in the table.
    await expect(table).not.toContainText(/\d{4}-\d\d-\d\d/)
    // The compact id: the whole id is the row's text and is copied whole by its button.
    const firstId = (await table.getByRole('rowheader').first().textContent()) ?? ''
    expect(firstId).toMatch(/^[0-9a-f-]{36}$/)
    await table
      .getByRole('button', { name: `Copy conversation id ${firstId}` })
      .first()
      .click()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(firstId)

    // Select two downloadable recordings with the keyboard and the mouse, and save them to a folder.
    const boxes = table.getByRole('checkbox', { name: /^Select recording/ })
    await boxes.nth(0).focus()
    await page.keyboard.press('Space')
    await boxes.nth(1).check()
    await expect(results.getByRole('status').first()).toContainText('2 of')
    await results.getByRole('button', { name: 'Download selected…' }).click()
    const download = page.getByRole('form', { name: 'Download selected recordings' })
    // The web shell has no native dialogs: the folder is typed.
    await expect(download.getByRole('button', { name: /Browse/ })).toHaveCount(0)
    // The folder is checked before anything starts: a file where the folder should be is refused on the field.
    const notAFolder = join(folder, 'not-a-folder.txt')
    writeFileSync(notAFolder, 'x')
    await download.getByLabel('Folder').fill(notAFolder)
    await download.getByRole('button', { name: 'Download 2 recordings' }).click()
    await expect(download.getByLabel('Folder')).toHaveAccessibleDescription(/is a file, not a folder\. Choose a folder\./)
    await expect(page.getByRole('list', { name: 'Downloads' })).toHaveCount(0)
    rmSync(notAFolder)
    await download.getByLabel('Folder').fill(folder)
    await download.getByLabel('Folder').blur()
    await expect(download.getByRole('status')).toHaveText(`The folder is ready: ${folder}`)
    await saveScreens(page, 'recordings-download-form')
    // The answer to "start" comes after the download's last signal: the screen still shows it done.
    const start = await holdNextAnswerUntilEnded(page, 'recordings.downloads.start', downloadEnded)
    await download.getByRole('button', { name: 'Download 2 recordings' }).click()
    const downloads = page.getByRole('list', { name: 'Downloads' })
    const first = downloads.getByRole('article', { name: `Download to ${folder}` }).first()
    await start.answered
    await expect(first).toContainText('Done', { timeout: 60_000 })
    await expect(first).toContainText('2 of 2 saved')
    await expect(first).toContainText('Manifest')
    const saved = readdirSync(folder)
    expect(saved.filter((name) => !name.endsWith('.csv'))).toHaveLength(2)
    const manifest = saved.find((name) => name.endsWith('.csv'))
    expect(manifest).toBeDefined()
    expect(readFileSync(join(folder, manifest ?? ''), 'utf8')).toMatch(/[0-9a-f]{64}/)
    // The web shell has no file manager to open: no Show in folder (the desktop app has it).
    await expect(first.getByRole('button', { name: /Show in folder/ })).toHaveCount(0)
    await first.getByText('Files (2)').click()
    await first.scrollIntoViewIfNeeded()
    await saveScreensAtWidths(page, 'recordings-downloaded')
    await expectAccessible(page, 'recordings downloaded')

    // The same two again: they exist now, so the admin is asked, and keeps both for all of them.
    await boxes.nth(0).check()
    await boxes.nth(1).check()
    await results.getByRole('button', { name: 'Download selected…' }).click()
    await download.getByLabel('Folder').fill(folder)
    await download.getByRole('button', { name: 'Download 2 recordings' }).click()
    const again = downloads.getByRole('article', { name: `Download to ${folder}` }).first()
    await expect(again).toContainText('2 files already exist', { timeout: 30_000 })
    await again.getByRole('button', { name: 'Choose what to do…' }).click()
    const ask = page.getByRole('dialog', { name: '2 files already exist' })
    await expect(ask.getByRole('checkbox', { name: 'Apply to all 2 files' })).toBeChecked()
    await saveScreens(page, 'recordings-existing-files')
    await expectAccessible(page, 'recordings existing files')
    // The answer to the decision comes after the download's last signal (the page once kept that older
    // answer: both files stayed "Requested 0 B" although they were saved).
    const decision = await holdNextAnswerUntilEnded(page, 'recordings.downloads.decide', downloadEnded)
    await ask.getByRole('button', { name: 'Keep both' }).click()
    await decision.answered
    await expect(again).toContainText('Done', { timeout: 30_000 })
    await expect(again).toContainText('2 of 2 saved')
    expect(readdirSync(folder).filter((name) => !name.endsWith('.csv'))).toHaveLength(4)

    // A link for one recording, in the policy's default format, with its countdown; copied to the clipboard.
    await table
      .getByRole('button', { name: /^Get link for / })
      .first()
      .click()
    const dialog = page.getByRole('dialog', { name: 'Download link' })
    const field = dialog.getByLabel(/^Link \(/)
    await expect(field).toHaveValue(/^https?:\/\//, { timeout: 30_000 })
    await expect(dialog).toContainText(/expires in \d+:\d\d/)
    await dialog.getByRole('button', { name: 'Copy link' }).click()
    await expect(dialog.getByText('Copied')).toBeVisible()
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    expect(copied).toBe(await field.inputValue())
    await saveScreens(page, 'recordings-link')
    await expectAccessible(page, 'recordings link')
    await dialog.getByRole('button', { name: 'Close' }).click()
    await expect(dialog).toBeHidden()

    // A transcript, phrase by phrase.
    await table
      .getByRole('button', { name: /^Transcript of conversation / })
      .first()
      .click()
    const transcript = page.getByRole('region', { name: /^Transcript of conversation/ })
    const phrases = transcript.getByRole('table').first()
    await expect(phrases.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 })
    await expect(phrases.getByRole('columnheader')).toHaveText(['Time', 'Speaker', 'Text'])
    await transcript.scrollIntoViewIfNeeded()
    await saveScreensAtWidths(page, 'recordings-transcript')
    await expectAccessible(page, 'recordings transcript')
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})
