import { describe, expect, it } from 'vitest'
import type { JobState, JobView } from '../../../src/shared/api'
import { interruptedCount, noticeStillOpen } from '../../../src/renderer/src/ui/frame/jobNotice'
import { filterJobs, jobActions, jobPercent, jobProgressText, upsertJob } from '../../../src/renderer/src/features/jobs/jobWords'

const job = (id: string, state: JobState, extra: Partial<JobView> = {}): JobView => ({
  id,
  kind: 'recording.upload',
  title: `${id}.wav`,
  state,
  progress: {},
  createdAt: `2026-01-01T00:00:0${id.length}Z`,
  updatedAt: '2026-01-01T00:00:00Z',
  ...extra,
})

describe('the interrupted-jobs notice', () => {
  const notice = { jobIds: ['a', 'b'] }

  it('stays while any job it names is interrupted, queued or running', () => {
    expect(noticeStillOpen(notice, [job('a', 'interrupted'), job('b', 'interrupted')])).toBe(true)
    expect(noticeStillOpen(notice, [job('a', 'done'), job('b', 'queued')])).toBe(true)
    expect(noticeStillOpen(notice, [job('a', 'running'), job('b', 'done')])).toBe(true)
  })

  it('goes by itself once none of them is left to finish, whatever other jobs do', () => {
    expect(noticeStillOpen(notice, [job('a', 'done'), job('b', 'failed'), job('c', 'running')])).toBe(false)
    expect(noticeStillOpen(notice, [job('a', 'cancelled'), job('b', 'paused')])).toBe(false)
    // Cleared from the list (Uploads' "Clear finished") counts as finished.
    expect(noticeStillOpen(notice, [job('c', 'interrupted')])).toBe(false)
  })

  it('stays until the job list has loaded, and a notice naming no jobs always stays', () => {
    expect(noticeStillOpen(notice, undefined)).toBe(true)
    expect(noticeStillOpen({}, [])).toBe(true)
    expect(noticeStillOpen({ jobIds: [] }, [job('a', 'done')])).toBe(true)
  })

  it('counts only the named jobs still interrupted for its "Resume all"', () => {
    expect(interruptedCount(notice, [job('a', 'interrupted'), job('b', 'running'), job('c', 'interrupted')])).toBe(1)
    expect(interruptedCount(notice, undefined)).toBe(0)
  })
})

describe('the Jobs panel rules', () => {
  it('offers only the controls the core accepts for the state and kind', () => {
    expect(jobActions({ state: 'running', canPause: true })).toEqual(['pause', 'cancel'])
    expect(jobActions({ state: 'running', canPause: false })).toEqual(['cancel'])
    expect(jobActions({ state: 'queued' })).toEqual(['pause', 'cancel'])
    expect(jobActions({ state: 'paused' })).toEqual(['resume', 'cancel'])
    expect(jobActions({ state: 'interrupted', canPause: false })).toEqual(['resume', 'cancel'])
    expect(jobActions({ state: 'failed' })).toEqual(['retry'])
    expect(jobActions({ state: 'done' })).toEqual([])
    expect(jobActions({ state: 'cancelled' })).toEqual([])
    // A job waiting for its time (a privacy check in 15 minutes) can be cancelled, not paused.
    expect(jobActions({ state: 'scheduled' })).toEqual(['cancel'])
  })

  it('counts a job waiting for its time as unfinished and says when it runs next', () => {
    const waiting = job('w', 'scheduled', { runAt: '2026-01-01T10:15:00Z' })
    expect(filterJobs([waiting, job('d', 'done')], 'unfinished').map((j) => j.id)).toEqual(['w'])
    expect(jobProgressText(waiting)).toMatch(/^Next run /)
  })

  it('says progress with only the parts that are known', () => {
    const running = job('a', 'running', {
      progress: { step: 'Uploading', doneBytes: 1024 * 1024, totalBytes: 4 * 1024 * 1024, bytesPerSecond: 512 * 1024, etaSeconds: 6 },
    })
    expect(jobProgressText(running)).toBe('Uploading · 1 MB of 4 MB · 512 KB/s · 6 s left')
    expect(jobPercent(running)).toBe(25)
    expect(jobProgressText({ ...running, state: 'paused' })).toBe('1 MB of 4 MB')
    expect(jobProgressText(job('b', 'queued'))).toBe('')
    expect(jobPercent(job('b', 'queued'))).toBeUndefined()
    expect(jobPercent(job('b', 'done'))).toBe(100)
  })

  it('keeps the list newest first when an event brings a job it had not seen, and filters it', () => {
    const list = [job('bb', 'running'), job('a', 'done')]
    const withNew = upsertJob(list, job('ccc', 'queued'))
    expect(withNew.map((j) => j.id)).toEqual(['ccc', 'bb', 'a'])
    expect(upsertJob(withNew, job('a', 'failed')).map((j) => `${j.id}:${j.state}`)).toEqual(['ccc:queued', 'bb:running', 'a:failed'])
    expect(filterJobs(withNew, 'unfinished').map((j) => j.id)).toEqual(['ccc', 'bb'])
    expect(filterJobs(upsertJob(withNew, job('a', 'failed')), 'failed').map((j) => j.id)).toEqual(['a'])
  })
})
