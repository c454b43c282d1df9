/**
 * Audit forwarding to a Splunk HTTP Event Collector: a local HTTP receiver checks the token header and
 * the event format; a 2xx moves the durable cursor exactly, so after a restart forwarding goes on at
 * the next seq; a busy receiver (503) is retried from the cursor without loss; entries archived while
 * forwarding was paused are read back from the archive; the token is write-only.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Core } from '../../src/main/core'
import { startSandbox } from '../../src/main/sandbox'
import { openTestCore, restartableSession, type RestartableSession } from './helpers/coreSession'

const TOKEN = 'hec-token-0f3a9b2c'

interface HecEvent {
  time: number
  host: string
  source: string
  sourcetype: string
  event: Record<string, unknown> & { seq?: number; hash?: string; prev?: string; test?: boolean }
}

/** Events received, per request, in order; answers 503 while `busy` > 0 and 403 to a wrong token. */
const requests: { authorization: string | undefined; path: string; contentType: string | undefined; events: HecEvent[] }[] = []
let busy = 0
let server: Server
let hecUrl = ''
let session: RestartableSession
/** What the screen sends besides the fields a test sets. */
const BLANK = { host: '', port: 6514, caCert: '', clientCert: '', hecUrl: '' }

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const authorization = req.headers.authorization
      if (authorization !== `Splunk ${TOKEN}`) {
        res.writeHead(403, { 'Content-Type': 'application/json' }).end('{"text":"Invalid token","code":4}')
        return
      }
      if (busy > 0) {
        busy--
        res.writeHead(503, { 'Content-Type': 'application/json' }).end('{"text":"Server is busy","code":9}')
        return
      }
      // HEC's body: JSON objects one after another (we send one per line).
      const events = body.split('\n').map((line) => JSON.parse(line) as HecEvent)
      requests.push({ authorization, path: req.url ?? '', contentType: req.headers['content-type'], events })
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"text":"Success","code":0}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  hecUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  const sandbox = await startSandbox({ port: 0 })
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-forward-hec-'))
  session = await restartableSession(sandbox, dataDir, () => openTestCore(dataDir, sandbox))
}, 20_000)

afterAll(async () => {
  await session?.close()
  await new Promise((resolve) => server?.close(resolve))
})

let counter = 0
async function makeEntries(core: Core, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await core.handlers['uploads.settings.set']({ maxFileBytes: 2_000_000 + ++counter })
}

async function headSeq(core: Core): Promise<number> {
  return (await core.handlers['audit.tail']({ limit: 1 }))[0].seq
}

const auditEvents = () => requests.flatMap((r) => r.events).filter((e) => e.event.test !== true)
const receivedSeqs = () => auditEvents().map((e) => e.event.seq as number)

/** Waits until forwarding is live with nothing left to send, and answers its status. */
async function settled(core: Core) {
  await vi.waitFor(
    async () => {
      const status = await core.handlers['auditForwarding.status']({})
      expect(status).toMatchObject({ state: 'live', backlog: 0 })
    },
    { timeout: 15_000, interval: 100 },
  )
  return core.handlers['auditForwarding.status']({})
}

/** Pauses forwarding, writes entries into two segments and archives every closed segment (the cursor's included). */
async function archiveWhilePaused(core: Core): Promise<{ cursor: number; archived: ArchivedRecord[] }> {
  const { cursorSeq: cursor } = await settled(core)
  await core.handlers['auditForwarding.pause']({})
  await makeEntries(core, 5)
  await core.handlers['audit.rotate']({})
  await makeEntries(core, 5)
  await core.handlers['audit.rotate']({})
  await core.handlers['audit.archive']({ keepClosedSegments: 0 })
  const index = await readFile(join(session.dataDir, 'audit', 'archive', 'archive.jsonl'), 'utf8')
  const archived = index
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ArchivedRecord)
  expect(archived.at(-1)!.lastSeq).toBeGreaterThan(cursor + 10)
  return { cursor, archived }
}

interface ArchivedRecord {
  file: string
  firstSeq: number
  lastSeq: number
}

async function expectAllArrived(from: number, core: Core): Promise<void> {
  await vi.waitFor(
    async () => {
      const head = await headSeq(core)
      const seqs = new Set(receivedSeqs())
      const missing = []
      for (let seq = from; seq <= head; seq++) if (!seqs.has(seq)) missing.push(seq)
      expect(missing).toEqual([])
    },
    { timeout: 10_000, interval: 100 },
  )
}

