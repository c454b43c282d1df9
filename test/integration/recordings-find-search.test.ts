import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manualClock, syntheticConversation, type ManualClock } from '../../src/main/sandbox'
import { SEED_QUEUES, type SandboxConversation } from '../../src/main/sandbox/recordings/recordingStore'
import type { RecordingFindView } from '../../src/shared/contract/recordings'
import { startCoreSession, type CoreSession } from './helpers/coreSession'
import { call } from './helpers/privacySession'
import { conversationWith, findToEnd, waitForFind } from './helpers/recordingFindSession'
import { api, getToken } from './sandbox-helpers'

const DAY = 86_400_000
const QUERY_ROUTE = 'POST /api/v2/analytics/conversations/details/query'
const JOBS_ROUTE = 'POST /api/v2/analytics/conversations/details/jobs'

let session: CoreSession
let clock: ManualClock
let now: number

beforeAll(async () => {
  clock = manualClock()
  now = clock.now()
  session = await startCoreSession({ rateLimitPerMinute: 100_000, clock })
  // 130 more recorded calls over the last two days, so a search spans several pages of 100.
  for (let i = 0; i < 130; i++) session.sandbox.recordings.add(syntheticConversation(i, now - 2 * DAY + i * 60_000, 4_044, 'paging'))
  // A call that was never recorded: the recording filter must leave it out.
  session.sandbox.recordings.add(conversationWith('unrecorded', now - DAY, []))
})
afterAll(() => session.close())

/** What the search should find: recorded conversations that started in [from, to) and meet `also`. */
function expected(from: number, to: number, also: (c: SandboxConversation) => boolean = () => true): string[] {
  return session.sandbox.recordings
    .conversations()
    .filter((c) => c.start >= from && c.start < to && c.recordings.length > 0 && also(c))
    .map((c) => c.id)
    .sort()
}

const foundIds = (view: RecordingFindView) => view.conversations.map((c) => c.conversationId).sort()
const iso = (ms: number) => new Date(ms).toISOString()

describe('a search over a date range', () => {
  it('reads every page of the details query and lists each conversation’s recordings', async () => {
    const from = now - 3 * DAY
    const to = now + 3_600_000
    const before = session.sandbox.stats().byRoute[QUERY_ROUTE] ?? 0
    const view = await findToEnd(session.core, { kind: 'search', from: iso(from), to: iso(to) })
    const want = expected(from, to)
    expect(want.length).toBeGreaterThan(130)
    expect(view).toMatchObject({
      state: 'done',
      mode: 'query',
      totalHits: want.length,
      conversationsListed: want.length,
      conversationsFailed: 0,
    })
    expect(view.pagesRead).toBe(Math.ceil(want.length / 100))
    expect((session.sandbox.stats().byRoute[QUERY_ROUTE] ?? 0) - before).toBe(view.pagesRead)
    expect(foundIds(view)).toEqual(want)
    const recordingCount = want.reduce((sum, id) => sum + session.sandbox.recordings.conversation(id)!.recordings.length, 0)
    expect(view.recordings).toHaveLength(recordingCount)
    for (const found of view.conversations) {
      expect(found.recordingCount).toBe(session.sandbox.recordings.conversation(found.conversationId)!.recordings.length)
    }
  })

  it('leaves out conversations without recordings', async () => {
    const view = await findToEnd(session.core, { kind: 'search', from: iso(now - 2 * DAY), to: iso(now) })
    const unrecorded = conversationWith('unrecorded', now - DAY, []).id
    expect(session.sandbox.recordings.conversation(unrecorded)).toBeDefined()
    expect(foundIds(view)).not.toContain(unrecorded)
    expect(view.state).toBe('done')
  })

  it('filters by queue, naming the queue', async () => {
    const queue = SEED_QUEUES[1]
    const from = now - 7 * DAY
    const view = await findToEnd(session.core, { kind: 'search', from: iso(from), to: iso(now), queueIds: [queue.id] })
    const want = expected(from, now, (c) => c.queue.id === queue.id)
    expect(want.length).toBeGreaterThan(0)
    expect(foundIds(view)).toEqual(want)
    expect(view.conversations.every((c) => c.queueIds.includes(queue.id) && c.queueNames.includes(queue.name))).toBe(true)
  })

  it('filters by direction and by media type', async () => {
    const from = now - 7 * DAY
    const outbound = await findToEnd(session.core, { kind: 'search', from: iso(from), to: iso(now), direction: 'outbound' })
    const wantOutbound = expected(from, now, (c) => c.direction === 'outbound')
    expect(wantOutbound.length).toBeGreaterThan(0)
    expect(foundIds(outbound)).toEqual(wantOutbound)
    expect(outbound.conversations.every((c) => c.direction === 'outbound')).toBe(true)

    const chats = await findToEnd(session.core, { kind: 'search', from: iso(from), to: iso(now), mediaType: 'chat' })
    const wantChats = expected(from, now, (c) => c.mediaType === 'chat')
    expect(wantChats.length).toBeGreaterThan(0)
    expect(foundIds(chats)).toEqual(wantChats)
    expect(chats.recordings.every((r) => r.media === 'chat')).toBe(true)
  })

  it('lists the queues for the filter', async () => {
    const queues = await call(session.core, 'recordings.queues', {})
    expect(queues.map((q) => q.name)).toEqual([...SEED_QUEUES.map((q) => q.name)].sort())
  })
})

