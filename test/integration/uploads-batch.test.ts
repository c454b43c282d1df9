/**
 * A batch end to end against the sandbox: every accepted file uploaded once with exactly the presigned
 * headers, every step audited, the recording.uploaded app event emitted and audited, duplicates skipped unless forced, and the
 * batch summary right.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AuditEntry } from '../../src/shared/api'
import type { UploadsSnapshot } from '../../src/shared/contract/uploads'
import { copyMedia, PNG_BYTES, writeWav } from '../fixtures/audio'
import { expectRecordedAppEvent } from './helpers/appEvents'
import { allSettled, makeDir, startUploadSession, type UploadSession } from './helpers/uploadSession'

let session: UploadSession
let dir: string

beforeAll(async () => {
  session = await startUploadSession()
  dir = await makeDir()
})
afterAll(async () => {
  await session.close()
  await rm(dir, { recursive: true, force: true })
})

const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')
const metadata = { department: 'customer_support', complianceTag: 'pci_dss_audit', retentionDirective: 'retain_7_years' }

async function auditEntries(): Promise<AuditEntry[]> {
  return (await session.call('audit.tail', { limit: 1000 })).reverse()
}

describe('an upload batch', () => {
  let files: string[]

  it('uploads every accepted file exactly once and refuses the rest with a reason', async () => {
    files = [
      await writeWav(join(dir, 'a.wav'), { variant: 1, bytes: 12_000 }),
      await writeWav(join(dir, 'b.wav'), { variant: 2, bytes: 3 * 1024 * 1024 + 17 }),
      await copyMedia('mp3', join(dir, 'c.mp3')),
      await copyMedia('ogg', join(dir, 'd.ogg')),
      await copyMedia('m4a', join(dir, 'e.m4a')),
    ]
    const png = join(dir, 'photo.wav')
    await writeFile(png, PNG_BYTES)

    const batch = await session.call('uploads.start', { paths: [...files, png], metadata })
    expect(batch.metadata).toEqual(metadata)
    const snapshot = await session.waitForRows((rows) => rows.length === 6 && allSettled(rows))
    const rows = Object.fromEntries(snapshot.rows.map((r) => [r.name, r]))
    for (const path of files) {
      const row = rows[path.split('/').pop()!]
      expect(row.state, row.error?.message).toBe('done')
      expect(row.sha256).toBe(await sha256(path))
      expect(row.doneBytes).toBe(row.size)
      expect(row.uploadKey).toBeTruthy()
    }
    expect(rows['photo.wav'].state).toBe('refused')
    expect(rows['photo.wav'].error?.message).toBe('content is PNG, not WAV')

    // The sandbox stored each content once, byte for byte, with the type the content has.
    const counts = session.sandbox.uploadCountBySha256()
    const hashes = await Promise.all(files.map(sha256))
    expect(Object.keys(counts).sort()).toEqual([...hashes].sort())
    expect(Object.values(counts).every((n) => n === 1)).toBe(true)
    const stored = session.sandbox.uploads()
    expect(stored.map((u) => u.fileName).sort()).toEqual(['a.wav', 'b.wav', 'c.mp3', 'd.ogg', 'e.m4a'])
    expect(stored.find((u) => u.fileName === 'b.wav')?.size).toBe((await stat(files[1])).size)

    // The summary.
    const view = snapshot.batches.find((b) => b.id === batch.id)!
    expect(view.finished).toBe(true)
    expect(view.summary).toMatchObject({ files: 6, uploaded: 5, skipped: 0, failed: 0, refused: 1, cancelled: 0, unfinished: 0 })
    const totalBytes = rowsBytes(snapshot.rows.filter((r) => r.state === 'done'))
    expect(view.summary.bytesUploaded).toBe(totalBytes)
    expect(view.summary.averageBytesPerSecond).toBeGreaterThan(0)
  })

  it('audits every step and emits recording.uploaded with the batch metadata', async () => {
    let entries = await auditEntries()
    for (let i = 0; i < 100 && !entries.some((e) => e.action === 'recording.batch.finished'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      entries = await auditEntries()
    }
    const of = (action: string) => entries.filter((e) => e.action === action)
    expect(of('recording.batch.started')).toHaveLength(1)
    expect(of('recording.batch.started')[0].detail).toMatchObject({ accepted: 5, refused: 1, ...metadata })
    expect(of('recording.upload.refused').map((e) => [e.target, e.detail?.reason])).toEqual([['photo.wav', 'content is PNG, not WAV']])
    const started = of('recording.upload.started')
    const completed = of('recording.upload.completed')
    expect(started.map((e) => e.target).sort()).toEqual(['a.wav', 'b.wav', 'c.mp3', 'd.ogg', 'e.m4a'])
    expect(completed.map((e) => e.target).sort()).toEqual(['a.wav', 'b.wav', 'c.mp3', 'd.ogg', 'e.m4a'])
    for (const entry of completed) {
      expect(entry.outcome).toBe('ok')
      expect(entry.org).toBe('Sandbox Contact Centre')
      expect(entry.latencyMs).toBeGreaterThanOrEqual(0)
      expect(entry.correlationId).toMatch(/^[0-9a-f-]{36}$/)
      expect(entry.detail).toMatchObject({ retries: 0, confirmedBy: 'put', ...metadata })
      expect(entry.detail?.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(entry.detail?.size).toBeGreaterThan(0)
    }
    expect(started.find((e) => e.target === 'a.wav')?.detail).toMatchObject({ size: 12_000, sha256: await sha256(files[0]) })
    expect(of('recording.upload.put').every((e) => e.outcome === 'ok')).toBe(true)
    expect(of('api.call').filter((e) => e.target === 'POST /api/v2/uploads/recordings')).toHaveLength(5)
    expect(of('recording.batch.finished')[0].detail).toMatchObject({ uploaded: 5, refused: 1, failed: 0 })
    // No presigned URL (it carries a signature) and no path ends up in the log.
    expect(JSON.stringify(entries)).not.toMatch(/X-Amz-Signature|__uploads|\/tmp\//)

    // The app event: one per recording, its payload parses, it is in the audit log, and it names no file.
    const uploaded = session.appEvents.filter((e) => e.type === 'recording.uploaded')
    expect(uploaded).toHaveLength(5)
    for (const event of uploaded) expectRecordedAppEvent(event, entries)
    const mp3Sha256 = await sha256(files[2])
    const mp3 = uploaded.find((e) => e.type === 'recording.uploaded' && e.payload.sha256 === mp3Sha256)
    expect(mp3?.payload).toMatchObject({ contentType: 'audio/mpeg', profileId: 'sandbox', batchId: completed[0].detail?.batchId })
    expect(session.sandbox.uploads().find((u) => u.fileName === 'c.mp3')?.key).toBe(
      mp3?.type === 'recording.uploaded' && mp3.payload.uploadKey,
    )
    const text = JSON.stringify(uploaded)
    for (const word of ['.wav', '.mp3', 'Sandbox Contact Centre', metadata.department, metadata.complianceTag])
      expect(text).not.toContain(word)
  })

  it('skips content already uploaded to the org, unless forced', async () => {
    const copy = join(dir, 'a-again.wav')
    await writeFile(copy, await readFile(files[0]))
    const again = await session.call('uploads.start', { paths: [files[1], copy] })
    const snapshot = await session.waitForRows(
      (rows) => rows.filter((r) => r.batchId === again.id).length === 2 && allSettled(rows.filter((r) => r.batchId === again.id)),
    )
    const rows = snapshot.rows.filter((r) => r.batchId === again.id)
    expect(rows.map((r) => r.state)).toEqual(['skipped', 'skipped'])
    expect(rows.find((r) => r.name === 'a-again.wav')?.skipReason).toMatch(
      /^Already uploaded to this org \(as a\.wav on \d{4}-\d{2}-\d{2}, upload key /,
    )
    expect(Object.values(session.sandbox.uploadCountBySha256()).every((n) => n === 1)).toBe(true)
    expect(snapshot.batches.find((b) => b.id === again.id)?.summary).toMatchObject({ skipped: 2, uploaded: 0, bytesUploaded: 0 })
    const skipped = (await auditEntries()).filter((e) => e.action === 'recording.upload.skipped')
    expect(skipped).toHaveLength(2)
    expect(skipped[0]).toMatchObject({ outcome: 'skipped', detail: { reason: 'duplicate' } })

    const forced = await session.call('uploads.start', { paths: [copy], force: true })
    await session.waitForRows((rows) => rows.some((r) => r.batchId === forced.id && r.state === 'done'))
    expect(session.sandbox.uploadCountBySha256()[await sha256(files[0])]).toBe(2)
  })

  it('never shows a skipped duplicate as sent and waiting for the storage, even while its skip is being recorded', async () => {
    const copy = join(dir, 'a-once-more.wav')
    await writeFile(copy, await readFile(files[0]))
    // The moment the skip is audited (before the audit log's flush and the last checkpoint), the row as the list shows it.
    const rowsWhileRecording: Promise<UploadsSnapshot>[] = []
    const stop = session.core.on('audit.appended', (entry) => {
      if (entry.action === 'recording.upload.skipped' && entry.target === 'a-once-more.wav')
        rowsWhileRecording.push(session.core.handlers['uploads.list']({}))
    })
    const batch = await session.call('uploads.start', { paths: [copy] })
    await session.waitForRows((rows) => rows.some((r) => r.batchId === batch.id && r.state === 'skipped'))
    stop()
    expect(rowsWhileRecording).toHaveLength(1)
    const row = (await rowsWhileRecording[0]).rows.find((r) => r.batchId === batch.id)
    expect(row?.state).not.toBe('confirming')
    expect(row?.sentBytes).toBe(0)
    const changes = session.seen('upload.changed').filter((r) => r.batchId === batch.id)
    expect(changes.filter((r) => r.state === 'confirming' || r.sentBytes > 0)).toEqual([])
  })

  it('uploads two copies of one content in a batch once', async () => {
    const x = await writeWav(join(dir, 'x.wav'), { variant: 77, bytes: 5000 })
    const y = join(dir, 'y.wav')
    await writeFile(y, await readFile(x))
    const batch = await session.call('uploads.start', { paths: [x, y] })
    const snapshot = await session.waitForRows((rows) => allSettled(rows.filter((r) => r.batchId === batch.id)))
    expect(
      snapshot.rows
        .filter((r) => r.batchId === batch.id)
        .map((r) => r.state)
        .sort(),
    ).toEqual(['done', 'skipped'])
    expect(session.sandbox.uploadCountBySha256()[await sha256(x)]).toBe(1)
  })

  it('clears finished rows and empty batches', async () => {
    const { removed } = await session.call('uploads.clear', {})
    expect(removed).toBeGreaterThanOrEqual(10)
    const snapshot = await session.call('uploads.list', {})
    expect(snapshot.rows).toEqual([])
    expect(snapshot.batches).toEqual([])
    expect(session.seen('upload.removed').at(-1)?.ids.length).toBe(removed)
  })
})

describe('file names the API refuses', () => {
  it('sends a safe name, keeps the local one on the row and in the audit log, and never clashes within a batch', async () => {
    const folder = join(dir, 'names')
    await mkdir(folder)
    const awkward = await writeWav(join(folder, 'my call #3.wav'), { variant: 61, bytes: 9000 })
    const plain = await writeWav(join(folder, 'my_call_3.wav'), { variant: 62, bytes: 9000 })
    const review = await session.call('uploads.inspect', { paths: [awkward, plain] })
    expect(review.files.map((f) => [f.name, f.uploadName])).toEqual([
      ['my call #3.wav', 'my_call_3-2.wav'],
      ['my_call_3.wav', undefined],
    ])

    const batch = await session.call('uploads.start', { paths: [awkward, plain] })
    const snapshot = await session.waitForRows((rows) => allSettled(rows.filter((r) => r.batchId === batch.id)))
    const rows = Object.fromEntries(snapshot.rows.filter((r) => r.batchId === batch.id).map((r) => [r.name, r]))
    expect(rows['my call #3.wav']).toMatchObject({ state: 'done', uploadName: 'my_call_3-2.wav' })
    expect(rows['my_call_3.wav'].state).toBe('done')
    expect(rows['my_call_3.wav'].uploadName).toBeUndefined()

    const stored = new Map(session.sandbox.uploads().map((u) => [u.key, u.fileName]))
    expect(stored.get(rows['my call #3.wav'].uploadKey!)).toBe('my_call_3-2.wav')
    expect(stored.get(rows['my_call_3.wav'].uploadKey!)).toBe('my_call_3.wav')

    const completed = (await auditEntries()).filter((e) => e.action === 'recording.upload.completed' && e.detail?.batchId === batch.id)
    expect(completed.map((e) => [e.target, e.detail?.uploadName]).sort()).toEqual([
      ['my call #3.wav', 'my_call_3-2.wav'],
      ['my_call_3.wav', 'my_call_3.wav'],
    ])
  })
})

function rowsBytes(rows: { size: number }[]): number {
  return rows.reduce((sum, r) => sum + r.size, 0)
}
