/**
 * The remote archive (issue 13): each archive run's copy goes by POST to a real receiving server on
 * 127.0.0.1 with an Idempotency-Key derived from the content, through the kit's outbound HTTP module.
 * 409 counts as already archived; 429 (Retry-After) and 503 back off with the same key, also across a
 * restart; the token goes only to the origin it was entered for; bad addresses are refused.
 */
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ArchiveView, RemoteDeliveryView } from '../../src/shared/contract/flows'
import type { ArchiveSide, CompletedArchive, KnownArchive } from '../../src/main/core/flows/remote'
import { AppError } from '../../src/shared/errors'
import { DeliveryStore } from '../../src/main/core/flows/remote/deliveryStore'
import { REMOTE_SETTINGS_KEY } from '../../src/main/core/flows/remote/remoteConfig'
import { startRemoteArchiveServer, type RemoteArchiveServer } from './helpers/remoteArchiveServer'
import {
  startRemotePartSession,
  writeArchiveRun,
  type ArchivedRun,
  type RemotePart,
  type RemotePartSession,
} from './helpers/remotePartSession'
import { rejectionOf } from './helpers/rejectionOf'

const TOKEN = 'rt_5f0c2d9e-7a1b-4c3d-9e8f-0a1b2c3d4e5f'
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function session(connect?: (part: RemotePart) => void): Promise<RemotePartSession> {
  const s = await startRemotePartSession(undefined, connect)
  cleanups.push(() => s.close())
  return s
}

async function receiver(): Promise<RemoteArchiveServer> {
  const server = await startRemoteArchiveServer()
  cleanups.push(() => server.close())
  return server
}

async function archiveFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-archive-'))
  cleanups.push(() => rm(dir, { recursive: true, force: true }))
  return dir
}

/** Three versions of a small Architect-like flow; two share their content (one file, content-addressed). */
async function archivedRun(folder: string, runId = 'run-1', flowId = 'flow-ivr-1'): Promise<ArchivedRun> {
  const config = (greeting: string, choices: number) => ({
    name: 'Main IVR',
    type: 'inboundCall',
    defaultLanguage: 'en-us',
    startUpRef: './menus/menu[mainMenu]',
    menus: [{ refId: 'mainMenu', greeting, choices: Array.from({ length: choices }, (_, i) => ({ digit: i + 1 })) }],
  })
  return writeArchiveRun(folder, {
    runId,
    flowId,
    versions: [
      { id: 'v-c', configuration: config('Welcome back', 3) },
      { id: 'v-a', configuration: config('Welcome', 2) },
      { id: 'v-b', configuration: config('Welcome', 2) },
    ],
  })
}

/** The key as docs/remote-archive.md tells a receiver to compute it, written out here independently. */
function expectedKey(run: ArchivedRun): string {
  const lines = run.copy.manifest.versions.map((v) => `${v.id} ${v.sha256}`).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return createHash('sha256')
    .update(['switchboard.flow-archive-delivery/1', run.copy.archive.flowId, ...lines].join('\n'))
    .digest('hex')
}

async function setRemote(s: RemotePartSession, input: { enabled: boolean; url: string; token?: string }) {
  return s.part.handlers['flows.remote.set'](input)
}

async function settled(s: RemotePartSession, runId: string, state: RemoteDeliveryView['state']): Promise<RemoteDeliveryView> {
  return vi.waitFor(
    () => {
      const view = s.part.deliveryOf(runId)
      if (view?.state !== state) throw new Error(`delivery of ${runId} is ${view?.state ?? 'absent'}, waiting for ${state}`)
      return view
    },
    { timeout: 15_000, interval: 10 },
  )
}

const refusal = (work: Promise<unknown>): Promise<AppError> => rejectionOf(work, AppError)

function keysOf(server: RemoteArchiveServer): string[] {
  return server.requests.map((r) => String(r.headers['idempotency-key']))
}

