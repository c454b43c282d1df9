import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import type { FlowArchiveManifest } from '../../src/shared/contract/flows'
import { expect, expectAccessible, saveScreens, saveScreensAtWidths, test } from './webShell'

test.use({ viewport: { width: 1280, height: 900 } })

/** Every cell of the flows table holds its content at this width: no text runs into the next column. */
async function expectTidyFlows(page: Page, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 })
  const problems = await page.getByRole('table', { name: 'Flows' }).evaluate((table) => {
    const found: string[] = []
    for (const row of table.querySelectorAll('[role="row"]')) {
      for (const cell of Array.from(row.children) as HTMLElement[]) {
        if (cell.classList.contains('sr-only')) continue
        if (cell.scrollWidth > cell.clientWidth + 1) found.push(`“${cell.textContent}” overflows its cell`)
      }
    }
    return found
  })
  expect(problems, `at ${width} px`).toEqual([])
  await page.setViewportSize({ width: 1280, height: 900 })
}

test('browse flows, select versions by policy, archive, archive again, verify, compare two versions', async ({ page, shell }) => {
  // About 30 s on a quiet 2-core machine; the margin is for one shared with other work.
  test.setTimeout(120_000)
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-e2e-flows-'))
  try {
    await page.goto(shell.appUrl)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flow archive' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Flow archive' })).toBeVisible()

    // Three tabs, moved between with the arrow keys (WAI-ARIA tabs).
    const flowsTab = page.getByRole('tab', { name: 'Flows and versions' })
    await flowsTab.focus()
    await page.keyboard.press('ArrowLeft')
    await expect(page.getByRole('tab', { name: 'Remote archive' })).toBeFocused()
    await expect(page.getByRole('form', { name: 'Remote archive settings' })).toBeVisible()
    await page.keyboard.press('ArrowRight')
    await expect(flowsTab).toHaveAttribute('aria-selected', 'true')

    // Browse: every seeded flow, types in words; a locked flow and one this client may not read say why on their row.
    const table = page.getByRole('table', { name: 'Flows' })
    const list = page.getByRole('region', { name: 'Flows' })
    await expect(list.getByRole('status')).toContainText('14 flows · 2 with problems')
    const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('button', { name, exact: true }) })
    await expect(row('Support In-Queue')).toContainText('In-queue call')
    await expect(row('Holiday Routing')).toContainText('Locked: Locked in Architect by Marcus Okafor')
    await expect(row('Executive Escalations')).toContainText('Not readable: This OAuth client may not read')
    await expect(row('Executive Escalations').getByRole('checkbox')).toHaveCount(0)
    await expect(row('Holiday Routing').getByRole('checkbox')).toHaveCount(1)
    await expect(table).not.toContainText(/\d{4}-\d\d-\d\d/)
    await saveScreensAtWidths(page, 'flows-browse')
    await expectTidyFlows(page, 1280)
    await expectTidyFlows(page, 1024)

    // Filter by type and publish state, then back to every flow.
    const filters = page.getByRole('form', { name: 'Find flows' })
    await filters.getByLabel('Type').selectOption({ label: 'Inbound call' })
    await filters.getByRole('button', { name: 'Show flows' }).click()
    await expect(list.getByRole('status')).toContainText('5 flows')
    await filters.getByLabel('Publish state').selectOption({ label: 'Never published' })
    await filters.getByLabel('Type').selectOption({ label: 'All types' })
    await filters.getByRole('button', { name: 'Show flows' }).click()
    await expect(list.getByRole('status')).toContainText('1 flow')
    await expect(table.getByRole('row')).toHaveCount(2)
    await expect(table.getByRole('rowheader')).toContainText('Email Routing Draft')
    await filters.getByRole('button', { name: 'Reset' }).click()
    await expect(list.getByRole('status')).toContainText('14 flows')

    // Open a flow's history: a timeline of versions, newest first, with what happened, who and when.
    await row('Support In-Queue').getByRole('button', { name: 'Support In-Queue' }).click()
    const history = page.getByRole('region', { name: 'Versions of Support In-Queue' })
    await expect(history.getByRole('heading', { name: 'Versions of Support In-Queue' })).toBeFocused()
    const timeline = history.getByRole('list', { name: 'Version history of Support In-Queue' })
    await expect(timeline.getByRole('listitem')).toHaveCount(30)
    await expect(timeline.getByRole('listitem').first()).toContainText('30.0')
    await expect(timeline).toContainText('Published')
    await expect(timeline).toContainText('Checked in')

    // Select by the retention policy (the last 365 days, at most 50, published only by default).
    await history.getByRole('button', { name: 'Select by policy' }).click()
    const status = history.getByRole('status').first()
    await expect(status).toContainText(/The policy chooses \d+ versions?/)
    const chosen = Number(/(\d+) of 30 versions selected/.exec((await status.textContent()) ?? '')?.[1])
    expect(chosen).toBeGreaterThan(0)
    expect(chosen).toBeLessThan(30)
    await expect(timeline.getByRole('checkbox', { checked: true })).toHaveCount(chosen)
    await expect(timeline.getByRole('checkbox', { name: /checked in by/, checked: true })).toHaveCount(0)
    await saveScreensAtWidths(page, 'flows-history')

    // Archive them: the job writes one content-addressed file per version and the flow's manifest.
    await history.getByRole('button', { name: 'Archive selected versions…' }).click()
    const form = page.getByRole('form', { name: 'Archive versions' })
    await form.getByLabel('Archive folder').fill(folder)
    await form.getByRole('button', { name: /^Archive \d+ versions? of Support In-Queue$/ }).click()
    const runs = page.getByRole('list', { name: 'Archive runs' })
    const run = runs.getByRole('article', { name: 'Archive of Support In-Queue' }).first()
    await expect(run).toContainText('Done', { timeout: 30_000 })
    await expect(run).toContainText('by the retention policy')
    await expect(run).toContainText(`Versions read 30 of 30 · ${chosen} of ${chosen} selected versions written`)
    await expect(run.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100')
    const manifestFile = readdirSync(join(folder, 'manifests'))[0]
    await expect(run).toContainText(join(folder, 'manifests', manifestFile))
    const manifest = JSON.parse(readFileSync(join(folder, 'manifests', manifestFile), 'utf8')) as FlowArchiveManifest
    expect(manifest.versions).toHaveLength(chosen)
    await run.scrollIntoViewIfNeeded()
    await saveScreensAtWidths(page, 'flows-archived')

    // Again, from the list this time: the folder is remembered, nothing is new, and the run says so.
    await page.getByRole('checkbox', { name: 'Select flow Support In-Queue' }).check()
    await list.getByRole('button', { name: 'Archive selected…' }).click()
    const again = page.getByRole('form', { name: 'Archive versions' })
    await expect(again.getByLabel('Archive folder')).toHaveValue(folder)
    await again.getByRole('button', { name: 'Archive the versions of Support In-Queue' }).click()
    await expect(runs.getByRole('article')).toHaveCount(2)
    const second = runs.getByRole('article').first()
    await expect(second).toContainText(`Nothing new: the ${chosen} selected versions were already in this archive.`, { timeout: 30_000 })
    await second.scrollIntoViewIfNeeded()
    await saveScreens(page, 'flows-nothing-new')

    // Compare the two newest versions: a structural diff with paths, not a text diff.
    const compare = history.getByRole('form', { name: 'Compare configurations' })
    await compare.getByRole('button', { name: 'Compare' }).click()
    await expect(history.getByText(/^\d+ (added|removed|changed|moved)/)).toBeVisible()
    const diff = history.getByRole('table', { name: /^Changes from Version 29\.0 .* to Version 30\.0/ })
    await expect(diff.getByRole('row').nth(1)).toBeVisible()
    await expect(diff).toContainText(/\w+\[[^\]]+\]\.\w+/)
    await diff.scrollIntoViewIfNeeded()
    await saveScreensAtWidths(page, 'flows-compare')
    await expectAccessible(page, 'flows compare')

    // And a version with an archived file, by its hash: the same content is identical.
    const newest = manifest.versions[0]
    await compare.getByLabel('From version').selectOption(newest.id)
    await compare.getByRole('radio', { name: 'An archived file' }).check()
    await compare.getByLabel('SHA-256 of the archived file').fill(newest.sha256)
    await expect(compare.getByLabel('Archive folder')).toHaveValue(folder)
    await compare.getByRole('button', { name: 'Compare' }).click()
    await expect(history.getByText('Identical: the two configurations have the same content.')).toBeVisible()

    // Verify the folder: all good; then change one file, remove one, add one, and each is named.
    await page.getByRole('tab', { name: 'Verify an archive' }).click()
    const verify = page.getByRole('form', { name: 'Verify an archive' })
    await expect(verify.getByLabel('Archive folder')).toHaveValue(folder)
    await verify.getByRole('button', { name: 'Verify' }).click()
    const report = page.getByRole('region', { name: 'Verification result' })
    await expect(report).toContainText('Every file matches its manifest.')
    await expect(report).toContainText(`1 manifest · 1 flow · ${chosen} versions`)
    await saveScreens(page, 'flows-verify-ok')
    const files = manifest.versions.map((v) => v.file)
    writeFileSync(join(folder, files[0]), '{"tampered":true}')
    if (files.length > 1) unlinkSync(join(folder, files[1]))
    writeFileSync(join(folder, 'configurations', 'stray.json'), '{}')
    await verify.getByRole('button', { name: 'Verify' }).click()
    const problems = report.getByRole('table', { name: 'Problems in the archive' })
    await expect(problems.getByRole('row').filter({ hasText: files[0] })).toContainText('Changed')
    if (files.length > 1) await expect(problems.getByRole('row').filter({ hasText: files[1] })).toContainText('Missing')
    await expect(problems.getByRole('row').filter({ hasText: 'stray.json' })).toContainText('Extra')
    await problems.scrollIntoViewIfNeeded()
    await saveScreensAtWidths(page, 'flows-verify-problems')
    await expectAccessible(page, 'flows verify problems')
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

