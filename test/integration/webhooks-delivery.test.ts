/**
 * Event delivery through the real core, to real receivers on 127.0.0.1: signed so the Standard Webhooks
 * reference library verifies it, retried after 503 and 429 (Retry-After honoured) with the same event
 * id, not retried after a 400, a hanging receiver timed out, a dead endpoint holding up no other.
 */
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'
import { addEndpoint, call, deliveries, emitEvent, useWebhookSession, waitForDelivery } from './helpers/webhookSession'

const bench = useWebhookSession()
const receiver = bench.receiver

describe('event delivery', () => {
  it('signs the Standard Webhooks way: the reference library verifies the body, id and timestamp', async () => {
    const target = await receiver()
    const { endpoint, secret } = await addEndpoint(bench.session.core, target.url)
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const event = await emitEvent(bench.session)
    await waitForDelivery(bench.session.core, endpoint.id, event.id, (d) => d.state === 'delivered')
    expect(target.received).toHaveLength(1)
    const [request] = target.received
    const verified = new Webhook(secret).verify(request.body, request.headers as Record<string, string>)
    expect(verified).toEqual({ type: 'media.url.generated', timestamp: event.occurredAt, data: event.payload })
    expect(request.headers['webhook-id']).toBe(event.id)
    // Tampering is caught: the same signature does not verify another body.
    expect(() => new Webhook(secret).verify(request.body.replace('WAV', 'MP3'), request.headers as Record<string, string>)).toThrow()
    expect(JSON.parse(request.body).data).not.toHaveProperty('downloadUrl')
  })

  it('retries after a 503 with the same event id, and records both attempts', async () => {
    const target = await receiver((n) => (n === 1 ? { status: 503 } : { status: 200 }))
    const { endpoint } = await addEndpoint(bench.session.core, target.url)
    const event = await emitEvent(bench.session)
    const done = await waitForDelivery(bench.session.core, endpoint.id, event.id, (d) => d.state === 'delivered')
    expect(done.attempts.map((a) => a.status)).toEqual([503, 200])
    expect(target.received.map((r) => r.headers['webhook-id'])).toEqual([event.id, event.id])
  })

  it('honours Retry-After on a 429', async () => {
    const target = await receiver((n) => (n === 1 ? { status: 429, headers: { 'Retry-After': '1' } } : { status: 200 }))
    const { endpoint } = await addEndpoint(bench.session.core, target.url)
    const event = await emitEvent(bench.session)
    const retrying = await waitForDelivery(bench.session.core, endpoint.id, event.id, (d) => d.state === 'retrying')
    expect(Date.parse(retrying.nextAttemptAt ?? '') - Date.parse(retrying.attempts[0].at)).toBeGreaterThanOrEqual(1000)
    const done = await waitForDelivery(bench.session.core, endpoint.id, event.id, (d) => d.state === 'delivered')
    expect(done.attempts.map((a) => a.status)).toEqual([429, 200])
  })

  it('does not retry a 400: the delivery fails with the reason', async () => {
    const target = await receiver(() => ({ status: 400 }))
    const { endpoint } = await addEndpoint(bench.session.core, target.url)
    const event = await emitEvent(bench.session)
    const failed = await waitForDelivery(bench.session.core, endpoint.id, event.id, (d) => d.state === 'failed')
    expect(failed.attempts).toHaveLength(1)
    expect(failed.reason).toMatch(/400/)
    expect(target.received).toHaveLength(1)
  })

  it('times out a hanging receiver, while a healthy endpoint gets its event meanwhile; a dead one holds up nobody', async () => {
    const hanging = await receiver(() => 'hang')
    const healthy = await receiver()
    const hang = await addEndpoint(bench.session.core, hanging.url)
    const dead = await addEndpoint(bench.session.core, 'http://127.0.0.1:9/hooks')
    const ok = await addEndpoint(bench.session.core, healthy.url)
    const event = await emitEvent(bench.session)
    await waitForDelivery(bench.session.core, ok.endpoint.id, event.id, (d) => d.state === 'delivered')
    // The healthy endpoint had its event while the hanging one was still waiting for its first answer.
    const stillHanging = (await deliveries(bench.session.core, hang.endpoint.id)).find((d) => d.eventId === event.id)
    expect(stillHanging?.attempts).toHaveLength(0)
    expect(hanging.hanging).toBe(1)
    const timedOut = await waitForDelivery(bench.session.core, hang.endpoint.id, event.id, (d) => d.attempts.length >= 1)
    expect(timedOut.attempts[0]).toMatchObject({ error: expect.stringMatching(/did not finish|sent and received nothing/) })
    expect(timedOut.attempts[0].status).toBeUndefined()
    const refused = await waitForDelivery(bench.session.core, dead.endpoint.id, event.id, (d) => d.attempts.length >= 1)
    expect(refused.attempts[0].status).toBeUndefined()
    expect(refused.state).toBe('retrying')
    for (const id of [hang.endpoint.id, dead.endpoint.id])
      await call(bench.session.core, 'webhooks.endpoints.update', { id, enabled: false })
  })

  it('Send test event answers with the status, latency and body start, and logs it as a test', async () => {
    const target = await receiver(() => ({ status: 202, body: 'accepted by the test receiver' }))
    const { endpoint, secret } = await addEndpoint(bench.session.core, target.url)
    const result = await call(bench.session.core, 'webhooks.endpoints.sendTest', { id: endpoint.id })
    expect(result).toMatchObject({ status: 202, bodyStart: 'accepted by the test receiver', delivery: { state: 'delivered', test: true } })
    expect(result.latencyMs).toBeGreaterThanOrEqual(0)
    const verified = new Webhook(secret).verify(target.received[0].body, target.received[0].headers as Record<string, string>)
    expect(verified).toMatchObject({ type: 'switchboard.test' })
    expect((await deliveries(bench.session.core, endpoint.id))[0]).toMatchObject({ id: result.delivery.id, test: true })
  })

  it('the README example receiver verifies a real delivery, takes a redelivery once, and refuses another secret', async () => {
    const example = pathToFileURL(join(__dirname, '../../examples/webhook-receiver.mjs')).href
    const { createWebhookHandler } = (await import(example)) as {
      createWebhookHandler(options: { secrets: string[]; onEvent(event: unknown, id: string): void }): RequestListener
    }
    const got: { event: unknown; id: string }[] = []
    const handlers: RequestListener[] = []
    const server = createServer((req, res) => handlers[0](req, res))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
      const { endpoint, secret } = await addEndpoint(bench.session.core, url)
      handlers.push(createWebhookHandler({ secrets: [secret], onEvent: (event, id) => got.push({ event, id }) }))
      const event = await emitEvent(bench.session)
      const delivered = await waitForDelivery(bench.session.core, endpoint.id, event.id, (d) => d.state === 'delivered')
      expect(delivered.attempts.map((a) => a.status)).toEqual([204])
      expect(got).toEqual([{ id: event.id, event: { type: event.type, timestamp: event.occurredAt, data: event.payload } }])
      const again = await call(bench.session.core, 'webhooks.deliveries.redeliver', { deliveryId: delivered.id })
      await waitForDelivery(bench.session.core, endpoint.id, event.id, (d) => d.id === again.id && d.state === 'delivered')
      expect(got).toHaveLength(1)

      handlers[0] = createWebhookHandler({
        secrets: ['whsec_' + Buffer.alloc(32, 7).toString('base64')],
        onEvent: (e, id) => got.push({ event: e, id }),
      })
      const refused = await call(bench.session.core, 'webhooks.endpoints.sendTest', { id: endpoint.id })
      expect(refused).toMatchObject({ status: 401, delivery: { state: 'failed' } })
      expect(got).toHaveLength(1)
      await call(bench.session.core, 'webhooks.endpoints.remove', { id: endpoint.id })
    } finally {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
})
