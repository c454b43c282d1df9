import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, expectAccessible, saveScreens, test } from './webShell'
import { sandboxToken } from './sandboxControl'

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
    // The placeholder is a made-up example in the theme's muted colour, never a real subject at full contrast.
    const searchFor = search.getByLabel('Search for')
    await expect(searchFor).toHaveAttribute('placeholder', 'e.g. Jane Doe')
    const colours = await searchFor.evaluate((input) => ({
      placeholder: getComputedStyle(input, '::placeholder').color,
      muted: getComputedStyle(document.querySelector('.muted') ?? document.body).color,
      text: getComputedStyle(input).color,
    }))
    expect(colours.placeholder).toBe(colours.muted)
    expect(colours.placeholder).not.toBe(colours.text)
    await search.getByLabel('Search by').selectOption('PHONE')
    await expect(searchFor).toHaveAttribute('placeholder', 'e.g. +44…')
    await saveScreens(page, 'privacy-search-placeholder')
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
    // The folder is on the web shell's machine: each file is also offered as a download, byte for byte.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      saved.getByRole('button', { name: 'Download interactions.json' }).first().click(),
    ])
    expect(download.suggestedFilename()).toBe('interactions.json')
    const downloaded = await download.path()
    expect(createHash('sha256').update(readFileSync(downloaded)).digest('hex')).toBe(sha)
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
  const confirm = dialog.getByRole('button', { name: 'Delete personal data' })
  const typed = dialog.getByLabel('Type “Jonas Berg” exactly to confirm')
  // Nothing typed, another text, or the name in another case: the button stays off.
  await expect(confirm).toBeDisabled()
  await saveScreens(page, 'privacy-delete-confirm-empty')
  await typed.fill('DELETE')
  await expect(confirm).toBeDisabled()
  await expect(dialog.getByText('Type “Jonas Berg” exactly.')).toBeVisible()
  await typed.fill('jonas berg')
  await expect(confirm).toBeDisabled()
  await expect(dialog.getByText('Match the case too: type “Jonas Berg”.')).toBeVisible()
  await typed.press('Enter')
  await expect(dialog).toBeVisible()
  await saveScreens(page, 'privacy-delete-confirm')
  await expectAccessible(page, 'privacy delete confirmation')

  await typed.fill('Jonas Berg')
  await expect(confirm).toBeEnabled()
  await saveScreens(page, 'privacy-delete-confirm-matched')
  await page.setViewportSize({ width: 1024, height: 800 })
  await saveScreens(page, 'privacy-delete-confirm-matched-1024')
  await page.setViewportSize({ width: 1280, height: 900 })
  await confirm.click()
  await expect(dialog).toBeHidden()
  const card = page.getByRole('list', { name: 'Privacy requests' }).getByRole('article', { name: 'GDPR delete · Jonas Berg' })
  await expect(card).toBeVisible()
  await expect(card.getByRole('list', { name: 'Status timeline' })).toContainText('Deleting')
})

test('update terms may be Twitter / X handles; a status or type the platform adds later shows as it comes', async ({ page, shell }) => {
  // Another release of the platform: a request made elsewhere reports values this version does not know.
  const token = await sandboxToken(shell.sandboxUrl)
  const made = (await (
    await fetch(`${shell.sandboxUrl}/api/v2/gdpr/requests`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ requestType: 'GDPR_EXPORT', subject: { name: 'Erik Nilsson', emailAddresses: ['erik.nilsson@example.com'] } }),
    })
  ).json()) as { id: string }
  const reported = await fetch(`${shell.sandboxUrl}/__sandbox/gdpr/requests/${made.id}/reported-as`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status: 'AWAITING_APPROVAL', requestType: 'GDPR_ANONYMIZE' }),
  })
  expect(reported.status).toBe(200)

  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Privacy' }).click()
  await page.getByRole('button', { name: 'Refresh from org' }).first().click()
  const requests = page.getByRole('list', { name: 'Privacy requests' })
  const card = requests.getByRole('article', { name: 'GDPR_ANONYMIZE · Erik Nilsson' })
  await expect(card).toBeVisible()
  await expect(card.locator('.privacy-request-status .badge')).toHaveText('AWAITING_APPROVAL')
  await expect(card).toContainText('request type not known to this version')
  await expect(card.getByRole('list', { name: 'Status timeline' })).toContainText('AWAITING_APPROVAL')
  await expect(requests.getByRole('article', { name: 'GDPR delete · Ivan Petrov' })).toBeVisible()
  await card.scrollIntoViewIfNeeded()
  await saveScreens(page, 'privacy-unknown-values')
  await expectAccessible(page, 'privacy unknown values')

  await page.getByRole('button', { name: 'Enter identifiers by hand' }).click()
  const form = page.getByRole('form', { name: 'New privacy request' })
  await form.getByRole('radio', { name: 'Update' }).check()
  await form.getByLabel('Email addresses').fill('bruno.costa@example.com')
  await form.getByRole('button', { name: 'Add replacement term' }).click()
  const term = form.getByRole('group', { name: 'Replacement term 1' })
  await term.getByLabel('Kind').selectOption('TWITTER')
  await term.getByLabel('Replace', { exact: true }).fill('@brunocosta')
  await term.getByLabel('With', { exact: true }).fill('@bruno_costa')
  await form.getByRole('button', { name: /^Submit update request/ }).click()
  await expect(page.getByText(/submitted; it is tracked below/)).toBeVisible()
  await expect(requests.getByRole('article', { name: /GDPR update/ }).filter({ hasText: 'made here' })).toBeVisible()
})