describe('audit forwarding to Splunk HEC', () => {
  let firstSeq = 0

  it('keeps the token write-only and shows what the receiver answered to a test event', async () => {
    const core = session.core
    await expect(
      core.handlers['auditForwarding.config.set']({ ...BLANK, kind: 'hec', hecUrl: 'http://splunk.example.com:8088', hecToken: TOKEN }),
    ).rejects.toThrow(/https/)
    await expect(core.handlers['auditForwarding.config.set']({ ...BLANK, kind: 'hec', hecUrl })).rejects.toThrow(/token/)

    await core.handlers['auditForwarding.config.set']({ ...BLANK, kind: 'hec', hecUrl, hecToken: 'wrong-token' })
    const refused = await core.handlers['auditForwarding.sendTest']({})
    expect(refused).toMatchObject({ ok: false, status: 403 })
    expect(refused.answer).toMatch(/Invalid token/)
    expect(refused.error?.hint).toMatch(/token/)

    firstSeq = (await headSeq(core)) + 1
    const view = await core.handlers['auditForwarding.config.set']({ ...BLANK, kind: 'hec', hecUrl, hecToken: TOKEN })
    expect(view).toMatchObject({ kind: 'hec', hecUrl, hasHecToken: true })
    expect(JSON.stringify(view)).not.toContain(TOKEN)
    // Sealed by the box that seals client secrets (the plain box in tests), never stored as typed.
    const settingsText = await readFile(join(session.dataDir, 'config.json'), 'utf8')
    expect(JSON.parse(settingsText).workflowSecrets.auditForwarding.hecToken).toMatch(/^plain:/)
    expect(settingsText).not.toContain(TOKEN)

    const test = await core.handlers['auditForwarding.sendTest']({})
    expect(test).toMatchObject({ ok: true, status: 200 })
    expect(test.answer).toContain('Success')
  })

  it('sends every entry in HEC event format with the token, and the cursor moves only on a 2xx', async () => {
    const core = session.core
    await makeEntries(core, 4)
    await expectAllArrived(firstSeq, core)
    for (const request of requests) {
      expect(request.path).toBe('/services/collector/event')
      expect(request.authorization).toBe(`Splunk ${TOKEN}`)
      expect(request.contentType).toBe('application/json')
    }
    const first = auditEvents().find((e) => e.event.seq === firstSeq)!
    expect(first).toMatchObject({ source: 'switchboard', sourcetype: 'switchboard:audit' })
    expect(auditEvents().map((e) => e.event.action)).toContain('auditForwarding.config')
    expect(typeof first.time).toBe('number')
    expect(first.host).not.toBe('')
    const second = auditEvents().find((e) => e.event.seq === firstSeq + 1)!
    const { hash, ...line } = first.event
    expect(createHash('sha256').update(JSON.stringify(line)).digest('hex')).toBe(hash)
    expect(second.event.prev).toBe(hash)

    busy = 2
    await makeEntries(core, 3)
    await vi.waitFor(async () => expect(busy).toBe(0), { timeout: 10_000 })
    await expectAllArrived(firstSeq, core)
    // Live once the entries forwarding writes about itself (recovered, caughtUp) went too: a few pumps.
    await vi.waitFor(async () => expect((await core.handlers['auditForwarding.status']({})).state).toBe('live'), {
      timeout: 10_000,
      interval: 100,
    })
    const status = await core.handlers['auditForwarding.status']({})
    expect(status.lastError?.message).toMatch(/503/)
    // A 2xx is an exact acknowledgement: nothing arrived twice.
    expect(receivedSeqs().length).toBe(new Set(receivedSeqs()).size)
  })

  it('goes on from the durable cursor after a restart of the app: the next seq, nothing lost, nothing twice', async () => {
    // Forwarding's own entries (caughtUp) join the backlog and go out a pump later: not at once under load.
    await vi.waitFor(
      async () => {
        const status = await session.core.handlers['auditForwarding.status']({})
        expect(status.backlog).toBe(0)
      },
      { timeout: 10_000, interval: 100 },
    )
    const core = await session.restart()
    const cursor = JSON.parse(await readFile(join(session.dataDir, 'auditForwarding.cursor.json'), 'utf8')) as { seq: number }
    expect(cursor.seq).toBe(Math.max(...receivedSeqs()))
    await makeEntries(core, 3)
    await expectAllArrived(firstSeq, core)
    expect(receivedSeqs().length).toBe(new Set(receivedSeqs()).size)
    expect((await core.handlers['auditForwarding.config.get']({})).hasHecToken).toBe(true)
  })
  it('sends entries archived while forwarding was paused from the archive: every seq once, in order', async () => {
    const core = session.core
    const { cursor } = await archiveWhilePaused(core)
    const before = receivedSeqs().length
    await core.handlers['auditForwarding.resume']({})
    await makeEntries(core, 2)
    const status = await settled(core)
    expect(status.skipped).toBeUndefined()
    const head = await headSeq(core)
    expect(receivedSeqs().slice(before)).toEqual(Array.from({ length: head - cursor }, (_, i) => cursor + 1 + i))
    expect(auditEvents().some((e) => e.event.action === 'auditForwarding.skipped')).toBe(false)
  })

  it('reports only the entries of an archive file the admin deleted as skipped, and sends the rest in order', async () => {
    const core = session.core
    const { cursor, archived } = await archiveWhilePaused(core)
    const gone = archived.at(-1)!
    expect(gone.firstSeq).toBeGreaterThan(cursor)
    await rm(join(session.dataDir, 'audit', 'archive', gone.file))
    const before = receivedSeqs().length
    await core.handlers['auditForwarding.resume']({})
    const status = await settled(core)
    expect(status.skipped).toMatchObject({ fromSeq: gone.firstSeq, toSeq: gone.lastSeq })
    expect(status.skipped?.reason).toContain(`archive/${gone.file}`)
    expect(status.skipped?.hint).toMatch(/backup/)
    const head = await headSeq(core)
    const expected = Array.from({ length: head - cursor }, (_, i) => cursor + 1 + i).filter((s) => s < gone.firstSeq || s > gone.lastSeq)
    expect(receivedSeqs().slice(before)).toEqual(expected)
    const note = auditEvents().find((e) => e.event.action === 'auditForwarding.skipped')!
    expect(note.event.detail).toMatchObject({ fromSeq: gone.firstSeq, toSeq: gone.lastSeq })
    expect(receivedSeqs().length).toBe(new Set(receivedSeqs()).size)
  })
})