describe('delivering an archive run to the remote archive', () => {
  it('POSTs the manifest and the run’s files once, as multipart, with the derived key and the bearer token', async () => {
    const s = await session()
    const server = await receiver()
    const run = await archivedRun(await archiveFolder())
    await setRemote(s, { enabled: true, url: server.url, token: TOKEN })

    const queued = await s.part.deliverAfterArchive(run.copy)
    expect(queued).toMatchObject({ state: 'pending', attempts: 0, idempotencyKey: expectedKey(run) })
    const view = await settled(s, 'run-1', 'delivered')
    expect(view).toMatchObject({ attempts: 1, lastStatus: 201, idempotencyKey: expectedKey(run) })
    expect(view.deliveredAt).toBeDefined()

    expect(server.requests).toHaveLength(1)
    const [copy] = server.requests
    expect(copy.method).toBe('POST')
    expect(copy.url).toBe('/archive')
    expect(copy.headers['idempotency-key']).toBe(expectedKey(run))
    expect(copy.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(copy.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)

    // The manifest byte for byte, and each distinct configuration once, named by and matching its SHA-256.
    const manifest = copy.parts.filter((p) => p.name === 'manifest')
    expect(manifest).toHaveLength(1)
    expect(manifest[0].filename).toBe('manifests/flow-ivr-1.json')
    expect(manifest[0].bytes.equals(await readFile(run.manifestPath))).toBe(true)
    const configurations = copy.parts.filter((p) => p.name === 'configuration')
    const hashes = [...new Set(run.copy.manifest.versions.map((v) => v.sha256))]
    expect(configurations.map((p) => p.filename).sort()).toEqual(hashes.map((h) => `configurations/${h}.json`).sort())
    for (const part of configurations) {
      expect(`configurations/${createHash('sha256').update(part.bytes).digest('hex')}.json`).toBe(part.filename)
    }
    expect(copy.delivery).toMatchObject({
      format: 'switchboard.flow-archive-delivery/1',
      idempotencyKey: expectedKey(run),
      archiveRunId: 'run-1',
      flow: { id: 'flow-ivr-1', name: 'Main IVR' },
      manifestSha256: createHash('sha256').update(manifest[0].bytes).digest('hex'),
    })
    expect((copy.delivery?.versions as { id: string }[]).map((v) => v.id)).toEqual(['v-a', 'v-b', 'v-c'])

    // Audited with its status and key; never the token, never the payload.
    const entries = await s.entries('flows.remote.deliver')
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      outcome: 'ok',
      target: 'flows/flow-ivr-1/archive-runs/run-1',
      correlationId: 'rx-1',
      detail: { status: 201, idempotencyKey: expectedKey(run), result: 'delivered', attempt: 1, files: 2 },
    })
    await s.audit.flush()
    for (const name of await readdir(join(s.dataDir, 'audit'))) {
      if (!name.endsWith('.jsonl')) continue
      const text = await readFile(join(s.dataDir, 'audit', name), 'utf8')
      expect(text).not.toContain(TOKEN)
      expect(text).not.toContain('Welcome back')
    }
    // Nothing of the copy is left in the data folder once sent.
    expect(await readdir(join(s.dataDir, 'flows', 'remote-outbox'))).toEqual([])
  })

  it('backs off after 429 (honouring Retry-After) and 503, sending the same key each time until 2xx', async () => {
    const s = await session()
    const server = await receiver()
    const run = await archivedRun(await archiveFolder())
    await setRemote(s, { enabled: true, url: server.url })
    server.script({ status: 429, headers: { 'retry-after': '1' }, body: '{"message":"slow down"}' }, { status: 503 })
    const seen: RemoteDeliveryView[] = []
    s.part.onDeliveryChanged((id, view) => id === 'run-1' && view && seen.push(view))

    await s.part.deliverAfterArchive(run.copy)
    const view = await settled(s, 'run-1', 'delivered')

    expect(server.requests.map((r) => r.answered)).toEqual([429, 503, 201])
    expect(keysOf(server)).toEqual([expectedKey(run), expectedKey(run), expectedKey(run)])
    // The same bytes every time, boundary aside: the copy is the same content.
    const withoutBoundary = (body: Buffer) => body.toString('latin1').replaceAll(/-{2,}formdata-undici-\d+/g, '--B')
    expect(new Set(server.requests.map((r) => withoutBoundary(r.body))).size).toBe(1)
    expect(view).toMatchObject({ attempts: 3, lastStatus: 201 })
    expect(view.error).toBeUndefined()
    // Retry-After: 1 was honoured (the next attempt came no sooner), and the wait was shown while it lasted.
    expect(server.requests[1].receivedAt - server.requests[0].receivedAt).toBeGreaterThanOrEqual(1000)
    const waiting = seen.filter((v) => v.state === 'waiting')
    expect(waiting.map((v) => v.lastStatus)).toEqual([429, 503])
    expect(waiting[0].nextAttemptAt).toBeDefined()
    expect(waiting[0].error?.message).toContain('HTTP 429')

    const entries = await s.entries('flows.remote.deliver')
    expect(entries.map((e) => [e.outcome, e.detail?.status, e.detail?.idempotencyKey])).toEqual([
      ['retry', 429, expectedKey(run)],
      ['retry', 503, expectedKey(run)],
      ['ok', 201, expectedKey(run)],
    ])
    expect(entries[0].detail).toMatchObject({ result: 'waiting', waitMs: 1000 })
  })

  it('counts 409 as already archived, and a later run with the same versions gets the same key', async () => {
    const s = await session()
    const server = await receiver()
    const folder = await archiveFolder()
    await setRemote(s, { enabled: true, url: server.url })

    const first = await archivedRun(folder, 'run-1')
    server.script({ status: 409, body: '{"message":"already have it"}' })
    await s.part.deliverAfterArchive(first.copy)
    expect(await settled(s, 'run-1', 'already-archived')).toMatchObject({ attempts: 1, lastStatus: 409 })

    // A later run that added the same versions (the folder emptied in between): the same key; this receiver stores by key.
    server.stored.add(expectedKey(first))
    const again = await archivedRun(folder, 'run-2')
    await s.part.deliverAfterArchive(again.copy)
    expect(await settled(s, 'run-2', 'already-archived')).toMatchObject({ attempts: 1, lastStatus: 409 })
    expect(keysOf(server)).toEqual([expectedKey(first), expectedKey(first)])
    const entries = await s.entries('flows.remote.deliver')
    expect(entries.map((e) => [e.outcome, e.detail?.result, e.detail?.status])).toEqual([
      ['ok', 'already-archived', 409],
      ['ok', 'already-archived', 409],
    ])
  })

  it('gives up after the capped attempts with the reason and a hint; Send copy starts again with the same key', async () => {
    const s = await session()
    const server = await receiver()
    const run = await archivedRun(await archiveFolder())
    await setRemote(s, { enabled: true, url: server.url })
    server.script({ status: 503 }, { status: 502 }, { status: 503 }, { status: 500, body: 'database unavailable' })

    await s.part.deliverAfterArchive(run.copy)
    const failed = await settled(s, 'run-1', 'failed')
    expect(failed).toMatchObject({ attempts: 4, lastStatus: 500 })
    expect(failed.error?.message).toContain('HTTP 500')
    expect(failed.error?.message).toContain('database unavailable')
    expect(failed.error?.message).toContain('sent 4 times')
    expect(failed.error?.hint).toMatch(/Send the copy again later/)
    expect(server.requests).toHaveLength(4)

    expect(await s.part.handlers['flows.remote.send']({ id: 'run-1' })).toEqual({ accepted: true })
    expect(await settled(s, 'run-1', 'delivered')).toMatchObject({ attempts: 1, lastStatus: 201 })
    expect(keysOf(server)).toEqual(Array.from({ length: 5 }, () => expectedKey(run)))
    expect((await s.entries('flows.remote.send')).map((e) => e.detail?.previousState)).toEqual(['failed'])
  })

  it('fails at once on another 4xx, saying what to check', async () => {
    const s = await session()
    const server = await receiver()
    const folder = await archiveFolder()
    await setRemote(s, { enabled: true, url: server.url, token: TOKEN })
    server.script({ status: 401, body: '{"message":"bad token"}' }, { status: 422, body: '{"message":"no delivery part"}' })

    await s.part.deliverAfterArchive((await archivedRun(folder, 'run-1')).copy)
    const unauthorized = await settled(s, 'run-1', 'failed')
    expect(unauthorized).toMatchObject({ attempts: 1, lastStatus: 401, error: { code: 'unauthorized' } })
    expect(unauthorized.error?.hint).toContain('token')

    await s.part.deliverAfterArchive((await archivedRun(folder, 'run-2', 'flow-other')).copy)
    const refused = await settled(s, 'run-2', 'failed')
    expect(refused).toMatchObject({ attempts: 1, lastStatus: 422 })
    expect(refused.error?.message).toContain('no delivery part')
    expect(server.requests).toHaveLength(2)
  })

  it('sends the same key after a restart, whether the copy was waiting or on the wire', async () => {
    const s = await session()
    const server = await receiver()
    const folder = await archiveFolder()
    await setRemote(s, { enabled: true, url: server.url })

    // Waiting: a 429 asked for 2 s; the app stops and starts again meanwhile.
    const waitingRun = await archivedRun(folder, 'run-wait', 'flow-wait')
    server.script({ status: 429, headers: { 'retry-after': '2' } })
    await s.part.deliverAfterArchive(waitingRun.copy)
    await settled(s, 'run-wait', 'waiting')
    await s.restart()
    expect(s.part.deliveryOf('run-wait')).toMatchObject({ state: 'waiting', attempts: 1, lastStatus: 429 })
    expect(await settled(s, 'run-wait', 'delivered')).toMatchObject({ attempts: 2, lastStatus: 201 })
    expect(keysOf(server)).toEqual([expectedKey(waitingRun), expectedKey(waitingRun)])

    // On the wire: the receiver read the copy and never answered; the app stopped mid-attempt.
    const hungRun = await archivedRun(folder, 'run-hung', 'flow-hung')
    server.script('hang')
    await s.part.deliverAfterArchive(hungRun.copy)
    await vi.waitFor(() => expect(server.requests).toHaveLength(3))
    expect(s.part.deliveryOf('run-hung')?.state).toBe('sending')
    await s.restart()
    expect(await settled(s, 'run-hung', 'delivered')).toMatchObject({ lastStatus: 201 })
    expect(keysOf(server).slice(2)).toEqual([expectedKey(hungRun), expectedKey(hungRun)])
    expect(expectedKey(hungRun)).not.toBe(expectedKey(waitingRun))
  })

  it('records a run while no remote archive is on, shows nothing, and sends it when asked', async () => {
    const s = await session()
    const server = await receiver()
    const run = await archivedRun(await archiveFolder())

    expect(await s.part.deliverAfterArchive(run.copy)).toBeUndefined()
    expect(s.part.deliveryOf('run-1')).toBeUndefined()
    const off = await refusal(s.part.handlers['flows.remote.send']({ id: 'run-1' }))
    expect(off.code).toBe('conflict')

    await setRemote(s, { enabled: true, url: server.url })
    // Called again for the same run (an archive job resumed after a crash): still one copy.
    await s.part.deliverAfterArchive(run.copy)
    await settled(s, 'run-1', 'delivered')
    await s.part.deliverAfterArchive(run.copy)
    expect(server.requests).toHaveLength(1)
    expect((await refusal(s.part.handlers['flows.remote.send']({ id: 'no-such-run' }))).code).toBe('not_found')
  })

  it('refuses to send a copy whose archived file changed since it was archived', async () => {
    const s = await session()
    const server = await receiver()
    const run = await archivedRun(await archiveFolder())
    await setRemote(s, { enabled: true, url: server.url })
    await writeFile(run.configurationPath('v-c'), '{"tampered":true}')

    await s.part.deliverAfterArchive(run.copy)
    const failed = await settled(s, 'run-1', 'failed')
    expect(failed.error).toMatchObject({ code: 'file' })
    expect(failed.error?.message).toContain('changed since it was archived')
    expect(failed.error?.hint).toContain('Verify')
    expect(server.requests).toHaveLength(0)
  })
})

