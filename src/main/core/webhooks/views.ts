import type { WebhookDeliveryPage, WebhookDeliveryView, WebhookEndpointView, WebhookDeliveryState } from '../../../shared/contract/webhooks'
import type { StoredDelivery } from './deliveryRecord'
import type { StoredEndpoint } from './endpointStore'
import type { OutboxStore } from './outboxStore'

export function deliveryView(d: StoredDelivery): WebhookDeliveryView {
  return {
    id: d.id,
    endpointId: d.endpointId,
    eventId: d.eventId,
    eventType: d.eventType,
    occurredAt: d.occurredAt,
    state: d.state,
    attempts: d.attempts.map((a) => ({ ...a })),
    ...(d.nextAttemptAt ? { nextAttemptAt: d.nextAttemptAt } : {}),
    ...(d.reason ? { reason: d.reason } : {}),
    ...(d.test ? { test: true } : {}),
  }
}

export function endpointView(endpoint: StoredEndpoint, outbox: OutboxStore): WebhookEndpointView {
  const counts = { pending: 0, delivered: 0, failed: 0 }
  let lastDeliveryAt: string | undefined
  for (const d of outbox.deliveries.values()) {
    if (d.endpointId !== endpoint.id) continue
    if (d.state === 'delivered') {
      counts.delivered++
      const at = d.attempts.at(-1)?.at
      if (at && (!lastDeliveryAt || at > lastDeliveryAt)) lastDeliveryAt = at
    } else if (d.state === 'failed') counts.failed++
    else counts.pending++
  }
  const failingSince = outbox.failingSince.get(endpoint.id)
  return {
    id: endpoint.id,
    name: endpoint.name,
    url: endpoint.url,
    events: endpoint.events,
    enabled: endpoint.enabled,
    includeDownloadLinks: endpoint.includeDownloadLinks,
    createdAt: endpoint.createdAt,
    secretCreatedAt: endpoint.secretCreatedAt,
    ...(endpoint.previousSecretExpiresAt ? { previousSecretExpiresAt: endpoint.previousSecretExpiresAt } : {}),
    ...(endpoint.disabledReason ? { disabledReason: endpoint.disabledReason } : {}),
    ...(failingSince ? { failingSince } : {}),
    ...(lastDeliveryAt ? { lastDeliveryAt } : {}),
    counts,
  }
}

/** One page of an endpoint's log, newest first; the cursor is the last delivery's place in the outbox. */
export function deliveryPage(
  outbox: OutboxStore,
  input: { endpointId: string; state?: WebhookDeliveryState; limit: number; cursor?: string },
): WebhookDeliveryPage {
  const matching = [...outbox.deliveries.values()]
    .filter((d) => d.endpointId === input.endpointId && (!input.state || d.state === input.state))
    .sort((a, b) => b.seq - a.seq)
  const before = input.cursor !== undefined ? Number(input.cursor) : Infinity
  const rest = Number.isFinite(before) ? matching.filter((d) => d.seq < before) : matching
  const page = rest.slice(0, input.limit)
  return {
    deliveries: page.map(deliveryView),
    total: matching.length,
    ...(rest.length > page.length && page.length > 0 ? { nextCursor: String(page[page.length - 1].seq) } : {}),
  }
}
