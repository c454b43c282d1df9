import { z } from 'zod'
import { defineJobKind, type JobKind, type StoredJob, type TypedJobContext } from '../../jobs'

export const BULK_FOLLOW_JOB_KIND = 'recordings.bulk.follow'

export const BulkFollowParams = z.object({ jobId: z.string().min(1) })
export type BulkFollowParams = z.infer<typeof BulkFollowParams>

/**
 * One job per followed bulk job: each run is one check of it in Genesys Cloud, then the job asks to
 * run again (capped backoff) while the bulk job can still change on its own. A background kind: the
 * waits never make quitting warn, and a check stopped by a quit runs again at start.
 */
export function createBulkFollowJobKind(
  runCheck: (job: StoredJob<BulkFollowParams>, ctx: TypedJobContext<never>) => Promise<void>,
): JobKind {
  return defineJobKind({
    kind: BULK_FOLLOW_JOB_KIND,
    params: BulkFollowParams,
    // What was seen lives in bulk-jobs.json: the job keeps no checkpoint.
    checkpoint: z.never(),
    concurrency: 2,
    resumeAfterRestart: true,
    background: true,
    handler: (job, ctx) => runCheck(job, ctx),
  })
}
