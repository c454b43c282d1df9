/**
 * The outbox is durable: a retry pending when the app stops is made after it starts again, with the
 * same event id; an endpoint that fails for 24 hours (the core's clock moved, not waited) is turned
 * off, its waiting deliveries failed, the admin told (then and at each start while it stays off) and the
 * audit log told.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { AuditEntry, Notice } from '../../src/shared/api'
import type { Core } from '../../src/main/core'
import { addEndpoint, call, emitEvent, startWebhookSession, waitForDelivery, type WebhookSession } from './helpers/webhookSession'
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhookReceiver'

let session: WebhookSession | undefined
let target: WebhookReceiver | undefined
afterEach(async () => {
  await session?.close()
  await target?.close()
  session = undefined
  target = undefined
})

const HOUR = 3_600_000

describe('the durable outbox', () => {
  it('a retry pending at a restart is delivered after it, with the same event id', async () => {
    target = await startWebhookReceiver((n) => (n === 1 ? { status: 503 } : { status: 200 }))
    // Retries a minute away: the first core closes long before one is due.
    session = await startWebhookSession({ retryBaseMs: 60_000, retryCapMs: 60_000 })
    const { endpoint } = await addEndpoint(session.core, target.url)
    const event = await emitEvent(session)
    const pending = await waitForDelivery(session.core, endpoint.id, event.id, (d) => d.state === 'retrying')
    expect(pending.attempts.map((a) => a.status)).toEqual([503])

    session.advance(2 * 60_000)
    const core = await session.restart()
    const done = await waitForDelivery(core, endpoint.id, event.id, (d) => d.state === 'delivered')
    expect(done.id).toBe(pending.id)
    expect(done.attempts.map((a) => a.status)).toEqual([503, 200])
    expect(target.received.map((r) => r.headers['webhook-id'])).toEqual([event.id, event.id])
    expect(JSON.parse(target.received[1].body)).toEqual(JSON.parse(target.received[0].body))
  })

  it('an endpoint failing for 24 hours is disabled, its waiting events failed, the admin told now and at the next start, the audit log told', async () => {
    target = await startWebhookReceiver(() => ({ status: 503 }))
    session = await startWebhookSession()
    const notices: Notice[] = []
    session.core.on('notice', (notice) => notices.push(notice))
    const retracted: string[] = []
    const watchRetractions = (core: Core) => core.on('notice.retracted', ({ id }) => retracted.push(id))
    watchRetractions(session.core)
    const { endpoint } = await addEndpoint(session.core, target.url)
    const event = await emitEvent(session)
    await waitForDelivery(session.core, endpoint.id, event.id, (d) => d.attempts.length >= 2)
    const later = await emitEvent(session)

    session.advance(25 * HOUR)
    const failed = await waitForDelivery(session.core, endpoint.id, event.id, (d) => d.state === 'failed')
    expect(failed.reason).toMatch(/24 hours/)
    const waiting = await waitForDelivery(session.core, endpoint.id, later.id, (d) => d.state === 'failed')
    expect(waiting.attempts).toHaveLength(0)
    const [view] = (await call(session.core, 'webhooks.endpoints.list', {})).filter((e) => e.id === endpoint.id)
    expect(view).toMatchObject({ enabled: false, disabledReason: expect.stringMatching(/24 hours/), counts: { pending: 0, failed: 2 } })
    expect(notices).toEqual([expect.objectContaining({ id: `webhook-disabled-${endpoint.id}`, level: 'warning' })])
    const entries: AuditEntry[] = await call(session.core, 'audit.tail', { limit: 500 })
    expect(entries.filter((e) => e.action === 'webhook.endpoint.disabled' && e.detail?.endpointId === endpoint.id)).toHaveLength(1)

    const running = session
    const noticeOf = async () => (await call(running.core, 'app.info', {})).notices.find((n) => n.id === notices[0].id)
    expect(await noticeOf()).toEqual(notices[0])

    // Still off at the next start: the admin is told again, in the same words (one dismissal covers both).
    watchRetractions(await session.restart())
    expect(await noticeOf()).toEqual(notices[0])
    expect(retracted).toEqual([])

    // Nothing more is sent to it; enabling it again clears the reason, the failing run and the notice.
    const sent = target.received.length
    const ignored = await emitEvent(session)
    const enabled = await call(session.core, 'webhooks.endpoints.update', { id: endpoint.id, enabled: true })
    expect(enabled.disabledReason).toBeUndefined()
    expect(enabled.failingSince).toBeUndefined()
    expect(await noticeOf()).toBeUndefined()
    // A window that shows it is told to take it down.
    expect(retracted).toEqual([notices[0].id])
    await session.restart()
    expect(await noticeOf()).toBeUndefined()
    expect(target.received.length).toBe(sent)
    expect(
      (await call(session.core, 'webhooks.deliveries.list', { endpointId: endpoint.id })).deliveries.map((d) => d.eventId),
    ).not.toContain(ignored.id)
  })
})
