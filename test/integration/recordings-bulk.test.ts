import { afterEach, describe, expect, it, vi } from 'vitest'
import { syntheticConversation, type Sandbox } from '../../src/main/sandbox'
import { ESTIMATE_MS, MIN_PROCESS_MS, PROCESS_MS_PER_RECORDING } from '../../src/main/sandbox/recordings/recordingJobs'
import type { BulkJobView } from '../../src/shared/contract/recordings'
import { AppError } from '../../src/shared/errors'
import { inState, startBulkSession, waitForBulkJob, type BulkSession } from './helpers/bulkSession'
import { call } from './helpers/privacySession'
import { rejectionOf } from './helpers/rejectionOf'

const DAY = 86_400_000
const sessions: BulkSession[] = []
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()))
})

async function session(...args: Parameters<typeof startBulkSession>): Promise<BulkSession> {
  const s = await startBulkSession(...args)
  sessions.push(s)
  return s
}

/** The range [now - fromDays, now - toDays) on the sandbox's clock, as the form sends it. */
function range(s: BulkSession, fromDays: number, toDays: number) {
  const now = s.clock.now()
  return { from: new Date(now - fromDays * DAY).toISOString(), to: new Date(now - toDays * DAY).toISOString() }
}

/** What the sandbox holds in a range: conversations and their recordings. */
function inRange(sandbox: Sandbox, from: string, to: string) {
  const conversations = sandbox.recordings.conversations().filter((c) => c.start >= Date.parse(from) && c.start < Date.parse(to))
  return { conversations, recordings: conversations.flatMap((c) => c.recordings) }
}

const expectRefusal = (work: Promise<unknown>): Promise<AppError> => rejectionOf(work, AppError)

/** Moves the sandbox past its estimate and waits for the core to see READY. */
async function ready(s: BulkSession, id: string): Promise<BulkJobView> {
  s.clock.advance(ESTIMATE_MS)
  return waitForBulkJob(s.core, id, inState('READY'))
}

function processingMs(recordings: number): number {
  return Math.max(MIN_PROCESS_MS, recordings * PROCESS_MS_PER_RECORDING)
}

