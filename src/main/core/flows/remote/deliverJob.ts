import { z } from 'zod'
import { defineJobKind, type JobKind, type StoredJob, type TypedJobContext } from '../../jobs'

export const DELIVER_JOB_KIND = 'flows.remote.deliver'

/** The copy and its state live in remote-deliveries.json; the job names the archive run. */
export const DeliverParams = z.object({ archiveId: z.string().min(1) })
export type DeliverParams = z.infer<typeof DeliverParams>

/**
 * One job per copy being delivered: each run is one attempt, and a wait before the next one is the job
 * waiting as 'scheduled' (persisted), so a restart neither loses the copy nor sends it under another key.
 * Background work: its waits never make quitting warn; an attempt stopped by a quit runs again at start.
 */
export function createDeliverJobKind(run: (job: StoredJob<DeliverParams>, ctx: TypedJobContext<never>) => Promise<void>): JobKind {
  return defineJobKind({
    kind: DELIVER_JOB_KIND,
    params: DeliverParams,
    checkpoint: z.never(),
    concurrency: 2,
    resumeAfterRestart: true,
    background: true,
    handler: run,
  })
}