/** The archive part's hooks as core/flows/archive offers them, over runs written to a real folder. */
function archiveSide() {
  const listeners = new Set<(run: CompletedArchive) => void | Promise<void>>()
  const runs = new Map<string, KnownArchive>()
  const announced: string[] = []
  let remoteView: (id: string) => RemoteDeliveryView | undefined = () => undefined
  const side: ArchiveSide = {
    onArchived: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    setRemoteView: (provider) => (remoteView = provider),
    announce: (id) => announced.push(id),
    archive: (id) => runs.get(id),
    completedIds: () => [...runs.keys()],
  }
  const viewOf = (run: ArchivedRun): ArchiveView => ({
    id: run.copy.archive.id,
    revision: 1,
    flowId: run.copy.archive.flowId,
    flowName: run.copy.archive.flowName,
    folder: run.copy.archive.folder,
    state: 'done',
    createdAt: new Date().toISOString(),
    selection: 'policy',
    counts: { selected: run.copy.manifest.versions.length, written: run.copy.manifest.versions.length, alreadyArchived: 0, failed: 0 },
    bytesWritten: 0,
    nothingNew: false,
  })
  return {
    side,
    announced,
    shown: (id: string) => remoteView(id),
    /** A run that completed before the remote part was listening (or while it was not running). */
    known: (run: ArchivedRun, finishedAt?: string) =>
      runs.set(run.copy.archive.id, {
        view: { ...viewOf(run), ...(finishedAt ? { finishedAt } : {}) },
        profileId: 'sandbox',
        folder: run.copy.archive.folder,
        versionIds: run.copy.versionIds,
      }),
    complete: async (run: ArchivedRun) => {
      for (const listener of listeners)
        await listener({
          view: viewOf(run),
          manifest: run.copy.manifest,
          profileId: 'sandbox',
          folder: run.copy.archive.folder,
          versionIds: run.copy.versionIds,
        })
    },
  }
}

