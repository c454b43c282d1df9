/**
 * Endpoints and their log through the real core: the URL rule, secret rotation with a grace period,
 * download links only for an endpoint that opted in, redelivery with the same event id, the log's
 * pages, and the audit trail of every attempt and every endpoint change (never a secret).
 */
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../src/shared/api'
import { AppError } from '../../src/shared/errors'
import { addEndpoint, call, deliveries, emitEvent, useWebhookSession, waitForDelivery } from './helpers/webhookSession'
import { type ReceivedWebhook } from './helpers/webhookReceiver'

const bench = useWebhookSession()
const receiver = bench.receiver

async function refusal(url: string): Promise<AppError> {
  const error = await addEndpoint(bench.session.core, url).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return error as AppError
}

const headersOf = (request: ReceivedWebhook) => request.headers as Record<string, string>

describe('endpoints', () => {
  it('takes https and loopback http only, and no credentials in the address', async () => {
    const plain = await refusal('http://hooks.example.com/in')
    expect(plain).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('plain http to hooks.example.com') })
    expect(plain.hint).toMatch(/https/)
    expect(await refusal('https://user:pw@hooks.example.com/in')).toMatchObject({
      message: expect.stringContaining('user name or password'),
    })
    expect(await refusal('ftp://hooks.example.com/in')).toMatchObject({ code: 'invalid_input' })
    expect(await refusal('http://10.0.0.5/in')).toMatchObject({ code: 'invalid_input' })
    const https = await addEndpoint(bench.session.core, 'https://hooks.example.com/in')
    const local = await addEndpoint(bench.session.core, 'http://localhost:8123/in')
    const update = await call(bench.session.core, 'webhooks.endpoints.update', {
      id: local.endpoint.id,
      url: 'http://example.org/in',
    }).catch((e: unknown) => e)
    expect(update).toMatchObject({ code: 'invalid_input' })
    const listed = await call(bench.session.core, 'webhooks.endpoints.list', {})
    expect(listed.map((e) => e.url)).toEqual(expect.arrayContaining(['https://hooks.example.com/in', 'http://localhost:8123/in']))
    for (const { endpoint } of [https, local]) await call(bench.session.core, 'webhooks.endpoints.remove', { id: endpoint.id })
    expect((await call(bench.session.core, 'webhooks.endpoints.list', {})).map((e) => e.id)).not.toContain(https.endpoint.id)
  })

  it('an edit changes the name, address, events and options; the next event follows it; the URL rule and the audit apply', async () => {
    const before = await receiver()
    const after = await receiver()
    const { endpoint, secret } = await addEndpoint(bench.session.core, before.url, { name: 'Archive' })
    const ignoring = await call(bench.session.core, 'webhooks.endpoints.update', {
      id: endpoint.id,
      name: 'Archive (uploads only)',
      events: ['recording.uploaded'],
    })
    expect(ignoring).toMatchObject({ name: 'Archive (uploads only)', events: ['recording.uploaded'], url: before.url })
    const skipped = await emitEvent(bench.session)
    expect((await deliveries(bench.session.core, endpoint.id)).map((d) => d.eventId)).not.toContain(skipped.id)

    const moved = await call(bench.session.core, 'webhooks.endpoints.update', {
      id: endpoint.id,
      url: after.url,
      events: ['recording.uploaded', 'media.url.generated'],
      includeDownloadLinks: true,
    })
    expect(moved).toMatchObject({ url: after.url, includeDownloadLinks: true, enabled: true })
    const sent = await emitEvent(bench.session)
    await waitForDelivery(bench.session.core, endpoint.id, sent.id, (d) => d.state === 'delivered')
    expect(before.received).toHaveLength(0)
    // Same endpoint, same secret: the receiver at the new address verifies it with the key it was given.
    const body = new Webhook(secret).verify(after.received[0].body, headersOf(after.received[0])) as { data: Record<string, unknown> }
    expect(body.data.downloadUrl).toEqual(expect.any(String))

    const off = await call(bench.session.core, 'webhooks.endpoints.update', { id: endpoint.id, enabled: false })
    expect(off.enabled).toBe(false)
    const refused = await call(bench.session.core, 'webhooks.endpoints.update', {
      id: endpoint.id,
      url: 'http://hooks.example.com/in',
    }).catch((e: unknown) => e)
    expect(refused).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('plain http to hooks.example.com') })
    const empty = await call(bench.session.core, 'webhooks.endpoints.update', { id: endpoint.id, events: [] }).catch((e: unknown) => e)
    expect(empty).toMatchObject({ code: 'invalid_input' })
    const unknown = await call(bench.session.core, 'webhooks.endpoints.update', { id: 'ep_gone', name: 'x' }).catch((e: unknown) => e)
    expect(unknown).toMatchObject({ code: 'not_found' })
    const [kept] = (await call(bench.session.core, 'webhooks.endpoints.list', {})).filter((e) => e.id === endpoint.id)
    expect(kept).toMatchObject({ url: after.url, enabled: false, events: ['recording.uploaded', 'media.url.generated'] })

    const entries: AuditEntry[] = (await call(bench.session.core, 'audit.tail', { limit: 1000 })).reverse()
    const updates = entries.filter((e) => e.action === 'webhook.endpoint.update' && e.detail?.endpointId === endpoint.id)
    expect(updates.map((e) => [e.detail?.name, e.detail?.events, e.detail?.urlChanged, e.detail?.enabled])).toEqual([
      ['Archive (uploads only)', 'recording.uploaded', false, true],
      ['Archive (uploads only)', 'recording.uploaded,media.url.generated', true, true],
      ['Archive (uploads only)', 'recording.uploaded,media.url.generated', false, false],
    ])
    await call(bench.session.core, 'webhooks.endpoints.remove', { id: endpoint.id })
  })

  it('a rotated secret: both keys verify during the grace period, only the new one after it', async () => {
    const target = await receiver()
    const { endpoint, secret: oldSecret } = await addEndpoint(bench.session.core, target.url)
    const rotated = await call(bench.session.core, 'webhooks.endpoints.rotateSecret', { id: endpoint.id, graceHours: 1 })
    expect(rotated.secret).not.toBe(oldSecret)
    expect(rotated.endpoint.previousSecretExpiresAt).toBeDefined()
    await call(bench.session.core, 'webhooks.endpoints.sendTest', { id: endpoint.id })
    const during = target.received[0]
    expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2)
    for (const key of [oldSecret, rotated.secret])
      expect(new Webhook(key).verify(during.body, headersOf(during))).toMatchObject({ type: 'switchboard.test' })

    bench.session.advance(2 * 3_600_000)
    await call(bench.session.core, 'webhooks.endpoints.sendTest', { id: endpoint.id }).finally(() => bench.session.advance(-2 * 3_600_000))
    const after = target.received[1]
    // The clock moved two hours, so the reference library's own timestamp window would refuse it: compare its signatures instead.
    const signatures = String(after.headers['webhook-signature']).split(' ')
    const signedAt = new Date(Number(after.headers['webhook-timestamp']) * 1000)
    const id = String(after.headers['webhook-id'])
    expect(signatures).toEqual([new Webhook(rotated.secret).sign(id, signedAt, after.body)])
    expect(signatures).not.toContain(new Webhook(oldSecret).sign(id, signedAt, after.body))
    const view = (await call(bench.session.core, 'webhooks.endpoints.list', {})).find((e) => e.id === endpoint.id)
    expect(view?.previousSecretExpiresAt).toBeUndefined()
    await call(bench.session.core, 'webhooks.endpoints.remove', { id: endpoint.id })
  })

  it('sends the download link only to an endpoint that opted in', async () => {
    const withLinks = await receiver()
    const without = await receiver()
    const opted = await addEndpoint(bench.session.core, withLinks.url, { includeDownloadLinks: true })
    const plain = await addEndpoint(bench.session.core, without.url)
    const event = await emitEvent(bench.session)
    await waitForDelivery(bench.session.core, opted.endpoint.id, event.id, (d) => d.state === 'delivered')
    await waitForDelivery(bench.session.core, plain.endpoint.id, event.id, (d) => d.state === 'delivered')
    const linked = new Webhook(opted.secret).verify(withLinks.received[0].body, headersOf(withLinks.received[0])) as {
      data: Record<string, unknown>
    }
    expect(linked.data.downloadUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.+\?/)
    expect(linked.data).toMatchObject(event.payload)
    const bare = JSON.parse(without.received[0].body) as { data: Record<string, unknown> }
    expect(bare.data).toEqual(event.payload)
    for (const id of [opted.endpoint.id, plain.endpoint.id]) await call(bench.session.core, 'webhooks.endpoints.remove', { id })
  })
})

