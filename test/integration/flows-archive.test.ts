/**
 * Archiving flow versions against the sandbox's seeded org into a real folder: 250 versions paged and
 * written content-addressed, a manifest that passes its own format, a second run that writes nothing, a
 * later run that writes only the new version, the retention policy's choice, hand-picked versions, a
 * locked flow (archived, and said) and an unreadable one (failed with the reason), the app event and the
 * audit entries.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { SANDBOX_FLOW_SEEDS } from '../../src/main/sandbox'
import type { AppEvent } from '../../src/shared/api'
import { ARCHIVE_LAYOUT, RETENTION_POLICY_DEFAULTS, type ArchiveView } from '../../src/shared/contract/flows'
import { AppError } from '../../src/shared/errors'
import { selectVersionsByPolicy } from '../../src/shared/flowRetention'
import { canonicalJson } from '../../src/main/core/flows/archive/canonicalJson'
import { expectRecordedAppEvent } from './helpers/appEvents'
import {
  auditEntries,
  call,
  configurationIdentities,
  CONFIGURATION_ROUTE,
  readManifestFile,
  sha256,
  startFlowArchiveSession,
  VERSIONS_ROUTE,
  waitForArchive,
  type FlowArchiveSession,
} from './helpers/flowArchiveSession'

let session: FlowArchiveSession | undefined

afterEach(async () => {
  await session?.close()
  session = undefined
})

const EVERYTHING = { lastDays: 3650, maxVersions: 10_000, publishedOnly: false }

async function archive(
  s: FlowArchiveSession,
  flows: { flowId: string; versionIds?: string[] }[],
  policy = EVERYTHING,
): Promise<ArchiveView[]> {
  const started = await call(s.core, 'flows.archive.start', { folder: s.folder, flows, policy })
  return Promise.all(started.map((view) => waitForArchive(s.core, view.id)))
}

/** The sandbox's versions as the screen dates them, for the policy's expected choice. */
function platformVersions(s: FlowArchiveSession, flowId: string) {
  return s.sandbox.flows.versions(flowId).map((v) => ({
    id: v.id,
    type: v.type,
    when: v.datePublished ?? new Date(v.dateCheckedIn ?? v.dateSaved).toISOString(),
  }))
}

