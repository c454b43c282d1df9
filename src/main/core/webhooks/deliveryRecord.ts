import { z } from 'zod'
import { WEBHOOK_DELIVERY_STATES } from '../../../shared/contract/webhooks'

export const StoredAttempt = z.object({
  at: z.string(),
  status: z.number().optional(),
  latencyMs: z.number(),
  error: z.string().optional(),
})
export type StoredAttempt = z.infer<typeof StoredAttempt>

/** One event on its way to one endpoint, as the outbox keeps it (the data it sends included). */
export const StoredDelivery = z.object({
  id: z.string(),
  /** Order of creation in the outbox: the log's newest-first order and its cursor. */
  seq: z.number().int(),
  endpointId: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
  state: z.enum(WEBHOOK_DELIVERY_STATES),
  attempts: z.array(StoredAttempt),
  nextAttemptAt: z.string().optional(),
  reason: z.string().optional(),
  test: z.boolean().optional(),
  /** When it was queued (the event's time for a first delivery; later for a redelivery). */
  queuedAt: z.string(),
})
export type StoredDelivery = z.infer<typeof StoredDelivery>

export const isPending = (d: StoredDelivery): boolean => d.state === 'queued' || d.state === 'retrying'

/** What one attempt changes in a delivery: the attempt added, the new state, when to try again or why it failed. */
export const AttemptChange = z.object({
  attempt: StoredAttempt,
  state: z.enum(WEBHOOK_DELIVERY_STATES),
  nextAttemptAt: z.string().optional(),
  reason: z.string().optional(),
})
export type AttemptChange = z.infer<typeof AttemptChange>

/** The delivery after the attempt (the outbox replays its journal's attempt lines with this too). */
export function afterAttempt(before: StoredDelivery, change: AttemptChange): StoredDelivery {
  const { nextAttemptAt: _previous, reason: _reason, ...rest } = before
  const next: StoredDelivery = { ...rest, attempts: [...before.attempts, change.attempt], state: change.state }
  if (change.nextAttemptAt !== undefined) next.nextAttemptAt = change.nextAttemptAt
  if (change.reason !== undefined) next.reason = change.reason
  return next
}
