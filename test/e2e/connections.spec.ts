import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from '../../src/main/sandbox'
import { expect, expectAccessible, saveScreens, test } from './webShell'

const SCREENS = ['Connections', 'Uploads', 'Recordings', 'Privacy', 'Flow archive', 'Schemas', 'Audit log', 'Jobs', 'Settings']

test.use({ viewport: { width: 1280, height: 900 } })

// The web shell is shared with the specs that follow; they upload and search on the built-in Sandbox, and a
// gateway profile on loopback is a real org to them (its http links are refused), so hand the Sandbox back.
test.afterEach(async ({ page }) => {
  await page.getByRole('combobox', { name: 'Active profile' }).selectOption({ label: 'Sandbox org (built-in)' })
  await expect(page.getByRole('status', { name: 'Status bar' })).toContainText('Sandbox (local)')
})

/** Status bar items cut with an ellipsis, with the room the bar still had: something is cut only when none is left. */
async function statusBarCuts(page: Page): Promise<{ cut: string[]; freePx: number }> {
  return page.evaluate(() => {
    const bar = document.querySelector('.statusbar-inner') as HTMLElement
    const items = [...bar.children] as HTMLElement[]
    const cut = [bar, ...bar.querySelectorAll<HTMLElement>('*')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.className || el.tagName)
    const gap = parseFloat(getComputedStyle(bar).columnGap) || 0
    const padding = parseFloat(getComputedStyle(bar).paddingLeft) + parseFloat(getComputedStyle(bar).paddingRight)
    const used = items.reduce((sum, el) => sum + el.getBoundingClientRect().width, 0) + gap * (items.length - 1)
    return { cut, freePx: Math.round(bar.clientWidth - padding - used) }
  })
}

test('every screen of the frame opens, is accessible in both themes, and is saved as a screenshot at 1280 and 1024 px', async ({
  page,
  shell,
}) => {
  // Nine screens, each checked by axe in two themes and saved at two widths: about two minutes on a quiet 2-core machine.
  test.setTimeout(300_000)
  await page.goto(shell.appUrl)
  const nav = page.getByRole('navigation', { name: 'Main' })
  for (const name of SCREENS) {
    await nav.getByRole('link', { name }).click()
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
    await expect(nav.getByRole('link', { name })).toHaveAttribute('aria-current', 'page')
    const file = `frame-${name.toLowerCase().replace(/\s+/g, '-')}`
    await saveScreens(page, file)
    if (name === 'Connections') {
      // The README's screenshot is this one, made by every e2e run rather than by hand.
      await page.screenshot({ path: 'docs/screenshot.png' })
    }
    await expectAccessible(page, name)
    await page.setViewportSize({ width: 1024, height: 900 })
    await saveScreens(page, `${file}-1024`)
    await page.setViewportSize({ width: 1280, height: 900 })
  }
  await expect(page.getByRole('status', { name: 'Status bar' })).toContainText('calls/min')
})

test('the status bar cuts nothing while it has room, at 1280 and at 1024 px', async ({ page, shell }) => {
  await page.goto(shell.appUrl)
  await expect(page.getByRole('status', { name: 'Status bar' })).toContainText('calls/min')
  const at1280 = await statusBarCuts(page)
  expect(at1280.cut, `cut at 1280 px with ${at1280.freePx}px free`).toEqual([])
  await page.setViewportSize({ width: 1024, height: 900 })
  const at1024 = await statusBarCuts(page)
  if (at1024.cut.length > 0) expect(at1024.freePx, `cut ${at1024.cut.join(', ')} at 1024 px`).toBeLessThanOrEqual(2)
  // The state of the connection is never the part that gives way first.
  expect(at1024.cut.filter((c) => c.includes('sb-connection'))).toEqual([])
})

test('the page links the app icon, served without the token; the audit key fingerprint is under Audit log › Retention', async ({
  page,
  shell,
}) => {
  await page.goto(shell.appUrl)
  const href = await page.locator('link[rel="icon"]').getAttribute('href')
  expect(href).toBeTruthy()
  const icon = await fetch(new URL(href!, shell.url)) // no Authorization header
  expect(icon.status).toBe(200)
  expect(icon.headers.get('content-type')).toContain('image/png')
  expect(Buffer.from(await icon.arrayBuffer()).equals(readFileSync('resources/icons/32x32.png'))).toBe(true)

  // The signed bundle's README sends reviewers here to compare the key's fingerprint.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click()
  await page.getByRole('tab', { name: 'Retention' }).click()
  const key = page.locator('.audit-key .fact').filter({ hasText: 'Audit key: signs the chain head and exported bundles' })
  await expect(key.locator('code')).toHaveText(/^[0-9a-f]{64}$/)
})

