import { join } from 'node:path'
import { openAuditLog, SYSTEM_SCOPE, type AuditLog } from '../../../src/main/core/audit'
import { AppEventHub } from '../../../src/main/core/events/appEventHub'
import { EventHub } from '../../../src/main/core/events/eventHub'
import { invokeMethod } from '../../../src/main/core/invoke'
import type { JobRunner, JobStore } from '../../../src/main/core/jobs'
import { createWorkflowSecrets, settingsSlice } from '../../../src/main/core/kit'
import { Connections } from '../../../src/main/core/profiles/connections'
import { ProfileStore } from '../../../src/main/core/profiles/profileStore'
import { createPlainSecretBox } from '../../../src/main/core/secrets/plainSecretBox'
import { openConfSettings } from '../../../src/main/core/settings/openSettings'
import { StatusTracker } from '../../../src/main/core/status/statusTracker'
import { DELIVERY_TUNING_SETTING, webhooksWorkflow, type DeliveryTuning } from '../../../src/main/core/webhooks'
import type { Workflow, WorkflowServices } from '../../../src/main/core/workflow'
import type { Handlers } from '../../../src/shared/api'

/**
 * The webhooks workflow alone on real services (settings file, audit log, outbox on disk) in `dataDir`,
 * with the app event hub in the test's hands: a burst of events can be emitted in one tick, which a
 * whole core (one event per workflow call) cannot do.
 */
export interface WebhookWorkflow {
  hub: AppEventHub
  call<T = unknown>(method: string, input: unknown): Promise<T>
  close(): Promise<void>
}

/** Without `tuning`, the app's delivery settings. `clockAheadMs` moves the workflow's clock forward (a retry scheduled for later is due at once). */
export async function openWebhookWorkflow(dataDir: string, tuning?: DeliveryTuning, clockAheadMs = 0): Promise<WebhookWorkflow> {
  const now = () => new Date(Date.now() + clockAheadMs)
  const settings = openConfSettings(dataDir)
  if (tuning) settings.set(DELIVERY_TUNING_SETTING, tuning)
  const secretBox = createPlainSecretBox()
  const audit: AuditLog = await openAuditLog({ dir: join(dataDir, 'audit'), now, secretBox })
  const profiles = new ProfileStore(settings, secretBox, { url: 'http://127.0.0.1:9', clientId: 'none', clientSecret: 'none' })
  const status = new StatusTracker({ profileId: 'sandbox', profileName: 'Sandbox org', region: 'sandbox' }, () => undefined)
  const hub = new AppEventHub({ audit, now, onInvalid: 'throw' })
  const services: WorkflowServices = {
    dataDir,
    settings,
    profiles,
    connections: new Connections(profiles, audit, status),
    audit,
    scope: async () => SYSTEM_SCOPE,
    systemScope: SYSTEM_SCOPE,
    settingsSlice: (key, schema, defaults, options) => settingsSlice(settings, key, schema, defaults, options),
    secrets: createWorkflowSecrets(settings, secretBox, 'webhooks'),
    events: new EventHub(),
    appEvents: hub,
    status,
    now,
    // No window to show them in: the burst tests do not disable endpoints.
    notify: () => undefined,
    retractNotice: () => undefined,
    jobs: () => undefined as unknown as JobRunner,
    jobStore: () => undefined as unknown as JobStore,
    tuning: {},
  }
  const workflow: Workflow = await webhooksWorkflow.create(services)
  await workflow.start?.()
  return {
    hub,
    call: async <T>(method: string, input: unknown) => {
      const result = await invokeMethod(workflow.handlers as Handlers, method as keyof Handlers, input as never)
      if (!result.ok) throw new Error(`${method}: ${result.error.message}`)
      return result.value as T
    },
    close: async () => {
      await workflow.close?.()
      await audit.close()
    },
  }
}

/** One schema.updated event through the hub (the same kind the bench sends). */
export function emitSchemaUpdated(hub: AppEventHub, i: number): string {
  const event = hub.emit(
    'schema.updated',
    { profileId: 'sandbox', schemaId: `schema-${i % 7}`, fromVersion: i + 1, toVersion: i + 2, fields: ['customer_tier', 'region'] },
    SYSTEM_SCOPE,
  )
  if (!event) throw new Error('the event was dropped')
  return event.id
}
