/**
 * Verify and compare on an archive the archive part wrote itself (flows.archive.start against the
 * sandbox), so the two agree on the manifest format and on the canonical hash.
 */
import { readFile, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SANDBOX_FLOW_SEEDS } from '../../src/main/sandbox'
import { ARCHIVE_LAYOUT } from '../../src/shared/contract/flows'
import { call, readManifestFile, startFlowArchiveSession, waitForArchive, type FlowArchiveSession } from './helpers/flowArchiveSession'

let session: FlowArchiveSession
const FLOWS = [SANDBOX_FLOW_SEEDS.mainIvr, SANDBOX_FLOW_SEEDS.bot]
const POLICY = { lastDays: 3650, maxVersions: 4, publishedOnly: false }

beforeAll(async () => {
  session = await startFlowArchiveSession()
  const started = await call(session.core, 'flows.archive.start', {
    folder: session.folder,
    flows: FLOWS.map((flowId) => ({ flowId })),
    policy: POLICY,
  })
  const done = await Promise.all(started.map((view) => waitForArchive(session.core, view.id)))
  expect(done.map((view) => view.state)).toEqual(['done', 'done'])
})
afterAll(() => session.close())

const verify = () => call(session.core, 'flows.archive.verify', { folder: session.folder })
const manifestOf = async (flowId: string) => (await readManifestFile(join(session.folder, ARCHIVE_LAYOUT.manifestFile(flowId)))).manifest

describe('an archive written by the archive part', () => {
  it('verifies clean, every manifest, version and file counted', async () => {
    const report = await verify()
    expect(report.problems).toEqual([])
    expect(report).toMatchObject({ ok: true, manifests: 2, flows: 2, versions: 8 })
    expect(report.files).toBeGreaterThan(1)
    expect(report.files).toBeLessThanOrEqual(8)
  })

  it('finds each archived version identical to the version on the platform, the file named by the canonical hash', async () => {
    const manifest = await manifestOf(SANDBOX_FLOW_SEEDS.mainIvr)
    const [newest, oldest] = [manifest.versions[0], manifest.versions.at(-1)!]
    const same = await call(session.core, 'flows.compare', {
      left: { kind: 'version', flowId: manifest.flow.id, versionId: newest.id },
      right: { kind: 'archived', folder: session.folder, sha256: newest.sha256 },
    })
    expect(same).toMatchObject({ identical: true, leftSha256: newest.sha256, rightSha256: newest.sha256, changes: [] })
    expect(same.rightLabel).toBe(`Archived file ${newest.sha256.slice(0, 8)}… (version ${newest.name} of “${manifest.flow.name}”)`)
    const different = await call(session.core, 'flows.compare', {
      left: { kind: 'archived', folder: session.folder, sha256: oldest.sha256 },
      right: { kind: 'archived', folder: session.folder, sha256: newest.sha256 },
    })
    expect(different.identical).toBe(false)
    expect(different.changes.length).toBeGreaterThan(0)
  })

  it('names the file tampered with, the one deleted and one added by hand', async () => {
    const [first, second] = (await manifestOf(SANDBOX_FLOW_SEEDS.bot)).versions
    const tampered = join(session.folder, first.file)
    await writeFile(tampered, (await readFile(tampered, 'utf8')).replace(/"name": "[^"]*"/, '"name": "Edited by hand"'))
    await unlink(join(session.folder, second.file))
    await writeFile(join(session.folder, ARCHIVE_LAYOUT.configurations, 'copy.json'), '{}')
    const report = await verify()
    expect(report.ok).toBe(false)
    expect(report.problems.map((p) => [p.kind, p.path])).toEqual([
      ['changed', first.file],
      ['missing', second.file],
      ['extra', `${ARCHIVE_LAYOUT.configurations}/copy.json`],
    ])
    expect(report.problems[0]).toMatchObject({ expectedSha256: first.sha256, actualSha256: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(report.problems[0].actualSha256).not.toBe(first.sha256)
  })
})
