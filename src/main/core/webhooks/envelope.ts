import type { StoredDelivery } from './deliveryRecord'
import type { Envelope } from './signer'

/** The body a receiver gets: the Standard Webhooks shape, the event's own time, its payload as data. */
export function envelopeOf(delivery: StoredDelivery): Envelope {
  return { type: delivery.eventType, timestamp: delivery.occurredAt, data: delivery.data }
}
