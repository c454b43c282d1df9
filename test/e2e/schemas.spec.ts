import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, expectAccessible, saveScreens, test } from './webShell'
import { sandboxToken } from './sandboxControl'

const CUSTOMER = '3b8f2a64-1c3e-4f0a-9d61-7c2e5b9a4d10'
const SCHEMA_PATH = `/api/v2/externalcontacts/contacts/schemas/${CUSTOMER}`

test.use({ viewport: { width: 1280, height: 900 } })

type Raw = { version: number; jsonSchema: { properties: Record<string, Record<string, unknown>> } }

/** The other admin: straight to the sandbox's API with the demo client, behind the app's back. */
async function otherAdmin(sandboxUrl: string) {
  const token = await sandboxToken(sandboxUrl)
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }
  return {
    read: async () => (await (await fetch(`${sandboxUrl}${SCHEMA_PATH}`, { headers })).json()) as Raw,
    write: async (schema: Raw) => {
      const response = await fetch(`${sandboxUrl}${SCHEMA_PATH}`, { method: 'PUT', headers, body: JSON.stringify(schema) })
      expect(response.status).toBe(200)
    },
  }
}

async function editField(page: Page, label: string) {
  await page.getByRole('button', { name: `Edit ${label}`, exact: true }).click()
  return page.getByRole('group', { name: `Edit ${label}` })
}

async function tickAll(page: Page) {
  const boxes = page.getByRole('checkbox', { name: /^Apply:/ })
  for (const box of await boxes.all()) await box.check()
}

