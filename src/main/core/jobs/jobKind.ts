/**
 * A job kind declared with zod schemas for its params and checkpoint. The journal outlives the code
 * that wrote it (an older version, a hand edit, a damaged disk), so a stored job is checked against
 * its kind before it runs: one that fails is reported as damaged and never handed to the handler.
 */
import type { z } from 'zod'
import { AppError } from '../../../shared/errors'
import type { JobContext, JobKind, StoredJob } from './jobTypes'

export interface JobKindDefinition<P extends z.ZodType, C extends z.ZodType> {
  kind: string
  params: P
  /** The checkpoint a run saves with ctx.checkpoint(); a job that has none yet is not checked. */
  checkpoint: C
  concurrency: number
  /** Gets params and checkpoint already validated and typed. */
  handler: (job: StoredJob<z.output<P>, z.output<C>>, ctx: TypedJobContext<z.input<C>>) => Promise<void>
  resumeAfterRestart?: boolean
  background?: boolean
  /** Why this kind cannot be paused, in words for the admin; omit when it can. */
  pauseRefusal?: string
}

export interface TypedJobContext<C> extends Omit<JobContext, 'checkpoint'> {
  checkpoint(c: C): Promise<void>
}

export function defineJobKind<P extends z.ZodType, C extends z.ZodType>(definition: JobKindDefinition<P, C>): JobKind {
  const damage = (job: StoredJob): string | undefined => {
    const params = definition.params.safeParse(job.params)
    if (!params.success) return describeIssue('params', params.error)
    if (job.checkpoint === undefined) return undefined
    const checkpoint = definition.checkpoint.safeParse(job.checkpoint)
    return checkpoint.success ? undefined : describeIssue('checkpoint', checkpoint.error)
  }
  return {
    kind: definition.kind,
    concurrency: definition.concurrency,
    resumeAfterRestart: definition.resumeAfterRestart,
    background: definition.background,
    pauseRefusal: definition.pauseRefusal,
    damage,
    handler: async (job, ctx) => {
      const params = definition.params.safeParse(job.params)
      const checkpoint = job.checkpoint === undefined ? undefined : definition.checkpoint.safeParse(job.checkpoint)
      if (!params.success || (checkpoint && !checkpoint.success)) throw jobDamagedError(job, damage(job) ?? 'unreadable')
      await definition.handler({ ...job, params: params.data, checkpoint: checkpoint?.data } as StoredJob<z.output<P>, z.output<C>>, ctx)
    },
  }
}

/** The error a damaged job carries (and a resume of it throws). */
export function jobDamagedError(job: Pick<StoredJob, 'kind' | 'title'>, problem: string): AppError {
  return new AppError({
    code: 'job_damaged',
    message: `The saved "${job.kind}" job "${job.title}" is damaged and was not run: ${problem}.`,
    hint: 'Cancel it and start it again.',
  })
}

/** The first issue only, by its field path; zod's messages name types and options, never the stored values. */
function describeIssue(part: 'params' | 'checkpoint', error: z.ZodError): string {
  const issue = error.issues[0]
  const path = [part, ...(issue?.path ?? []).map(String)].join('.')
  return `${path}: ${issue?.message ?? 'invalid'}`
}
