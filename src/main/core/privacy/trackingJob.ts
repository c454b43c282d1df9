import { z } from 'zod'
import { defineJobKind, type JobKind, type StoredJob, type TypedJobContext } from '../jobs'

export const PRIVACY_TRACK_JOB_KIND = 'privacy.track'

export const PrivacyTrackParams = z.object({ requestId: z.string().min(1) })
export type PrivacyTrackParams = z.infer<typeof PrivacyTrackParams>

/** Checks a few requests at once at most: after a long stop, every overdue one is due together. */
const CHECKS_AT_ONCE = 4

/**
 * One job per tracked request: each run is one check, then the job asks to run again at the next
 * check time and waits as 'scheduled'. A background kind: a waiting (or briefly checking) request
 * never makes quitting warn, and one stopped mid-check runs again at start without "Resume all".
 */
export function createTrackingJobKind(
  runCheck: (job: StoredJob<PrivacyTrackParams>, ctx: TypedJobContext<never>) => Promise<void>,
): JobKind {
  return defineJobKind({
    kind: PRIVACY_TRACK_JOB_KIND,
    params: PrivacyTrackParams,
    // The schedule's state lives with the request (requests.json): the job keeps no checkpoint.
    checkpoint: z.never(),
    concurrency: CHECKS_AT_ONCE,
    resumeAfterRestart: true,
    background: true,
    handler: (job, ctx) => runCheck(job, ctx),
  })
}
