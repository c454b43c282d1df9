/**
 * The sandbox's batch download requests and download service, over HTTP as any client sees them:
 * progressive results on the sandbox clock, an error per recording that cannot be downloaded, a
 * conversation expanded to all its recordings, only the submitter may read a batch, the item cap, the
 * permission, and /api/v2/downloads/{id} with and without the redirect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { manualClock, startSandbox, syntheticConversation, type ManualClock, type Sandbox } from '../../src/main/sandbox'
import { api, basicAuth, getToken } from './sandbox-helpers'

let sandbox: Sandbox
let clock: ManualClock
let token: string

beforeAll(async () => {
  clock = manualClock(Date.parse('2026-03-02T10:00:00Z'))
  sandbox = await startSandbox({ port: 0, clock })
  token = await getToken(sandbox)
})
afterAll(async () => {
  await sandbox.close()
})

interface BatchAnswer {
  id: string
  expectedResultCount: number
  resultCount: number
  errorCount: number
  status: string
  results: {
    conversationId: string
    recordingId: string
    resultUrl?: string
    contentType?: string
    errorMsg?: string
    downloadId?: string
  }[]
}

async function submit(list: { conversationId: string; recordingId?: string }[], bearer = token): Promise<Response> {
  return api(sandbox, '/api/v2/recording/batchrequests', bearer, { method: 'POST', body: { batchDownloadRequestList: list } })
}

async function read(id: string, bearer = token): Promise<Response> {
  return api(sandbox, `/api/v2/recording/batchrequests/${id}`, bearer)
}

describe('batch download requests', () => {
  it('completes progressively on the sandbox clock, with an error for each recording that cannot be downloaded', async () => {
    const seeded = sandbox.recordings.conversations()
    const all = seeded.flatMap((c) => c.recordings)
    const available = all.filter((r) => r.fileState === 'AVAILABLE').slice(0, 3)
    const unavailable = ['ARCHIVED', 'DELETED', 'RESTORING', 'UPLOADING', 'ERROR'].map((state) => all.find((r) => r.fileState === state)!)
    const list = [
      ...available.map((r) => ({ conversationId: r.conversationId, recordingId: r.id })),
      ...unavailable.map((r) => ({ conversationId: r.conversationId, recordingId: r.id })),
      { conversationId: available[0].conversationId, recordingId: 'no-such-recording' },
    ]
    const created = await submit(list)
    expect(created.status).toBe(200)
    const { id, selfUri } = (await created.json()) as { id: string; selfUri: string }
    expect(selfUri).toBe(`/api/v2/recording/batchrequests/${id}`)

    const first = (await (await read(id)).json()) as BatchAnswer
    expect(first).toMatchObject({ id, expectedResultCount: list.length, resultCount: 0, status: 'InProgress', results: [] })

    clock.advance(250)
    const some = (await (await read(id)).json()) as BatchAnswer
    expect(some.resultCount).toBeGreaterThan(0)
    expect(some.resultCount).toBeLessThan(list.length)
    expect(some.status).toBe('InProgress')

    clock.advance(10_000)
    const done = (await (await read(id)).json()) as BatchAnswer
    expect(done.status).toBe('Completed')
    expect(done.resultCount).toBe(list.length)
    expect(done.errorCount).toBe(unavailable.length + 1)
    for (const result of done.results.slice(0, 3)) {
      expect(result.contentType).toBe('audio/wav')
      expect(result.errorMsg).toBeUndefined()
      const media = await fetch(result.resultUrl!)
      expect(media.status).toBe(200)
      const recording = sandbox.recordings.recording(result.conversationId, result.recordingId)!
      expect((await media.arrayBuffer()).byteLength).toBe(recording.sizeBytes)
    }
    const errors = done.results.slice(3).map((r) => r.errorMsg)
    expect(errors[0]).toMatch(/archived/i)
    expect(errors[1]).toMatch(/deleted/i)
    expect(errors[2]).toMatch(/restored|restoring/i)
    expect(errors[3]).toMatch(/uploading/i)
    expect(errors[4]).toMatch(/error/i)
    expect(errors[5]).toMatch(/not found/i)
    expect(done.results.slice(3).every((r) => r.resultUrl === undefined)).toBe(true)
  })

  it('expands a conversation without recordingId to all its recordings', async () => {
    const conversation = sandbox.recordings.conversations().find((c) => c.recordings.length === 2)!
    const { id } = (await (await submit([{ conversationId: conversation.id }])).json()) as { id: string }
    clock.advance(10_000)
    const done = (await (await read(id)).json()) as BatchAnswer
    expect(done.expectedResultCount).toBe(2)
    expect(done.results.map((r) => r.recordingId).sort()).toEqual(conversation.recordings.map((r) => r.id).sort())
  })

  it('completes at the pace the batchResultPace option sets (a benchmark’s fast pace), on the sandbox clock', async () => {
    const list = Array.from({ length: 10 }, (_, i) => syntheticConversation(i, clock.now(), 1000, 'pace'))
    for (const conversation of list) sandbox.recordings.add(conversation)
    const items = list.map((c) => ({ conversationId: c.id, recordingId: c.recordings[0].id }))
    try {
      sandbox.setOptions({ batchResultPace: { firstMs: 10, intervalMs: 1 } })
      const { id } = (await (await submit(items)).json()) as { id: string }
      expect(((await (await read(id)).json()) as BatchAnswer).resultCount).toBe(0)
      clock.advance(14)
      // The default pace would have none yet (the first after 200 ms): this pace has 1 + 4.
      expect(((await (await read(id)).json()) as BatchAnswer).resultCount).toBe(5)
      sandbox.setOptions({ batchResultPace: { firstMs: 0, intervalMs: 0 } })
      const { id: instant } = (await (await submit(items)).json()) as { id: string }
      expect((await (await read(instant)).json()) as BatchAnswer).toMatchObject({ resultCount: 10, status: 'Completed' })
    } finally {
      sandbox.setOptions({ batchResultPace: { firstMs: 200, intervalMs: 40 } })
    }
  })

  it('refuses an empty list and more than 100 items', async () => {
    expect((await submit([])).status).toBe(400)
    const many = Array.from({ length: 101 }, (_, i) => syntheticConversation(i, clock.now(), 1000, 'cap')).map((c) => ({
      conversationId: c.id,
    }))
    const refused = await submit(many)
    expect(refused.status).toBe(400)
    expect(((await refused.json()) as { code: string }).code).toBe('bad.request')
    expect((await submit(many.slice(0, 100))).status).toBe(200)
  })

  it('lets only the client that submitted a batch read it: another client gets 404', async () => {
    const recording = sandbox.recordings.conversations()[0].recordings[0]
    const { id } = (await (await submit([{ conversationId: recording.conversationId, recordingId: recording.id }])).json()) as {
      id: string
    }
    const original = { id: sandbox.clientId, secret: sandbox.clientSecret }
    try {
      sandbox.setOptions({ client: { id: 'second-client', secret: 'second-secret' } })
      const other = await fetch(`${sandbox.url}/oauth/token`, {
        method: 'POST',
        headers: { Authorization: basicAuth('second-client', 'second-secret'), 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials',
      })
      const otherToken = ((await other.json()) as { access_token: string }).access_token
      const refused = await read(id, otherToken)
      expect(refused.status).toBe(404)
      expect(((await refused.json()) as { code: string }).code).toBe('not.found')
      // The submitter's token still reads it.
      expect((await read(id, token)).status).toBe(200)
    } finally {
      sandbox.setOptions({ client: original })
    }
  })

  it('needs recording:recording:view', async () => {
    sandbox.setOptions({ deniedPermissions: ['recording:recording:view'] })
    try {
      const refused = await submit([{ conversationId: sandbox.recordings.conversations()[0].id }])
      expect(refused.status).toBe(403)
      expect(((await refused.json()) as { message: string }).message).toContain('recording:recording:view')
      expect((await read('anything')).status).toBe(403)
    } finally {
      sandbox.setOptions({ deniedPermissions: [] })
    }
  })
})

describe('the download service', () => {
  it('hands out a fresh link for a result download id, as JSON or as a 303 redirect', async () => {
    const recording = sandbox.recordings
      .conversations()
      .flatMap((c) => c.recordings)
      .find((r) => r.fileState === 'AVAILABLE')!
    const { id } = (await (await submit([{ conversationId: recording.conversationId, recordingId: recording.id }])).json()) as {
      id: string
    }
    clock.advance(10_000)
    const done = (await (await read(id)).json()) as BatchAnswer
    const downloadId = done.results[0].downloadId!
    const json = await api(sandbox, `/api/v2/downloads/${downloadId}?issueRedirect=false`, token)
    expect(json.status).toBe(200)
    const { url } = (await json.json()) as { url: string }
    expect(url).toContain(`/__media/recordings/${recording.conversationId}/${recording.id}?`)
    expect((await fetch(url)).status).toBe(200)

    const redirect = await fetch(`${sandbox.url}/api/v2/downloads/${downloadId}`, {
      headers: { Authorization: `Bearer ${token}` },
      redirect: 'manual',
    })
    expect(redirect.status).toBe(303)
    expect(redirect.headers.get('location')).toContain(`/__media/recordings/${recording.conversationId}/${recording.id}?`)

    expect((await api(sandbox, '/api/v2/downloads/unknown-download', token)).status).toBe(404)
  })
})
