import { z } from 'zod'
import { defineJobKind, type JobKind, type StoredJob, type TypedJobContext } from '../../jobs'

export const DOWNLOAD_JOB_KIND = 'recordings.download'

/** The download's items and state live in its journal (downloadStore.ts); the job names it. */
export const DownloadJobParams = z.object({ downloadId: z.string().min(1) })
export type DownloadJobParams = z.infer<typeof DownloadJobParams>

/** The batch requests submitted so far (also in the journal, with their items). */
export const DownloadCheckpoint = z.object({ batches: z.array(z.string().min(1)).max(100_000) })
export type DownloadCheckpoint = z.infer<typeof DownloadCheckpoint>

/** Downloads running at once; each also bounds its own files at once. */
const DOWNLOADS_AT_ONCE = 2

export function createDownloadJobKind(
  run: (job: StoredJob<DownloadJobParams, DownloadCheckpoint>, ctx: TypedJobContext<DownloadCheckpoint>) => Promise<void>,
): JobKind {
  return defineJobKind({
    kind: DOWNLOAD_JOB_KIND,
    params: DownloadJobParams,
    checkpoint: DownloadCheckpoint,
    concurrency: DOWNLOADS_AT_ONCE,
    resumeAfterRestart: true,
    handler: run,
  })
}
