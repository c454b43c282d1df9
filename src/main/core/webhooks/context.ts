import type { WorkflowServices } from '../workflow'
import type { DeliveryScheduler } from './deliveryScheduler'
import type { EndpointStore } from './endpointStore'
import type { OutboxStore } from './outboxStore'
import type { SigningSecrets } from './signingSecrets'

/** What the workflow's handlers share. */
export interface WebhookContext {
  services: WorkflowServices
  endpoints: EndpointStore
  outbox: OutboxStore
  secrets: SigningSecrets
  scheduler: DeliveryScheduler
}
