import { open, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Page } from '@playwright/test'
import { expect, expectAccessible, saveScreens, test } from './webShell'

test.use({ viewport: { width: 1280, height: 900 } })

async function testSandboxConnection(page: Page, times: number) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click()
  const sandboxRow = page.getByRole('listitem').filter({ hasText: 'Sandbox org' })
  for (let i = 0; i < times; i++) {
    await sandboxRow.getByRole('button', { name: 'Test connection' }).click()
    await expect(page.getByRole('region', { name: 'Connection test result' })).toBeVisible()
  }
}

/** Changes one digit of an api.call line's latency in place: same length, the rest of the file untouched. */
async function tamperWithApiCall(auditFile: string): Promise<number> {
  const text = await readFile(auditFile, 'utf8')
  const lines = text.split('\n')
  const index = lines.findIndex((l) => l.includes('"action":"api.call"') && /"latencyMs":\d/.test(l))
  if (index < 0) throw new Error('no api.call line with a latency to tamper with')
  const line = lines[index]
  const at = line.indexOf('"latencyMs":') + '"latencyMs":'.length
  const digit = line[at] === '9' ? '8' : String(Number(line[at]) + 1)
  const offset = Buffer.byteLength(lines.slice(0, index).join('\n')) + (index > 0 ? 1 : 0) + Buffer.byteLength(line.slice(0, at))
  const handle = await open(auditFile, 'r+')
  try {
    await handle.write(digit, offset)
  } finally {
    await handle.close()
  }
  return (JSON.parse(line) as { seq: number }).seq
}

/** Tests the Sandbox connection through the web shell's API, behind the page's back. */
async function testConnectionDirectly(shell: { url: string; appUrl: string }, times: number) {
  const token = new URL(shell.appUrl).hash.replace(/^#token=/, '')
  for (let i = 0; i < times; i++) {
    const response = await fetch(`${shell.url}/api/invoke/profiles.test`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${decodeURIComponent(token)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id: 'sandbox' }),
    })
    expect(response.status).toBe(200)
  }
}

/** The text of the row at the top edge of the grid's visible area. */
async function rowAtTopOfGrid(page: Page): Promise<string> {
  return page.evaluate(() => {
    const body = document.querySelectorAll('.audit-grid [role=rowgroup]')[1] as HTMLElement
    const box = body.getBoundingClientRect()
    const row = document.elementFromPoint(box.left + 40, box.top + 10)?.closest('[role=row]')
    return row?.textContent ?? 'no row'
  })
}

