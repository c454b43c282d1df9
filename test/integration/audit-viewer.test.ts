/**
 * The audit log viewer through the contract: real core, real sandbox, real files. Activity comes from
 * testing the Sandbox connection (real API calls, each audited); exports run as jobs and are read back
 * with real parsers; tampering edits the log file on disk.
 */
import { createPublicKey, verify as verifySignature } from 'node:crypto'
import { mkdtemp, readFile, readdir, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import yauzl from 'yauzl'
import { afterEach, describe, expect, it } from 'vitest'
import type { AuditEntry, JobView, MethodInput, MethodName, MethodResult } from '../../src/shared/api'
import { SANDBOX_PROFILE_ID } from '../../src/shared/api'
import type { AuditExportView, AuditListedEntry } from '../../src/shared/contract/audit'
import type { BundleManifest } from '../../src/main/core/audit'
import { AppError } from '../../src/shared/errors'
import { createCore, type Core } from '../../src/main/core'
import { openAuditLog } from '../../src/main/core/audit'
import { invokeMethod } from '../../src/main/core/invoke'
import { createPlainSecretBox } from '../../src/main/core/secrets/plainSecretBox'
import { startSandbox, type Sandbox } from '../../src/main/sandbox'
import { startWebShell } from '../../src/main/web/server'

interface Session {
  core: Core
  sandbox: Sandbox
  dataDir: string
  shown: string[]
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>
  close(): Promise<void>
}

const open: Session[] = []
const dirs: string[] = []

afterEach(async () => {
  for (const s of open.splice(0)) await s.close()
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true })
})

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  dirs.push(dir)
  return dir
}

/** A core on `dataDir` (fresh when absent); `desktop` gives it a Show-in-folder like Electron's. */
async function start(opts: { dataDir?: string; desktop?: boolean } = {}): Promise<Session> {
  const dataDir = opts.dataDir ?? (await tempDir('switchboard-audit-'))
  const sandbox = await startSandbox({ port: 0 })
  const shown: string[] = []
  const core = await createCore({
    dataDir,
    shell: opts.desktop ? 'electron' : 'web',
    version: 'test',
    secretBox: createPlainSecretBox(),
    sandbox: { url: sandbox.url, clientId: sandbox.clientId, clientSecret: sandbox.clientSecret },
    ...(opts.desktop ? { showItemInFolder: (path: string) => void shown.push(path) } : {}),
  })
  let closed = false
  const session: Session = {
    core,
    sandbox,
    dataDir,
    shown,
    // Through the same parse-and-dispatch path the shells use.
    call: async (method, input) => {
      const response = await invokeMethod(core.handlers, method, input)
      if (!response.ok) throw AppError.fromData(response.error)
      return response.value as never
    },
    close: async () => {
      if (closed) return
      closed = true
      await core.close()
      await sandbox.close()
    },
  }
  open.push(session)
  return session
}

async function testConnection(s: Session, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await s.call('profiles.test', { id: SANDBOX_PROFILE_ID })
}

function waitForJob(s: Session, id: string, until: (job: JobView) => boolean = isFinished): Promise<JobView> {
  return new Promise((resolve) => {
    const off = s.core.on('job.progress', (job) => {
      if (job.id === id && until(job)) {
        off()
        resolve(job)
      }
    })
    void s.call('jobs.list', {}).then((jobs) => {
      const job = jobs.find((j) => j.id === id)
      if (job && until(job)) {
        off()
        resolve(job)
      }
    })
  })
}

const isFinished = (job: JobView) => ['done', 'failed', 'cancelled'].includes(job.state)

async function exportAndWait(s: Session, input: MethodInput<'audit.export'>): Promise<AuditExportView> {
  const started = await s.call('audit.export', input)
  const job = await waitForJob(s, started.job.id)
  expect(job.error).toBeUndefined()
  expect(job.state).toBe('done')
  const view = (await s.call('audit.exports', {})).find((e) => e.job.id === started.job.id)
  if (!view?.result) throw new Error('the finished export has no result')
  return view
}