describe('a recording bulk job run by Genesys', () => {
  it('is created, estimated, executed, followed to FULFILLED, and its failed recordings listed page by page', async () => {
    const s = await session()
    const { from, to } = range(s, 11, 0)
    // 130 recordings that cannot be exported (deleted), so the failed list takes two pages of 100.
    for (let i = 0; i < 130; i++) {
      const conversation = syntheticConversation(i, Date.parse(from) + DAY + i * 60_000, 1_000, 'bulk-deleted')
      conversation.recordings[0].fileState = 'DELETED'
      s.sandbox.recordings.add(conversation)
    }
    const expected = inRange(s.sandbox, from, to)
    const failing = expected.recordings.filter((r) => r.fileState === 'DELETED' || r.fileState === 'ERROR')
    expect(failing.length).toBeGreaterThan(100)

    const integrations = await call(s.core, 'recordings.bulk.integrations', {})
    expect(integrations).toHaveLength(1)
    const created = await call(s.core, 'recordings.bulk.create', { action: 'EXPORT', from, to, integrationId: integrations[0].id })
    expect(created).toMatchObject({ action: 'EXPORT', state: 'PENDING', mine: true, following: true })
    expect(created.totalRecordings).toBeUndefined()

    const estimated = await ready(s, created.id)
    expect(estimated).toMatchObject({
      totalConversations: expected.conversations.length,
      totalRecordings: expected.recordings.length,
      following: false,
    })
    expect(estimated.confirmationText).toBeUndefined()

    const executed = await call(s.core, 'recordings.bulk.execute', { id: created.id })
    expect(executed).toMatchObject({ state: 'PROCESSING', following: true })
    s.clock.advance(processingMs(expected.recordings.length) / 2)
    const halfway = await waitForBulkJob(s.core, created.id, (v) => (v.percentProgress ?? 0) >= 50)
    expect(halfway.state).toBe('PROCESSING')
    expect(halfway.percentProgress).toBeLessThan(100)
    s.clock.advance(processingMs(expected.recordings.length))
    const done = await waitForBulkJob(s.core, created.id, inState('FULFILLED'))
    expect(done).toMatchObject({
      percentProgress: 100,
      totalFailedRecordings: failing.length,
      totalProcessedRecordings: expected.recordings.length - failing.length,
      following: false,
    })

    const first = await call(s.core, 'recordings.bulk.failed', { id: created.id })
    expect(first.entities).toHaveLength(100)
    expect(first.nextCursor).toBeTruthy()
    const second = await call(s.core, 'recordings.bulk.failed', { id: created.id, cursor: first.nextCursor })
    expect(second.nextCursor).toBeUndefined()
    const listed = [...first.entities, ...second.entities].map((e) => e.recordingId).sort()
    expect(listed).toEqual(failing.map((r) => r.id).sort())
    // An export changes nothing in the org's recordings.
    expect(inRange(s.sandbox, from, to).recordings.filter((r) => r.fileState === 'ARCHIVED').length).toBe(
      expected.recordings.filter((r) => r.fileState === 'ARCHIVED').length,
    )

    const audit = await call(s.core, 'audit.tail', { limit: 500 })
    for (const action of ['recordings.bulk.create', 'recordings.bulk.execute']) {
      const entry = audit.find((e) => e.action === action && e.target === `recording/jobs/${created.id}`)
      expect(entry?.outcome).toBe('ok')
      expect(entry?.correlationId).toBeTruthy()
      expect(entry?.detail?.action).toBe('EXPORT')
    }
    expect(audit.find((e) => e.action === 'recordings.bulk.execute')?.detail?.totalRecordings).toBe(expected.recordings.length)
    expect(audit.some((e) => e.action === 'recordings.bulk.status' && e.detail?.to === 'FULFILLED')).toBe(true)
  })

  it('ARCHIVE changes the recordings to ARCHIVED in the org once it is FULFILLED', async () => {
    const s = await session()
    const { from, to } = range(s, 6, 4)
    const before = inRange(s.sandbox, from, to).recordings.filter((r) => r.fileState === 'AVAILABLE')
    expect(before.length).toBeGreaterThan(0)
    const created = await call(s.core, 'recordings.bulk.create', { action: 'ARCHIVE', from, to })
    const estimated = await ready(s, created.id)
    await call(s.core, 'recordings.bulk.execute', { id: created.id })
    s.clock.advance(processingMs(estimated.totalRecordings ?? 0))
    await waitForBulkJob(s.core, created.id, inState('FULFILLED'))
    expect(before.map((r) => r.fileState)).toEqual(before.map(() => 'ARCHIVED'))
  })

  it('is cancelled while READY and while PROCESSING, and is then no longer followed', async () => {
    const s = await session()
    const { from, to } = range(s, 5, 3)
    const first = await call(s.core, 'recordings.bulk.create', { action: 'ARCHIVE', from, to })
    await ready(s, first.id)
    const cancelled = await call(s.core, 'recordings.bulk.cancel', { id: first.id })
    expect(cancelled).toMatchObject({ state: 'CANCELLED', following: false })

    const second = await call(s.core, 'recordings.bulk.create', { action: 'ARCHIVE', from, to })
    await ready(s, second.id)
    await call(s.core, 'recordings.bulk.execute', { id: second.id })
    expect((await call(s.core, 'recordings.bulk.cancel', { id: second.id })).state).toBe('CANCELLED')
    // The archive never finished: the org's recordings are as they were.
    s.clock.advance(DAY)
    expect(s.sandbox.recordings.conversations().some((c) => c.recordings.some((r) => r.fileState === 'AVAILABLE'))).toBe(true)
    const list = await call(s.core, 'recordings.bulk.list', {})
    expect(list.find((v) => v.id === second.id)).toMatchObject({ state: 'CANCELLED', mine: true })
    const audit = await call(s.core, 'audit.tail', { limit: 500 })
    expect(audit.filter((e) => e.action === 'recordings.bulk.cancel' && e.outcome === 'ok')).toHaveLength(2)
  })
})

describe('DELETE jobs', () => {
  it('are refused without the exact typed confirmation, and run with it', async () => {
    const s = await session()
    const { from, to } = range(s, 3, 2)
    const targets = inRange(s.sandbox, from, to).recordings
    const created = await call(s.core, 'recordings.bulk.create', { action: 'DELETE', from, to })
    const estimated = await ready(s, created.id)
    const text = `DELETE ${targets.length} recordings`
    expect(estimated.confirmationText).toBe(text)

    for (const confirmation of [
      undefined,
      '',
      'DELETE',
      `delete ${targets.length} recordings`,
      `DELETE ${targets.length + 1} recordings`,
    ]) {
      const refused = await expectRefusal(call(s.core, 'recordings.bulk.execute', { id: created.id, confirmation }))
      expect(refused.code).toBe('invalid_input')
      expect(refused.message).toContain(text)
    }
    const stillReady = (await call(s.core, 'recordings.bulk.list', {})).find((v) => v.id === created.id)
    expect(stillReady?.state).toBe('READY')
    const audit = await call(s.core, 'audit.tail', { limit: 500 })
    expect(audit.filter((e) => e.action === 'recordings.bulk.execute' && e.outcome === 'error')).toHaveLength(5)

    await call(s.core, 'recordings.bulk.execute', { id: created.id, confirmation: `  ${text} ` })
    s.clock.advance(processingMs(targets.length))
    await waitForBulkJob(s.core, created.id, inState('FULFILLED'))
    expect(targets.every((r) => r.fileState === 'DELETED')).toBe(true)
  })
})