test('propose, review, tick and apply a schema change; then a forced 409 gives a rebased review with the conflict to decide', async ({
  page,
  shell,
}) => {
  test.setTimeout(120_000)
  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schemas' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Schemas' })).toBeVisible()
  await expect(page.getByRole('rowheader', { name: 'Marketing attributes' })).toBeVisible()
  await page.getByRole('button', { name: 'Open Customer profile' }).click()
  await expect(page.getByRole('heading', { name: 'Customer profile · version 3' })).toBeVisible()
  await saveScreens(page, 'schemas-open')
  await expectAccessible(page, 'schema open')

  // Edit: a shorter maximum, an option added, a field removed, a field added.
  await page.getByRole('button', { name: 'Propose changes' }).click()
  let editor = await editField(page, 'Service notes')
  await editor.getByLabel(/Maximum length/).fill('500')
  await page.getByRole('button', { name: 'Close Service notes' }).click()
  editor = await editField(page, 'Loyalty tier')
  await editor.getByRole('button', { name: 'Add option' }).click()
  await editor.getByLabel('Label of option 5').fill('Diamond')
  await editor.getByLabel('Stored value of option 5').fill('diamond')
  await saveScreens(page, 'schemas-editor')
  await expectAccessible(page, 'proposal editor')
  await page.getByRole('button', { name: 'Close Loyalty tier' }).click()
  editor = await editField(page, 'VIP')
  await editor.getByRole('button', { name: 'Remove field VIP' }).click()
  const add = page.getByRole('form', { name: 'Add a field' })
  await add.getByLabel('Field name').fill('segment')
  await add.getByLabel('Field type').selectOption('enum')
  await add.getByLabel('Field label').fill('Segment')
  await add.getByRole('button', { name: 'Add field' }).click()
  await expect(page.getByRole('list', { name: 'Removed fields' })).toContainText('VIP')

  // Review: every change classified, all unchecked.
  await page.getByRole('button', { name: 'Review changes' }).click()
  const review = page.getByRole('region', { name: 'Review changes to Customer profile' })
  await expect(review).toContainText('4 changes — 2 safe, 1 data-dependent, 1 destructive. 0 ticked to apply.')
  const boxes = review.getByRole('checkbox', { name: /^Apply:/ })
  await expect(boxes).toHaveCount(4)
  for (const box of await boxes.all()) await expect(box).not.toBeChecked()
  await expect(review.getByRole('row', { name: /Removed.*VIP/ })).toContainText('Destructive')
  await expect(review.getByRole('row', { name: /Changed.*Service notes/ })).toContainText('Data-dependent')
  const apply = review.getByRole('button', { name: /^Apply .*ticked change/ })
  await expect(apply).toBeDisabled()
  await review.getByRole('table').scrollIntoViewIfNeeded()
  await saveScreens(page, 'schemas-review')
  await expectAccessible(page, 'review')

  // Tick; the destructive change needs the typed confirmation.
  await tickAll(page)
  await expect(apply).toBeDisabled()
  await review.getByLabel(/Type the schema name/).fill('Customer profile')
  await expect(apply).toBeEnabled()
  await saveScreens(page, 'schemas-review-ticked')
  await expectAccessible(page, 'review ticked')
  await apply.click()
  await expect(page.getByText('Applied 4 change(s) to Customer profile: version 3 → 4.')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Customer profile · version 4' })).toBeVisible()
  await saveScreens(page, 'schemas-applied')

  // Forced 409: the other admin saves version 5 between our read (4) and our apply.
  await page.getByRole('button', { name: 'Propose changes' }).click()
  editor = await editField(page, 'Service notes')
  await editor.getByLabel(/Maximum length/).fill('300')
  await page.getByRole('button', { name: 'Close Service notes' }).click()
  editor = await editField(page, 'Preferred name')
  await editor.getByLabel(/Maximum length/).fill('40')
  await page.getByRole('button', { name: 'Review changes' }).click()
  await expect(review).toContainText('2 changes')

  const other = await otherAdmin(shell.sandboxUrl)
  const theirs = await other.read()
  expect(theirs.version).toBe(4)
  theirs.jsonSchema.properties.notes_longtext.maxLength = 800
  theirs.jsonSchema.properties.crm_profile_url.title = 'CRM record'
  await other.write(theirs)

  await tickAll(page)
  await apply.click()
  await expect(review.getByText('Someone else changed this schema while you were editing (version 4 → 5).')).toBeVisible()
  await expect(review).toContainText('their changes are kept: notes (changed), crm_profile (changed)')
  const conflicts = review.getByRole('region', { name: 'Conflicts to decide' })
  await expect(conflicts).toContainText('Both changed maxLength (they: 800, you: 300)')
  await expect(apply).toBeDisabled()
  expect((await other.read()).version).toBe(5)
  await conflicts.scrollIntoViewIfNeeded()
  await saveScreens(page, 'schemas-rebased')
  await expectAccessible(page, 'rebased review')

  // Decide (take mine), review again, tick, apply: both admins' changes end up on the server.
  await conflicts.getByRole('radio', { name: 'Take mine' }).check()
  await expect(review).toContainText('Relative to version 5: 2 changes')
  await tickAll(page)
  await saveScreens(page, 'schemas-rebased-decided')
  await apply.click()
  await expect(page.getByText('Applied 2 change(s) to Customer profile: version 5 → 6.')).toBeVisible()
  const final = await other.read()
  expect(final.jsonSchema.properties.notes_longtext.maxLength).toBe(300)
  expect(final.jsonSchema.properties.nickname_text.maxLength).toBe(40)
  expect(final.jsonSchema.properties.crm_profile_url.title).toBe('CRM record')
  expect(final.jsonSchema.properties.segment_enum).toBeDefined()

  // History: the diff between any two versions.
  await page.getByRole('button', { name: 'Version history' }).click()
  const history = page.getByRole('region', { name: 'Version history' })
  await history.getByLabel('From version').selectOption('3')
  await history.getByLabel('To version').selectOption('6')
  await history.getByRole('button', { name: 'Compare versions' }).click()
  const diff = history.getByRole('table', { name: 'Changes from version 3 to 6' })
  await expect(diff).toContainText('Segment')
  // Who saved each version: names from the directory; a deleted user keeps the id, and the tooltip says why.
  const versions = history.getByRole('table', { name: 'Versions' })
  await expect(versions.getByRole('row', { name: /^3 / })).toContainText('Dana Whitfield')
  await expect(versions.getByRole('row', { name: /^2 / })).toContainText('Marcus Okafor')
  await expect(versions.getByRole('row', { name: /^6 / })).toContainText('Switchboard Sandbox client')
  const unresolved = versions.getByRole('row', { name: /^1 / }).locator('.author-unresolved')
  await expect(unresolved).toContainText('6f1c2a0e-7d1b-4c55-9a2e-0b7e5d3c1a03')
  await expect(unresolved).toHaveAttribute('title', /deleted/)
  await versions.scrollIntoViewIfNeeded()
  await saveScreens(page, 'schemas-history-names')
  await diff.scrollIntoViewIfNeeded()
  await saveScreens(page, 'schemas-history')
  await expectAccessible(page, 'history')
})

