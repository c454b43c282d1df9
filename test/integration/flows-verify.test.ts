/** Verifying real archive folders (written in the manifest format) through the core's flows.archive.verify. */
import { mkdtemp, mkdir, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ARCHIVE_LAYOUT } from '../../src/shared/contract/flows/archive'
import type { VerifyProblem, VerifyReport } from '../../src/shared/contract/flows/verify'
import { AppError } from '../../src/shared/errors'
import { startCoreSession, type CoreSession } from './helpers/coreSession'
import { sha256Hex, smallConfiguration, writeArchiveFolder, type WrittenVersion } from './helpers/flowArchiveFolder'
import { call } from './helpers/privacySession'
import { readAudit } from './helpers/uploadSession'

let session: CoreSession
let scratch: string
let archive: string
let written: WrittenVersion[]

const MAIN = 'a1f0c2d4-0000-4000-8000-000000000001'
const QUEUE = 'a1f0c2d4-0000-4000-8000-000000000002'

beforeAll(async () => {
  session = await startCoreSession({ rateLimitPerMinute: 100_000 })
})
afterAll(() => session.close())

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true })
})

/** A fresh archive of two flows (3 + 2 versions), in a scratch folder that also holds things outside it. */
async function freshArchive(): Promise<void> {
  scratch = await mkdtemp(join(tmpdir(), 'switchboard-verify-'))
  archive = join(scratch, 'archive')
  written = await writeArchiveFolder(archive, [
    {
      id: MAIN,
      name: 'Main IVR',
      versions: [1, 2, 3].map((n) => ({ id: `main-v${n}`, name: `${n}.0`, configuration: smallConfiguration('Main IVR', n) })),
    },
    {
      id: QUEUE,
      name: 'Billing queue',
      type: 'INQUEUECALL',
      versions: [1, 2].map((n) => ({ id: `queue-v${n}`, name: `${n}.0`, configuration: smallConfiguration('Billing queue', 10 + n) })),
    },
  ])
}

const verify = (folder = archive): Promise<VerifyReport> => call(session.core, 'flows.archive.verify', { folder })
const only = (report: VerifyReport, kind: VerifyProblem['kind']) => report.problems.filter((p) => p.kind === kind)
const version = (versionId: string) => written.find((w) => w.versionId === versionId)!

describe('a clean archive', () => {
  it('is OK, with every manifest, flow, version and file counted, and one audit entry', async () => {
    await freshArchive()
    const report = await verify()
    expect(report).toMatchObject({ ok: true, manifests: 2, flows: 2, versions: 5, files: 5, problems: [], truncated: false })
    expect(report.problemCounts).toEqual({ changed: 0, missing: 0, extra: 0, 'manifest-invalid': 0 })
    const entries = (await readAudit(session.dataDir)).filter((e) => e.action === 'flows.archive.verify' && e.target === report.folder)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ outcome: 'ok', detail: { result: 'clean', manifests: 2, versions: 5, files: 5, problems: 0 } })
  })

  it('counts a configuration shared by two versions once, and is still OK', async () => {
    scratch = await mkdtemp(join(tmpdir(), 'switchboard-verify-'))
    archive = join(scratch, 'archive')
    const same = smallConfiguration('Main IVR', 7)
    await writeArchiveFolder(archive, [
      {
        id: MAIN,
        name: 'Main IVR',
        versions: [
          { id: 'v1', name: '1.0', configuration: same },
          { id: 'v2', name: '2.0', configuration: same },
        ],
      },
    ])
    expect(await verify()).toMatchObject({ ok: true, versions: 2, files: 1 })
  })
})

