/**
 * The remote copy through the real core (createCore) against a real sandbox and a real receiving server:
 * an archive run's copy is delivered with the derived Idempotency-Key and the bearer token and audited; a
 * later run carries only the versions it added (the manifest whole); a run that found nothing new sends
 * nothing; and a copy the core never recorded (it stopped between the archive's completion and the copy)
 * is still delivered after the core opens again.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Core } from '../../src/main/core'
import { SANDBOX_FLOW_SEEDS } from '../../src/main/sandbox'
import { ARCHIVE_LAYOUT, type ArchiveView, type FlowArchiveManifest } from '../../src/shared/contract/flows'
import {
  auditEntries,
  call,
  readManifestFile,
  startFlowArchiveSession,
  waitForArchive,
  type FlowArchiveSession,
} from './helpers/flowArchiveSession'
import { startRemoteArchiveServer, type ReceivedCopy, type RemoteArchiveServer } from './helpers/remoteArchiveServer'

const TOKEN = 'rt_core_2b7e1516-28ae-4d2a-a6f7-15884d09cf4f'

/** The key as docs/remote-archive.md tells a receiver to compute it, over the versions a copy carries. */
function expectedKey(flowId: string, manifest: FlowArchiveManifest, versionIds: string[]): string {
  const lines = manifest.versions
    .filter((v) => versionIds.includes(v.id))
    .map((v) => `${v.id} ${v.sha256}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  expect(lines).toHaveLength(versionIds.length)
  return createHash('sha256')
    .update(['switchboard.flow-archive-delivery/1', flowId, ...lines].join('\n'))
    .digest('hex')
}

async function archive(core: Core, folder: string, flowId: string, versionIds: string[]): Promise<ArchiveView> {
  const [started] = await call(core, 'flows.archive.start', { folder, flows: [{ flowId, versionIds }] })
  return started
}

const delivered = (view: ArchiveView) => view.remote?.state === 'delivered'

function partsNamed(copy: ReceivedCopy, name: string) {
  return copy.parts.filter((p) => p.name === name)
}

function configurationFileNames(copy: ReceivedCopy): string[] {
  return partsNamed(copy, 'configuration')
    .map((p) => p.filename ?? '')
    .sort()
}

describe('the remote copy of archive runs in the real core', () => {
  let s: FlowArchiveSession
  let server: RemoteArchiveServer
  const flowId = SANDBOX_FLOW_SEEDS.voicemail
  const manifestPath = () => join(s.folder, ARCHIVE_LAYOUT.manifestFile(flowId))

  beforeAll(async () => {
    s = await startFlowArchiveSession()
    server = await startRemoteArchiveServer()
    await call(s.core, 'flows.remote.set', { enabled: true, url: server.url, token: TOKEN })
  })
  afterAll(async () => {
    await server?.close()
    await s?.close()
  })

  it('delivers a completed run: the manifest and its files, with the derived key and the bearer token, audited', async () => {
    const [newest, previous] = s.sandbox.flows.versions(flowId)
    const picked = [newest.id, previous.id]
    const started = await archive(s.core, s.folder, flowId, picked)
    const done = await waitForArchive(s.core, started.id, delivered, 30_000)
    expect(done).toMatchObject({ state: 'done', counts: { selected: 2, written: 2 } })

    const { manifest, text } = await readManifestFile(manifestPath())
    const key = expectedKey(flowId, manifest, picked)
    expect(done.remote).toMatchObject({ state: 'delivered', idempotencyKey: key, attempts: 1, lastStatus: 201 })

    expect(server.requests).toHaveLength(1)
    const [copy] = server.requests
    expect(copy.method).toBe('POST')
    expect(copy.headers['idempotency-key']).toBe(key)
    expect(copy.headers.authorization).toBe(`Bearer ${TOKEN}`)
    const [manifestPart] = partsNamed(copy, 'manifest')
    expect(manifestPart.filename).toBe(ARCHIVE_LAYOUT.manifestFile(flowId))
    expect(manifestPart.bytes.toString('utf8')).toBe(text)
    const files = manifest.versions.filter((v) => picked.includes(v.id)).map((v) => v.file)
    expect(configurationFileNames(copy)).toEqual([...new Set(files)].sort())
    for (const part of partsNamed(copy, 'configuration'))
      expect(part.bytes.equals(await readFile(join(s.folder, part.filename ?? '')))).toBe(true)
    expect(copy.delivery).toMatchObject({ idempotencyKey: key, archiveRunId: started.id, flow: { id: flowId } })

    const entries = (await auditEntries(s.core)).filter((e) => e.action === 'flows.remote.deliver')
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      outcome: 'ok',
      target: `flows/${flowId}/archive-runs/${started.id}`,
      detail: { status: 201, idempotencyKey: key, result: 'delivered', versions: 2, files: files.length },
    })
    expect(JSON.stringify(entries)).not.toContain(TOKEN)
  })

  it('sends a later run with only the version it added, the manifest whole; a run with nothing new sends nothing', async () => {
    const [, previous] = s.sandbox.flows.versions(flowId)
    const added = s.sandbox.flows.addVersion(flowId)
    const picked = [added.id, previous.id]
    const started = await archive(s.core, s.folder, flowId, picked)
    const done = await waitForArchive(s.core, started.id, delivered, 30_000)
    expect(done.counts).toMatchObject({ selected: 2, written: 1, alreadyArchived: 1 })

    const { manifest, text } = await readManifestFile(manifestPath())
    expect(manifest.versions).toHaveLength(3)
    const key = expectedKey(flowId, manifest, [added.id])
    expect(done.remote?.idempotencyKey).toBe(key)
    expect(server.requests).toHaveLength(2)
    const copy = server.requests[1]
    expect(copy.headers['idempotency-key']).toBe(key)
    const addedRow = manifest.versions.find((v) => v.id === added.id)
    expect(configurationFileNames(copy)).toEqual([addedRow?.file])
    expect((copy.delivery?.versions as { id: string }[]).map((v) => v.id)).toEqual([added.id])
    // The manifest travels whole, so the receiver sees the flow's whole version matrix.
    expect(partsNamed(copy, 'manifest')[0].bytes.toString('utf8')).toBe(text)

    // The same versions again: nothing new, so no copy (its versions went with the runs that added them).
    const again = await waitForArchive(s.core, (await archive(s.core, s.folder, flowId, picked)).id)
    expect(again).toMatchObject({ state: 'done', nothingNew: true })
    expect(again.remote).toBeUndefined()
    expect(server.requests).toHaveLength(2)
    await expect(call(s.core, 'flows.remote.send', { id: again.id })).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('a copy the core never recorded', () => {
  let s: FlowArchiveSession | undefined
  let server: RemoteArchiveServer | undefined
  afterEach(async () => {
    await server?.close()
    await s?.close()
    s = server = undefined
  })

  it('is recorded and delivered when the core opens again', { timeout: 60_000 }, async () => {
    s = await startFlowArchiveSession()
    server = await startRemoteArchiveServer()
    const flowId = SANDBOX_FLOW_SEEDS.outbound
    const [newest] = s.sandbox.flows.versions(flowId)
    await call(s.core, 'flows.remote.set', { enabled: true, url: server.url, token: TOKEN })

    // The copy cannot be recorded (its store cannot be written: a directory stands where the file goes),
    // as when the app stops between the archive's completion and the copy: the run completes without one.
    const deliveries = join(s.dataDir, 'flows', 'remote-deliveries.json')
    await mkdir(deliveries)
    const started = await archive(s.core, s.folder, flowId, [newest.id])
    // The run is done before its copy's failed save comes back; once it has, the run shows no copy.
    const done = await waitForArchive(s.core, started.id, (view) => view.state === 'done' && view.remote === undefined, 20_000)
    expect(done).toMatchObject({ state: 'done', counts: { written: 1 } })
    expect(done.remote).toBeUndefined()
    expect(server.requests).toHaveLength(0)

    await rm(deliveries, { recursive: true })
    const core = await s.restart()
    const after = await waitForArchive(core, started.id, delivered, 30_000)
    const { manifest } = await readManifestFile(join(s.folder, ARCHIVE_LAYOUT.manifestFile(flowId)))
    const key = expectedKey(flowId, manifest, [newest.id])
    expect(after.remote).toMatchObject({ idempotencyKey: key, lastStatus: 201 })
    expect(server.requests).toHaveLength(1)
    expect(server.requests[0].headers['idempotency-key']).toBe(key)
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(configurationFileNames(server.requests[0])).toEqual([manifest.versions[0].file])
    const entries = (await auditEntries(core)).filter((e) => e.action === 'flows.remote.deliver')
    expect(entries.map((e) => [e.outcome, e.detail?.idempotencyKey])).toEqual([['ok', key]])

    // Opened once more: the copy is recorded now, so nothing is sent twice.
    const reopened = await s.restart()
    expect((await waitForArchive(reopened, started.id, delivered)).remote?.attempts).toBe(1)
    expect(server.requests).toHaveLength(1)
  })
})