describe('connected to the archive part', () => {
  it('delivers each completed run, shows its state on the run, and finds older runs for Send copy', async () => {
    const s = await session()
    const server = await receiver()
    const folder = await archiveFolder()
    const archive = archiveSide()
    s.part.connectArchive(archive.side)
    await setRemote(s, { enabled: true, url: server.url })

    const run = await archivedRun(folder, 'run-1')
    await archive.complete(run)
    await settled(s, 'run-1', 'delivered')
    expect(archive.shown('run-1')).toMatchObject({ state: 'delivered', idempotencyKey: expectedKey(run) })
    expect(archive.announced).toContain('run-1')

    // A run the remote part never heard of: found through the archive part, its manifest read from the folder.
    const older = await archivedRun(folder, 'run-0', 'flow-older')
    archive.known(older)
    expect(archive.shown('run-0')).toBeUndefined()
    expect(await s.part.handlers['flows.remote.send']({ id: 'run-0' })).toEqual({ accepted: true })
    await settled(s, 'run-0', 'delivered')
    expect(keysOf(server)).toEqual([expectedKey(run), expectedKey(older)])
    expect((await s.entries('flows.remote.send')).map((e) => e.detail?.previousState)).toEqual(['none'])
  })
})

describe('catching up at start', () => {
  it('records completed runs it never heard of and queues copies left without a job, but not pruned ones', async () => {
    const server = await receiver()
    const folder = await archiveFolder()
    const archive = archiveSide()
    const s = await session((part) => part.connectArchive(archive.side))
    const missed = await archivedRun(folder, 'run-missed', 'flow-missed')
    const pruned = await archivedRun(folder, 'run-pruned', 'flow-pruned')
    const unqueued = await archivedRun(folder, 'run-unqueued', 'flow-unqueued')
    // Recorded while no remote archive was on: a record, no job.
    await s.part.deliverAfterArchive(unqueued.copy)
    await setRemote(s, { enabled: true, url: server.url })
    // Completed while the remote part was not listening (the app stopped before it recorded them).
    archive.known(missed, '2026-03-02T10:00:00.000Z')
    archive.known(pruned, '2026-03-01T10:00:00.000Z')

    await s.restart(async () => {
      // As a stop between recording a copy and queueing it leaves it; and records dropped up to a time.
      const path = join(s.dataDir, 'flows', 'remote-deliveries.json')
      const stored = JSON.parse(await readFile(path, 'utf8')) as { deliveries: { archiveId: string; state: string }[] }
      for (const record of stored.deliveries) if (record.archiveId === 'run-unqueued') record.state = 'pending'
      await writeFile(path, JSON.stringify({ ...stored, prunedThrough: '2026-03-01T12:00:00.000Z' }))
    })
    await settled(s, 'run-missed', 'delivered')
    await settled(s, 'run-unqueued', 'delivered')
    expect(s.part.deliveryOf('run-pruned')).toBeUndefined()
    expect(keysOf(server).sort()).toEqual([expectedKey(missed), expectedKey(unqueued)].sort())

    // Once recorded, a later start sends nothing again.
    await s.restart()
    expect(s.part.deliveryOf('run-missed')).toMatchObject({ state: 'delivered', attempts: 1 })
    expect(server.requests).toHaveLength(2)
  })
})

