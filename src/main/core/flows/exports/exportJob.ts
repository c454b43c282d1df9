import { z } from 'zod'
import { defineJobKind, type JobKind, type StoredJob, type TypedJobContext } from '../../jobs'

export const EXPORT_JOB_KIND = 'flows.export'

/** The export's flows, folder and progress live in exports.json; the job names it. */
export const ExportJobParams = z.object({ exportId: z.string().min(1) })
export type ExportJobParams = z.infer<typeof ExportJobParams>

/** The platform's export job, once submitted: a resumed run polls it instead of submitting another. */
export const ExportCheckpoint = z.object({ platformJobId: z.string().min(1) })
export type ExportCheckpoint = z.infer<typeof ExportCheckpoint>

export function createExportJobKind(
  run: (job: StoredJob<ExportJobParams, ExportCheckpoint>, ctx: TypedJobContext<ExportCheckpoint>) => Promise<void>,
): JobKind {
  return defineJobKind({
    kind: EXPORT_JOB_KIND,
    params: ExportJobParams,
    checkpoint: ExportCheckpoint,
    concurrency: 2,
    resumeAfterRestart: true,
    handler: run,
  })
}
