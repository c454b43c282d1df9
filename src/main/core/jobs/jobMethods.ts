/**
 * The jobs.* methods: one implementation over the job runner for every workflow's jobs, so the Jobs
 * panel can pause, resume, cancel and retry any job without knowing which workflow owns it.
 */
import type { Handlers, JobView } from '../../../shared/api'
import { AppError } from '../../../shared/errors'
import type { JobRunner, StoredJob } from './jobTypes'

type JobMethod = Extract<keyof Handlers, `jobs.${string}`>
export type JobHandlers = Pick<Handlers, JobMethod>
export type JobControl = 'pause' | 'resume' | 'retry' | 'cancel'

/** What the Jobs panel needs beyond the runner's view: whether to offer Pause. */
export function withControls(job: JobView, pauseRefusal: JobMethodsDeps['pauseRefusal']): JobView {
  return { ...job, canPause: pauseRefusal(job.kind) === undefined }
}

export interface JobMethodsDeps {
  runner: JobRunner
  /** Why a kind cannot be paused, in words for the admin; undefined when it can. */
  pauseRefusal(kind: string): string | undefined
  /** Records a control the admin used (the audit entry). */
  record(control: JobControl, job: JobView): void
}

export function createJobMethods({ runner, pauseRefusal, record }: JobMethodsDeps): JobHandlers {
  const decorate = (job: JobView): JobView => withControls(job, pauseRefusal)
  const require = (id: string): JobView => {
    const job = runner.get(id)
    if (!job)
      throw new AppError({ code: 'not_found', message: `No job with id ${id}.`, hint: 'It may have been cleared; refresh the job list.' })
    return decorate(job)
  }
  const controlled = async (control: JobControl, job: JobView, act: () => Promise<StoredJob>): Promise<JobView> => {
    await act()
    const after = require(job.id)
    if (after.state !== job.state) record(control, after)
    return after
  }

  return {
    'jobs.list': async () => {
      await runner.refresh()
      return runner
        .list()
        .map(decorate)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    },
    'jobs.cancel': async ({ id }) => {
      await runner.refresh()
      const job = require(id)
      if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') return job
      return controlled('cancel', job, () => runner.cancel(id))
    },
    'jobs.pause': async ({ id }) => {
      await runner.refresh()
      const job = require(id)
      const refusal = pauseRefusal(job.kind)
      if (refusal)
        throw new AppError({
          code: 'conflict',
          message: `“${job.title}” cannot be paused: ${refusal}`,
          hint: 'Let it finish, or cancel it.',
        })
      if (job.state === 'paused') return job
      if (job.state !== 'queued' && job.state !== 'running') throw refused(job, 'paused', 'Only a queued or running job can be paused.')
      return controlled('pause', job, () => runner.pause(id))
    },
    'jobs.resume': async ({ id }) => {
      await runner.refresh()
      const job = require(id)
      if (job.state === 'queued' || job.state === 'running') return job
      if (job.state === 'failed') throw refused(job, 'resumed', 'A failed job is run again with Retry.')
      if (job.state !== 'paused' && job.state !== 'interrupted')
        throw refused(job, 'resumed', 'Only a paused or interrupted job can be resumed.')
      return controlled('resume', job, () => runner.resume(id))
    },
    'jobs.retry': async ({ id }) => {
      await runner.refresh()
      const job = require(id)
      if (job.state !== 'failed') throw refused(job, 'retried', 'Only a failed job can be retried.')
      return controlled('retry', job, () => runner.resume(id))
    },
    'jobs.resumeAll': async ({ ids }) => {
      await runner.refresh()
      const wanted =
        ids ??
        runner
          .list()
          .filter((j) => j.state === 'interrupted')
          .map((j) => j.id)
      const resumed: JobView[] = []
      for (const id of wanted) {
        const job = runner.get(id)
        if (job?.state === 'interrupted') resumed.push(await controlled('resume', decorate(job), () => runner.resume(id)))
      }
      return resumed
    },
  }
}

function refused(job: JobView, what: string, rule: string): AppError {
  return new AppError({
    code: 'conflict',
    message: `“${job.title}” is ${job.state} and cannot be ${what}. ${rule}`,
    hint: 'Refresh the job list; the job may have changed since it was shown.',
  })
}