test('exports the review for approvers', async ({ page, shell }) => {
  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schemas' }).click()
  await page.getByRole('button', { name: 'Open Support entitlements' }).click()
  await page.getByRole('button', { name: 'Propose changes' }).click()
  const editor = await editField(page, 'Licensed seats')
  await editor.getByLabel('Maximum').fill('500')
  await page.getByRole('button', { name: 'Review changes' }).click()
  await expect(page.getByLabel('Export folder (optional)')).toBeVisible()
  await expect(page.getByRole('button', { name: /Browse/ })).toHaveCount(0)
  await page.getByRole('button', { name: 'Export review' }).click()
  await expect(page.getByText(/Saved .*support-entitlements-v1-review-.*\.md and .*\.json/)).toBeVisible()
  await saveScreens(page, 'schemas-exported')
})

test('imports a proposed schema from a JSON file and reviews it', async ({ page, shell }) => {
  const other = await otherAdmin(shell.sandboxUrl)
  const proposal = await other.read()
  proposal.jsonSchema.properties.nickname_text.title = 'Name to use'
  proposal.jsonSchema.properties.vip_level_integer = {
    allOf: [{ $ref: '#/definitions/integer' }],
    title: 'VIP level',
    minimum: 0,
    maximum: 5,
  }
  const file = join(mkdtempSync(join(tmpdir(), 'switchboard-proposal-')), 'customer-profile.json')
  writeFileSync(file, JSON.stringify(proposal, null, 2))

  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schemas' }).click()
  await page.getByRole('button', { name: 'Open Customer profile' }).click()
  await page.getByLabel('Proposed schema file').setInputFiles(file)
  const review = page.getByRole('region', { name: 'Review changes to Customer profile' })
  await expect(review).toContainText('2 changes — 2 safe, 0 data-dependent, 0 destructive.')
  await expect(review.getByRole('row', { name: /Added.*VIP level/ })).toContainText('Safe')
  await review.getByRole('table').scrollIntoViewIfNeeded()
  await saveScreens(page, 'schemas-imported')
  await expectAccessible(page, 'imported review')
})

test('a type change hides the values under the old key: destructive, confirmed by the exact schema name', async ({ page, shell }) => {
  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schemas' }).click()
  await page.getByRole('button', { name: 'Open Customer profile' }).click()
  await page.getByRole('button', { name: 'Propose changes' }).click()
  const editor = await editField(page, 'Open tickets')
  await editor.getByRole('combobox', { name: 'Type', exact: true }).selectOption('text')
  await page.getByRole('button', { name: 'Close Open tickets' }).click()
  await page.getByRole('button', { name: 'Review changes' }).click()

  const review = page.getByRole('region', { name: 'Review changes to Customer profile' })
  await expect(review).toContainText('1 change — 0 safe, 0 data-dependent, 1 destructive.')
  const row = review.getByRole('row', { name: /Changed.*Open tickets/ })
  await expect(row).toContainText('Destructive')
  await expect(row).toContainText('values stored under open_tickets_integer will no longer be shown')
  await review.getByRole('checkbox', { name: /^Apply:/ }).check()
  const apply = review.getByRole('button', { name: /^Apply .*ticked change/ })
  await expect(apply).toBeDisabled()
  const confirm = review.getByLabel(/Type the schema name/)
  await expect(review.getByRole('list', { name: 'What the destructive changes do' })).toContainText(
    'values stored under open_tickets_integer will no longer be shown',
  )
  await confirm.fill('customer profile')
  await expect(apply).toBeDisabled()
  await expect(review).toContainText('Match the case too: type “Customer profile”.')
  await confirm.fill('Customer profile')
  await expect(apply).toBeEnabled()
  await review.locator('.confirm-destructive').scrollIntoViewIfNeeded()
  await saveScreens(page, 'schemas-type-change-confirm')
  await expectAccessible(page, 'type change confirmation')
  await page.setViewportSize({ width: 1024, height: 800 })
  await review.locator('.confirm-destructive').scrollIntoViewIfNeeded()
  await saveScreens(page, 'schemas-type-change-confirm-1024')
  await page.setViewportSize({ width: 1280, height: 900 })

  await apply.click()
  await expect(page.getByText(/Applied 1 change\(s\) to Customer profile/)).toBeVisible()
  const after = await (await otherAdmin(shell.sandboxUrl)).read()
  expect(after.jsonSchema.properties.open_tickets_text).toBeDefined()
  expect(after.jsonSchema.properties.open_tickets_integer).toBeUndefined()
})
