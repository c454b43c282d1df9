import { z } from 'zod'
import { FlowId, FlowVersionId, MAX_ARCHIVE_JOBS, RetentionPolicy } from '../../../../shared/contract/flows'
import { defineJobKind, type JobKind, type StoredJob, type TypedJobContext } from '../../jobs'

export const ARCHIVE_JOB_KIND = 'flows.archive'

/** What was asked: one flow, where, and how its versions are chosen. What happened is in the archive's journal. */
export const ArchiveJobParams = z
  .object({
    profileId: z.string().min(1),
    /** The archive folder's real path, checked when the archive was started. */
    folder: z.string().min(1).max(4096),
    flowId: FlowId,
    selection: z.enum(['policy', 'manual']),
    policy: RetentionPolicy.optional(),
    versionIds: z.array(FlowVersionId).max(10_000).optional(),
  })
  .strict()
export type ArchiveJobParams = z.infer<typeof ArchiveJobParams>

/** The Jobs panel's summary; every version's own checkpoint is its fsynced journal line. */
export const ArchiveCheckpoint = z.object({ selected: z.number().int().min(0), archived: z.number().int().min(0) })
export type ArchiveCheckpoint = z.infer<typeof ArchiveCheckpoint>

export function createArchiveJobKind(
  run: (job: StoredJob<ArchiveJobParams, ArchiveCheckpoint>, ctx: TypedJobContext<ArchiveCheckpoint>) => Promise<void>,
): JobKind {
  return defineJobKind({
    kind: ARCHIVE_JOB_KIND,
    params: ArchiveJobParams,
    checkpoint: ArchiveCheckpoint,
    // Across every archive job of every flow: the seed's "at most 5 at once".
    concurrency: MAX_ARCHIVE_JOBS,
    resumeAfterRestart: true,
    handler: run,
  })
}
