/**
 * The generic job controls (jobs.pause / resume / cancel / retry / resumeAll) on real jobs of two
 * workflows: uploads to a real sandbox, and audit exports writing real files. A restart is a core
 * closed mid-job and a new core opened on the same data folder.
 */
import { mkdir, readdir, rm, stat, truncate } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { JobView } from '../../src/shared/api'
import { AUDIT_EXPORT_JOB_KIND } from '../../src/shared/contract/audit'
import { openAuditLog } from '../../src/main/core/audit'
import { UPLOAD_JOB_KIND } from '../../src/main/core/uploads'
import { writeWav } from '../fixtures/audio'
import { makeDir, readAudit, startUploadSession, type UploadSession } from './helpers/uploadSession'

const open: UploadSession[] = []
const dirs: string[] = []
let dir: string

beforeAll(async () => {
  dir = await makeDir('switchboard-jobs-')
})
afterEach(async () => {
  for (const s of open.splice(0)) await s.close()
})
afterAll(async () => {
  for (const d of [dir, ...dirs]) await rm(d, { recursive: true, force: true })
})

async function session(opts: Parameters<typeof startUploadSession>[0] = {}): Promise<UploadSession> {
  const s = await startUploadSession(opts)
  open.push(s)
  return s
}

/** Waits (through jobs.list, as the Jobs panel sees it) until the job satisfies `until`. */
async function waitForJob(s: UploadSession, id: string, until: (job: JobView) => boolean, timeoutMs = 30_000): Promise<JobView> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const job = (await s.call('jobs.list', {})).find((j) => j.id === id)
    if (job && until(job)) return job
    if (Date.now() > deadline) throw new Error(`Timed out; job: ${JSON.stringify(job)}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
const inState =
  (...states: JobView['state'][]) =>
  (job: JobView) =>
    states.includes(job.state)

async function bigWav(name: string, bytes: number, variant: number): Promise<string> {
  const path = await writeWav(join(dir, name), { bytes: 4096, variant })
  await truncate(path, bytes)
  return path
}

async function uploadJob(s: UploadSession, path: string): Promise<JobView> {
  const batch = await s.call('uploads.start', { paths: [path] })
  expect(batch.summary.files).toBe(1)
  const job = (await s.call('jobs.list', {})).find((j) => j.kind === UPLOAD_JOB_KIND && j.title === path.split('/').pop())
  if (!job) throw new Error('the upload did not become a job')
  return job
}

describe('jobs.* on an upload job', () => {
  it('pauses, resumes and cancels an upload, and refuses what its state does not allow', async () => {
    const s = await session()
    s.sandbox.setFaults({ latencyMs: 2500, routes: '^/__uploads/' })
    const job = await uploadJob(s, await bigWav('paused.wav', 20 * 1024 * 1024, 1))
    await waitForJob(s, job.id, (j) => j.state === 'running' && (j.progress.doneBytes ?? 0) > 0)

    expect(job.canPause).toBe(true)
    const paused = await s.call('jobs.pause', { id: job.id })
    expect(paused.state).toBe('paused')
    expect((await s.call('uploads.list', {})).rows.find((r) => r.id === job.id)?.state).toBe('paused')
    await expect(s.call('jobs.retry', { id: job.id })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Only a failed job can be retried'),
    })

    s.sandbox.setFaults({})
    const resumed = await s.call('jobs.resume', { id: job.id })
    expect(['queued', 'running']).toContain(resumed.state)
    const done = await waitForJob(s, job.id, inState('done', 'failed', 'cancelled'))
    expect(done.state, done.error?.message).toBe('done')
    expect(s.sandbox.uploads()).toHaveLength(1)
    await expect(s.call('jobs.pause', { id: job.id })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is done and cannot be paused'),
    })
    await expect(s.call('jobs.resume', { id: job.id })).rejects.toMatchObject({ code: 'conflict' })

    s.sandbox.setFaults({ latencyMs: 2500, routes: '^/__uploads/' })
    const second = await uploadJob(s, await bigWav('cancelled.wav', 20 * 1024 * 1024, 2))
    await waitForJob(s, second.id, inState('running'))
    expect((await s.call('jobs.cancel', { id: second.id })).state).toBe('cancelled')
    await expect(s.call('jobs.resume', { id: second.id })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is cancelled and cannot be resumed'),
    })
    expect(s.sandbox.uploads()).toHaveLength(1)

    await expect(s.call('jobs.pause', { id: 'no-such-job' })).rejects.toMatchObject({ code: 'not_found' })
    await expect(s.call('jobs.pause', {} as never)).rejects.toMatchObject({ code: 'invalid_input' })
    const controls = (await s.call('audit.tail', { limit: 200 }))
      .filter((e) => e.action.startsWith('job.'))
      .map((e) => `${e.action} ${e.target}`)
    expect(controls).toEqual(expect.arrayContaining(['job.pause paused.wav', 'job.resume paused.wav', 'job.cancel cancelled.wav']))
  })

  it('retries a failed upload from the Jobs controls', async () => {
    const s = await session()
    s.sandbox.setFaults({ latencyMs: 1500, routes: '^/api/v2/uploads/recordings$' })
    const path = await writeWav(join(dir, 'vanishing.wav'), { variant: 3, bytes: 6000 })
    const job = await uploadJob(s, path)
    await waitForJob(s, job.id, inState('running'))
    await rm(path)
    const failed = await waitForJob(s, job.id, inState('failed', 'done'))
    expect(failed.state).toBe('failed')
    expect(failed.error?.hint).toBeTruthy()
    await expect(s.call('jobs.resume', { id: job.id })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Retry'),
    })

    s.sandbox.setFaults({})
    await writeWav(path, { variant: 3, bytes: 6000 })
    const retried = await s.call('jobs.retry', { id: job.id })
    expect(['queued', 'running']).toContain(retried.state)
    const done = await waitForJob(s, job.id, inState('done', 'failed'))
    expect(done.state, done.error?.message).toBe('done')
  })

  it('resumeAll after a restart finishes the interrupted upload, and the notice names it', async () => {
    const dataDir = await makeDir('switchboard-jobs-restart-')
    dirs.push(dataDir)
    const s = await session({ dataDir })
    s.sandbox.setFaults({ latencyMs: 2500, routes: '^/__uploads/' })
    const job = await uploadJob(s, await bigWav('restarted.wav', 20 * 1024 * 1024, 4))
    await waitForJob(s, job.id, inState('running'))
    await s.core.close()
    s.sandbox.setFaults({})

    await s.reopen()
    expect((await s.call('jobs.list', {})).find((j) => j.id === job.id)?.state).toBe('interrupted')
    const notice = (await s.call('app.info', {})).notices.find((n) => n.id === 'jobs-interrupted')
    expect(notice?.jobIds).toEqual([job.id])
    expect(notice?.hint).toContain('Resume all')

    const resumed = await s.call('jobs.resumeAll', {})
    expect(resumed.map((j) => j.id)).toEqual([job.id])
    const done = await waitForJob(s, job.id, inState('done', 'failed'))
    expect(done.state, done.error?.message).toBe('done')
    expect(await s.call('jobs.resumeAll', {})).toEqual([])
  })
})

describe('jobs.* on an audit export job', () => {
  /** A log big enough that an export is still writing when the next call arrives. */
  async function bigLog(): Promise<string> {
    const dataDir = await makeDir('switchboard-jobs-audit-')
    dirs.push(dataDir)
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
    return dataDir
  }

  it('refuses to pause an export with a clear reason, cancels it, and after a restart resumeAll and retry finish it', async () => {
    const s = await session({ dataDir: await bigLog() })
    const folder = await makeDir('switchboard-jobs-export-')
    dirs.push(folder)
    const target = join(folder, 'all.csv')

    const cancelled = (await s.call('audit.export', { format: 'csv', path: join(folder, 'cancelled.csv') })).job
    expect(cancelled.kind).toBe(AUDIT_EXPORT_JOB_KIND)
    expect((await s.call('jobs.list', {})).find((j) => j.id === cancelled.id)?.canPause).toBe(false)
    await waitForJob(s, cancelled.id, (j) => j.state === 'running' && (j.progress.doneBytes ?? 0) > 0)
    const refusal = await s.call('jobs.pause', { id: cancelled.id }).catch((e: unknown) => e)
    expect(refusal).toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('cannot be paused: an export writes its whole file in one pass'),
      hint: 'Let it finish, or cancel it.',
    })
    expect((await s.call('jobs.cancel', { id: cancelled.id })).state).toBe('cancelled')
    expect(await readdir(folder)).toEqual([])

    // Interrupted by a restart while writing; its folder is gone when it resumes, so it fails.
    const started = (await s.call('audit.export', { format: 'csv', path: target })).job
    await waitForJob(s, started.id, (j) => j.state === 'running' && (j.progress.doneBytes ?? 0) > 0)
    await s.core.close()
    await rm(folder, { recursive: true, force: true })
    await s.reopen()
    expect((await s.call('app.info', {})).notices.find((n) => n.id === 'jobs-interrupted')?.jobIds).toEqual([started.id])

    expect((await s.call('jobs.resumeAll', { ids: [started.id, cancelled.id] })).map((j) => j.id)).toEqual([started.id])
    const failed = await waitForJob(s, started.id, inState('failed', 'done'))
    expect(failed.state).toBe('failed')
    expect(failed.error?.hint).toBeTruthy()

    await mkdir(folder)
    expect(['queued', 'running']).toContain((await s.call('jobs.retry', { id: started.id })).state)
    const done = await waitForJob(s, started.id, inState('done', 'failed'), 60_000)
    expect(done.state, done.error?.message).toBe('done')
    expect((await stat(target)).size).toBeGreaterThan(1_000_000)
    const audit = await readAudit(s.dataDir)
    expect(audit.filter((e) => e.action === 'job.retry').map((e) => e.detail?.jobId)).toEqual([started.id])
  })
})
