import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { manualClock, startSandbox, type ManualClock, type Sandbox } from '../../src/main/sandbox'
import { SEED_QUEUES } from '../../src/main/sandbox/recordings/recordingStore'
import { api, getToken } from './sandbox-helpers'

const DAY = 86_400_000
const JOBS = '/api/v2/analytics/conversations/details/jobs'

let sandbox: Sandbox
let clock: ManualClock
let token: string

beforeAll(async () => {
  clock = manualClock()
  sandbox = await startSandbox({ rateLimitPerMinute: 100_000, clock })
  token = await getToken(sandbox)
})
afterAll(() => sandbox.close())
afterEach(() => sandbox.setOptions({ deniedPermissions: [] }))

const json = async <T>(response: Response): Promise<T> => (await response.json()) as T
const iso = (ms: number) => new Date(ms).toISOString()

describe('the sandbox’s routing queues', () => {
  it('pages them in the platform’s envelope and filters by name with wildcards', async () => {
    const page = await json<{ entities: { name: string }[]; pageSize: number; pageNumber: number; total: number; pageCount: number }>(
      await api(sandbox, '/api/v2/routing/queues?pageSize=3&pageNumber=2', token),
    )
    expect(page).toMatchObject({ pageSize: 3, pageNumber: 2, total: SEED_QUEUES.length, pageCount: 2 })
    expect(page.entities).toHaveLength(SEED_QUEUES.length - 3)
    const named = await json<{ entities: { name: string }[] }>(await api(sandbox, '/api/v2/routing/queues?name=Sup*', token))
    expect(named.entities.map((q) => q.name)).toEqual(['Support'])
    const exact = await json<{ entities: unknown[] }>(await api(sandbox, '/api/v2/routing/queues?name=Sup', token))
    expect(exact.entities).toEqual([])
  })

  it('refuses a client without routing:queue:view', async () => {
    sandbox.setOptions({ deniedPermissions: ['routing:queue:view'] })
    const refused = await api(sandbox, '/api/v2/routing/queues', token)
    expect(refused.status).toBe(403)
    expect((await json<{ message: string }>(refused)).message).toContain('routing:queue:view')
  })
})

describe('the sandbox’s details query', () => {
  it('answers the platform’s shape, pages of 25 by default, and no conversations field on an empty page', async () => {
    const interval = `${iso(clock.now() - 7 * DAY)}/${iso(clock.now())}`
    const body = {
      interval,
      segmentFilters: [{ type: 'and', predicates: [{ type: 'dimension', dimension: 'recording', operator: 'exists' }] }],
    }
    const first = await json<{ conversations: Record<string, unknown>[]; totalHits: number }>(
      await api(sandbox, '/api/v2/analytics/conversations/details/query', token, { method: 'POST', body }),
    )
    expect(first.conversations).toHaveLength(25)
    expect(first.totalHits).toBeGreaterThan(25)
    expect(first.conversations[0]).toMatchObject({
      conversationId: expect.any(String),
      conversationStart: expect.any(String),
      originatingDirection: expect.stringMatching(/^(inbound|outbound)$/),
      participants: expect.arrayContaining([
        expect.objectContaining({
          purpose: 'agent',
          sessions: [
            expect.objectContaining({
              recording: true,
              segments: expect.arrayContaining([expect.objectContaining({ queueId: expect.any(String) })]),
            }),
          ],
        }),
      ]),
    })
    const beyond = await json<Record<string, unknown>>(
      await api(sandbox, '/api/v2/analytics/conversations/details/query', token, {
        method: 'POST',
        body: { ...body, paging: { pageSize: 100, pageNumber: 50 } },
      }),
    )
    expect(beyond).toEqual({ totalHits: first.totalHits })
    const tooBig = await api(sandbox, '/api/v2/analytics/conversations/details/query', token, {
      method: 'POST',
      body: { ...body, paging: { pageSize: 101 } },
    })
    expect(tooBig.status).toBe(400)
  })

  it('refuses a dimension it does not know rather than ignoring it', async () => {
    const response = await api(sandbox, '/api/v2/analytics/conversations/details/query', token, {
      method: 'POST',
      body: {
        interval: `${iso(clock.now() - DAY)}/${iso(clock.now())}`,
        segmentFilters: [{ type: 'and', predicates: [{ dimension: 'wrapUpCode', value: 'x' }] }],
      },
    })
    expect(response.status).toBe(400)
    expect((await json<{ message: string }>(response)).message).toContain("'wrapUpCode'")
  })
})