/** Every entry matching `filter`, oldest first, through the viewer's own paging. */
async function allEntries(s: Session, filter: MethodInput<'audit.query'>['filter'] = {}): Promise<AuditListedEntry[]> {
  const first = await s.call('audit.query', { filter, offset: 0, limit: 1000 })
  const entries = [...first.entries]
  const total = first.totalPending ? (await s.call('audit.count', { filter, untilSeq: first.headSeq })).total : first.total
  while (entries.length < total) {
    const page = await s.call('audit.query', { filter, offset: entries.length, limit: 1000, untilSeq: first.headSeq })
    entries.push(...page.entries)
  }
  return entries.reverse()
}

function readZip(path: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error)
      const files = new Map<string, Buffer>()
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err)
          const chunks: Buffer[] = []
          stream.on('data', (c: Buffer) => chunks.push(c))
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks))
            zip.readEntry()
          })
        })
      })
      zip.on('end', () => resolve(files))
      zip.on('error', reject)
      zip.readEntry()
    })
  })
}

describe('audit viewer: query and filters', () => {
  it('pages newest first and filters by action, outcome, org, time and free text', async () => {
    const s = await start()
    await testConnection(s, 3)
    await s.call('audit.settings.set', { maxSegmentMiB: 32, keepClosedSegments: null })

    const page = await s.call('audit.query', { offset: 0, limit: 5 })
    expect(page.entries).toHaveLength(5)
    const seqs = page.entries.map((e) => e.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a))
    expect(page.entries[0].action).toBe('audit.settings')

    const all = await allEntries(s)
    expect(all.length).toBe(page.total)
    const apiCalls = await allEntries(s, { action: 'api.call' })
    expect(apiCalls.length).toBeGreaterThanOrEqual(3)
    expect(apiCalls.length).toBe(all.filter((e) => e.action === 'api.call').length)
    expect(apiCalls.every((e) => e.action === 'api.call')).toBe(true)

    const org = apiCalls.find((e) => e.org !== '')?.org
    if (!org) throw new Error('no API call names its org')
    const inOrg = await allEntries(s, { org })
    expect(inOrg.length).toBe(all.filter((e) => e.org === org).length)

    const oks = await allEntries(s, { outcome: ['ok'] })
    expect(oks.length).toBe(all.filter((e) => e.outcome === 'ok').length)

    const text = await allEntries(s, { text: 'RETENTION' })
    expect(text.map((e) => e.action)).toEqual(['audit.settings'])

    const later = await allEntries(s, { from: all[all.length - 1].time })
    expect(later.every((e) => e.time >= all[all.length - 1].time)).toBe(true)
    expect(await allEntries(s, { to: all[0].time })).toEqual([])

    const metrics = await s.call('audit.metrics', {})
    expect(metrics.entries).toBe(all.length)
    expect(metrics.values.actions).toContain('api.call')
    expect(metrics.values.orgs).toContain(org)
    const api = metrics.workflows.find((w) => w.workflow === 'api')
    expect(api?.total).toBe(apiCalls.length)
    expect(api?.latencyP50Ms).not.toBeNull()
    expect(metrics.activity.reduce((sum, b) => sum + b.total, 0)).toBe(all.length)
  })

  it('refuses a filter time that is not a date, saying how to write one', async () => {
    const s = await start()
    await expect(s.call('audit.query', { filter: { from: 'yesterday-ish' } })).rejects.toMatchObject({
      code: 'invalid_input',
      hint: expect.stringContaining('2025-01-31'),
    })
  })
})

