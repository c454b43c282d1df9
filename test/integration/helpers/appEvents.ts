import { expect } from 'vitest'
import { appEvents, type AppEvent, type AuditEntry } from '../../../src/shared/api'

/** An app event as delivered: an envelope with a uuid and an ISO time, a payload its schema accepts, and its audit entry. */
export function expectRecordedAppEvent(event: AppEvent, entries: AuditEntry[]): void {
  expect(event.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  expect(new Date(event.occurredAt).toISOString()).toBe(event.occurredAt)
  const parsed = appEvents[event.type].schema.safeParse(event.payload)
  expect(parsed.success, parsed.error?.message).toBe(true)
  const recorded = entries.filter((e) => e.action === 'app.event' && e.detail?.eventId === event.id)
  expect(recorded).toHaveLength(1)
  expect(recorded[0]).toMatchObject({ target: event.type, outcome: 'ok', detail: { occurredAt: event.occurredAt } })
}