describe('a damaged archive', () => {
  it('names a tampered file as changed, with the expected and the actual hash, and audits the problem', async () => {
    await freshArchive()
    const target = version('main-v2')
    const path = join(archive, target.file)
    const tampered = (await readFile(path, 'utf8')).replace('Option 2', 'Option X')
    await writeFile(path, tampered)
    const report = await verify()
    expect(report.ok).toBe(false)
    expect(report.problems).toHaveLength(1)
    expect(report.problems[0]).toMatchObject({
      kind: 'changed',
      path: target.file,
      flowId: MAIN,
      versionIds: ['main-v2'],
      expectedSha256: target.sha256,
      actualSha256: sha256Hex(tampered),
      expectedSizeBytes: target.sizeBytes,
      actualSizeBytes: Buffer.byteLength(tampered),
    })
    expect(report.problems[0].detail).toContain('was changed after it was archived')
    expect(report.problems[0].detail).toContain('version 2.0 of “Main IVR”')
    expect(report.problems[0].hint).toMatch(/backup/)
    const entry = (await readAudit(session.dataDir)).filter((e) => e.action === 'flows.archive.verify').at(-1)
    expect(entry).toMatchObject({ outcome: 'error', detail: { result: 'problems', problems: 1, changed: 1 } })
  })

  it('names a file whose size alone differs (same bytes, truncated manifest claim) as changed', async () => {
    await freshArchive()
    const target = version('queue-v1')
    const manifestPath = join(archive, ARCHIVE_LAYOUT.manifestFile(QUEUE))
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { versions: { id: string; sizeBytes: number }[] }
    manifest.versions.find((v) => v.id === 'queue-v1')!.sizeBytes += 5
    await writeFile(manifestPath, JSON.stringify(manifest))
    const [problem] = (await verify()).problems
    expect(problem).toMatchObject({
      kind: 'changed',
      path: target.file,
      expectedSizeBytes: target.sizeBytes + 5,
      actualSizeBytes: target.sizeBytes,
    })
    expect(problem.actualSha256).toBe(target.sha256)
    expect(problem.detail).toContain('bytes where the manifest says')
  })

  it('names a missing file', async () => {
    await freshArchive()
    const target = version('queue-v2')
    await unlink(join(archive, target.file))
    const report = await verify()
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: 'missing',
        path: target.file,
        flowId: QUEUE,
        versionIds: ['queue-v2'],
        expectedSha256: target.sha256,
      }),
    ])
    expect(report.problems[0].detail).toBe(`${target.file} is missing: it holds version 2.0 of “Billing queue”.`)
  })

  it('names extra files: one in configurations no manifest names, a stray file in manifests, a leftover temp file', async () => {
    await freshArchive()
    const stray = `${ARCHIVE_LAYOUT.configurations}/${sha256Hex('stray')}.json`
    await writeFile(join(archive, stray), '{"name":"copied in by hand"}')
    await writeFile(join(archive, ARCHIVE_LAYOUT.manifests, 'notes.txt'), 'my notes')
    await writeFile(join(archive, ARCHIVE_LAYOUT.configurations, '.abc.json.tmp'), '{')
    await mkdir(join(archive, ARCHIVE_LAYOUT.configurations, 'old'))
    const report = await verify()
    expect(report.ok).toBe(false)
    expect(only(report, 'extra').map((p) => p.path)).toEqual([
      'configurations/.abc.json.tmp',
      stray,
      'configurations/old',
      'manifests/notes.txt',
    ])
    expect(only(report, 'extra')[0].detail).toContain('interrupted run')
    expect(only(report, 'extra')[1].detail).toBe(`${stray} is not named by any manifest.`)
    expect(only(report, 'extra')[2].detail).toContain('is a folder')
    expect(report.problemCounts).toMatchObject({ extra: 4, changed: 0, missing: 0 })
    expect(report.files).toBe(5)
  })

  it('reports an invalid manifest without crashing, keeps checking the others, and does not call its files extra', async () => {
    await freshArchive()
    const manifestPath = join(archive, ARCHIVE_LAYOUT.manifestFile(QUEUE))
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { versions: { sha256: string }[]; format: string }
    manifest.format = 'someone-else/2'
    await writeFile(manifestPath, JSON.stringify(manifest))
    await writeFile(join(archive, ARCHIVE_LAYOUT.manifests, 'broken.json'), '{ "format": "switchboard.flow-archive/1", ')
    const report = await verify()
    expect(report).toMatchObject({ ok: false, manifests: 3, flows: 1, versions: 3, files: 3 })
    const invalid = only(report, 'manifest-invalid')
    expect(invalid.map((p) => p.path)).toEqual(['manifests/a1f0c2d4-0000-4000-8000-000000000002.json', 'manifests/broken.json'])
    expect(invalid[0]).toMatchObject({ flowId: QUEUE })
    expect(invalid[0].detail).toContain('format')
    expect(invalid[0].detail).toContain('The 2 files it names were not checked.')
    expect(invalid[1].detail).toBe('manifests/broken.json is not JSON: it cannot be read as a manifest.')
    expect(only(report, 'extra')).toEqual([])
  })

  it('refuses a manifest that points a version outside configurations/, without reading that path', async () => {
    await freshArchive()
    const outside = join(scratch, 'secret.txt')
    await writeFile(outside, 'not for verify')
    const manifestPath = join(archive, ARCHIVE_LAYOUT.manifestFile(MAIN))
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { versions: { id: string; file: string }[] }
    manifest.versions.find((v) => v.id === 'main-v1')!.file = '../secret.txt'
    await writeFile(manifestPath, JSON.stringify(manifest))
    const report = await verify()
    const [problem] = only(report, 'manifest-invalid')
    expect(problem).toMatchObject({ path: ARCHIVE_LAYOUT.manifestFile(MAIN), versionIds: ['main-v1'] })
    expect(problem.detail).toContain('That path was not read')
    // Its real file is no longer named by any manifest.
    expect(only(report, 'extra').map((p) => p.path)).toEqual([version('main-v1').file])
  })

  it('names a manifest stored under another flow’s id', async () => {
    await freshArchive()
    const text = await readFile(join(archive, ARCHIVE_LAYOUT.manifestFile(QUEUE)), 'utf8')
    await unlink(join(archive, ARCHIVE_LAYOUT.manifestFile(QUEUE)))
    await writeFile(join(archive, ARCHIVE_LAYOUT.manifests, 'renamed.json'), text)
    const report = await verify()
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'manifest-invalid', path: 'manifests/renamed.json', flowId: QUEUE })])
    expect(report.problems[0].detail).toContain('Its files were still checked')
  })

  it('does not read a manifest larger than the cap', async () => {
    await freshArchive()
    await writeFile(join(archive, ARCHIVE_LAYOUT.manifests, 'huge.json'), Buffer.alloc(17 * 1024 * 1024, 0x20))
    const [problem] = only(await verify(), 'manifest-invalid')
    expect(problem).toMatchObject({ path: 'manifests/huge.json' })
    expect(problem.detail).toContain('more than a manifest can be (16 MB)')
  })
})

