/**
 * Event delivery: Switchboard sends its own app events to the admin's endpoints (archives, CDNs,
 * compliance tools), signed the Standard Webhooks way, from a durable outbox, at least once.
 */
import { z } from 'zod'
import { Empty, Id } from './common'
import { method, signal } from './define'

/** The app events an endpoint may subscribe to (every app event in the contract). */
export const WEBHOOK_EVENT_TYPES = [
  'recording.uploaded',
  'prompt.uploaded',
  'media.url.generated',
  'privacy.export.completed',
  'flow.versions.archived',
  'schema.updated',
] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]
/** Sent only by "Send test event". */
export const WEBHOOK_TEST_EVENT = 'switchboard.test'

export const WebhookEndpointId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an endpoint id')
export const WebhookDeliveryId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'a delivery id')

/** https, or http to a loopback address only (127.0.0.0/8, ::1, localhost); no credentials in the URL. */
export const WebhookUrl = z.string().trim().min(1, 'URL is required').max(2000)

export const WebhookEndpointInput = z
  .object({
    name: z.string().trim().min(1, 'Name is required').max(100),
    url: WebhookUrl,
    events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, 'Choose at least one event').max(WEBHOOK_EVENT_TYPES.length),
    enabled: z.boolean().default(true),
    /** media.url.generated carries the download link itself only when this is on. */
    includeDownloadLinks: z.boolean().default(false),
  })
  .strict()
export type WebhookEndpointInput = z.input<typeof WebhookEndpointInput>

export const WebhookEndpointUpdate = WebhookEndpointInput.partial().extend({ id: WebhookEndpointId }).strict()
export type WebhookEndpointUpdate = z.input<typeof WebhookEndpointUpdate>

/** The shared Id input (every method that takes only an id uses it). */
export const WebhookEndpointRef = Id

export const WebhookRotateInput = z
  .object({
    id: WebhookEndpointId,
    /** How long the old secret keeps signing beside the new one. */
    graceHours: z.number().int().min(0).max(168).default(24),
  })
  .strict()

export interface WebhookEndpointView {
  id: string
  name: string
  url: string
  events: WebhookEventType[]
  enabled: boolean
  includeDownloadLinks: boolean
  createdAt: string
  secretCreatedAt: string
  /** While set, deliveries are signed with the old secret too. */
  previousSecretExpiresAt?: string
  /** Set when Switchboard disabled the endpoint itself (failing for 24 hours). */
  disabledReason?: string
  /** First failure of the current run of failures; cleared by a success. */
  failingSince?: string
  lastDeliveryAt?: string
  counts: { pending: number; delivered: number; failed: number }
}

/** The signing secret (whsec_…), returned once when an endpoint is added or its secret rotated. */
export interface WebhookSecretShown {
  endpoint: WebhookEndpointView
  secret: string
}

export interface WebhookAttemptView {
  at: string
  /** The endpoint's HTTP status; absent when no answer came (network error, timeout). */
  status?: number
  latencyMs: number
  /** Why the attempt failed, for the log (never the body). */
  error?: string
}

/**
 * queued: waiting for its first attempt (or behind an earlier event of the same endpoint);
 * retrying: an attempt failed and another is scheduled (nextAttemptAt); delivered: a 2xx came;
 * failed: given up (a 4xx that is not 429, 24 hours of failures, or the endpoint was disabled).
 */
export const WEBHOOK_DELIVERY_STATES = ['queued', 'retrying', 'delivered', 'failed'] as const
export type WebhookDeliveryState = (typeof WEBHOOK_DELIVERY_STATES)[number]

export interface WebhookDeliveryView {
  id: string
  endpointId: string
  /** Stable across retries and redeliveries: the webhook-id header. */
  eventId: string
  eventType: string
  occurredAt: string
  state: WebhookDeliveryState
  attempts: WebhookAttemptView[]
  nextAttemptAt?: string
  /** Why it failed for good. */
  reason?: string
  test?: boolean
}

export const WebhookDeliveryListInput = z
  .object({
    endpointId: WebhookEndpointId,
    state: z.enum(WEBHOOK_DELIVERY_STATES).optional(),
    limit: z.number().int().min(1).max(500).default(100),
    /** Newest first; pass the last page's `nextCursor` for older ones. */
    cursor: z.string().max(200).optional(),
  })
  .strict()
export type WebhookDeliveryListInput = z.input<typeof WebhookDeliveryListInput>

export interface WebhookDeliveryPage {
  deliveries: WebhookDeliveryView[]
  total: number
  nextCursor?: string
}

export const WebhookRedeliverInput = z.object({ deliveryId: WebhookDeliveryId }).strict()

export const WebhookRedeliverFailedInput = z
  .object({
    endpointId: WebhookEndpointId,
    /** ISO times; events that occurred in [from, to) and ended failed are sent again. */
    from: z.iso.datetime(),
    to: z.iso.datetime(),
  })
  .strict()

export interface WebhookTestResult {
  delivery: WebhookDeliveryView
  /** What the endpoint answered (the first 2,000 characters of its body). */
  status?: number
  latencyMs: number
  bodyStart?: string
  error?: { message: string; hint: string }
}

export const webhookMethods = {
  'webhooks.endpoints.list': method<typeof Empty, WebhookEndpointView[]>(Empty),
  'webhooks.endpoints.add': method<typeof WebhookEndpointInput, WebhookSecretShown>(WebhookEndpointInput),
  'webhooks.endpoints.update': method<typeof WebhookEndpointUpdate, WebhookEndpointView>(WebhookEndpointUpdate),
  'webhooks.endpoints.remove': method<typeof WebhookEndpointRef, { removed: boolean }>(WebhookEndpointRef),
  'webhooks.endpoints.rotateSecret': method<typeof WebhookRotateInput, WebhookSecretShown>(WebhookRotateInput),
  /** Sends a switchboard.test event now (outside the queue) and answers with the endpoint's reply. */
  'webhooks.endpoints.sendTest': method<typeof WebhookEndpointRef, WebhookTestResult>(WebhookEndpointRef),
  'webhooks.deliveries.list': method<typeof WebhookDeliveryListInput, WebhookDeliveryPage>(WebhookDeliveryListInput),
  /** Queues the event again with the same event id; answers with the new delivery. */
  'webhooks.deliveries.redeliver': method<typeof WebhookRedeliverInput, WebhookDeliveryView>(WebhookRedeliverInput),
  'webhooks.deliveries.redeliverFailed': method<typeof WebhookRedeliverFailedInput, { queued: number }>(WebhookRedeliverFailedInput),
}

export const webhookSignals = {
  /** An endpoint or one of its deliveries changed: screens refetch. */
  'webhooks.changed': signal<{ endpointId: string }>(),
}