test('audit log: browse, filter, verify, export a CSV download, metrics; then a tampered line is named', async ({ page, shell }) => {
  test.setTimeout(300_000)
  await page.goto(shell.appUrl)
  await testSandboxConnection(page, 3)

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible()
  const grid = page.getByRole('grid', { name: 'Audit log entries' })
  await expect(grid.getByRole('row').nth(1)).not.toContainText('Loading')
  await expect(page.getByText(/^\d+ entries, newest first$/)).toBeVisible()
  await expect(grid).toContainText('api.call')
  await saveScreens(page, 'audit-table')
  await expectAccessible(page, 'audit table')

  // Keyboard: the first row is the tab stop; arrows move, Enter opens the details.
  // (Background work may add entries meanwhile: the focus stays on its entry, so compare entries, not positions.)
  const rows = grid.getByRole('row')
  await rows.nth(1).focus()
  const firstTime = await rows.nth(1).locator('time').getAttribute('datetime')
  await page.keyboard.press('ArrowDown')
  const focused = grid.locator('[role=row]:focus')
  await expect(focused).toHaveAttribute('aria-selected', 'true')
  const movedTo = await focused.locator('time').getAttribute('datetime')
  expect(movedTo! <= firstTime!).toBe(true)
  expect(await focused.getAttribute('aria-rowindex')).not.toBe('2')
  await page.keyboard.press('Enter')
  const details = page.getByRole('region', { name: /^Entry #\d+$/ })
  await expect(details.getByRole('heading')).toBeFocused()
  await expect(details).toContainText(movedTo!)
  await expect(details).toContainText('Previous line’s hash')
  await saveScreens(page, 'audit-details')

  // Live: entries arriving while the admin is scrolled down do not move the rows on screen.
  await testConnectionDirectly(shell, 2) // make sure there is more than a screenful
  await expect(page.getByText(/^\d+ entries, newest first$/)).toHaveText(/^(1[5-9]|[2-9]\d|\d{3,}) entries/)
  await grid
    .locator('[role=rowgroup]')
    .nth(1)
    .evaluate((el) => (el.scrollTop = 3 * 42))
  const before = await rowAtTopOfGrid(page)
  const countBefore = await page.getByText(/^\d+ entries, newest first$/).textContent()
  await testConnectionDirectly(shell, 2)
  await expect(page.getByText(/^\d+ entries, newest first$/)).not.toHaveText(countBefore!)
  expect(await rowAtTopOfGrid(page)).toBe(before)

  // Filters: action and outcome.
  const filters = page.getByRole('search', { name: 'Filter the audit log' })
  await filters.getByLabel('Action').fill('api.call')
  await filters.getByLabel('Outcome').selectOption('ok')
  await expect(page.getByText(/^\d+ matching entries, newest first$/)).toBeVisible()
  const matching = Number((await page.getByText(/matching entries, newest first$/).textContent())!.split(' ')[0])
  expect(matching).toBeGreaterThanOrEqual(3)
  const actionCells = grid.getByRole('row').locator('[role=gridcell][data-column=action]')
  await expect(actionCells.first()).toHaveText('api.call')
  for (const text of await actionCells.allTextContents()) expect(text).toBe('api.call')
  await filters.evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await saveScreens(page, 'audit-filters')
  await expectAccessible(page, 'audit filters')

  // Verify: intact.
  await page.getByRole('button', { name: 'Verify chain' }).click()
  await expect(page.getByText(/^Done: Intact: all \d+ entries check out/)).toBeVisible()
  // The web shell has no keychain: the result says plainly that nothing protects the head key.
  await expect(page.getByText(/Head signed at entry #\d+ by [0-9a-f]{64} \(not protected by a keychain\)/)).toBeVisible()
  await expect(page.getByText(/No keychain protects the audit key on this machine/)).toBeVisible()
  await grid.scrollIntoViewIfNeeded()
  await saveScreens(page, 'audit-verify-ok')

  // Export the filtered entries as CSV, then download it.
  await page.getByRole('button', { name: 'Export these entries…' }).click()
  const exportCard = page.getByRole('region', { name: 'Export' })
  await expect(exportCard.getByLabel('Save as')).toHaveValue(/audit-.*\.csv$/)
  await expect(page.getByRole('button', { name: /Browse/ })).toHaveCount(0)
  await exportCard.getByRole('button', { name: 'Export CSV' }).click()
  // Background work (the privacy tracker's calls) may add matching entries after the count was read.
  const doneText = exportCard.getByText(/Exported \d+ entries/)
  await expect(doneText).toBeVisible()
  const exported = Number(/Exported (\d+)/.exec((await doneText.textContent())!)![1])
  expect(exported).toBeGreaterThanOrEqual(matching)
  // A browser cannot open the file manager: no button that could only apologise.
  await expect(exportCard.getByRole('button', { name: 'Show in folder' })).toHaveCount(0)
  await saveScreens(page, 'audit-export-done')
  await expectAccessible(page, 'audit export')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exportCard.getByRole('button', { name: /^Download audit-.*\.csv$/ }).click(),
  ])
  expect(download.suggestedFilename()).toMatch(/^audit-.*\.csv$/)
  const rowsOut = parse(await readFile((await download.path())!), { bom: true, columns: true }) as Record<string, string>[]
  expect(rowsOut).toHaveLength(exported)
  for (const row of rowsOut) {
    expect(row.action).toBe('api.call')
    expect(row.outcome).toBe('ok')
  }
  const seqs = rowsOut.map((r) => Number(r.seq))
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b))

  // Metrics for the same filter.
  await page.getByRole('tab', { name: 'Metrics' }).click()
  const perWorkflow = page.getByRole('region', { name: 'Per workflow' })
  await expect(perWorkflow.getByRole('rowheader', { name: 'api' })).toBeVisible()
  await expect(perWorkflow.getByRole('row', { name: /^api / })).toContainText('100 %')
  await expect(page.getByRole('img', { name: /^Chart of \d+ entries/ })).toBeVisible()
  await expect(page.locator('.audit-chart canvas')).toBeVisible()
  await page.getByRole('region', { name: 'Activity over time' }).scrollIntoViewIfNeeded()
  await saveScreens(page, 'audit-metrics')
  await expectAccessible(page, 'audit metrics')

  await page.getByRole('tab', { name: 'Retention' }).click()
  await expect(page.getByRole('region', { name: 'Log files' })).toContainText('audit.jsonl')
  await expect(page.getByText('Audit key protected by')).toBeVisible()
  await expect(page.getByText(/No keychain protects the audit key on this machine/)).toBeVisible()
  await expect(page.getByRole('button', { name: 'Open log folder' })).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Log files' })).toContainText(join(shell.dataDir, 'audit'))
  await saveScreens(page, 'audit-retention')
  await expectAccessible(page, 'audit retention')

  // Tamper with the file on disk: Verify names the changed entry.
  const badSeq = await tamperWithApiCall(join(shell.dataDir, 'audit', 'audit.jsonl'))
  await page.getByRole('tab', { name: 'Entries' }).click()
  await filters.getByRole('button', { name: 'Clear filters' }).click()
  await page.getByRole('button', { name: 'Verify chain' }).click()
  const broken = page.getByRole('alert').filter({ hasText: 'The chain is broken' })
  await expect(broken).toContainText(`The chain is broken at entry #${badSeq}`)
  await expect(broken).toContainText('was changed')
  await saveScreens(page, 'audit-verify-broken')
})

