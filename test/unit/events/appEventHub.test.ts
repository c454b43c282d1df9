/**
 * The core's one way out for app events: the payload is checked against the contract, the event gets an
 * id and a time, is recorded in the audit log, then reaches onAppEvent subscribers. A payload that fails
 * is a bug: tests throw, the app drops it and records the drop (without the rejected values).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppEvent, AuditEntry } from '../../../src/shared/api'
import { createCore } from '../../../src/main/core'
import { openAuditLog, type AuditLog } from '../../../src/main/core/audit'
import { AppEventHub, type InvalidAppEventPolicy } from '../../../src/main/core/events/appEventHub'
import { createPlainSecretBox } from '../../../src/main/core/secrets/plainSecretBox'
import { makeTempDir, removeDir, steadyClock } from '../audit/auditTestKit'

const scope = { profile: 'Sandbox', org: 'Sandbox Contact Centre' }
const completed = {
  requestId: '6f1c2d3e-0000-4000-8000-000000000001',
  requestType: 'GDPR_EXPORT',
  profileId: 'sandbox',
  resultsCount: 2,
  completedAt: '2026-01-02T03:04:05.000Z',
} as const

let dir: string
let audit: AuditLog
beforeEach(async () => {
  dir = await makeTempDir('sb-app-events-')
  audit = await openAuditLog({ dir, now: steadyClock() })
})
afterEach(async () => {
  await audit.close()
  await removeDir(dir)
})

function hub(onInvalid: InvalidAppEventPolicy, reports: string[] = []) {
  const events: AppEvent[] = []
  const appEvents = new AppEventHub({ audit, now: () => new Date('2026-01-02T03:04:06.000Z'), onInvalid, report: (m) => reports.push(m) })
  appEvents.onAppEvent((e) => events.push(e))
  return { appEvents, events }
}

describe('AppEventHub', () => {
  it('gives a valid event an id and a time, records it in the audit log, then hands it to subscribers', async () => {
    const { appEvents, events } = hub('throw')
    const event = appEvents.emit('privacy.export.completed', completed, scope)
    expect(events).toEqual([event])
    expect(event).toMatchObject({ type: 'privacy.export.completed', occurredAt: '2026-01-02T03:04:06.000Z', payload: completed })
    expect(event?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const [entry] = await audit.tail(1)
    expect(entry).toMatchObject({
      ...scope,
      action: 'app.event',
      target: 'privacy.export.completed',
      outcome: 'ok',
      detail: { eventId: event?.id, requestId: completed.requestId, resultsCount: 2 },
    })
  })

  it('throws at the emit, in tests, on a payload that fails its schema; nothing is recorded or delivered', async () => {
    const { appEvents, events } = hub('throw')
    const withName = { ...completed, subjectName: 'Jonas Berg' } as unknown as typeof completed
    expect(() => appEvents.emit('privacy.export.completed', withName, scope)).toThrow(/privacy\.export\.completed has an invalid payload/)
    expect(events).toEqual([])
    expect(await audit.tail(10)).toEqual([])
  })

  it('in the app, drops such a payload and records the drop without the rejected values', async () => {
    const reports: string[] = []
    const { appEvents, events } = hub('drop', reports)
    const withEmail = { ...completed, profileId: 'jonas.berg@example.com' }
    expect(appEvents.emit('privacy.export.completed', withEmail, scope)).toBeUndefined()
    expect(events).toEqual([])
    const [entry] = await audit.tail(1)
    expect(entry).toMatchObject({ action: 'app.event.dropped', target: 'privacy.export.completed', outcome: 'error' })
    expect(entry.detail?.problems).toMatch(/^profileId: /)
    expect(JSON.stringify(entry)).not.toContain('jonas')
    expect(reports).toHaveLength(1)
  })

  it('writes a list of field names in the audit entry, or its length when too long for the log', async () => {
    const { appEvents } = hub('throw')
    const long = Array.from({ length: 200 }, (_, i) => `custom_field_${i}`)
    appEvents.emit(
      'schema.updated',
      { profileId: 'sandbox', schemaId: 's-1', fromVersion: 1, toVersion: 2, fields: ['vip', 'notes'] },
      scope,
    )
    appEvents.emit('schema.updated', { profileId: 'sandbox', schemaId: 's-1', fromVersion: 2, toVersion: 3, fields: long }, scope)
    const [second, first] = await audit.tail(2)
    expect(first.detail?.fields).toBe('vip,notes')
    expect(second.detail?.fields).toBe('200 items')
  })
})

describe('the core', () => {
  it('signals its audit appends to screens but never announces them as app events', async () => {
    const dataDir = await makeTempDir('sb-core-events-')
    const core = await createCore({
      dataDir,
      shell: 'web',
      version: 'test',
      secretBox: createPlainSecretBox(),
      sandbox: { url: 'http://127.0.0.1:9', clientId: 'sandbox-client', clientSecret: 'sandbox-secret' },
    })
    const appended: AuditEntry[] = []
    const announced: AppEvent[] = []
    core.on('audit.appended', (entry) => appended.push(entry))
    core.onAppEvent((event) => announced.push(event))
    try {
      await core.handlers['profiles.save']({
        name: 'Second org',
        region: 'us-east-1',
        clientId: 'client-0001',
        clientSecret: 'not-a-real-secret',
      })
      expect(appended.map((e) => e.action)).toContain('profile.add')
      expect(announced).toEqual([])
    } finally {
      await core.close()
      await removeDir(dataDir)
    }
  })
})
