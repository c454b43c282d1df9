import { createServer, type IncomingHttpHeaders } from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Webhook } from 'standardwebhooks'
import { expect, expectAccessible, saveScreens, saveScreensAtWidths, startWebShell, stopWebShell, test } from './webShell'

test.use({ viewport: { width: 1280, height: 900 } })

interface Received {
  headers: IncomingHttpHeaders
  body: string
}

/** A real receiver on 127.0.0.1 that keeps every request; request number 2 is refused with a 503 once, so a retry shows. */
async function startReceiver() {
  const received: Received[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') })
      const busy = received.length === 2
      res.writeHead(busy ? 503 : 200, { 'Content-Type': 'text/plain' })
      res.end(busy ? 'busy, try later' : 'thanks from the e2e receiver')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  const close = () => (server.closeAllConnections(), new Promise<void>((resolve) => server.close(() => resolve())))
  return { url, received, close }
}

test('webhooks: add an endpoint, copy its secret once, send a test event, see it in the log, redeliver it, edit it', async ({ page }) => {
  // Two axe scans in two themes and eighteen screenshots, on a shared machine.
  test.setTimeout(300_000)
  // Retries after a fraction of a second instead of seconds, so the 503 is retried while the test watches.
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-e2e-webhooks-'))
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ webhookDeliveryTuning: { retryBaseMs: 200, retryCapMs: 400, timeoutMs: 5000 } }),
  )
  const shell = await startWebShell(dataDir)
  const receiver = await startReceiver()
  try {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shell.url })
    await page.goto(shell.appUrl)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('tablist', { name: 'Settings sections' }).getByRole('tab', { name: 'Integrations' }).click()
    const delivery = page.getByRole('region', { name: 'Event delivery' })
    await expect(delivery.getByText('No endpoints yet')).toBeVisible()

    // The add form says the address rule before the core is asked.
    await delivery.getByRole('button', { name: 'Add endpoint' }).click()
    const form = delivery.getByRole('form', { name: 'Add endpoint' })
    await form.getByRole('textbox', { name: 'Name' }).fill('E2E receiver')
    await form.getByRole('textbox', { name: 'URL' }).fill('http://hooks.example.com/in')
    await form.getByRole('checkbox', { name: /Recording uploaded/ }).check()
    await form.getByRole('checkbox', { name: /Flow versions archived/ }).check()
    await form.getByRole('checkbox', { name: /Include download links/ }).check()
    await expect(form.getByRole('note')).toContainText('Links grant access')
    await form.getByRole('button', { name: 'Add endpoint' }).click()
    await expect(form.getByRole('textbox', { name: 'URL' })).toHaveAccessibleDescription(/plain http is allowed only to this computer/)
    await saveScreens(page, 'webhooks-add-1280')
    await form.getByRole('checkbox', { name: /Include download links/ }).uncheck()
    await form.getByRole('textbox', { name: 'URL' }).fill(receiver.url)
    await form.getByRole('button', { name: 'Add endpoint' }).click()

    // The secret is shown once; Copy puts exactly it on the clipboard.
    const secretPanel = delivery.getByRole('region', { name: /Signing secret of “E2E receiver”/ })
    await expect(secretPanel).toContainText('you won’t see it again')
    const secret = (await secretPanel.getByTestId('webhook-secret').textContent()) ?? ''
    expect(secret).toMatch(/^whsec_/)
    await secretPanel.getByRole('button', { name: 'Copy signing secret' }).click()
    await expect(secretPanel.getByText('Copied', { exact: true })).toBeVisible()
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret)
    const endpoints = delivery.getByRole('table', { name: 'Endpoints' })
    await expect(endpoints.getByRole('row', { name: /E2E receiver/ })).toContainText('Recording uploaded, Flow versions archived')
    await saveScreensAtWidths(page, 'webhooks-secret')

    // Send test event: the receiver's answer is shown, the event is in the log, signed with the secret.
    const detail = page.getByRole('region', { name: 'Endpoint “E2E receiver”' })
    await detail.getByRole('button', { name: 'Send test event' }).click()
    const result = detail.getByRole('status', { name: 'Test event result' })
    await expect(result).toContainText('The endpoint accepted the test event: HTTP 200')
    await expect(result).toContainText('thanks from the e2e receiver')
    expect(receiver.received).toHaveLength(1)
    const first = receiver.received[0]
    const eventId = String(first.headers['webhook-id'])
    const verified = new Webhook(secret).verify(first.body, first.headers as Record<string, string>) as { type: string }
    expect(verified.type).toBe('switchboard.test')
    await expect(result).toContainText(eventId)
    const log = detail.getByRole('table', { name: 'Delivery log of E2E receiver' })
    const rows = log.getByRole('row', { name: new RegExp(`Test event.*${eventId}`) })
    await expect(rows).toHaveCount(1)
    await expect(rows.first()).toContainText('Delivered')
    await expect(rows.first()).toContainText('200')
    await expect(endpoints.getByRole('row', { name: /E2E receiver/ })).toContainText('Healthy')

    // Redeliver: the same webhook-id comes again; the receiver's 503 is retried until it takes it.
    await rows
      .first()
      .getByRole('button', { name: `Redeliver Test event ${eventId}` })
      .click()
    await expect(rows).toHaveCount(2)
    await expect.poll(() => receiver.received.length, { timeout: 15_000 }).toBe(3)
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([eventId, eventId, eventId])
    for (const request of receiver.received.slice(1)) new Webhook(secret).verify(request.body, request.headers as Record<string, string>)
    const redelivered = rows.first()
    await expect(redelivered).toContainText('Delivered')
    await redelivered.getByRole('button', { name: `Attempts of Test event ${eventId}: 2` }).click()
    const attempts = detail.getByRole('list', { name: `Attempts of Test event ${eventId}` })
    await expect(attempts.getByRole('listitem')).toHaveCount(2)
    await expect(attempts.getByRole('listitem').first()).toContainText('503')
    await expect(attempts.getByRole('listitem').last()).toContainText('200')
    await detail.scrollIntoViewIfNeeded()
    await saveScreensAtWidths(page, 'webhooks-log')
    // One scan with everything open: the secret, the endpoint table, the test result, the log and its attempts.
    await expectAccessible(page, 'webhooks')

    // Once closed, the secret is gone from the screen for good.
    await secretPanel.getByRole('button', { name: 'I have copied it' }).click()
    await expect(secretPanel).toHaveCount(0)
    await expect(page.getByText(secret)).toHaveCount(0)

    // Rotate: a new secret is shown once; for the grace period each request is signed with both.
    await detail.getByRole('button', { name: 'Rotate secret…' }).click()
    const rotateForm = detail.getByRole('form', { name: 'Rotate secret' })
    await rotateForm.getByRole('spinbutton', { name: /Old secret keeps signing for/ }).fill('2')
    await rotateForm.getByRole('button', { name: 'Make a new secret' }).click()
    await expect(secretPanel).toContainText('The previous secret keeps signing beside it until')
    const rotated = (await secretPanel.getByTestId('webhook-secret').textContent()) ?? ''
    expect(rotated).toMatch(/^whsec_/)
    expect(rotated).not.toBe(secret)
    await expect(detail).toContainText('Old secret signs until')
    await secretPanel.getByRole('button', { name: 'I have copied it' }).click()
    await detail.getByRole('button', { name: 'Send test event' }).click()
    await expect.poll(() => receiver.received.length).toBe(4)
    const afterRotation = receiver.received[3]
    for (const key of [rotated, secret]) new Webhook(key).verify(afterRotation.body, afterRotation.headers as Record<string, string>)

    // Nothing failed this week: redelivering the failed ones queues none.
    await detail.getByRole('button', { name: 'Redeliver failed' }).click()
    await expect(detail.getByRole('form', { name: 'Redeliver failed events' })).toContainText('No failed events in that period')

    // Edit, by keyboard: the Add form again, filled in with the endpoint; the table shows the new name and events.
    const edit = detail.getByRole('button', { name: 'Edit…' })
    await edit.focus()
    await page.keyboard.press('Enter')
    await expect(edit).toHaveAttribute('aria-expanded', 'true')
    const editForm = detail.getByRole('form', { name: 'Edit endpoint “E2E receiver”' })
    const nameBox = editForm.getByRole('textbox', { name: 'Name' })
    await expect(nameBox).toBeFocused()
    await expect(nameBox).toHaveValue('E2E receiver')
    await expect(editForm.getByRole('textbox', { name: 'URL' })).toHaveValue(receiver.url)
    await expect(editForm.getByRole('checkbox', { name: /Recording uploaded/ })).toBeChecked()
    await expect(editForm.getByRole('checkbox', { name: /Flow versions archived/ })).toBeChecked()
    await expect(editForm.getByRole('checkbox', { name: 'Send events to this endpoint' })).toBeChecked()
    await nameBox.fill('Archive receiver')
    await editForm.getByRole('checkbox', { name: /Flow versions archived/ }).uncheck()
    await editForm.getByRole('checkbox', { name: /Schema updated/ }).check()
    await editForm.scrollIntoViewIfNeeded()
    await saveScreensAtWidths(page, 'webhooks-edit')
    await expectAccessible(page, 'webhooks edit')
    await editForm.getByRole('button', { name: 'Save changes' }).focus()
    await page.keyboard.press('Enter')
    await expect(editForm).toHaveCount(0)
    await expect(endpoints.getByRole('row', { name: /Archive receiver/ })).toContainText('Recording uploaded, Schema updated')
    await expect(endpoints.getByRole('row', { name: /E2E receiver/ })).toHaveCount(0)
    const renamed = page.getByRole('region', { name: 'Endpoint “Archive receiver”' })
    // Focus is back on the button that opened the form, not lost with it.
    await expect(renamed.getByRole('button', { name: 'Edit…' })).toBeFocused()
    await endpoints.scrollIntoViewIfNeeded()
    await saveScreensAtWidths(page, 'webhooks-edited')
  } finally {
    await receiver.close()
    await stopWebShell(shell)
  }
})
