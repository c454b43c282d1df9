/**
 * A burst of events emitted in one tick goes into the outbox together (one write for all of them) and
 * comes out whole: every event delivered once the receiver answers, every delivery and each attempt on
 * it durable across restarts (the outbox replays them), and an app crash right after the burst loses
 * none of them (a copy of the data folder taken while the app runs is what a crash leaves on disk).
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { Webhook } from 'standardwebhooks'
import type { WebhookDeliveryPage, WebhookDeliveryView, WebhookEndpointView, WebhookSecretShown } from '../../src/shared/contract/webhooks'
import { FAST_TUNING } from './helpers/webhookSession'
import { startWebhookReceiver, type WebhookReceiver } from './helpers/webhookReceiver'
import { emitSchemaUpdated, openWebhookWorkflow, type WebhookWorkflow } from './helpers/webhookWorkflow'

const BURST = 300
/** Retries a minute away: nothing is retried within a test unless a restart makes it due. */
const SLOW_RETRIES = { ...FAST_TUNING, retryBaseMs: 60_000, retryCapMs: 60_000 }

const cleanup: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step()
})

async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-webhooks-burst-'))
  cleanup.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

async function open(dataDir: string, tuning = SLOW_RETRIES, clockAheadMs = 0): Promise<WebhookWorkflow> {
  const workflow = await openWebhookWorkflow(dataDir, tuning, clockAheadMs)
  let closed = false
  const close = workflow.close
  workflow.close = async () => {
    if (closed) return
    closed = true
    await close()
  }
  cleanup.push(() => workflow.close())
  return workflow
}

async function receiver(reply: Parameters<typeof startWebhookReceiver>[0]): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver(reply)
  cleanup.push(() => started.close())
  return started
}

async function allDeliveries(workflow: WebhookWorkflow, endpointId: string): Promise<WebhookDeliveryView[]> {
  return (await workflow.call<WebhookDeliveryPage>('webhooks.deliveries.list', { endpointId, limit: 500 })).deliveries
}

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

function burst(workflow: WebhookWorkflow): string[] {
  const ids: string[] = []
  for (let i = 0; i < BURST; i++) ids.push(emitSchemaUpdated(workflow.hub, i))
  return ids
}

/** Lines that record an attempt on a delivery already in the journal (the change only, not the data again). */
/** An endpoint for the burst's event type on `target`. */
function addEndpoint(workflow: WebhookWorkflow, target: WebhookReceiver): Promise<WebhookSecretShown> {
  return workflow.call<WebhookSecretShown>('webhooks.endpoints.add', {
    name: 'Burst receiver',
    url: target.url,
    events: ['schema.updated'],
  })
}

const attemptLines = (journal: string) => journal.split('\n').filter((line) => line.startsWith('{"a":')).length

const receivedIds = (target: WebhookReceiver) => new Set(target.received.map((r) => String(r.headers['webhook-id'])))