describe('the sandbox’s details jobs', () => {
  it('move QUEUED, PENDING, FULFILLED on the sandbox clock and serve results by cursor', async () => {
    const created = await api(sandbox, JOBS, token, {
      method: 'POST',
      body: { interval: `${iso(clock.now() - 11 * DAY)}/${iso(clock.now())}` },
    })
    expect(created.status).toBe(202)
    const { jobId } = await json<{ jobId: string }>(created)
    const state = async () => (await json<{ state: string }>(await api(sandbox, `${JOBS}/${jobId}`, token))).state
    expect(await state()).toBe('QUEUED')
    expect((await api(sandbox, `${JOBS}/${jobId}/results`, token)).status).toBe(400)
    clock.advance(1_500)
    expect(await state()).toBe('PENDING')
    clock.advance(2_000)
    expect(await state()).toBe('FULFILLED')

    const ids: string[] = []
    let cursor: string | undefined
    let pages = 0
    do {
      const page = await json<{ conversations: { conversationId: string }[]; cursor?: string }>(
        await api(sandbox, `${JOBS}/${jobId}/results?pageSize=25${cursor ? `&cursor=${cursor}` : ''}`, token),
      )
      ids.push(...page.conversations.map((c) => c.conversationId))
      cursor = page.cursor
      pages++
    } while (cursor)
    expect(pages).toBeGreaterThan(1)
    expect(new Set(ids).size).toBe(sandbox.recordings.conversations().length)

    expect((await api(sandbox, `${JOBS}/${jobId}`, token, { method: 'DELETE' })).status).toBe(204)
    expect((await api(sandbox, `${JOBS}/${jobId}`, token)).status).toBe(404)
  })

  it('is CANCELLED when deleted before it is fulfilled', async () => {
    const { jobId } = await json<{ jobId: string }>(
      await api(sandbox, JOBS, token, { method: 'POST', body: { interval: `${iso(clock.now() - DAY)}/${iso(clock.now())}` } }),
    )
    await api(sandbox, `${JOBS}/${jobId}`, token, { method: 'DELETE' })
    clock.advance(10_000)
    expect((await json<{ state: string }>(await api(sandbox, `${JOBS}/${jobId}`, token))).state).toBe('CANCELLED')
  })
})

describe('the sandbox’s recordingmetadata', () => {
  it('lists recordings without media, and answers 404 for a conversation it does not have', async () => {
    const conversation = sandbox.recordings.conversations()[0]
    const listed = await json<Record<string, unknown>[]>(
      await api(sandbox, `/api/v2/conversations/${conversation.id}/recordingmetadata`, token),
    )
    expect(listed).toHaveLength(conversation.recordings.length)
    expect(listed[0]).toMatchObject({
      id: conversation.recordings[0].id,
      conversationId: conversation.id,
      fileState: conversation.recordings[0].fileState,
    })
    expect(listed[0]).not.toHaveProperty('mediaUris')
    const missing = await api(sandbox, '/api/v2/conversations/00000000-0000-4000-8000-000000000000/recordingmetadata', token)
    expect(missing.status).toBe(404)
  })

  it('needs any of recording:recording:view and recording:recordingSegment:view', async () => {
    const path = `/api/v2/conversations/${sandbox.recordings.conversations()[0].id}/recordingmetadata`
    sandbox.setOptions({ deniedPermissions: ['recording:recording:view'] })
    expect((await api(sandbox, path, token)).status).toBe(200)
    sandbox.setOptions({ deniedPermissions: ['recording:recording:view', 'recording:recordingSegment:view'] })
    expect((await api(sandbox, path, token)).status).toBe(403)
  })
})