describe('archiving the 250 versions of a flow', () => {
  it(
    'pages through them, writes each configuration under its SHA-256, and a manifest listing them newest first',
    { timeout: 90_000 },
    async () => {
      session = await startFlowArchiveSession()
      const events: AppEvent[] = []
      session.core.onAppEvent((event) => events.push(event))
      const flowId = SANDBOX_FLOW_SEEDS.big
      const versionsBefore = session.sandbox.stats().byRoute[VERSIONS_ROUTE] ?? 0

      const [done] = await archive(session, [{ flowId }])
      expect(done.state, JSON.stringify(done.error)).toBe('done')
      expect(done.counts).toEqual({ selected: 250, written: 250, alreadyArchived: 0, failed: 0 })
      expect(done).toMatchObject({ versionsRead: 250, versionsTotal: 250, nothingNew: false, flowName: 'Customer Service IVR' })
      // Three pages of 100.
      expect((session.sandbox.stats().byRoute[VERSIONS_ROUTE] ?? 0) - versionsBefore).toBe(3)
      expect(session.sandbox.stats().byRoute[CONFIGURATION_ROUTE]).toBe(250)

      const { manifest, sha256: manifestSha } = await readManifestFile(join(session.folder, ARCHIVE_LAYOUT.manifestFile(flowId)))
      expect(done.manifestPath).toBe(join(session.folder, ARCHIVE_LAYOUT.manifestFile(flowId)))
      expect(done.manifestSha256).toBe(manifestSha)
      expect(manifest.flow).toMatchObject({ id: flowId, name: 'Customer Service IVR', type: 'INBOUNDCALL', division: { name: 'Home' } })
      expect(manifest.org.name).toBe('Sandbox Contact Centre')
      expect(manifest.runs).toEqual([{ at: done.createdAt, versionIds: expect.any(Array) }])
      expect(manifest.runs[0].versionIds).toHaveLength(250)
      const platform = session.sandbox.flows.versions(flowId)
      expect(manifest.versions.map((v) => v.id)).toEqual(platform.map((v) => v.id))

      let bytes = 0
      for (const [i, row] of manifest.versions.entries()) {
        const raw = platform[i]
        expect(row.file).toBe(ARCHIVE_LAYOUT.configurationFile(row.sha256))
        const text = await readFile(join(session.folder, row.file), 'utf8')
        expect(sha256(text)).toBe(row.sha256)
        expect(Buffer.byteLength(text)).toBe(row.sizeBytes)
        // The platform's JSON, written canonically: the same configuration always gives the same bytes.
        expect(text).toBe(canonicalJson(session.sandbox.flows.configuration(flowId, row.id)))
        expect(row).toMatchObject({ name: raw.name, type: raw.type, createdBy: { id: raw.createdBy.id, name: raw.createdBy.name } })
        expect(row.dateCreated).toBe(new Date(raw.dateCreated).toISOString())
        if (raw.datePublished) expect(row).toMatchObject({ datePublished: raw.datePublished, datePublishedRaw: raw.datePublished })
        bytes += row.sizeBytes
      }
      const files = await readdir(join(session.folder, 'configurations'))
      expect(files.sort()).toEqual([...new Set(manifest.versions.map((v) => `${v.sha256}.json`))].sort())
      expect(done.bytesWritten).toBe(bytes)

      const entries = await auditEntries(session.core)
      // audit.tail answers newest first.
      const mine = entries.filter((e) => e.action.startsWith('flow.archive.')).reverse()
      expect(mine.map((e) => e.action)).toEqual(['flow.archive.requested', 'flow.archive.completed'])
      expect(mine[1]).toMatchObject({
        target: `flows/${flowId}`,
        outcome: 'ok',
        detail: {
          archiveId: done.id,
          selected: 250,
          written: 250,
          alreadyArchived: 0,
          failed: 0,
          nothingNew: false,
          manifestSha256: manifestSha,
        },
      })
      // Never a configuration's content: not even its key names reach the audit log.
      expect(JSON.stringify(entries)).not.toContain('startUpRef')

      expect(events.filter((e) => e.type === 'flow.versions.archived')).toHaveLength(1)
      const event = events.find((e) => e.type === 'flow.versions.archived')!
      expect(event.payload).toMatchObject({
        flowId,
        versionsSelected: 250,
        versionsWritten: 250,
        versionsAlreadyArchived: 0,
        manifestSha256: manifestSha,
      })
      expectRecordedAppEvent(event, entries)
    },
  )

  it('writes nothing when run again, and only the new version once one is added', { timeout: 90_000 }, async () => {
    session = await startFlowArchiveSession()
    const flowId = SANDBOX_FLOW_SEEDS.big
    const [first] = await archive(session, [{ flowId }])
    expect(first.state).toBe('done')
    const manifestPath = first.manifestPath!
    const filesBefore = await configurationIdentities(session.folder)
    const manifestBefore = await stat(manifestPath, { bigint: true })
    const fetchedBefore = session.sandbox.stats().byRoute[CONFIGURATION_ROUTE]

    const [second] = await archive(session, [{ flowId }])
    expect(second.state).toBe('done')
    expect(second.nothingNew).toBe(true)
    expect(second.counts).toEqual({ selected: 250, written: 0, alreadyArchived: 250, failed: 0 })
    expect(second.bytesWritten).toBe(0)
    expect(second.manifestSha256).toBe(first.manifestSha256)
    // Nothing read again, nothing touched.
    expect(session.sandbox.stats().byRoute[CONFIGURATION_ROUTE]).toBe(fetchedBefore)
    expect(await configurationIdentities(session.folder)).toEqual(filesBefore)
    const manifestAfter = await stat(manifestPath, { bigint: true })
    expect([manifestAfter.ino, manifestAfter.mtimeNs]).toEqual([manifestBefore.ino, manifestBefore.mtimeNs])

    const added = session.sandbox.flows.addVersion(flowId)
    const [third] = await archive(session, [{ flowId }])
    expect(third.state).toBe('done')
    expect(third.nothingNew).toBe(false)
    expect(third.counts).toEqual({ selected: 251, written: 1, alreadyArchived: 250, failed: 0 })
    const { manifest } = await readManifestFile(manifestPath)
    expect(manifest.versions[0].id).toBe(added.id)
    expect(manifest.runs).toEqual([
      { at: first.createdAt, versionIds: expect.any(Array) },
      { at: third.createdAt, versionIds: [added.id] },
    ])
    const filesAfter = await configurationIdentities(session.folder)
    for (const [name, identity] of filesBefore) expect(filesAfter.get(name)).toBe(identity)
    expect(filesAfter.size).toBe(filesBefore.size + 1)
  })
})

