/**
 * What the Uploads screen counts while a batch is paused or waiting to retry, and a cancelled file
 * run again: bytes a paused row sent are in the summary, a pause does not count as working time, a
 * 503 with Retry-After shows which attempt comes next and when, and a cancelled file can be retried.
 */
import { createHash } from 'node:crypto'
import { readFile, rm, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { manualClock, type ManualClock } from '../../src/main/sandbox'
import type { UploadView } from '../../src/shared/contract/uploads'
import { writeWav } from '../fixtures/audio'
import { makeDir, startUploadSession, type UploadSession } from './helpers/uploadSession'

let dir: string

beforeAll(async () => {
  dir = await makeDir()
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const row = (rows: UploadView[], name: string) => rows.find((r) => r.name === name)
const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex')

/** A session whose core reads a clock that moves only when the test says. */
async function clockedSession(): Promise<{ session: UploadSession; clock: ManualClock }> {
  const clock = manualClock()
  const session = await startUploadSession({ now: () => new Date(clock.now()) })
  return { session, clock }
}

describe('counters while paused', () => {
  let session: UploadSession
  beforeAll(async () => {
    session = await startUploadSession()
  })
  afterAll(async () => session.close())

  it('counts in the summary the bytes a paused row already sent', async () => {
    // The storage holds each PUT before reading it: part of the body leaves, then the upload is paused.
    session.sandbox.setFaults({ latencyMs: 3000, routes: '^/__uploads/' })
    const path = await writeWav(join(dir, 'long-call.wav'), { bytes: 4096, variant: 21 })
    await truncate(path, 40 * 1024 * 1024)
    await session.call('uploads.start', { paths: [path] })
    await session.waitForRows((rows) => row(rows, 'long-call.wav')?.state === 'uploading' && row(rows, 'long-call.wav')!.doneBytes > 0)
    await session.call('uploads.pause', {})

    const { rows, batches } = await session.call('uploads.list', {})
    const paused = row(rows, 'long-call.wav')!
    expect(paused.state).toBe('paused')
    expect(paused.sentBytes).toBeGreaterThan(0)
    expect(paused.sentBytes).toBe(paused.doneBytes)
    expect(batches[0].summary.bytesSent).toBe(paused.sentBytes)
    // The summary pushed to the screen says the same.
    expect(session.seen('upload.batchChanged').at(-1)?.summary.bytesSent).toBe(paused.sentBytes)
    await session.call('uploads.cancel', {})
  })
})

describe('working time', () => {
  it('leaves a pause of an hour out of the duration and the average speed', async () => {
    const { session, clock } = await clockedSession()
    try {
      session.sandbox.setFaults({ latencyMs: 1500, routes: '^/__uploads/' })
      const path = await writeWav(join(dir, 'paused-hour.wav'), { bytes: 20_000, variant: 22 })
      await session.call('uploads.start', { paths: [path] })
      await session.waitForRows((rows) => row(rows, 'paused-hour.wav')?.state === 'confirming')
      clock.advance(10_000) // ten seconds of work
      const [paused] = await session.call('uploads.pause', {})
      expect(paused.state).toBe('paused')
      clock.advance(3_600_000) // an hour away
      session.sandbox.setFaults({})
      await session.call('uploads.resume', {})
      const { batches, rows } = await session.waitForRows((r) => row(r, 'paused-hour.wav')?.state === 'done')

      expect(batches[0].summary.durationMs).toBe(10_000)
      expect(batches[0].summary).toMatchObject({ bytesSent: 20_000, averageBytesPerSecond: 2000 })
      expect(row(rows, 'paused-hour.wav')?.sentBytes).toBe(20_000)
      // The batch's audit summary (written a moment after its last row) says the same.
      await vi.waitFor(
        async () => {
          const audit = await session.call('audit.tail', { limit: 200 })
          expect(audit.find((e) => e.action === 'recording.batch.finished')).toMatchObject({
            latencyMs: 10_000,
            detail: { averageBytesPerSecond: 2000 },
          })
        },
        { timeout: 5000, interval: 50 },
      )
    } finally {
      await session.close()
    }
  })
})

describe('waiting to retry', () => {
  it('shows which attempt comes next, when, and why, during a 503 with Retry-After', async () => {
    const { session, clock } = await clockedSession()
    try {
      session.sandbox.setFaults({ errorRate5xx: 1, serverErrorStatus: 503, serverErrorRetryAfterSeconds: 30, routes: '^/__uploads/' })
      const path = await writeWav(join(dir, 'slow-down.wav'), { bytes: 8000, variant: 23 })
      await session.call('uploads.start', { paths: [path] })
      const { rows } = await session.waitForRows((r) => row(r, 'slow-down.wav')?.retry !== undefined)
      const waiting = row(rows, 'slow-down.wav')!
      expect(waiting.state).toBe('uploading')
      expect(waiting.retry).toEqual({
        attempt: 2,
        maxAttempts: 9,
        at: new Date(clock.now() + 30_000).toISOString(),
        reason: 'the storage answered HTTP 503 SlowDown',
      })
      expect(session.sandbox.stats().faults.error5xx).toBe(1)
      // The row pushed to the screen carries the same wait.
      await vi.waitFor(
        () => expect(session.seen('upload.changed').some((r) => r.name === 'slow-down.wav' && r.retry?.attempt === 2)).toBe(true),
        { timeout: 5000, interval: 20 },
      )
      const [cancelled] = await session.call('uploads.cancel', {})
      expect(cancelled.retry).toBeUndefined()
    } finally {
      await session.close()
    }
  })
})

describe('waiting to retry the upload link', () => {
  it('shows the wait the API client makes after a 429 on the presign', async () => {
    const { session, clock } = await clockedSession()
    try {
      session.sandbox.setFaults({ rateLimitBurstRate: 1, retryAfterSeconds: 20, routes: '^/api/v2/uploads/recordings$', methods: ['POST'] })
      const path = await writeWav(join(dir, 'rate-limited.wav'), { bytes: 8000, variant: 26 })
      await session.call('uploads.start', { paths: [path] })
      const { rows } = await session.waitForRows((r) => row(r, 'rate-limited.wav')?.retry !== undefined)
      expect(row(rows, 'rate-limited.wav')?.retry).toEqual({
        attempt: 2,
        maxAttempts: 9,
        at: new Date(clock.now() + 20_000).toISOString(),
        reason: 'asking for an upload link: the API asked to slow down (HTTP 429)',
      })
      await session.call('uploads.cancel', {})
    } finally {
      await session.close()
    }
  })
})

describe('a cancelled file', () => {
  let session: UploadSession
  beforeAll(async () => {
    session = await startUploadSession()
  })
  afterAll(async () => session.close())

  it('is run again by Retry and uploaded once', async () => {
    session.sandbox.setFaults({ latencyMs: 2000, routes: '^/__uploads/' })
    const path = await writeWav(join(dir, 'cancelled-early.wav'), { bytes: 9000, variant: 24 })
    await session.call('uploads.start', { paths: [path] })
    const { rows } = await session.waitForRows((r) => row(r, 'cancelled-early.wav')?.state === 'confirming')
    await session.call('uploads.cancel', { ids: [row(rows, 'cancelled-early.wav')!.id] })
    await vi.waitFor(() => expect(session.sandbox.stats().putsInProgress).toBe(0), { timeout: 10_000, interval: 50 })
    session.sandbox.setFaults({})

    const retried = await session.call('uploads.retry', {})
    expect(retried.map((r) => r.name)).toEqual(['cancelled-early.wav'])
    expect(retried[0].state).not.toBe('cancelled')
    const done = await session.waitForRows((r) => row(r, 'cancelled-early.wav')?.state === 'done')
    expect(done.batches.at(-1)?.summary).toMatchObject({ uploaded: 1, cancelled: 0, unfinished: 0 })
    expect(session.sandbox.uploadCountBySha256()[await sha256(path)]).toBe(1)
    const audit = await session.call('audit.tail', { limit: 100 })
    expect(audit.some((e) => e.action === 'recording.upload.retry' && e.detail?.count === 1)).toBe(true)
  })

  it('whose bytes had reached the org when it was cancelled is confirmed by the report on retry, not sent again', async () => {
    // The storage stores the object, then holds its 200: the cancel comes in that window.
    session.sandbox.setFaults({ storedAnswerDelayMs: 3000, routes: '^/__uploads/' })
    const path = await writeWav(join(dir, 'cancelled-late.wav'), { bytes: 9000, variant: 25 })
    const sha = await sha256(path)
    await session.call('uploads.start', { paths: [path] })
    await vi.waitFor(() => expect(session.sandbox.uploadCountBySha256()[sha]).toBe(1), { timeout: 10_000, interval: 20 })
    const [cancelled] = await session.call('uploads.cancel', {})
    expect(cancelled.state).toBe('cancelled')
    session.sandbox.setFaults({})

    await session.call('uploads.retry', {})
    const done = row((await session.waitForRows((r) => row(r, 'cancelled-late.wav')?.state === 'done')).rows, 'cancelled-late.wav')!
    expect(session.sandbox.uploadCountBySha256()[sha]).toBe(1)
    const audit = await session.call('audit.tail', { limit: 100 })
    const completed = audit.find((e) => e.action === 'recording.upload.completed' && e.target === 'cancelled-late.wav')
    expect(completed?.detail).toMatchObject({ confirmedBy: 'report', uploadKey: done.uploadKey })
  })
})
