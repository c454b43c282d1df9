/**
 * Controls and safety of running uploads: cancel in every state, pause and resume, a file that changes
 * or vanishes between its check and its upload, and a presigned URL that expired before use.
 */
import { createHash } from 'node:crypto'
import { appendFile, readFile, rm, truncate, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { manualClock } from '../../src/main/sandbox'
import type { UploadView } from '../../src/shared/contract/uploads'
import { writeWav } from '../fixtures/audio'
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
afterEach(async () => {
  session.sandbox.setFaults({})
  await session.call('uploads.cancel', {})
  await session.call('uploads.clear', {})
  await session.call('uploads.settings.set', { concurrency: 3 })
})

const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')
const row = (rows: UploadView[], name: string) => rows.find((r) => r.name === name)
const stateOf = (name: string, state: UploadView['state']) => (rows: UploadView[]) => row(rows, name)?.state === state
/** Holds every presigned PUT for a while before the sandbox reads its body. */
const slowStorage = (ms: number) => session.sandbox.setFaults({ latencyMs: ms, routes: '^/__uploads/' })

async function bigWav(name: string, bytes: number, variant: number): Promise<string> {
  const path = await writeWav(join(dir, name), { bytes: 4096, variant })
  await truncate(path, bytes) // the WAV header stays; the rest reads as zeros
  return path
}

describe('cancel', () => {
  it('stops an upload in every state, and nothing cancelled is stored', async () => {
    await session.call('uploads.settings.set', { concurrency: 1 })
    slowStorage(2500)
    const uploading = await bigWav('uploading.wav', 40 * 1024 * 1024, 1)
    const queued = await writeWav(join(dir, 'queued.wav'), { variant: 2, bytes: 5000 })
    await session.call('uploads.start', { paths: [uploading, queued] })

    // uploading: part of the body is out, the storage has not read it yet
    let rows = (await session.waitForRows((r) => row(r, 'uploading.wav')?.state === 'uploading' && row(r, 'uploading.wav')!.doneBytes > 0))
      .rows
    expect(row(rows, 'queued.wav')?.state).toBe('queued')
    const [cancelledQueued] = await session.call('uploads.cancel', { ids: [row(rows, 'queued.wav')!.id] })
    expect(cancelledQueued.state).toBe('cancelled')
    const [cancelledUploading] = await session.call('uploads.cancel', { ids: [row(rows, 'uploading.wav')!.id] })
    expect(cancelledUploading.state).toBe('cancelled')

    // confirming: every byte is out, no answer yet
    const confirming = await writeWav(join(dir, 'confirming.wav'), { variant: 3, bytes: 5000 })
    await session.call('uploads.start', { paths: [confirming] })
    rows = (await session.waitForRows(stateOf('confirming.wav', 'confirming'))).rows
    expect((await session.call('uploads.cancel', { ids: [row(rows, 'confirming.wav')!.id] }))[0].state).toBe('cancelled')
    session.sandbox.setFaults({})

    // hashing: a 400 MiB recording takes a moment to hash
    const hashing = await bigWav('hashing.wav', 400 * 1024 * 1024, 4)
    await session.call('uploads.start', { paths: [hashing] })
    rows = (await session.waitForRows(stateOf('hashing.wav', 'hashing'))).rows
    expect((await session.call('uploads.cancel', {}))[0]).toMatchObject({ name: 'hashing.wav', state: 'cancelled' })

    // paused
    slowStorage(2000)
    const paused = await writeWav(join(dir, 'paused.wav'), { variant: 5, bytes: 5000 })
    await session.call('uploads.start', { paths: [paused] })
    rows = (await session.waitForRows(stateOf('paused.wav', 'confirming'))).rows
    await session.call('uploads.pause', {})
    rows = (await session.waitForRows(stateOf('paused.wav', 'paused'))).rows
    expect((await session.call('uploads.cancel', {}))[0]).toMatchObject({ name: 'paused.wav', state: 'cancelled' })

    // Wait until the slow storage is done with every PUT it received: stored, refused or dropped.
    await vi.waitFor(() => expect(session.sandbox.stats().putsInProgress).toBe(0), { timeout: 20_000, interval: 50 })
    const stored = session.sandbox.uploads().map((u) => u.fileName)
    for (const name of ['uploading.wav', 'queued.wav', 'hashing.wav', 'paused.wav']) expect(stored).not.toContain(name)

    const audit = await session.call('audit.tail', { limit: 500 })
    const cancelled = audit.filter((e) => e.action === 'recording.upload.cancelled')
    expect(Object.fromEntries(cancelled.map((e) => [e.target, e.detail?.stoppedWhile]))).toEqual({
      'queued.wav': 'queued',
      'uploading.wav': 'uploading',
      'confirming.wav': 'confirming',
      'hashing.wav': 'hashing',
      'paused.wav': 'paused',
    })
    expect(audit.some((e) => e.action === 'recording.upload.failed')).toBe(false)
  })

  it('cancels an upload interrupted by a restart', async () => {
    slowStorage(3000)
    const path = await writeWav(join(dir, 'interrupted.wav'), { variant: 6, bytes: 5000 })
    await session.call('uploads.start', { paths: [path] })
    await session.waitForRows(stateOf('interrupted.wav', 'confirming'))
    await session.core.close()
    await session.reopen()
    const rows = (await session.call('uploads.list', {})).rows
    expect(row(rows, 'interrupted.wav')?.state).toBe('interrupted')
    expect((await session.call('uploads.cancel', {}))[0]).toMatchObject({ name: 'interrupted.wav', state: 'cancelled' })
  })
})

describe('pause and resume', () => {
  it('pauses running and queued uploads, then finishes each exactly once', async () => {
    await session.call('uploads.settings.set', { concurrency: 2 })
    slowStorage(800)
    const paths = await Promise.all([1, 2, 3, 4].map((n) => writeWav(join(dir, `p${n}.wav`), { variant: 100 + n, bytes: 20_000 })))
    await session.call('uploads.start', { paths })
    await session.waitForRows((rows) => rows.filter((r) => r.state === 'confirming').length === 2)
    const paused = await session.call('uploads.pause', {})
    expect(paused.map((r) => r.state)).toEqual(['paused', 'paused', 'paused', 'paused'])
    const list = await session.call('uploads.list', {})
    expect(list.rows.every((r) => r.state === 'paused')).toBe(true)
    expect(list.batches[0].summary.unfinished).toBe(4)

    const resumed = await session.call('uploads.resume', {})
    expect(resumed).toHaveLength(4)
    const done = await session.waitForRows((rows) => rows.length === 4 && rows.every((r) => r.state === 'done'))
    expect(done.batches[0].finished).toBe(true)
    const counts = session.sandbox.uploadCountBySha256()
    for (const path of paths) expect(counts[await sha256(path)]).toBe(1)
  })
})

describe('a file that changes after it was checked', () => {
  it('is caught before it is sent, reported, and uploaded as it is now on retry', async () => {
    // Presigning takes 1.5 s, so the file can be changed between its hash and its upload.
    session.sandbox.setFaults({ latencyMs: 1500, routes: '^/api/v2/uploads/recordings$' })
    const path = await writeWav(join(dir, 'growing.wav'), { variant: 7, bytes: 6000 })
    const before = await sha256(path)
    await session.call('uploads.start', { paths: [path] })
    await session.waitForRows(stateOf('growing.wav', 'uploading'))
    await appendFile(path, Buffer.alloc(512, 1))
    const failed = row((await session.waitForRows(stateOf('growing.wav', 'failed'))).rows, 'growing.wav')!
    expect(failed.error?.message).toBe('growing.wav changed after it was checked: its size went from 6000 to 6512 bytes.')
    expect(failed.error?.hint).toMatch(/Nothing half-changed was uploaded/)
    expect(session.sandbox.uploadCountBySha256()[before]).toBeUndefined()

    session.sandbox.setFaults({})
    await session.call('uploads.retry', {})
    const retried = row((await session.waitForRows(stateOf('growing.wav', 'done'))).rows, 'growing.wav')!
    expect(retried.sha256).toBe(await sha256(path))
    expect(retried.size).toBe(6512)
    expect(session.sandbox.uploadCountBySha256()[await sha256(path)]).toBe(1)
  })

  it('is reported when it vanished', async () => {
    session.sandbox.setFaults({ latencyMs: 1500, routes: '^/api/v2/uploads/recordings$' })
    const path = await writeWav(join(dir, 'vanishing.wav'), { variant: 8, bytes: 6000 })
    await session.call('uploads.start', { paths: [path] })
    await session.waitForRows(stateOf('vanishing.wav', 'uploading'))
    await unlink(path)
    const failed = row((await session.waitForRows(stateOf('vanishing.wav', 'failed'))).rows, 'vanishing.wav')!
    expect(failed.error?.message).toBe(
      'vanishing.wav can no longer be read since it was checked: it no longer exists (moved, renamed or deleted).',
    )
    const audit = await session.call('audit.tail', { limit: 50 })
    expect(audit.find((e) => e.action === 'recording.upload.failed' && e.target === 'vanishing.wav')?.detail?.reason).toBe(
      failed.error?.message,
    )
  })
})

describe('an expired presigned URL', () => {
  it('is presigned again and the upload goes through once', async () => {
    let puts = 0
    const storageClock = manualClock()
    const expiring = await startUploadSession({
      sandbox: { clock: storageClock },
      // A 2-second URL, and a first PUT that only starts 3 s later on the storage's clock: it is refused as expired.
      tuning: { signedUrlTimeoutSeconds: 2, beforePut: async () => void (puts++ === 0 && storageClock.advance(3000)) },
    })
    try {
      const path = await writeWav(join(dir, 'late.wav'), { variant: 9, bytes: 6000 })
      await expiring.call('uploads.start', { paths: [path] })
      const done = row((await expiring.waitForRows((rows) => allSettled(rows))).rows, 'late.wav')!
      expect(done.state, done.error?.message).toBe('done')
      expect(done.retries).toBeGreaterThanOrEqual(1)
      expect(expiring.sandbox.uploadCountBySha256()[await sha256(path)]).toBe(1)
      const audit = (await expiring.call('audit.tail', { limit: 100 })).reverse()
      const attempts = audit
        .filter((e) => e.action === 'recording.upload.put')
        .map((e) => [e.outcome, e.detail?.status, e.detail?.reason ?? null])
      expect(attempts[0]).toEqual(['retry', 403, 'presigned URL expired'])
      expect(attempts.at(-1)).toEqual(['ok', 200, null])
      expect(audit.filter((e) => e.target === 'POST /api/v2/uploads/recordings' && e.outcome === 'ok').length).toBe(attempts.length)
    } finally {
      await expiring.close()
    }
  })
})
