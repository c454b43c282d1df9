import { afterAll, beforeAll } from 'vitest'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Core } from '../../../src/main/core'
import { DELIVERY_TUNING_SETTING, type DeliveryTuning } from '../../../src/main/core/webhooks'
import { startSandbox, type Sandbox } from '../../../src/main/sandbox'
import type { AppEvent } from '../../../src/shared/api'
import type { WebhookDeliveryView, WebhookEndpointInput, WebhookSecretShown } from '../../../src/shared/contract/webhooks'
import { openTestCore, settingsWith } from './coreSession'
import { addRecording } from './linksSession'
import { call } from './privacySession'
import { startWebhookReceiver, type WebhookReceiver } from './webhookReceiver'

export { call }

/** Milliseconds instead of seconds: retries come fast, a hanging receiver is cut after 300 ms. */
export const FAST_TUNING: DeliveryTuning = { retryBaseMs: 30, retryCapMs: 200, timeoutMs: 300 }

export interface WebhookSession {
  sandbox: Sandbox
  dataDir: string
  core: Core
  /** Shifts the core's clock (not the sandbox's) forward. */
  advance(ms: number): void
  restart(tuning?: Partial<DeliveryTuning>): Promise<Core>
  close(): Promise<void>
}

/** A real sandbox and a real core whose clock can be moved forward, with event delivery tuned by `tuning`. */
export async function startWebhookSession(tuning: Partial<DeliveryTuning> = {}): Promise<WebhookSession> {
  const sandbox = await startSandbox({ port: 0, rateLimitPerMinute: 100_000 })
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-webhooks-'))
  let offset = 0
  const open = (t: Partial<DeliveryTuning>) =>
    openTestCore(dataDir, sandbox, {
      now: () => new Date(Date.now() + offset),
      openSettings: settingsWith(DELIVERY_TUNING_SETTING, { ...FAST_TUNING, ...t }),
    })
  const session: WebhookSession = {
    sandbox,
    dataDir,
    core: await open(tuning),
    advance: (ms) => {
      offset += ms
    },
    restart: async (t = tuning) => {
      await session.core.close()
      session.core = await open(t)
      return session.core
    },
    close: async () => {
      await session.core.close()
      await sandbox.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
  return session
}

export function addEndpoint(core: Core, url: string, input: Partial<WebhookEndpointInput> = {}): Promise<WebhookSecretShown> {
  return call(core, 'webhooks.endpoints.add', { name: 'Test receiver', url, events: ['media.url.generated'], ...input })
}

/** One real app event: a download link made for a new sandbox recording (media.url.generated). */
export async function emitEvent(session: WebhookSession): Promise<AppEvent> {
  const seen: AppEvent[] = []
  const off = session.core.onAppEvent((event) => seen.push(event))
  try {
    const recording = addRecording(session.sandbox)
    const result = await call(session.core, 'recordings.link', {
      conversationId: recording.conversationId,
      recordingId: recording.id,
      format: 'WAV',
    })
    if (result.state !== 'ready') throw new Error(`expected a ready link, got ${result.state}`)
    const event = seen.find((e) => e.type === 'media.url.generated')
    if (!event) throw new Error('no media.url.generated event came')
    return event
  } finally {
    off()
  }
}

export async function deliveries(core: Core, endpointId: string): Promise<WebhookDeliveryView[]> {
  return (await call(core, 'webhooks.deliveries.list', { endpointId, limit: 500 })).deliveries
}

/** Resolves with the endpoint's delivery of `eventId` once `done` holds for it. */
export async function waitForDelivery(
  core: Core,
  endpointId: string,
  eventId: string,
  done: (d: WebhookDeliveryView) => boolean,
  timeoutMs = 20_000,
): Promise<WebhookDeliveryView> {
  const until = Date.now() + timeoutMs
  let last: WebhookDeliveryView | undefined
  while (Date.now() < until) {
    last = (await deliveries(core, endpointId)).find((d) => d.eventId === eventId)
    if (last && done(last)) return last
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`delivery of ${eventId} did not get there; last seen: ${JSON.stringify(last)}`)
}

export interface WebhookTestBench {
  readonly session: WebhookSession
  /** A receiver on 127.0.0.1, closed after the file's tests. */
  receiver: typeof startWebhookReceiver
}

/** For a test file: one webhook session before its tests, and it and every receiver started closed after them. */
export function useWebhookSession(): WebhookTestBench {
  const receivers: WebhookReceiver[] = []
  const state = {
    session: undefined as unknown as WebhookSession,
    receiver: async (...args: Parameters<typeof startWebhookReceiver>) => {
      const started = await startWebhookReceiver(...args)
      receivers.push(started)
      return started
    },
  }
  beforeAll(async () => {
    state.session = await startWebhookSession()
  })
  afterAll(async () => {
    await state.session?.close()
    await Promise.all(receivers.map((r) => r.close()))
  })
  return state
}
