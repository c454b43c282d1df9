import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, expectAccessible, saveScreens, test } from './webShell'

test.use({ viewport: { width: 1280, height: 900 } })

test('search a subject, submit an export, track it to completion and save verified results', async ({ page, shell }) => {
  test.setTimeout(90_000)
  const folder = mkdtempSync(join(tmpdir(), 'switchboard-e2e-results-'))
  try {
    // Each GDPR phase lasts 300 ms in the sandbox, so an export completes before the first check (5 s).
    const options = await fetch(`${shell.sandboxUrl}/__sandbox/options`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ gdprStepMs: 300 }),
    })
    expect(options.status).toBe(200)

    await page.goto(shell.appUrl)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Privacy' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Privacy' })).toBeVisible()
    const requests = page.getByRole('list', { name: 'Privacy requests' })
    // Requests made elsewhere (seeded in the sandbox) appear from the org's list, ERROR guidance included.
    const ivan = requests.getByRole('article', { name: 'GDPR delete · Ivan Petrov' })
    await expect(ivan).toContainText('made elsewhere by Priya Raman')
    await expect(ivan).toContainText('What to do:')
    await saveScreens(page, 'privacy-start')
    await ivan.scrollIntoViewIfNeeded()
    await saveScreens(page, 'privacy-error-guidance')
    await expectAccessible(page, 'privacy start')

    // Search: a phone number not in E.164 is refused inline, before anything is sent.
    const search = page.getByRole('form', { name: 'Find the data subject' })
    await search.getByLabel('Search by').selectOption('PHONE')
    await search.getByLabel('Search for').fill('+44 20 7946 0123')
    await search.getByRole('button', { name: 'Search' }).click()
    await expect(search.getByText('write it as +442079460123')).toBeVisible()

    await search.getByLabel('Search by').selectOption('NAME')
    await search.getByLabel('Search for').fill('Amelia Hart')
    await search.getByRole('button', { name: 'Search' }).click()
    const matches = page.getByRole('list', { name: 'Matches' })
    await expect(matches.getByRole('button', { name: /^Use / })).toHaveCount(2)
    await expect(matches.getByRole('button', { name: 'Use Amelia Hart (user)' })).toBeVisible()
    await expect(matches.getByRole('button', { name: 'Use Amelia Hart (external contact)' })).toBeVisible()
    await saveScreens(page, 'privacy-matches')
    await expectAccessible(page, 'privacy matches')

    await page.getByRole('button', { name: 'Use Amelia Hart (user)' }).click()
    const form = page.getByRole('form', { name: 'New privacy request' })
    await expect(form.getByRole('radio', { name: 'Export' })).toBeChecked()
    await form.getByLabel('Phone numbers').fill('+442079460123\n07700 900123')
    await form.getByLabel('Email addresses').fill('amelia.hart@example.com\namelia@')
    await form.getByRole('button', { name: 'Submit export request' }).click()
    await expect(form.getByText('Line 2: “07700 900123” is not an E.164 phone number')).toBeVisible()
    await expect(form.getByText('Line 2: “amelia@” is not a valid email address')).toBeVisible()
    await saveScreens(page, 'privacy-form-errors')
    await expectAccessible(page, 'privacy form with errors')

    await form.getByLabel('Phone numbers').fill('+442079460123')
    await form.getByLabel('Email addresses').fill('amelia.hart@example.com')
    await form.getByRole('button', { name: 'Submit export request' }).click()
    await expect(page.getByText(/submitted; it is tracked below/)).toBeVisible()
    const card = requests.getByRole('article', { name: 'GDPR export · Amelia Hart' }).filter({ hasText: 'made here' })
    await expect(card).toBeVisible()
    await expect(card.getByRole('list', { name: 'Status timeline' })).toContainText('Initiated')
    await expect(card).toContainText('Next check')
    await card.scrollIntoViewIfNeeded()
    await saveScreens(page, 'privacy-tracking')

    // The first scheduled check comes 5 s after submitting and finds it completed.
    await expect(card).toContainText('Completed', { timeout: 20_000 })
    await expect(card).toContainText('none: finished')
    const notices = page.getByRole('region', { name: 'Notices' })
    await expect(notices).toContainText(/GDPR export \w{8} completed/)
    await notices.scrollIntoViewIfNeeded()
    await saveScreens(page, 'privacy-completed-notice')
    await card.scrollIntoViewIfNeeded()
    await saveScreens(page, 'privacy-completed')

    await card.getByRole('button', { name: 'Save results…' }).click()
    const save = card.getByRole('form', { name: 'Save results' })
    // The web shell has no native dialogs: no Browse… beside the typed folder.
    await expect(save.getByLabel('Folder')).toBeVisible()
    await expect(page.getByRole('button', { name: /Browse/ })).toHaveCount(0)
    await save.getByLabel('Folder').fill(join(folder, 'not-there'))
    await save.getByLabel('Folder').blur()
    await expect(save.getByText(/does not exist/)).toBeVisible()
    await save.scrollIntoViewIfNeeded()
    await saveScreens(page, 'privacy-folder-error')

    await save.getByLabel('Folder').fill(folder)
    await save.getByRole('button', { name: 'Save results' }).click()
    const saved = card.getByRole('region', { name: 'Saved results' })
    await expect(saved.getByRole('row')).toHaveCount(3)
    await expect(saved).toContainText('verified')
    const savedFolder = (await saved.locator('.privacy-saved-folder').first().textContent()) ?? ''
    expect(savedFolder.startsWith(join(folder, 'gdpr-export-'))).toBe(true)
    await expect(saved.getByRole('row').nth(1)).toContainText('interactions.json')
    const firstPath = join(savedFolder, 'interactions.json')
    const sha = createHash('sha256').update(readFileSync(firstPath)).digest('hex')
    await expect(saved.getByRole('row').nth(1)).toContainText(sha)
    await expect(saved).toContainText('interactions.interactions.csv')
    await saved.scrollIntoViewIfNeeded()
    await saveScreens(page, 'privacy-saved')
    await expectAccessible(page, 'privacy saved results')
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
})

test('a delete needs the typed confirmation before it is sent', async ({ page, shell }) => {
  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Privacy' }).click()
  const search = page.getByRole('form', { name: 'Find the data subject' })
  await search.getByLabel('Search by').selectOption('EMAIL')
  await search.getByLabel('Search for').fill('jonas.berg@example.com')
  await search.getByRole('button', { name: 'Search' }).click()
  await page.getByRole('button', { name: 'Use Jonas Berg (user)' }).click()

  const form = page.getByRole('form', { name: 'New privacy request' })
  await form.getByRole('radio', { name: 'Delete' }).check()
  await form.getByRole('button', { name: 'Submit delete request…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete this person’s data?' })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('Type “Jonas Berg” to confirm').fill('DELETE')
  await dialog.getByRole('button', { name: 'Delete personal data' }).click()
  await expect(dialog.getByText('Type “Jonas Berg” exactly to confirm.')).toBeVisible()
  await saveScreens(page, 'privacy-delete-confirm')
  await expectAccessible(page, 'privacy delete confirmation')

  await dialog.getByLabel('Type “Jonas Berg” to confirm').fill('Jonas Berg')
  await dialog.getByRole('button', { name: 'Delete personal data' }).click()
  await expect(dialog).toBeHidden()
  const card = page.getByRole('list', { name: 'Privacy requests' }).getByRole('article', { name: 'GDPR delete · Jonas Berg' })
  await expect(card).toBeVisible()
  await expect(card.getByRole('list', { name: 'Status timeline' })).toContainText('Deleting')
})