describe('a range longer than 7 days', () => {
  it('goes through an analytics details job, polled until fulfilled, every results page read', async () => {
    const from = now - 11 * DAY
    const to = now + 3_600_000
    const queriesBefore = session.sandbox.stats().byRoute[QUERY_ROUTE] ?? 0
    const started = await call(session.core, 'recordings.find', { kind: 'search', from: iso(from), to: iso(to) })
    await waitForFind(session.core, started.id, (view) => view.mode === 'job')
    // The job is fulfilled a few seconds after it was submitted, on the sandbox's clock.
    clock.advance(5_000)
    const view = await waitForFind(session.core, started.id, (v) => v.finishedAt !== undefined)
    const want = expected(from, to)
    expect(view).toMatchObject({ state: 'done', mode: 'job', conversationsFailed: 0 })
    expect(foundIds(view)).toEqual(want)
    expect(session.sandbox.stats().byRoute[JOBS_ROUTE]).toBe(1)
    expect(session.sandbox.stats().byRoute[QUERY_ROUTE] ?? 0).toBe(queriesBefore)
  })

  it('is refused by the synchronous query with a platform-style 400, as is paging past 10,000 results', async () => {
    const token = await getToken(session.sandbox)
    const long = await api(session.sandbox, '/api/v2/analytics/conversations/details/query', token, {
      method: 'POST',
      body: { interval: `${iso(now - 8 * DAY)}/${iso(now)}` },
    })
    expect(long.status).toBe(400)
    const body = (await long.json()) as { code: string; message: string }
    expect(body.code).toBe('bad.request')
    expect(body.message).toContain('longer than 7 days')

    const deep = await api(session.sandbox, '/api/v2/analytics/conversations/details/query', token, {
      method: 'POST',
      body: { interval: `${iso(now - DAY)}/${iso(now)}`, paging: { pageSize: 100, pageNumber: 101 } },
    })
    expect(deep.status).toBe(400)
    expect(((await deep.json()) as { message: string }).message).toContain('beyond 10000 results')
  })
})

describe('a range whose results the synchronous query cannot all serve', () => {
  it('switches to a details job when the first page reports more than 10,000 results', async () => {
    const dayStart = now - 30 * DAY
    for (let i = 0; i < 10_050; i++) session.sandbox.recordings.add(syntheticConversation(i, dayStart + i * 1_000, 4_044, 'busy-day'))
    const jobsBefore = session.sandbox.stats().byRoute[JOBS_ROUTE] ?? 0
    const started = await call(session.core, 'recordings.find', { kind: 'search', from: iso(dayStart), to: iso(dayStart + DAY) })
    const switched = await waitForFind(session.core, started.id, (view) => view.mode === 'job')
    expect(switched.conversationsFound).toBe(0)
    expect(session.sandbox.stats().byRoute[JOBS_ROUTE]).toBe(jobsBefore + 1)
    const cancelled = await call(session.core, 'recordings.find.cancel', { id: started.id })
    expect(cancelled.state).toBe('cancelled')
  })
})
