/**
 * The platform's enums are open: a batch status this version does not know is polled like InProgress,
 * and a content type it does not know is kept (shown as it came) and saved with a .bin extension. A real
 * core against a real HTTP server that answers the way a newer platform might.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Core } from '../../src/main/core'
import { openTestCore } from './helpers/coreSession'
import { call, isOver, waitForDownload } from './helpers/downloadSession'
import { sendToken, startHostileServer, type HostileServer } from './helpers/hostileServer'

const CONVERSATION = '0b6f5a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b'
const RECORDING = 'rec-future-1'
const MEDIA = Buffer.from('future media bytes '.repeat(200))

let server: HostileServer
let core: Core
let dataDir: string
let folder: string

beforeAll(async () => {
  server = await startHostileServer()
  let polls = 0
  server.route('POST', '/oauth/token', (_req, res) => sendToken(res))
  server.route('GET', '/api/v2/organizations/me', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"o","name":"Future Org"}'),
  )
  server.route('POST', '/api/v2/recording/batchrequests', (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"batch-1","selfUri":"/api/v2/recording/batchrequests/batch-1"}'),
  )
  server.route('GET', '/api/v2/recording/batchrequests/batch-1', (_req, res) => {
    polls++
    const body =
      polls === 1
        ? { id: 'batch-1', expectedResultCount: 1, resultCount: 0, status: 'Queued', results: [] }
        : {
            id: 'batch-1',
            expectedResultCount: 1,
            resultCount: 1,
            status: 'PartiallyDelivered',
            results: [
              {
                conversationId: CONVERSATION,
                recordingId: RECORDING,
                resultUrl: `${server.url}/media/1?sig=abc`,
                contentType: 'audio/x-future-codec',
              },
            ],
          }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  })
  server.route('GET', '/media/1', (_req, res) =>
    res.writeHead(200, { 'content-type': 'audio/x-future-codec', 'content-length': String(MEDIA.length) }).end(MEDIA),
  )
  dataDir = await mkdtemp(join(tmpdir(), 'switchboard-downloads-open-'))
  folder = await mkdtemp(join(tmpdir(), 'switchboard-downloads-open-files-'))
  core = await openTestCore(dataDir, { url: server.url, clientId: 'c', clientSecret: 's' })
})
afterAll(async () => {
  await core.close()
  await server.close()
  await rm(dataDir, { recursive: true, force: true })
  await rm(folder, { recursive: true, force: true })
})

it('polls an unknown batch status like InProgress and keeps an unknown content type', { timeout: 30_000 }, async () => {
  const started = await call(core, 'recordings.downloads.start', {
    items: [{ conversationId: CONVERSATION, recordingId: RECORDING }],
    folder,
  })
  const done = await waitForDownload(core, started.id, (v) => v.counts.saved === 1 || isOver(v))
  const item = done.items[0]
  expect(item.state).toBe('saved')
  expect(item.contentType).toBe('audio/x-future-codec')
  expect(item.fileName).toBe(`${CONVERSATION}_${RECORDING}.bin`)
  expect(
    createHash('sha256')
      .update(await readFile(item.path!))
      .digest('hex'),
  ).toBe(item.sha256)
  expect(server.seen.filter((s) => s === 'GET /api/v2/recording/batchrequests/batch-1').length).toBeGreaterThanOrEqual(2)
})