describe('choosing versions', () => {
  it('archives exactly what the retention policy chooses', { timeout: 60_000 }, async () => {
    session = await startFlowArchiveSession()
    const policy = { lastDays: 200, maxVersions: 6, publishedOnly: true }
    const flowId = SANDBOX_FLOW_SEEDS.mainIvr
    const expected = selectVersionsByPolicy(platformVersions(session, flowId), policy, Date.now()).map((v) => v.id)
    expect(expected.length).toBeGreaterThan(0)
    const [done] = await archive(session, [{ flowId }], policy)
    expect(done.state).toBe('done')
    expect(done.selection).toBe('policy')
    expect(done.policy).toEqual(policy)
    expect(done.counts.selected).toBe(expected.length)
    const { manifest } = await readManifestFile(done.manifestPath!)
    expect(manifest.versions.map((v) => v.id)).toEqual(expected)
    expect(manifest.versions.every((v) => v.type === 'PUBLISH')).toBe(true)
  })

  it('uses the policy in the settings when the start names none', async () => {
    session = await startFlowArchiveSession()
    expect(await call(session.core, 'flows.settings.get', {})).toEqual({ policy: RETENTION_POLICY_DEFAULTS, folder: '' })
    const saved = await call(session.core, 'flows.settings.set', { policy: { maxVersions: 3 }, folder: session.folder })
    expect(saved).toEqual({ policy: { ...RETENTION_POLICY_DEFAULTS, maxVersions: 3 }, folder: session.folder })
    const [started] = await call(session.core, 'flows.archive.start', { folder: '', flows: [{ flowId: SANDBOX_FLOW_SEEDS.commonModule }] })
    const done = await waitForArchive(session.core, started.id)
    expect(done.policy).toEqual(saved.policy)
    expect(done.folder).toBe(session.folder)
    const expected = selectVersionsByPolicy(platformVersions(session, SANDBOX_FLOW_SEEDS.commonModule), saved.policy, Date.now())
    expect(done.counts.selected).toBe(expected.length)

    const refused = (await call(session.core, 'flows.settings.set', { folder: 'relative/path' }).catch((e) => e)) as AppError
    expect(refused.code).toBe('invalid_input')
  })

  it('archives hand-picked versions, and fails naming the ones the history does not have', async () => {
    session = await startFlowArchiveSession()
    const flowId = SANDBOX_FLOW_SEEDS.bot
    const platform = session.sandbox.flows.versions(flowId)
    const picked = [platform[3].id, platform[0].id, 'no-such-version']
    const [done] = await archive(session, [{ flowId, versionIds: picked }])
    expect(done.state).toBe('failed')
    expect(done.selection).toBe('manual')
    expect(done.counts).toEqual({ selected: 3, written: 2, alreadyArchived: 0, failed: 1 })
    expect(done.error?.message).toContain("1 chosen version is not in the flow's history")
    const { manifest } = await readManifestFile(join(session.folder, ARCHIVE_LAYOUT.manifestFile(flowId)))
    expect(manifest.versions.map((v) => v.id)).toEqual([platform[0].id, platform[3].id])
  })
})

describe('flows that are locked or may not be read', () => {
  it('archives a locked flow and says it was locked', async () => {
    session = await startFlowArchiveSession()
    const [done] = await archive(session, [{ flowId: SANDBOX_FLOW_SEEDS.locked }], { ...EVERYTHING, maxVersions: 5 })
    expect(done.state).toBe('done')
    expect(done.counts.written).toBe(5)
    expect(done.flowProblems).toEqual([expect.objectContaining({ kind: 'locked', reason: expect.stringContaining('Marcus Okafor') })])
  })

  it('fails the archive of a flow in a division the client may not read, with the reason, and writes no manifest', async () => {
    session = await startFlowArchiveSession()
    const flowId = SANDBOX_FLOW_SEEDS.denied
    const [done] = await archive(session, [{ flowId }])
    expect(done.state).toBe('failed')
    expect(done.error).toMatchObject({ code: 'forbidden', status: 403, correlationId: expect.any(String) })
    expect(done.error?.message).toContain('Executive Office')
    expect(done.error?.hint).toContain('architect:flow:view')
    await expect(stat(join(session.folder, ARCHIVE_LAYOUT.manifestFile(flowId)))).rejects.toThrow()
    const failed = (await auditEntries(session.core)).filter((e) => e.action === 'flow.archive.failed')
    expect(failed).toEqual([
      expect.objectContaining({ target: `flows/${flowId}`, outcome: 'error', detail: expect.objectContaining({ code: 'forbidden' }) }),
    ])
  })

  it('refuses to start when the org refuses flows altogether, naming the permission', async () => {
    session = await startFlowArchiveSession({ deniedPermissions: ['architect:flow:view'] })
    const [done] = await archive(session, [{ flowId: SANDBOX_FLOW_SEEDS.mainIvr }])
    expect(done.state).toBe('failed')
    expect(done.error?.message).toContain('lacks the permission architect:flow:view')
  })
})

