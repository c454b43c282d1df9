import { expect, test } from './webShell'

test.use({ viewport: { width: 1280, height: 900 } })

test('scratch', async ({ page, shell }) => {
  await page.goto(shell.appUrl)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Flow archive' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Flow archive' })).toBeVisible()
  await page.waitForTimeout(1500)
  await page.screenshot({ path: '/tmp/fa-scratch/a.png', fullPage: true })
})