describe('the record of copies', () => {
  it('drops the oldest finished records beyond 5000 and remembers up to when, so catching up skips them', async () => {
    const dataDir = await archiveFolder()
    await mkdir(join(dataDir, 'flows'))
    const record = (i: number, state: string) => ({
      archiveId: `run-${i}`,
      flowId: 'flow-1',
      flowName: 'Main IVR',
      folder: dataDir,
      profileName: 'Sandbox org',
      orgName: 'Test org',
      versions: [{ id: `v-${i}`, sha256: 'a'.repeat(64), sizeBytes: 1, file: `configurations/${'a'.repeat(64)}.json` }],
      idempotencyKey: 'b'.repeat(64),
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      state,
      attempts: 1,
    })
    // 5003 records: the oldest is still on its way (kept), the next three finished ones go.
    const deliveries = [record(0, 'waiting'), ...Array.from({ length: 5002 }, (_, i) => record(i + 1, 'delivered'))]
    await writeFile(join(dataDir, 'flows', 'remote-deliveries.json'), JSON.stringify({ version: 1, deliveries }))

    const store = await DeliveryStore.open(dataDir, () => new Date())
    expect(store.list()).toHaveLength(5000)
    expect(['run-0', 'run-1', 'run-3', 'run-4'].map((id) => store.get(id) !== undefined)).toEqual([true, false, false, true])
    expect(store.prunedThrough).toBe(record(3, 'delivered').createdAt)
    await store.save()
    expect((await DeliveryStore.open(dataDir, () => new Date())).prunedThrough).toBe(record(3, 'delivered').createdAt)
  })
})