describe('the limits the platform sets', () => {
  it('refuses a third concurrent execute clearly', async () => {
    const s = await session()
    const jobs: BulkJobView[] = []
    for (const [fromDays, toDays] of [
      [9, 8],
      [8, 7],
      [7, 6],
    ]) {
      jobs.push(await call(s.core, 'recordings.bulk.create', { action: 'ARCHIVE', ...range(s, fromDays, toDays) }))
    }
    s.clock.advance(ESTIMATE_MS)
    for (const job of jobs) await waitForBulkJob(s.core, job.id, inState('READY'))
    await call(s.core, 'recordings.bulk.execute', { id: jobs[0].id })
    await call(s.core, 'recordings.bulk.execute', { id: jobs[1].id })
    const refused = await expectRefusal(call(s.core, 'recordings.bulk.execute', { id: jobs[2].id }))
    expect(refused.code).toBe('conflict')
    expect(refused.message).toMatch(/at most 2 bulk jobs/)
    expect(refused.hint).toMatch(/Wait for one of them to finish/)
    expect(refused.correlationId).toBeTruthy()
    expect((await call(s.core, 'recordings.bulk.list', {})).find((v) => v.id === jobs[2].id)?.state).toBe('READY')
  })

  it('gives a clear 403 to a client that lacks recording:job:add', async () => {
    const s = await session({ deniedPermissions: ['recording:job:add'] })
    const refused = await expectRefusal(call(s.core, 'recordings.bulk.create', { action: 'ARCHIVE', ...range(s, 3, 2) }))
    expect(refused.code).toBe('forbidden')
    expect(refused.status).toBe(403)
    expect(`${refused.message} ${refused.hint}`).toContain('recording:job:add')
    const audit = await call(s.core, 'audit.tail', { limit: 200 })
    expect(audit.find((e) => e.action === 'recordings.bulk.create')).toMatchObject({ outcome: 'error', detail: { status: 403 } })
  })

  it('says a job made elsewhere can only be executed by its creator', async () => {
    const s = await session()
    const seeded = (await call(s.core, 'recordings.bulk.list', {})).find((v) => !v.mine && v.state === 'READY')
    expect(seeded).toBeDefined()
    const refused = await expectRefusal(call(s.core, 'recordings.bulk.execute', { id: seeded?.id as string }))
    expect(refused.status).toBe(403)
    expect(refused.hint).toMatch(/Only the user or OAuth client that created/)
  })

  it('refuses an EXPORT without an integration before sending it', async () => {
    const s = await session()
    const refused = await expectRefusal(call(s.core, 'recordings.bulk.create', { action: 'EXPORT', ...range(s, 3, 2) }))
    expect(refused.code).toBe('invalid_input')
    expect(s.sandbox.stats().status['400'] ?? 0).toBe(0)
  })
})

describe('following', () => {
  it('survives a restart of the app and reaches FULFILLED', async () => {
    const s = await session()
    const { from, to } = range(s, 4, 3)
    const created = await call(s.core, 'recordings.bulk.create', {
      action: 'EXPORT',
      from,
      to,
      integrationId: (await call(s.core, 'recordings.bulk.integrations', {}))[0].id,
    })
    const estimated = await ready(s, created.id)
    await call(s.core, 'recordings.bulk.execute', { id: created.id })

    const restartedAt = Date.now()
    const core = await s.restart(async () => {
      s.clock.advance(processingMs(estimated.totalRecordings ?? 0))
    })
    // Nothing asks for the list until the follow job, resumed from the journal, has found the end on its
    // own (it may do so before this test could listen for its signal, so its job is what is waited for).
    await vi.waitFor(
      async () => {
        const followed = (await call(core, 'jobs.list', {})).filter(
          (j) => j.kind === 'recordings.bulk.follow' && j.title.includes(created.id.slice(0, 8)) && Date.parse(j.updatedAt) >= restartedAt,
        )
        expect(followed.map((j) => j.state)).toContain('done')
      },
      { timeout: 10_000, interval: 50 },
    )
    const done = (await call(core, 'recordings.bulk.list', {})).find((v) => v.id === created.id)
    expect(done).toMatchObject({ state: 'FULFILLED', mine: true, percentProgress: 100, following: false })
  })

  it('shows a state this version does not know as it comes, keeps following, and goes on when it changes', async () => {
    const s = await session()
    const created = await call(s.core, 'recordings.bulk.create', { action: 'ARCHIVE', ...range(s, 3, 2) })
    const setState = (state?: string) =>
      fetch(`${s.sandbox.url}/__sandbox/recording/jobs/${created.id}/reported-as`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(state ? { state } : {}),
      })
    expect((await setState('QUEUED_FOR_REVIEW')).status).toBe(200)
    const odd = await waitForBulkJob(s.core, created.id, inState('QUEUED_FOR_REVIEW'))
    expect(odd).toMatchObject({ following: true, mine: true })
    await setState()
    await ready(s, created.id)
  })
})
