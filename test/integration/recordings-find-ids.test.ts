import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { uuidFrom } from '../../src/main/sandbox/organization'
import type { RecordingRow } from '../../src/shared/contract/recordings'
import { startCoreSession, type CoreSession } from './helpers/coreSession'
import { call } from './helpers/privacySession'
import { setTimeout as sleep } from 'node:timers/promises'
import { conversationWith, findToEnd } from './helpers/recordingFindSession'

const METADATA_ROUTE = 'GET /api/v2/conversations/:conversationId/recordingmetadata'
const DAY = 86_400_000

let session: CoreSession
let seeded: string[]

beforeAll(async () => {
  session = await startCoreSession({ rateLimitPerMinute: 100_000 })
  seeded = session.sandbox.recordings.conversations().map((c) => c.id)
})
afterAll(() => session.close())
afterEach(() => {
  session.sandbox.setFaults({})
  session.sandbox.setOptions({ deniedPermissions: [] })
})

const metadataRequests = () => session.sandbox.stats().byRoute[METADATA_ROUTE] ?? 0

describe('each file state', () => {
  it('offers what can be done, or says why not, including a state this version does not know', async () => {
    const start = Date.now() - DAY
    const archivedOn = Date.UTC(2026, 10, 20)
    const conversation = conversationWith('states', start, [
      { fileState: 'AVAILABLE' },
      { fileState: 'RESTORED', archiveDate: archivedOn },
      { fileState: 'AVAILABLE', media: 'chat' },
      { fileState: 'ARCHIVED', archiveDate: archivedOn },
      { fileState: 'RESTORING', archiveDate: archivedOn },
      { fileState: 'UPLOADING' },
      { fileState: 'DELETED', deleteDate: archivedOn },
      { fileState: 'ERROR' },
      { fileState: 'QUARANTINED' },
      { fileState: 'AVAILABLE', media: 'hologram' },
    ])
    session.sandbox.recordings.add(conversation)
    const view = await findToEnd(session.core, { kind: 'ids', conversationIds: [conversation.id] })
    expect(view.state).toBe('done')
    const rows = conversation.recordings.map((r) => view.recordings.find((row) => row.recordingId === r.id) as RecordingRow)
    const [available, restored, chat, archived, restoring, uploading, deleted, failed, unknown, newMedia] = rows
    expect(available).toMatchObject({
      fileState: 'AVAILABLE',
      media: 'audio',
      actions: ['link', 'download', 'transcript'],
      durationMs: 60_000,
    })
    expect(available.unavailableReason).toBeUndefined()
    expect(restored.actions).toEqual(['link', 'download', 'transcript'])
    expect(chat.actions).toEqual(['link', 'download'])
    expect(archived.actions).toEqual([])
    // The reason carries no date (the screen formats the row's date its own way); the date travels as data.
    expect(archived.unavailableReason).toBe('Archived: restore it in Genesys Cloud, then find it again.')
    expect(Date.parse(archived.archiveDate ?? '')).toBe(archivedOn)
    expect(restoring).toMatchObject({ actions: [], unavailableReason: expect.stringContaining('Being restored') })
    expect(uploading).toMatchObject({ actions: [], unavailableReason: expect.stringContaining('Still being uploaded by the platform') })
    expect(deleted).toMatchObject({ actions: [], unavailableReason: 'Deleted: Genesys Cloud no longer has its media.' })
    expect(Date.parse(deleted.deleteDate ?? '')).toBe(archivedOn)
    for (const row of rows) expect(row.unavailableReason ?? '').not.toMatch(/\d{4}-\d{2}-\d{2}/)
    expect(failed).toMatchObject({ actions: [], unavailableReason: expect.stringContaining('File error in Genesys Cloud') })
    expect(unknown).toMatchObject({
      fileState: 'QUARANTINED',
      actions: [],
      unavailableReason: expect.stringContaining('not known to this version'),
    })
    // A media type this version does not know is shown as sent; it offers no transcript.
    expect(newMedia).toMatchObject({ media: 'hologram', actions: ['link', 'download'] })
  })
})