describe('audit viewer: exports as jobs', () => {
  it('exports the filtered entries as JSON Lines, CSV and a signed bundle; each reads back to the same entries', async () => {
    const s = await start()
    await testConnection(s, 3)
    const filter = { action: 'api.call' }
    const expected = await allEntries(s, filter)
    expect(expected.length).toBeGreaterThanOrEqual(3)

    const jsonl = await exportAndWait(s, {
      format: 'jsonl',
      path: (await s.call('audit.suggestExportPath', { format: 'jsonl' })).path,
      filter,
    })
    expect(jsonl.result?.entries).toBe(expected.length)
    const lines = (await readFile(jsonl.result!.path, 'utf8')).split('\n').filter(Boolean)
    expect(lines.map((l) => JSON.parse(l) as AuditEntry)).toEqual(expected)

    const csvPath = (await s.call('audit.suggestExportPath', { format: 'csv' })).path
    expect(csvPath.endsWith('.csv')).toBe(true)
    const csv = await exportAndWait(s, { format: 'csv', path: csvPath, filter })
    const rows = parse(await readFile(csv.result!.path), { bom: true, columns: true }) as Record<string, string>[]
    expect(rows.map((r) => Number(r.seq))).toEqual(expected.map((e) => e.seq))
    expect(rows.map((r) => r.action)).toEqual(expected.map((e) => e.action))
    expect(rows.map((r) => r.correlationId)).toEqual(expected.map((e) => e.correlationId ?? ''))

    const bundle = await exportAndWait(s, {
      format: 'bundle',
      path: (await s.call('audit.suggestExportPath', { format: 'bundle' })).path,
      filter,
    })
    expect(bundle.result!.path.endsWith('.zip')).toBe(true)
    const files = await readZip(bundle.result!.path)
    expect([...files.keys()].sort()).toEqual(['README.txt', 'entries.jsonl', 'manifest.json', 'manifest.sig', 'public-key.pem'])
    const bundled = files
      .get('entries.jsonl')!
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AuditEntry)
    expect(bundled).toEqual(expected)
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8')) as {
      chain: { verifiedAtExport: { ok: boolean } }
      signature: { publicKeySha256: string }
    }
    expect(manifest.chain.verifiedAtExport.ok).toBe(true)
    expect(manifest.signature.publicKeySha256).toBe((await s.call('audit.settings.get', {})).signingKeyFingerprint)

    // Each export is itself in the log.
    const exports = await allEntries(s, { action: 'audit.export' })
    expect(exports.map((e) => e.detail?.format)).toEqual(['jsonl', 'csv', 'bundle'])
    expect((await s.call('audit.exports', {})).map((e) => e.format)).toEqual(['bundle', 'csv', 'jsonl'])
  })

  it('validates the target: a full path, an existing folder, outside the log folder, no overwrite unless confirmed', async () => {
    const s = await start()
    const folder = await tempDir('switchboard-export-')
    await expect(s.call('audit.export', { format: 'csv', path: 'relative/audit.csv' })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('not a full file path'),
    })
    await expect(s.call('audit.export', { format: 'csv', path: join(folder, 'missing', 'audit.csv') })).rejects.toMatchObject({
      message: expect.stringContaining('does not exist'),
    })
    await expect(s.call('audit.export', { format: 'csv', path: folder })).rejects.toMatchObject({
      message: expect.stringContaining('is a folder'),
    })
    await expect(s.call('audit.export', { format: 'jsonl', path: join(s.dataDir, 'audit', 'copy.jsonl') })).rejects.toMatchObject({
      message: expect.stringContaining("audit log's own folder"),
    })

    const target = join(folder, 'audit.csv')
    await writeFile(target, 'keep me')
    await expect(s.call('audit.export', { format: 'csv', path: target })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('already exists'),
    })
    expect(await readFile(target, 'utf8')).toBe('keep me')
    const replaced = await exportAndWait(s, { format: 'csv', path: target, overwrite: true })
    expect(replaced.result?.entries).toBeGreaterThan(0)
    expect((await readFile(target, 'utf8')).startsWith('\uFEFFseq,')).toBe(true)
  })

  it('an export through a symlinked folder into the data folder is refused even with overwrite; audit.jsonl is unchanged and appends continue', async () => {
    const s = await start()
    await testConnection(s, 2)
    const live = join(s.dataDir, 'audit', 'audit.jsonl')
    const before = await readFile(live)
    const inodeBefore = (await stat(live)).ino
    const folder = await tempDir('switchboard-export-')
    await symlink(join(s.dataDir, 'audit'), join(folder, 'logs'))
    await symlink(s.dataDir, join(folder, 'data'))
    const refused = { code: 'invalid_input', message: expect.stringContaining("inside Switchboard's data folder") }
    await expect(
      s.call('audit.export', { format: 'jsonl', path: join(folder, 'logs', 'audit.jsonl'), overwrite: true }),
    ).rejects.toMatchObject(refused)
    await expect(
      s.call('audit.export', { format: 'csv', path: join(folder, 'data', 'settings.json'), overwrite: true }),
    ).rejects.toMatchObject(refused)
    await expect(
      s.call('audit.export', { format: 'csv', path: join(folder, 'data', 'exports', '..', 'jobs', 'x.csv'), overwrite: true }),
    ).rejects.toMatchObject(refused)

    const after = await readFile(live)
    expect(after.subarray(0, before.length).equals(before)).toBe(true)
    expect((await stat(live)).ino).toBe(inodeBefore)
    await testConnection(s, 1)
    const verified = await s.call('audit.verify', {})
    expect(verified).toMatchObject({ ok: true })
    expect(verified.entries).toBeGreaterThan(before.toString().split('\n').filter(Boolean).length)
    // The data folder's own exports folder (made by suggesting a path), reached through the link, is still fine.
    await s.call('audit.suggestExportPath', { format: 'jsonl' })
    const fine = await exportAndWait(s, { format: 'jsonl', path: join(folder, 'data', 'exports', 'through-link.jsonl') })
    expect(fine.result?.path).toBe(join(await realpath(s.dataDir), 'exports', 'through-link.jsonl'))
  })

  it('an export to a symlinked file that points at audit.jsonl (or at a new file in the log folder) is refused even with overwrite', async () => {
    const s = await start()
    await testConnection(s, 1)
    const live = join(s.dataDir, 'audit', 'audit.jsonl')
    const folder = await tempDir('switchboard-export-')
    await symlink(live, join(folder, 'latest.jsonl'))
    await symlink(join(s.dataDir, 'audit', 'not-yet.jsonl'), join(folder, 'dangling.jsonl'))
    const before = await readFile(live)
    for (const name of ['latest.jsonl', 'dangling.jsonl']) {
      await expect(s.call('audit.export', { format: 'jsonl', path: join(folder, name), overwrite: true })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringContaining('through a link'),
      })
    }
    expect((await readFile(live)).subarray(0, before.length).equals(before)).toBe(true)
    expect(await readdir(join(s.dataDir, 'audit'))).not.toContain('not-yet.jsonl')
    await testConnection(s, 1)
    expect(await s.call('audit.verify', {})).toMatchObject({ ok: true })
  })

  it('a signed bundle states which key signs the chain head, and that signature checks out', async () => {
    const s = await start()
    await testConnection(s, 1)
    const bundle = await exportAndWait(s, { format: 'bundle', path: (await s.call('audit.suggestExportPath', { format: 'bundle' })).path })
    const files = await readZip(bundle.result!.path)
    const manifest = JSON.parse(files.get('manifest.json')!.toString()) as BundleManifest
    const settings = await s.call('audit.settings.get', {})
    expect(manifest.chain.headSignedBy).toMatchObject({
      publicKeyFile: 'public-key.pem',
      publicKeySha256: settings.signingKeyFingerprint,
      keychain: false,
    })
    const payload = Buffer.from(`switchboard-audit-head/1\nseq=${manifest.chain.headSeq}\nhash=${manifest.chain.headHash}\n`)
    expect(
      verifySignature(
        null,
        payload,
        createPublicKey(files.get('public-key.pem')!),
        Buffer.from(manifest.chain.headSignedBy.headSignature, 'base64'),
      ),
    ).toBe(true)
    const anchor = JSON.parse(await readFile(join(s.dataDir, 'audit', 'audit.head.json'), 'utf8'))
    expect(anchor.key).toBe(settings.signingKeyFingerprint)
    expect(files.get('README.txt')!.toString()).toContain(`fingerprint ${settings.signingKeyFingerprint}, NOT protected by an OS keychain`)
    expect(settings.signingKey).toMatchObject({
      fingerprint: settings.signingKeyFingerprint,
      keychain: false,
      warning: expect.stringContaining('No keychain protects the audit key'),
    })
  })

  it('a cancelled export leaves no file, partial or whole, and is recorded as cancelled', async () => {
    const dataDir = await tempDir('switchboard-audit-big-')
    // A log big enough that the export is still writing when the cancel arrives.
    const log = await openAuditLog({ dir: join(dataDir, 'audit'), flushIntervalMs: 60_000 })
    for (let i = 0; i < 150_000; i++) {
      log.append({
        profile: 'Sandbox',
        org: 'Sandbox Org',
        action: 'api.call',
        target: `GET /api/v2/users/${i}`,
        outcome: 'ok',
        latencyMs: i % 900,
        correlationId: `corr-${i}`,
        detail: { status: 200, bytes: i },
      })
    }
    await log.close()
    const s = await start({ dataDir })
    const folder = await tempDir('switchboard-export-')
    const target = join(folder, 'all.csv')
    const started = await s.call('audit.export', { format: 'csv', path: target })
    await waitForJob(s, started.job.id, (job) => job.state === 'running' && (job.progress.doneBytes ?? 0) > 0)
    await s.call('jobs.cancel', { id: started.job.id })
    const job = await waitForJob(s, started.job.id)
    expect(job.state).toBe('cancelled')
    expect(await readdir(folder)).toEqual([])
    const view = (await s.call('audit.exports', {})).find((e) => e.job.id === started.job.id)
    expect(view?.result).toBeUndefined()
    const [recorded] = (await s.call('audit.query', { filter: { action: 'audit.export' }, limit: 1 })).entries
    expect(recorded.outcome).toBe('cancelled')
    await expect(s.call('audit.show', { target: 'export', jobId: started.job.id })).rejects.toMatchObject({ code: 'conflict' })
    // Writing 150,000 entries first takes most of the time: 33–38 s seen on a busy 2-core machine.
  }, 120_000)
})