/** How far the main area's content reaches past its visible width (0 when nothing scrolls sideways). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.locator('#main').evaluate((el) => el.scrollWidth - el.clientWidth)
}

async function columnWidth(page: Page, column: string): Promise<number> {
  const box = await page.locator(`.audit-grid-head [data-column=${column}]`).boundingBox()
  return box!.width
}

test('audit table at 1024 px: fits, columns resize by mouse and keyboard, details beside it close with Escape, workflow steps only', async ({
  page,
  shell,
}) => {
  test.setTimeout(300_000)
  await page.setViewportSize({ width: 1024, height: 800 })
  await page.goto(shell.appUrl)
  await testSandboxConnection(page, 2)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click()
  const grid = page.getByRole('grid', { name: 'Audit log entries' })
  await expect(grid.getByRole('row').nth(1)).not.toContainText('Loading')
  await expect(grid).toContainText('api.call')
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0)
  await saveScreens(page, 'audit-table-1024')

  // Every action is shown whole: no cell is cut short.
  const cut = await grid
    .locator('[data-column=action] .audit-cell-text')
    .evaluateAll((cells) =>
      cells.filter((c) => c.scrollHeight > c.clientHeight + 1 || c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent),
    )
  expect(cut).toEqual([])

  // Mouse: drag the Action column's end border 60 px to the right.
  const actionBefore = await columnWidth(page, 'action')
  const handle = page.getByRole('separator', { name: 'Width of the Action column' })
  const hb = (await handle.boundingBox())!
  await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2)
  await page.mouse.down()
  await page.mouse.move(hb.x + hb.width / 2 + 30, hb.y + hb.height / 2, { steps: 3 })
  await page.mouse.move(hb.x + hb.width / 2 + 60, hb.y + hb.height / 2, { steps: 3 })
  await page.mouse.up()
  const actionAfter = await columnWidth(page, 'action')
  expect(actionAfter).toBeGreaterThan(actionBefore + 40)
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0)

  // Keyboard: the Time column's handle takes the focus; arrow keys change the width.
  const timeHandle = page.getByRole('separator', { name: 'Width of the Time column' })
  const timeBefore = await columnWidth(page, 'time')
  await timeHandle.focus()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect.poll(() => columnWidth(page, 'time')).toBeGreaterThan(timeBefore + 20)
  await page.keyboard.press('ArrowLeft')
  await expect.poll(() => columnWidth(page, 'time')).toBeLessThan(timeBefore + 24)
  const timeNow = Number(await timeHandle.getAttribute('aria-valuenow'))

  // The widths are kept for this user: a reload shows them again.
  await page.reload()
  await expect(grid.getByRole('row').nth(1)).not.toContainText('Loading')
  await expect(page.getByRole('separator', { name: 'Width of the Time column' })).toHaveAttribute('aria-valuenow', String(timeNow))
  expect(Math.abs((await columnWidth(page, 'action')) - actionAfter)).toBeLessThanOrEqual(1)

  // Details beside the table, not below it; the table gives up the room and still fits.
  const rows = grid.getByRole('row')
  await rows.nth(1).focus()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  const details = page.getByRole('region', { name: /^Entry #\d+$/ })
  await expect(details.getByRole('heading')).toBeFocused()
  const gridBox = (await grid.boundingBox())!
  const detailsBox = (await details.boundingBox())!
  expect(detailsBox.x).toBeGreaterThanOrEqual(gridBox.x + gridBox.width)
  expect(detailsBox.y).toBeLessThan(gridBox.y + gridBox.height)
  expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0)
  await saveScreens(page, 'audit-details-1024')
  await expectAccessible(page, 'audit details pane')

  // Escape closes the pane and puts the focus back on the entry's row.
  await page.keyboard.press('Escape')
  await expect(details).toHaveCount(0)
  const focusedRow = grid.locator('[role=row]:focus')
  await expect(focusedRow).toHaveAttribute('aria-selected', 'true')
  // The close button does the same.
  await page.keyboard.press('Enter')
  await expect(details).toBeVisible()
  await details.getByRole('button', { name: 'Close the entry details' }).click()
  await expect(details).toHaveCount(0)

  // Workflow steps only: one click hides the API calls, keeps the steps.
  const filters = page.getByRole('search', { name: 'Filter the audit log' })
  await filters.getByRole('radio', { name: 'Workflow steps' }).check()
  await expect(page.getByText(/^\d+ matching entries?, newest first$/)).toBeVisible()
  await expect(grid).toContainText('connection.test')
  const actions = await grid.locator('[role=gridcell][data-column=action]').allTextContents()
  expect(actions.length).toBeGreaterThan(0)
  for (const action of actions) expect(action).not.toMatch(/^api\./)
  await saveScreens(page, 'audit-steps-1024')
  await filters.getByRole('radio', { name: 'All entries' }).check()
  await expect(page.getByText(/^\d+ entries, newest first$/)).toBeVisible()
  await expect(grid).toContainText('api.call')

  // Prefix and word matching: "refused"-style words and prefixes find the action.
  await filters.getByLabel('Action').fill('connection')
  await expect(page.getByText(/^\d+ matching entries?, newest first$/)).toBeVisible()
  await expect(grid.locator('[role=gridcell][data-column=action]').first()).toHaveText('connection.test')
  await filters.getByLabel('Action').fill('test')
  await expect(grid.locator('[role=gridcell][data-column=action]').first()).toHaveText('connection.test')
  await filters.getByLabel('Action').fill('')

  // An Until before From is named beside the fields; the list keeps the last valid filter.
  const countBefore = await page.getByText(/entries?, newest first$/).textContent()
  await filters.getByLabel('From').fill('2025-01-02T00:00:00')
  await filters.getByLabel('Until').fill('2025-01-01T00:00:00')
  await expect(filters.getByText('“Until” is before “From”, so no entry could match.', { exact: false })).toBeVisible()
  await expect(filters.getByLabel('Until')).toHaveAttribute('aria-invalid', 'true')
  await expect(page.getByText(/^0 matching entries/)).toHaveCount(0)
  expect(await page.getByText(/entries?, newest first$/).textContent()).toBe(countBefore)
  await filters.evaluate((el) => el.scrollIntoView({ block: 'start' }))
  await saveScreens(page, 'audit-range-error-1024')
})