describe('the delivery log', () => {
  it('redelivers one event and all failed ones of a period with their event ids; pages newest first', async () => {
    let answer = 400
    const target = await receiver(() => ({ status: answer }))
    const { endpoint } = await addEndpoint(bench.session.core, target.url)
    const first = await emitEvent(bench.session)
    const second = await emitEvent(bench.session)
    for (const event of [first, second]) await waitForDelivery(bench.session.core, endpoint.id, event.id, (d) => d.state === 'failed')
    answer = 200
    const from = new Date(Date.parse(first.occurredAt) - 1000).toISOString()
    const to = new Date(Date.parse(second.occurredAt) + 1000).toISOString()
    expect(await call(bench.session.core, 'webhooks.deliveries.redeliverFailed', { endpointId: endpoint.id, from, to })).toEqual({
      queued: 2,
    })
    for (const event of [first, second]) await waitForDelivery(bench.session.core, endpoint.id, event.id, (d) => d.state === 'delivered')
    // Nothing failed is left unsent in that period: a second press queues nothing.
    expect(await call(bench.session.core, 'webhooks.deliveries.redeliverFailed', { endpointId: endpoint.id, from, to })).toEqual({
      queued: 0,
    })
    expect(target.received.map((r) => r.headers['webhook-id'])).toEqual([first.id, second.id, first.id, second.id])

    const delivered = (await deliveries(bench.session.core, endpoint.id)).find((d) => d.eventId === first.id && d.state === 'delivered')
    const again = await call(bench.session.core, 'webhooks.deliveries.redeliver', { deliveryId: delivered?.id ?? '' })
    expect(again).toMatchObject({ eventId: first.id, state: 'queued' })
    expect(again.id).not.toBe(delivered?.id)
    await vi_waitFor(() => target.received.length === 5)
    expect(target.received[4].headers['webhook-id']).toBe(first.id)

    const page1 = await call(bench.session.core, 'webhooks.deliveries.list', { endpointId: endpoint.id, limit: 2 })
    expect(page1.total).toBe(5)
    expect(page1.deliveries[0].id).toBe(again.id)
    const page2 = await call(bench.session.core, 'webhooks.deliveries.list', {
      endpointId: endpoint.id,
      limit: 2,
      cursor: page1.nextCursor,
    })
    const page3 = await call(bench.session.core, 'webhooks.deliveries.list', {
      endpointId: endpoint.id,
      limit: 2,
      cursor: page2.nextCursor,
    })
    const ids = [...page1.deliveries, ...page2.deliveries, ...page3.deliveries].map((d) => d.id)
    expect(new Set(ids).size).toBe(5)
    expect(page3.nextCursor).toBeUndefined()
    const failed = await call(bench.session.core, 'webhooks.deliveries.list', { endpointId: endpoint.id, state: 'failed' })
    expect(failed.deliveries.map((d) => d.eventId).sort()).toEqual([first.id, second.id].sort())
  })

  it('audits every attempt (host, event, status, latency) and every endpoint change, never a secret nor the body', async () => {
    const target = await receiver((n) => (n === 1 ? { status: 503 } : { status: 200 }))
    const { endpoint, secret } = await addEndpoint(bench.session.core, target.url)
    const event = await emitEvent(bench.session)
    await waitForDelivery(bench.session.core, endpoint.id, event.id, (d) => d.state === 'delivered')
    const rotated = await call(bench.session.core, 'webhooks.endpoints.rotateSecret', { id: endpoint.id, graceHours: 0 })
    await call(bench.session.core, 'webhooks.endpoints.update', { id: endpoint.id, name: 'Renamed' })
    await call(bench.session.core, 'webhooks.endpoints.remove', { id: endpoint.id })
    // The tail is newest first: read it in the order it was written.
    const entries: AuditEntry[] = (await call(bench.session.core, 'audit.tail', { limit: 1000 })).reverse()
    const host = new URL(target.url).host
    const attempts = entries.filter(
      (e) => e.action === 'webhook.delivery.attempt' && e.detail?.eventId === event.id && e.detail?.endpointId === endpoint.id,
    )
    expect(attempts.map((e) => [e.target, e.outcome, e.detail?.status, e.detail?.attempt, e.detail?.eventType])).toEqual([
      [host, 'error', 503, 1, 'media.url.generated'],
      [host, 'ok', 200, 2, 'media.url.generated'],
    ])
    for (const entry of attempts) expect(entry.detail?.latencyMs).toEqual(expect.any(Number))
    const changes = entries
      .filter((e) => e.action.startsWith('webhook.endpoint.') && e.detail?.endpointId === endpoint.id)
      .map((e) => e.action)
    expect(changes).toEqual(['webhook.endpoint.add', 'webhook.endpoint.rotate', 'webhook.endpoint.update', 'webhook.endpoint.remove'])
    const text = JSON.stringify(entries)
    for (const key of [secret, rotated.secret]) {
      expect(text).not.toContain(key)
      expect(text).not.toContain(key.slice('whsec_'.length))
    }
    expect(text).not.toContain(target.received[0].headers['webhook-signature'])
  })
})

async function vi_waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