describe('audit viewer: verify, segments, retention', () => {
  it('verify says intact, then names the first changed line after a tamper on disk', async () => {
    const s = await start()
    await testConnection(s, 2)
    const intact = await s.call('audit.verify', {})
    expect(intact).toMatchObject({ ok: true })
    expect(intact.entries).toBeGreaterThan(2)
    expect(intact.headHash).toMatch(/^[0-9a-f]{64}$/)

    const path = join(s.dataDir, 'audit', 'audit.jsonl')
    const lines = (await readFile(path, 'utf8')).split('\n')
    const victim = lines.findIndex((l) => l.includes('"api.call"'))
    expect(victim).toBeGreaterThanOrEqual(0)
    // Same length, so the running log's idea of the file size still holds.
    lines[victim] = lines[victim].replace('"outcome":"ok"', '"outcome":"OK"')
    await writeFile(path, lines.join('\n'))
    const broken = await s.call('audit.verify', {})
    expect(broken.ok).toBe(false)
    expect(broken.firstBad?.seq).toBe((JSON.parse(lines[victim]) as AuditEntry).seq)
    expect(broken.firstBad?.line).toBe(victim + 1)
  })

  it('rotation keeps the chain verifiable across segments, archiving keeps it too, and queries span them', async () => {
    const s = await start()
    await testConnection(s, 1)
    await s.call('audit.rotate', {})
    await testConnection(s, 1)
    await s.call('audit.rotate', {})
    await testConnection(s, 1)
    const segments = await s.call('audit.segments', {})
    expect(segments.segments.map((x) => x.state)).toEqual(['closed', 'closed', 'active'])
    expect(segments.totalBytes).toBe(segments.segments.reduce((sum, x) => sum + x.bytes, 0))
    expect(await s.call('audit.verify', {})).toMatchObject({ ok: true })
    const all = await allEntries(s)
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1))
    expect(all.filter((e) => e.action === 'audit.rotate')).toHaveLength(2)

    const archived = await s.call('audit.archive', { keepClosedSegments: 1 })
    expect(archived.archived).toBe(1)
    expect(archived.segments.map((x) => x.state)).toEqual(['archived', 'closed', 'active'])
    expect(await s.call('audit.verify', {})).toMatchObject({ ok: true })
    expect(await s.call('audit.verify', { includeArchive: true })).toMatchObject({ ok: true })
    expect((await readdir(join(s.dataDir, 'audit', 'archive'))).some((n) => n.endsWith('.jsonl.gz'))).toBe(true)

    // Search, count and export still read every segment, the archived one first, its entries marked.
    const [record] = (await s.call('audit.segments', {})).segments.filter((x) => x.state === 'archived')
    const archiveFile = `${record.name}.gz`
    const fromArchive = (seq: number) => seq >= record.firstSeq && seq <= record.lastSeq!
    const everything = await allEntries(s)
    expect(everything.map((e) => e.seq)).toEqual(everything.map((_, i) => i + 1))
    expect(everything.filter((e) => fromArchive(e.seq)).length).toBeGreaterThan(0)
    for (const e of everything) expect(e.archive).toBe(fromArchive(e.seq) ? archiveFile : undefined)
    const filter = { action: 'api.call' }
    const calls = await allEntries(s, filter)
    expect(calls.map((e) => e.seq)).toEqual(all.filter((e) => e.action === 'api.call').map((e) => e.seq))
    expect(calls.some((e) => e.archive === archiveFile) && calls.some((e) => e.archive === undefined)).toBe(true)
    expect((await s.call('audit.count', { filter })).total).toBe(calls.length)

    const csvPath = (await s.call('audit.suggestExportPath', { format: 'csv' })).path
    const csv = await exportAndWait(s, { format: 'csv', path: csvPath })
    const rows = parse(await readFile(csv.result!.path), { bom: true, columns: true }) as Record<string, string>[]
    expect(rows.map((r) => Number(r.seq))).toEqual(everything.map((e) => e.seq))
    for (const r of rows) expect(r.archive).toBe(fromArchive(Number(r.seq)) ? archiveFile : '')
    const jsonlPath = (await s.call('audit.suggestExportPath', { format: 'jsonl' })).path
    const jsonl = await exportAndWait(s, { format: 'jsonl', path: jsonlPath, filter })
    const lines = (await readFile(jsonl.result!.path, 'utf8')).trim().split('\n')
    expect(lines.map((l) => (JSON.parse(l) as AuditEntry).seq)).toEqual(calls.map((e) => e.seq))
  })

  it('retention settings persist, apply to the running log, and archive old segments after each rotation', async () => {
    const dataDir = await tempDir('switchboard-audit-settings-')
    let s = await start({ dataDir })
    const defaults = await s.call('audit.settings.get', {})
    expect(defaults.settings).toEqual({ maxSegmentMiB: 64, keepClosedSegments: null })
    expect(defaults.logFolder).toBe(join(dataDir, 'audit'))
    expect(defaults.exportFolder).toBe(join(dataDir, 'exports'))
    await expect(s.call('audit.settings.set', { maxSegmentMiB: 0, keepClosedSegments: null })).rejects.toMatchObject({
      code: 'invalid_input',
    })
    await s.call('audit.settings.set', { maxSegmentMiB: 8, keepClosedSegments: 1 })
    const recorded = (await s.call('audit.query', { filter: { action: 'audit.settings' } })).entries
    expect(recorded[0].detail).toMatchObject({ maxSegmentMiB: 8, keepClosedSegments: 1, previousMaxSegmentMiB: 64 })
    await s.close()

    s = await start({ dataDir })
    expect((await s.call('audit.settings.get', {})).settings).toEqual({ maxSegmentMiB: 8, keepClosedSegments: 1 })
    for (let i = 0; i < 3; i++) {
      await testConnection(s, 1)
      await s.call('audit.rotate', {})
    }
    const states = (await s.call('audit.segments', {})).segments.map((x) => x.state)
    expect(states.filter((x) => x === 'closed')).toHaveLength(1)
    expect(states.filter((x) => x === 'archived')).toHaveLength(2)
    expect(await s.call('audit.verify', { includeArchive: true })).toMatchObject({ ok: true })
    // Archived entries are still found, marked with the archive they come from.
    const settingsEntries = (await s.call('audit.query', { filter: { action: 'audit.settings' } })).entries
    expect(settingsEntries).toHaveLength(1)
    expect(settingsEntries[0].archive).toMatch(/^audit\.\d{12}\.jsonl\.gz$/)
  })

  it('Show in folder: the desktop shell opens the file manager; the web shell gives the path to copy', async () => {
    const web = await start()
    expect(await web.call('audit.show', { target: 'logFolder' })).toEqual({ shown: false, path: join(web.dataDir, 'audit') })

    const desktop = await start({ desktop: true })
    await testConnection(desktop, 1)
    const done = await exportAndWait(desktop, {
      format: 'jsonl',
      path: (await desktop.call('audit.suggestExportPath', { format: 'jsonl' })).path,
    })
    expect(await desktop.call('audit.show', { target: 'export', jobId: done.job.id })).toEqual({ shown: true, path: done.result!.path })
    expect(await desktop.call('audit.show', { target: 'logFolder' })).toEqual({ shown: true, path: join(desktop.dataDir, 'audit') })
    expect(desktop.shown).toEqual([done.result!.path, join(desktop.dataDir, 'audit')])
    // The status bar stops counting the export once it is done.
    await new Promise((resolve) => setImmediate(resolve))
    expect((await desktop.call('status.get', {})).jobsRunning).toBe(0)
    expect((await stat(done.result!.path)).size).toBe(done.result!.bytes)
    await expect(desktop.call('audit.show', { target: 'export', jobId: 'nope' })).rejects.toMatchObject({ code: 'not_found' })
  })
})

describe('web shell: a finished export as a browser download', () => {
  it('serves the file by job id to the token holder only', async () => {
    const s = await start()
    await testConnection(s, 1)
    const rendererDir = await tempDir('switchboard-renderer-')
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Switchboard</title>')
    const web = await startWebShell({ core: s.core, rendererDir })
    try {
      const done = await exportAndWait(s, { format: 'csv', path: (await s.call('audit.suggestExportPath', { format: 'csv' })).path })
      const url = `${web.url}/api/audit-exports/${done.job.id}/file`
      expect((await fetch(url)).status).toBe(401)
      expect((await fetch(url, { headers: { Authorization: 'Bearer wrong-token-123' } })).status).toBe(401)
      const missing = await fetch(`${web.url}/api/audit-exports/nope/file`, { headers: { Authorization: `Bearer ${web.token}` } })
      expect(missing.status).toBe(404)
      const response = await fetch(url, { headers: { Authorization: `Bearer ${web.token}` } })
      expect(response.status).toBe(200)
      expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-.*\.csv"$/)
      expect(Buffer.from(await response.arrayBuffer())).toEqual(await readFile(done.result!.path))
    } finally {
      await web.close()
    }
  })
})