/** How long each step of the Sandbox's export jobs lasts, read whenever a job is looked at. */
async function setExportStepMs(sandboxUrl: string, flowExportStepMs: number): Promise<void> {
  const response = await fetch(`${sandboxUrl}/__sandbox/options`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ flowExportStepMs }),
  })
  expect(response.status).toBe(200)
}

test('export flows as YAML, see why an export failed, cancel a slow one, set the remote archive', async ({ page, shell }) => {
  // About 20 s on a quiet 2-core machine.
  test.setTimeout(120_000)
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-e2e-flow-exports-'))
  try {
    await page.goto(shell.appUrl)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flow archive' }).click()
    const list = page.getByRole('region', { name: 'Flows' })
    await expect(list.getByRole('status')).toContainText('14 flows')

    // Export one flow as YAML into a folder: the platform's job moves through its steps, then the file is saved.
    await page.getByRole('checkbox', { name: 'Select flow Website Chat' }).check()
    await list.getByRole('button', { name: 'Export selected…' }).click()
    const form = page.getByRole('form', { name: 'Export flows' })
    await expect(form.getByRole('radio', { name: /^YAML/ })).toBeChecked()
    await form.getByLabel('Save in folder').fill(folder)
    await saveScreens(page, 'flows-export-form')
    await form.getByRole('button', { name: 'Export 1 flow' }).click()
    const exports = page.getByRole('list', { name: 'Exports' })
    const saved = exports.getByRole('article', { name: 'YAML export of Website Chat' })
    await expect(saved).toContainText('Saved as', { timeout: 30_000 })
    // Saved in the folder's exports/ folder.
    const file = readdirSync(join(folder, 'exports')).find((name) => !name.startsWith('.'))
    expect(file).toBeDefined()
    await expect(saved).toContainText(join(folder, 'exports', file ?? ''))
    await expect(saved.getByRole('list', { name: /^Steps of/ }).getByRole('listitem')).toHaveText([
      'Registereddone',
      'Starteddone',
      'Successdone',
      'Saveddone',
    ])
    expect(readFileSync(join(folder, 'exports', file ?? ''), 'utf8')).toContain('Website Chat')

    // The flow whose export Archy cannot make: the job ends in Failure, and the exporter's message says why.
    await page.getByRole('checkbox', { name: 'Select flow Website Chat' }).uncheck()
    await page.getByRole('checkbox', { name: 'Select flow Legacy Claims IVR' }).check()
    await list.getByRole('button', { name: 'Export selected…' }).click()
    await form.getByLabel('Save in folder').fill(folder)
    await form.getByRole('button', { name: 'Export 1 flow' }).click()
    const failed = exports.getByRole('article', { name: 'YAML export of Legacy Claims IVR' })
    await expect(failed).toContainText('Archy exit code 107', { timeout: 30_000 })
    await expect(failed.getByRole('listitem').filter({ hasText: 'Success' })).toContainText('failed here')
    await expect(failed.getByRole('alert')).toContainText('What to do:')
    await expect(failed.getByRole('button', { name: 'Export again: YAML export of Legacy Claims IVR' })).toBeVisible()

    // A slow export (each platform step 10 min): Cancel on its card, by keyboard, stops it.
    await setExportStepMs(shell.sandboxUrl, 600_000)
    await page.getByRole('checkbox', { name: 'Select flow Legacy Claims IVR' }).uncheck()
    await page.getByRole('checkbox', { name: 'Select flow Billing Bot' }).check()
    await list.getByRole('button', { name: 'Export selected…' }).click()
    await form.getByLabel('Save in folder').fill(folder)
    await form.getByRole('button', { name: 'Export 1 flow' }).click()
    const slow = exports.getByRole('article', { name: 'YAML export of Billing Bot' })
    await expect(slow.getByRole('listitem').filter({ hasText: 'Registered' })).toContainText('now', { timeout: 30_000 })
    await slow.getByRole('button', { name: 'Cancel the YAML export of Billing Bot' }).focus()
    await page.keyboard.press('Enter')
    await expect(slow.getByText('Cancelled; no file was saved.')).toBeVisible()
    await expect(slow.getByRole('button', { name: /^Cancel/ })).toHaveCount(0)
    await expect(slow.getByRole('button', { name: 'Export again: YAML export of Billing Bot' })).toBeVisible()
    await setExportStepMs(shell.sandboxUrl, 500)
    await exports.scrollIntoViewIfNeeded()
    await saveScreensAtWidths(page, 'flows-exports')
    await expectAccessible(page, 'flows exports')

    // The Jobs panel names the export jobs in words, not by their kind's code.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click()
    const jobs = page.getByRole('table', { name: 'Jobs' })
    const cancelledJob = jobs.getByRole('row').filter({ hasText: 'Cancelled' })
    await expect(cancelledJob).toContainText('Flow export ·')
    await expect(jobs).not.toContainText('flows.export')
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flow archive' }).click()

    // The remote archive: address and token; the token is never shown again.
    await page.getByRole('tab', { name: 'Remote archive' }).click()
    const remote = page.getByRole('form', { name: 'Remote archive settings' })
    await remote.getByRole('checkbox', { name: /Send a copy of each archive run/ }).check()
    await remote.getByLabel('Address').fill('ftp://archive.example.com/flows')
    await remote.getByRole('button', { name: 'Save remote archive' }).click()
    await expect(remote.getByLabel('Address')).toHaveAttribute('aria-invalid', 'true')
    await remote.getByLabel('Address').fill('https://archive.example.com/flows')
    await remote.getByLabel('Token', { exact: true }).fill('a-bearer-token')
    await remote.getByRole('button', { name: 'Save remote archive' }).click()
    await expect(remote.getByRole('status')).toHaveText('Saved.')
    await expect(remote.getByLabel('Token', { exact: true })).toHaveValue('')
    await expect(remote.getByLabel('Token', { exact: true })).toHaveAccessibleDescription(/A token is stored; it is never shown/)
    await saveScreensAtWidths(page, 'flows-remote')
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})