describe('remote archive settings', () => {
  it('sends the token only to the origin it was entered for', async () => {
    const s = await session()
    const first = await receiver()
    const second = await receiver()
    const folder = await archiveFolder()

    expect(await setRemote(s, { enabled: true, url: first.url, token: TOKEN })).toEqual({ enabled: true, url: first.url, hasToken: true })
    const shown = await s.part.handlers['flows.remote.get']({})
    expect(JSON.stringify(shown)).not.toContain(TOKEN)
    // Another path on the same origin keeps it.
    expect(await setRemote(s, { enabled: true, url: `${first.origin}/other` })).toMatchObject({ hasToken: true })

    // Another origin: the token is never carried over silently.
    const moved = await refusal(setRemote(s, { enabled: true, url: second.url }))
    expect(moved).toMatchObject({ code: 'invalid_input', details: [{ fieldName: 'token' }] })
    expect(moved.message).toContain(first.origin)
    expect(await s.part.handlers['flows.remote.get']({})).toMatchObject({ url: `${first.origin}/other`, hasToken: true })
    expect(await setRemote(s, { enabled: true, url: second.url, token: '' })).toEqual({ enabled: true, url: second.url, hasToken: false })

    await s.part.deliverAfterArchive((await archivedRun(folder, 'run-1')).copy)
    await settled(s, 'run-1', 'delivered')
    expect(second.requests).toHaveLength(1)
    expect(second.requests[0].headers.authorization).toBeUndefined()

    // A token for the second origin, then the address edited by hand in the settings file to the first.
    await setRemote(s, { enabled: true, url: second.url, token: 'second-origin-token-0123456789' })
    s.settings.set(REMOTE_SETTINGS_KEY, { enabled: true, url: first.url })
    expect(await s.part.handlers['flows.remote.get']({})).toMatchObject({ url: first.url, hasToken: false })
    await s.part.deliverAfterArchive((await archivedRun(folder, 'run-2', 'flow-2')).copy)
    const refused = await settled(s, 'run-2', 'failed')
    expect(refused.error?.code).toBe('secret_not_bound')
    expect(first.requests).toHaveLength(0)

    const settings = await s.entries('flows.remote.settings')
    expect(settings.map((e) => e.detail?.tokenChange)).toEqual(['set', 'kept', 'removed', 'set'])
    expect(JSON.stringify(settings)).not.toContain(TOKEN)
  })

  it('refuses addresses that are not https (or http to this machine) and keeps the last good settings', async () => {
    const s = await session()
    await setRemote(s, { enabled: true, url: 'https://archive.example.com/flows', token: TOKEN })
    const bad = [
      'http://archive.example.com/flows',
      'http://192.168.1.20:8080/archive',
      'ftp://archive.example.com/',
      'https://user:secret@archive.example.com/',
      'https://archive.example.com/#frag',
      'archive.example.com/flows',
    ]
    for (const url of bad) {
      const error = await refusal(setRemote(s, { enabled: true, url, token: '' }))
      expect(error, url).toMatchObject({ code: 'invalid_input', details: [{ fieldName: 'url' }] })
    }
    expect((await refusal(setRemote(s, { enabled: true, url: '' }))).details).toEqual([{ fieldName: 'url', errorCode: 'invalid.value' }])
    expect(await s.part.handlers['flows.remote.get']({})).toEqual({
      enabled: true,
      url: 'https://archive.example.com/flows',
      hasToken: true,
    })

    expect(await setRemote(s, { enabled: true, url: 'http://localhost:8443/in', token: '' })).toMatchObject({
      url: 'http://localhost:8443/in',
    })
    // Emptying the address turns the remote archive off for good: the token goes with it.
    await setRemote(s, { enabled: true, url: 'https://archive.example.com/flows', token: TOKEN })
    expect(await setRemote(s, { enabled: false, url: '' })).toEqual({ enabled: false, url: '', hasToken: false })
  })
})
