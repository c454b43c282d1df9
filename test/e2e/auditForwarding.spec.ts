import { expect, expectAccessible, saveScreensAtWidths, test } from './webShell'

test('Settings › Audit forwarding: a destination is saved with its token kept secret, its failure shown with a hint, and a test entry answered', async ({
  page,
  shell,
}) => {
  // Axe in two themes and screenshots at two widths: about 15 s on a quiet machine.
  test.setTimeout(90_000)
  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
  await page.getByRole('tab', { name: 'Audit forwarding' }).click()
  const form = page.getByRole('form', { name: 'Forwarding destination' })
  // Syslog has no receipt: the screen says what "delivered" stands for.
  await form.getByLabel('Send audit entries to').selectOption('syslog')
  await expect(form.getByLabel('Send audit entries to')).toHaveAccessibleDescription(/no receipt.*stayed up 300 ms.*sent again/)
  await form.getByLabel('Send audit entries to').selectOption('hec')
  // Nothing listens on port 9 of this machine: forwarding fails, and says why.
  await form.getByLabel('HEC URL').fill('http://127.0.0.1:9')
  await form.getByLabel('HEC token').fill('hec-token-e2e-1234')
  await form.getByRole('button', { name: 'Save destination' }).click()
  await expect(form.getByText('A token is stored. Leave empty to keep it.')).toBeVisible()
  await expect(form.getByLabel('HEC token')).toHaveValue('')

  const status = page.getByRole('region', { name: 'Forwarding status' })
  await expect(status.getByText('Failing: retrying')).toBeVisible({ timeout: 15_000 })
  await status.getByRole('button', { name: 'Send test entry' }).click()
  await expect(status.getByText('The test entry was not accepted')).toBeVisible()
  await expect(status.getByText(/Check the HEC URL/).first()).toBeVisible()
  await expectAccessible(page, 'settings-audit-forwarding')
  await saveScreensAtWidths(page, 'settings-audit-forwarding')
  await status.getByRole('button', { name: 'Pause' }).click()
  await expect(status.getByText('Paused', { exact: true })).toBeVisible()
})