test('tests the Sandbox connection, rejects a wrong secret clearly, then connects with the right one', async ({ page, shell }) => {
  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click()

  const sandboxRow = page.getByRole('listitem').filter({ hasText: 'Sandbox org' })
  await sandboxRow.getByRole('button', { name: 'Test connection' }).click()
  const result = page.getByRole('region', { name: 'Connection test result' })
  await expect(result).toContainText('Sandbox Contact Centre')
  await expect(result).toContainText('Token lifetime')
  await expect(page.getByRole('status', { name: 'Status bar' })).toContainText('Connected')
  await saveScreens(page, 'connections-sandbox-connected')

  await page.getByRole('button', { name: 'Add profile' }).click()
  const form = page.getByRole('form', { name: 'Add profile' })
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(form.getByText('Name is required')).toBeVisible()
  await saveScreens(page, 'connections-form-errors')
  await expectAccessible(page, 'profile form with errors')

  await form.getByLabel('Name').fill('Staging via gateway')
  await form.getByLabel('Region').selectOption('eu-west-1')
  await form.getByLabel('OAuth client id').fill(DEMO_CLIENT_ID)
  await form.getByLabel('Client secret').fill('definitely-not-the-secret')
  await form.getByLabel('Gateway URL (optional)').fill(shell.sandboxUrl)
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Saved profile “Staging via gateway”.')).toBeVisible()

  const stagingRow = page.getByRole('listitem').filter({ hasText: 'Staging via gateway' })
  await stagingRow.getByRole('button', { name: 'Test connection' }).click()
  const failure = page.getByRole('alert').filter({ hasText: 'Connection test of “Staging via gateway” failed' })
  await expect(failure).toBeVisible()
  await expect(failure).toContainText(/client id and secret/i)
  await expect(failure).toContainText('401')
  await expect(failure).toContainText(/Correlation id\s*[0-9a-f]{8}-/)
  await saveScreens(page, 'connections-wrong-secret')
  await expectAccessible(page, 'wrong secret')

  await stagingRow.getByRole('button', { name: 'Edit' }).click()
  const edit = page.getByRole('form', { name: 'Edit profile' })
  await expect(edit.getByLabel('Client secret')).toHaveValue('')
  await edit.getByLabel('Client secret').fill(DEMO_CLIENT_SECRET)
  await edit.getByRole('button', { name: 'Save' }).click()
  await stagingRow.getByRole('button', { name: 'Set active' }).click()
  await stagingRow.getByRole('button', { name: 'Test connection' }).click()
  await expect(result).toContainText('“Staging via gateway” connected to Sandbox Contact Centre')
  await expect(page.getByRole('status', { name: 'Status bar' })).toContainText('Sandbox Contact Centre')
  await saveScreens(page, 'connections-gateway-connected')
})

test('editing where a profile connects asks for the client secret again and names the host the stored one goes to', async ({
  page,
  shell,
}) => {
  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Connections' }).click()
  await page.getByRole('button', { name: 'Add profile' }).click()
  const form = page.getByRole('form', { name: 'Add profile' })
  await form.getByLabel('Name').fill('Bound gateway')
  await form.getByLabel('Region').selectOption('eu-west-1')
  await form.getByLabel('OAuth client id').fill(DEMO_CLIENT_ID)
  await form.getByLabel('Client secret').fill(DEMO_CLIENT_SECRET)
  await form.getByLabel('Gateway URL (optional)').fill(shell.sandboxUrl)
  await form.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Saved profile “Bound gateway”.')).toBeVisible()

  const row = page.getByRole('listitem').filter({ hasText: 'Bound gateway' })
  await row.getByRole('button', { name: 'Edit' }).click()
  const edit = page.getByRole('form', { name: 'Edit profile' })
  const secret = edit.getByLabel('Client secret')
  await expect(secret).toHaveAccessibleDescription('Leave empty to keep the stored secret.')

  const storedHost = new URL(shell.sandboxUrl).host
  await edit.getByLabel('Gateway URL (optional)').fill('https://gateway.example.com')
  await expect(secret).toHaveAccessibleDescription(
    `Changing the gateway URL needs the client secret again: the stored one is only sent to ${storedHost}.`,
  )
  await saveScreens(page, 'connections-secret-reentry')
  await expectAccessible(page, 'secret re-entry')
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(edit.getByText('Enter the client secret again')).toBeVisible()
  await expect(secret).toBeFocused()

  await edit.getByLabel('Gateway URL (optional)').fill(shell.sandboxUrl)
  await expect(secret).toHaveAccessibleDescription('Leave empty to keep the stored secret.')
  await edit.getByLabel('OAuth client id').fill('abcdef12-another-client')
  await expect(secret).toHaveAccessibleDescription(/^Changing the client id needs the client secret again/)

  await edit.getByLabel('OAuth client id').fill(DEMO_CLIENT_ID)
  await edit.getByLabel('Gateway URL (optional)').fill('https://gateway.example.com')
  await secret.fill('the-secret-for-the-gateway')
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText('Saved profile “Bound gateway”.')).toBeVisible()
  await expect(row).toContainText('https://gateway.example.com')
})