describe('a burst of events', () => {
  it('is all delivered, and stays delivered across a restart (attempts replayed from the outbox, nothing sent again)', async () => {
    const dataDir = await dataFolder()
    const target = await receiver(() => ({ status: 200 }))
    let workflow = await open(dataDir)
    const { endpoint } = await addEndpoint(workflow, target)
    const ids = burst(workflow)
    await waitUntil('every event arrived', () => receivedIds(target).size === BURST)
    expect([...receivedIds(target)].sort()).toEqual([...ids].sort())
    await waitUntil('every delivery is recorded as delivered', async () =>
      (await allDeliveries(workflow, endpoint.id)).every((d) => d.state === 'delivered'),
    )

    // The outcomes reach the file within a second with no later event to carry them (a crash then resends nothing).
    const journal = join(dataDir, 'webhooks', 'outbox.jsonl')
    await waitUntil('every attempt is in the outbox file', async () => attemptLines(await readFile(journal, 'utf8')) === BURST, 5_000)

    await workflow.close()
    workflow = await open(dataDir)
    const replayed = await allDeliveries(workflow, endpoint.id)
    expect(replayed).toHaveLength(BURST)
    expect(new Set(replayed.map((d) => d.eventId))).toEqual(new Set(ids))
    for (const d of replayed) {
      expect(d.state).toBe('delivered')
      expect(d.attempts.map((a) => a.status)).toEqual([200])
    }
    // A delivered event is not sent again after the restart.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(target.received).toHaveLength(BURST)
  })

  it('waiting for retries survives a restart: every event delivered after it, with its first attempt kept', async () => {
    const dataDir = await dataFolder()
    let healthy = false
    const target = await receiver(() => ({ status: healthy ? 200 : 503 }))
    let workflow = await open(dataDir)
    const { endpoint } = await addEndpoint(workflow, target)
    // Strict order: the first 503 holds the queue, so only the first event is tried before the restart.
    const ids = burst(workflow)
    await waitUntil('the first attempt failed', async () =>
      (await allDeliveries(workflow, endpoint.id)).some((d) => d.state === 'retrying'),
    )
    await workflow.close()

    healthy = true
    // Two minutes later: the retry the first run scheduled is due.
    workflow = await open(dataDir, SLOW_RETRIES, 2 * 60_000)
    await waitUntil('every event arrived after the restart', () => receivedIds(target).size === BURST)
    await waitUntil('every delivery is recorded as delivered', async () =>
      (await allDeliveries(workflow, endpoint.id)).every((d) => d.state === 'delivered'),
    )
    const done = await allDeliveries(workflow, endpoint.id)
    expect(new Set(done.map((d) => d.eventId))).toEqual(new Set(ids))
    const first = done.find((d) => d.eventId === ids[0])
    expect(first?.attempts.map((a) => a.status)).toEqual([503, 200])

    await workflow.close()
    workflow = await open(dataDir)
    const replayed = await allDeliveries(workflow, endpoint.id)
    expect(replayed.find((d) => d.eventId === ids[0])?.attempts.map((a) => a.status)).toEqual([503, 200])
    expect(replayed.every((d) => d.state === 'delivered')).toBe(true)
  })

  it('loses no event to a crash right after the burst: what is on disk then is delivered by the next start', async () => {
    const dataDir = await dataFolder()
    const crashed = await dataFolder()
    // The receiver holds every request: nothing is delivered before the "crash".
    let healthy = false
    const target = await receiver(() => (healthy ? { status: 200 } : 'hang'))
    const workflow = await open(dataDir, { ...FAST_TUNING, timeoutMs: 60_000 })
    const { endpoint } = await addEndpoint(workflow, target)
    const ids = burst(workflow)
    // The first attempt starts only once the burst is written to the outbox: from then on it is acknowledged.
    await waitUntil('the first attempt was made', () => target.hanging === 1)
    await cp(dataDir, crashed, { recursive: true })
    const journal = await readFile(join(crashed, 'webhooks', 'outbox.jsonl'), 'utf8')
    expect(journal.split('\n').filter((line) => line.startsWith('{"d":')).length).toBe(BURST)

    healthy = true
    const restarted = await open(crashed)
    await waitUntil('every event arrived after the crash', () => receivedIds(target).size === BURST)
    expect([...receivedIds(target)].sort()).toEqual([...ids].sort())
    await waitUntil('every delivery is recorded as delivered', async () =>
      (await allDeliveries(restarted, endpoint.id)).every((d) => d.state === 'delivered'),
    )
    await workflow.close()
  })
})

describe('a backlog signed ahead and recorded in runs', () => {
  it('signs every request sent after a rotation with the new secret only, though the backlog was signed before it', async () => {
    const dataDir = await dataFolder()
    const target = await receiver((n) => (n === 1 ? 'hang' : { status: 200 }))
    const workflow = await open(dataDir, { ...SLOW_RETRIES, timeoutMs: 60_000 })
    const { endpoint, secret: before } = await addEndpoint(workflow, target)
    const ids = burst(workflow)
    // The first attempt is out (the next ones were signed with it) and held by the receiver.
    await waitUntil('the first attempt was made', () => target.hanging === 1)
    const { secret: after } = await workflow.call<WebhookSecretShown>('webhooks.endpoints.rotateSecret', { id: endpoint.id, graceHours: 0 })
    target.release()
    await waitUntil('every event arrived', () => receivedIds(target).size === BURST)
    expect([...receivedIds(target)].sort()).toEqual([...ids].sort())

    const [first, ...rest] = target.received
    expect(() => new Webhook(before).verify(first.body, first.headers as Record<string, string>)).not.toThrow()
    for (const request of rest) {
      const headers = request.headers as Record<string, string>
      expect(() => new Webhook(after).verify(request.body, headers)).not.toThrow()
      expect(() => new Webhook(before).verify(request.body, headers)).toThrow()
    }
  })

  it('records an attempt that failed after the deliveries before it (the failing run and the log stay in order)', async () => {
    const dataDir = await dataFolder()
    const target = await receiver((n) => (n <= 10 ? { status: 200 } : { status: 503 }))
    const workflow = await open(dataDir)
    const { endpoint } = await addEndpoint(workflow, target)
    const ids = burst(workflow)
    await waitUntil('the eleventh attempt failed', async () =>
      (await allDeliveries(workflow, endpoint.id)).some((d) => d.state === 'retrying'),
    )
    // Whatever was put off is recorded by now (it waits 10 ms at most).
    await new Promise((resolve) => setTimeout(resolve, 200))
    const deliveries = await allDeliveries(workflow, endpoint.id)
    const byEvent = new Map(deliveries.map((d) => [d.eventId, d]))
    for (const id of ids.slice(0, 10)) expect(byEvent.get(id)?.attempts.map((a) => a.status)).toEqual([200])
    expect(byEvent.get(ids[10])).toMatchObject({ state: 'retrying', attempts: [expect.objectContaining({ status: 503 })] })
    // Recorded after the ten deliveries before it, the failure is what the endpoint's failing run starts with.
    const [view] = (await workflow.call<WebhookEndpointView[]>('webhooks.endpoints.list', {})).filter((e) => e.id === endpoint.id)
    expect(view.failingSince).toBe(byEvent.get(ids[10])?.attempts[0].at)
  })
})
