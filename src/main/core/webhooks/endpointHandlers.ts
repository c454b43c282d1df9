import { randomUUID } from 'node:crypto'
import type { Handlers } from '../../../shared/api'
import { WEBHOOK_TEST_EVENT } from '../../../shared/contract/webhooks'
import type { WebhookContext } from './context'
import { auditEndpoint } from './deliveryAudit'
import { disabledNoticeId } from './disabledNotice'
import type { StoredDelivery } from './deliveryRecord'
import { newDeliveryId } from './intake'
import { deliveryView, endpointView } from './views'

type EndpointHandlers = Pick<
  Handlers,
  | 'webhooks.endpoints.list'
  | 'webhooks.endpoints.add'
  | 'webhooks.endpoints.update'
  | 'webhooks.endpoints.remove'
  | 'webhooks.endpoints.rotateSecret'
  | 'webhooks.endpoints.sendTest'
>

export function endpointHandlers(ctx: WebhookContext): EndpointHandlers {
  const { services, endpoints, outbox, secrets, scheduler } = ctx
  const changed = (endpointId: string) => services.events.emit('webhooks.changed', { endpointId })

  return {
    'webhooks.endpoints.list': async () => endpoints.list().map((e) => endpointView(e, outbox)),

    'webhooks.endpoints.add': async (input) => {
      const endpoint = endpoints.add(
        { ...input, enabled: input.enabled ?? true, includeDownloadLinks: input.includeDownloadLinks ?? false },
        services.now(),
      )
      const secret = secrets.create(endpoint.id)
      auditEndpoint(services, 'add', endpoint)
      await services.audit.flush()
      changed(endpoint.id)
      return { endpoint: endpointView(endpoint, outbox), secret }
    },

    'webhooks.endpoints.update': async (input) => {
      const before = endpoints.get(input.id)
      const endpoint = endpoints.update(input)
      if (input.enabled === true && !before.enabled) outbox.setFailingSince(endpoint.id, undefined)
      if (!endpoint.disabledReason) services.retractNotice(disabledNoticeId(endpoint.id))
      auditEndpoint(services, 'update', endpoint, { urlChanged: before.url !== endpoint.url })
      await services.audit.flush()
      scheduler.pump(endpoint.id)
      changed(endpoint.id)
      return endpointView(endpoint, outbox)
    },

    'webhooks.endpoints.remove': async ({ id }) => {
      const endpoint = endpoints.find(id)
      if (!endpoint) return { removed: false }
      endpoints.remove(id)
      scheduler.forget(id)
      outbox.removeEndpoint(id)
      secrets.remove(id)
      services.retractNotice(disabledNoticeId(id))
      auditEndpoint(services, 'remove', endpoint)
      await services.audit.flush()
      changed(id)
      return { removed: true }
    },

    'webhooks.endpoints.rotateSecret': async ({ id, graceHours }) => {
      const current = endpoints.get(id)
      const at = services.now()
      const hours = graceHours ?? 24
      const secret = secrets.rotate(id, hours > 0)
      const { previousSecretExpiresAt: _old, ...rest } = current
      const endpoint = endpoints.replace({
        ...rest,
        secretCreatedAt: at.toISOString(),
        ...(hours > 0 ? { previousSecretExpiresAt: new Date(at.getTime() + hours * 3_600_000).toISOString() } : {}),
      })
      auditEndpoint(services, 'rotate', endpoint, { graceHours: hours })
      await services.audit.flush()
      changed(id)
      return { endpoint: endpointView(endpoint, outbox), secret }
    },

    'webhooks.endpoints.sendTest': async ({ id }) => {
      const endpoint = endpoints.get(id)
      const at = services.now().toISOString()
      const test: StoredDelivery = {
        id: newDeliveryId(),
        seq: outbox.takeSeq(),
        endpointId: id,
        eventId: randomUUID(),
        eventType: WEBHOOK_TEST_EVENT,
        occurredAt: at,
        data: { endpointId: id, message: 'A test event from Switchboard.' },
        state: 'queued',
        attempts: [],
        queuedAt: at,
        test: true,
      }
      const { delivery, outcome } = await scheduler.attemptNow(endpoint, test)
      await Promise.all([outbox.persisted(), services.audit.flush()])
      return {
        delivery: deliveryView(delivery),
        latencyMs: outcome.latencyMs,
        ...(outcome.status !== undefined ? { status: outcome.status } : {}),
        ...(outcome.bodyStart !== undefined ? { bodyStart: outcome.bodyStart } : {}),
        ...(outcome.error ? { error: { message: outcome.error, hint: outcome.hint ?? '' } } : {}),
      }
    },
  }
}
