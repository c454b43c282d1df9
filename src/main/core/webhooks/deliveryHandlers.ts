import type { Handlers } from '../../../shared/api'
import { AppError } from '../../../shared/errors'
import type { WebhookContext } from './context'
import { isPending, type StoredDelivery } from './deliveryRecord'
import type { StoredEndpoint } from './endpointStore'
import { newDeliveryId } from './intake'
import { deliveryPage, deliveryView } from './views'

type DeliveryHandlers = Pick<Handlers, 'webhooks.deliveries.list' | 'webhooks.deliveries.redeliver' | 'webhooks.deliveries.redeliverFailed'>

/** REDELIVER_LIMIT events at most per "redeliver failed" (a period with more is redelivered in parts). */
const REDELIVER_LIMIT = 10_000

export function deliveryHandlers(ctx: WebhookContext): DeliveryHandlers {
  const { services, endpoints, outbox, scheduler } = ctx

  /** The same event (same id, data and time) queued again as a new delivery; a link is kept only while the endpoint opts in. */
  const again = (endpoint: StoredEndpoint, original: StoredDelivery): StoredDelivery => {
    const { downloadUrl: _link, ...rest } = original.data
    return {
      id: newDeliveryId(),
      seq: outbox.takeSeq(),
      endpointId: endpoint.id,
      eventId: original.eventId,
      eventType: original.eventType,
      occurredAt: original.occurredAt,
      data: endpoint.includeDownloadLinks ? original.data : rest,
      state: 'queued',
      attempts: [],
      queuedAt: services.now().toISOString(),
      ...(original.test ? { test: true } : {}),
    }
  }

  return {
    'webhooks.deliveries.list': async (input) => {
      endpoints.get(input.endpointId)
      return deliveryPage(outbox, { ...input, limit: input.limit ?? 100 })
    },

    'webhooks.deliveries.redeliver': async ({ deliveryId }) => {
      const original = outbox.deliveries.get(deliveryId)
      if (!original)
        throw new AppError({
          code: 'not_found',
          message: `There is no delivery ${deliveryId}.`,
          hint: 'Reload the log; it may have been removed with its endpoint.',
        })
      const endpoint = endpoints.get(original.endpointId)
      const delivery = again(endpoint, original)
      scheduler.accept([delivery])
      await outbox.persisted()
      return deliveryView(delivery)
    },

    'webhooks.deliveries.redeliverFailed': async ({ endpointId, from, to }) => {
      const endpoint = endpoints.get(endpointId)
      const fromMs = Date.parse(from)
      const toMs = Date.parse(to)
      const all = [...outbox.deliveries.values()].filter((d) => d.endpointId === endpointId && !d.test)
      // An event already delivered, or on its way again, is not sent once more.
      const settled = new Set(all.filter((d) => d.state === 'delivered' || isPending(d)).map((d) => d.eventId))
      const picked = new Map<string, StoredDelivery>()
      for (const d of all.sort((a, b) => a.seq - b.seq)) {
        const at = Date.parse(d.occurredAt)
        if (d.state === 'failed' && at >= fromMs && at < toMs && !settled.has(d.eventId)) picked.set(d.eventId, d)
      }
      const deliveries = [...picked.values()].slice(0, REDELIVER_LIMIT).map((d) => again(endpoint, d))
      if (deliveries.length > 0) {
        scheduler.accept(deliveries)
        await outbox.persisted()
      }
      return { queued: deliveries.length }
    },
  }
}