describe('links', () => {
  it('never follows a file link out of the folder: a linked file is a problem, even with the right content', async () => {
    await freshArchive()
    const target = version('main-v3')
    const copy = join(scratch, 'outside.json')
    await writeFile(copy, await readFile(join(archive, target.file)))
    await unlink(join(archive, target.file))
    await symlink(copy, join(archive, target.file))
    const report = await verify()
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'changed', path: target.file, versionIds: ['main-v3'] })])
    expect(report.problems[0].actualSha256).toBeUndefined()
    expect(report.problems[0].detail).toContain('is a link pointing outside the archive folder')
    expect(report.problems[0].detail).toContain(copy)
    expect(report.problems[0].detail).toContain('does not follow links')
  })

  it('names an unnamed link in configurations as extra, and a linked manifest as invalid', async () => {
    await freshArchive()
    await symlink('/etc/hostname', join(archive, ARCHIVE_LAYOUT.configurations, 'elsewhere.json'))
    const outsideManifest = join(scratch, 'manifest.json')
    await writeFile(outsideManifest, await readFile(join(archive, ARCHIVE_LAYOUT.manifestFile(QUEUE))))
    await symlink(outsideManifest, join(archive, ARCHIVE_LAYOUT.manifests, 'linked.json'))
    const report = await verify()
    expect(only(report, 'extra')).toEqual([expect.objectContaining({ path: 'configurations/elsewhere.json' })])
    expect(only(report, 'extra')[0].detail).toContain('is a link')
    expect(only(report, 'manifest-invalid')).toEqual([expect.objectContaining({ path: 'manifests/linked.json' })])
    expect(only(report, 'manifest-invalid')[0].detail).toContain('is a link pointing outside the archive folder')
  })

  it('does not follow a configurations folder that is a link', async () => {
    await freshArchive()
    const elsewhere = join(scratch, 'elsewhere')
    await mkdir(elsewhere)
    await rm(join(archive, ARCHIVE_LAYOUT.configurations), { recursive: true })
    await symlink(elsewhere, join(archive, ARCHIVE_LAYOUT.configurations))
    const report = await verify()
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'changed', path: 'configurations' })])
    expect(report.problems[0].detail).toContain('The configurations folder is a link pointing outside the archive folder')
  })

  it('verifies an archive reached through a linked path by its real path', async () => {
    await freshArchive()
    const alias = join(scratch, 'alias')
    await symlink(archive, alias)
    const report = await verify(alias)
    expect(report).toMatchObject({ ok: true, files: 5 })
    expect(report.folder).not.toBe(alias)
    expect(report.folder.endsWith('archive')).toBe(true)
  })
})

describe('folders that cannot be verified', () => {
  it('refuses a folder without manifests or configurations, a relative path, a missing folder and the data folder', async () => {
    await freshArchive()
    const empty = join(scratch, 'empty')
    await mkdir(empty)
    const refusal = async (folder: string) => {
      const error = await verify(folder).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AppError)
      return error as AppError
    }
    expect(await refusal(empty)).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('not a flow archive folder') })
    expect(await refusal('relative/archive')).toMatchObject({ code: 'invalid_input' })
    expect(await refusal(join(scratch, 'nope'))).toMatchObject({ code: 'file', message: expect.stringContaining('does not exist') })
    expect(await refusal(session.dataDir)).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('data folder') })
    expect(await refusal('')).toMatchObject({ code: 'invalid_input' })
    const failed = (await readAudit(session.dataDir)).filter(
      (e) => e.action === 'flows.archive.verify' && e.outcome === 'error' && e.detail?.result === 'failed',
    )
    expect(failed.length).toBeGreaterThanOrEqual(5)
  })

  it('reports files in configurations when the manifests folder is gone', async () => {
    await freshArchive()
    await rm(join(archive, ARCHIVE_LAYOUT.manifests), { recursive: true })
    const report = await verify()
    expect(report).toMatchObject({ ok: false, manifests: 0, files: 0 })
    expect(only(report, 'missing')).toEqual([expect.objectContaining({ path: 'manifests' })])
    expect(only(report, 'extra')).toHaveLength(5)
  })
})