describe('the archive list', () => {
  it('lists archives newest first, refuses a second archive of the same flow while one runs, and clears finished ones', async () => {
    session = await startFlowArchiveSession({ faults: { latencyMs: 40, routes: '/configuration$' } })
    const flowId = SANDBOX_FLOW_SEEDS.inQueue
    const [running] = await call(session.core, 'flows.archive.start', { folder: session.folder, flows: [{ flowId }], policy: EVERYTHING })
    const again = (await call(session.core, 'flows.archive.start', { folder: session.folder, flows: [{ flowId }] }).catch(
      (e) => e,
    )) as AppError
    expect(again.code).toBe('conflict')
    const finished = await waitForArchive(session.core, running.id)
    const [second] = await archive(session, [{ flowId: SANDBOX_FLOW_SEEDS.voicemail }])
    const list = await call(session.core, 'flows.archive.list', {})
    expect(list.map((a) => a.id)).toEqual([second.id, running.id])
    // Each view handed out is numbered above the ones before it, whichever way it came.
    expect(finished.revision).toBeGreaterThan(running.revision)
    expect(list[1].revision).toBeGreaterThan(finished.revision)
    expect(await call(session.core, 'flows.archive.clear', {})).toEqual({ removed: 2 })
    expect(await call(session.core, 'flows.archive.list', {})).toEqual([])
    // The archive itself stays.
    expect((await readdir(join(session.folder, 'manifests'))).sort()).toEqual(
      [`${flowId}.json`, `${SANDBOX_FLOW_SEEDS.voicemail}.json`].sort(),
    )
  })
})

describe('the archive folder', () => {
  it('repairs a damaged configuration file on the next run, and refuses to overwrite a manifest it cannot read', async () => {
    session = await startFlowArchiveSession()
    const flowId = SANDBOX_FLOW_SEEDS.voicemail
    const [first] = await archive(session, [{ flowId }])
    const { manifest } = await readManifestFile(first.manifestPath!)
    const damaged = join(session.folder, manifest.versions[2].file)
    await writeFile(damaged, '{"tampered": true}\n')

    const [second] = await archive(session, [{ flowId }])
    expect(second.state).toBe('done')
    expect(second.counts).toMatchObject({ written: 1, alreadyArchived: manifest.versions.length - 1 })
    expect(sha256(await readFile(damaged))).toBe(manifest.versions[2].sha256)
    const repaired = await readManifestFile(first.manifestPath!)
    expect(repaired.manifest.versions).toEqual(manifest.versions)
    expect(repaired.manifest.runs.at(-1)).toEqual({ at: second.createdAt, versionIds: [manifest.versions[2].id] })

    await writeFile(first.manifestPath!, '{"not": "a manifest"}')
    const [third] = await archive(session, [{ flowId }])
    expect(third.state).toBe('failed')
    expect(third.error).toMatchObject({ code: 'file', message: expect.stringContaining('cannot be read') })
    expect(await readFile(first.manifestPath!, 'utf8')).toBe('{"not": "a manifest"}')
  })

  it('refuses a folder inside the data folder, and a relative path, before any job exists', async () => {
    session = await startFlowArchiveSession()
    for (const folder of [join(session.dataDir, 'archive'), 'relative/archive']) {
      const error = (await call(session.core, 'flows.archive.start', { folder, flows: [{ flowId: SANDBOX_FLOW_SEEDS.bot }] }).catch(
        (e) => e,
      )) as AppError
      expect(error).toBeInstanceOf(AppError)
      expect(['file', 'invalid_input']).toContain(error.code)
    }
    expect(await call(session.core, 'flows.archive.list', {})).toEqual([])
  })
})