describe('pasted and imported ids', () => {
  it('finds the recordings of ids pasted among junk lines and duplicates', async () => {
    const [a, b, c] = seeded
    const parsed = await call(session.core, 'recordings.ids.parse', {
      text: [a, 'hello', b.toUpperCase(), a, '', c, 'ticket #42'].join('\n'),
    })
    expect(parsed).toMatchObject({ conversationIds: [a, b, c], duplicates: 1, invalidCount: 2, format: 'lines' })
    const view = await findToEnd(session.core, { kind: 'ids', conversationIds: parsed.conversationIds })
    expect(view).toMatchObject({ state: 'done', conversationsFound: 3, conversationsListed: 3, conversationsFailed: 0 })
    const want = [a, b, c].flatMap((id) => session.sandbox.recordings.conversation(id)!.recordings.map((r) => r.id)).sort()
    expect(view.recordings.map((r) => r.recordingId).sort()).toEqual(want)
  })

  it('reads the conversation id column of a CSV', async () => {
    const ids = seeded.slice(5, 9)
    const csv = ['Date,Conversation ID,Queue', ...ids.map((id, i) => `2026-11-0${i + 1},${id},Support`)].join('\r\n')
    const parsed = await call(session.core, 'recordings.ids.parse', { text: csv })
    expect(parsed).toMatchObject({ conversationIds: ids, format: 'csv', column: 'Conversation ID', invalidCount: 0 })
  })

  it('keeps the error of a conversation whose recordings cannot be listed while the others list', async () => {
    const missing = uuidFrom('conversation:not-in-this-org')
    const view = await findToEnd(session.core, { kind: 'ids', conversationIds: [seeded[10], missing, seeded[11]] })
    expect(view).toMatchObject({ state: 'done', conversationsListed: 2, conversationsFailed: 1 })
    const failed = view.conversations.find((c) => c.conversationId === missing)
    expect(failed?.error).toMatchObject({ name: 'AppError', code: 'not_found', status: 404 })
    expect(failed?.error?.correlationId).toBeTruthy()
    expect(failed?.recordingCount).toBeUndefined()
    expect(view.conversations.filter((c) => c.recordingCount !== undefined).map((c) => c.conversationId)).toEqual([seeded[10], seeded[11]])

    const entries = await call(session.core, 'audit.tail', { limit: 50 })
    const metadata = entries.find((e) => e.action === 'recordings.metadata')
    expect(metadata).toMatchObject({
      outcome: 'error',
      target: `conversations/${missing}/recordingmetadata`,
      correlationId: failed?.error?.correlationId,
    })
    const search = entries.find((e) => e.action === 'recordings.search')
    expect(search).toMatchObject({ outcome: 'ok', detail: expect.objectContaining({ kind: 'ids', ids: 3, failed: 1, listed: 2 }) })
    // The search entry counts the ids; it never lists them.
    expect(JSON.stringify(search)).not.toContain(seeded[10])
    expect(JSON.stringify(search)).not.toContain(missing)
  })
})

describe('a client whose role lacks recording:recording:view', () => {
  it('gets a clear 403 naming the permission to add, and the find stops there', async () => {
    session.sandbox.setOptions({ deniedPermissions: ['recording:recording:view', 'recording:recordingSegment:view'] })
    const before = metadataRequests()
    const ids = seeded.slice(20, 40)
    const view = await findToEnd(session.core, { kind: 'ids', conversationIds: ids })
    expect(view.state).toBe('failed')
    expect(view.error).toMatchObject({ code: 'forbidden', status: 403 })
    expect(view.error?.message).toContain('recording:recording:view')
    expect(view.error?.hint).toContain('Add a role with recording:recording:view to this OAuth client')
    expect(metadataRequests() - before).toBeLessThan(ids.length)
    const search = (await call(session.core, 'audit.tail', { limit: 50 })).find((e) => e.action === 'recordings.search')
    expect(search).toMatchObject({ outcome: 'error', detail: expect.objectContaining({ code: 'forbidden' }) })
  })
})

describe('cancel', () => {
  it('aborts the requests in flight and sends no more', async () => {
    // Metadata requests never answer: only an abort ends them.
    session.sandbox.setFaults({ hangRate: 1, routes: 'recordingmetadata$' })
    const before = metadataRequests()
    const ids = seeded.slice(30, 60)
    const started = await call(session.core, 'recordings.find', { kind: 'ids', conversationIds: ids })
    // Nothing changes in the view while the requests hang: watch the sandbox's counter instead.
    while (metadataRequests() - before < 4) await sleep(20)
    const cancelled = await call(session.core, 'recordings.find.cancel', { id: started.id })
    expect(cancelled).toMatchObject({ state: 'cancelled', conversationsListed: 0, conversationsFailed: 0 })
    expect(cancelled.finishedAt).toBeDefined()
    const sent = metadataRequests() - before
    expect(sent).toBeLessThan(ids.length)
    session.sandbox.setFaults({})
    // Another find goes through, and the cancelled one sent nothing more meanwhile.
    await findToEnd(session.core, { kind: 'ids', conversationIds: [seeded[0]] })
    expect(metadataRequests() - before).toBe(sent + 1)
    expect((await call(session.core, 'recordings.find.get', { id: started.id })).state).toBe('cancelled')
  })
})

describe('closing Switchboard', () => {
  it('cancels a running find and records it as cancelled', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-find-close-'))
    try {
      const first = await startCoreSession({ rateLimitPerMinute: 100_000, faults: { hangRate: 1, routes: 'recordingmetadata$' } }, dataDir)
      const ids = first.sandbox.recordings.conversations().map((c) => c.id)
      await call(first.core, 'recordings.find', { kind: 'ids', conversationIds: ids.slice(0, 10) })
      while ((first.sandbox.stats().byRoute[METADATA_ROUTE] ?? 0) < 1) await sleep(20)
      await first.close()

      const second = await startCoreSession({}, dataDir)
      const entry = (await call(second.core, 'audit.tail', { limit: 50 })).find((e) => e.action === 'recordings.search')
      await second.close()
      expect(entry).toMatchObject({ outcome: 'cancelled', detail: expect.objectContaining({ kind: 'ids', ids: 10, listed: 0 }) })
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
