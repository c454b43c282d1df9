/**
 * Audit exports as durable jobs: the job's params are the request, its checkpoint holds the result
 * once the file is complete. Cancelling aborts the export, whose writer removes its temporary file,
 * so a cancelled export leaves nothing behind; a rerun (resume after a crash) writes the whole file again.
 */
import { basename } from 'node:path'
import { z } from 'zod'
import {
  AUDIT_EXPORT_FORMATS,
  AUDIT_EXPORT_JOB_KIND,
  AuditFilterSchema,
  type AuditExportFormat,
  type AuditExportResult,
  type AuditExportView,
  type AuditFilter,
} from '../../../shared/contract/audit'
import { toAppError } from '../../../shared/errors'
import { SYSTEM_SCOPE, type AuditLog } from '../audit'
import { defineJobKind, type JobKind, type JobRunner, type JobStore, type StoredJob } from '../jobs'
import { assertOutsideDataFolder } from '../files/adminPaths'

const ExportParamsSchema = z.object({ format: z.enum(AUDIT_EXPORT_FORMATS), path: z.string().min(1), filter: AuditFilterSchema.optional() })
export type ExportParams = z.infer<typeof ExportParamsSchema>

const ExportResultSchema = z.object({
  path: z.string(),
  format: z.enum(AUDIT_EXPORT_FORMATS),
  entries: z.number(),
  bytes: z.number(),
  sha256: z.string(),
  firstSeq: z.number().optional(),
  lastSeq: z.number().optional(),
  damaged: z.number(),
}) satisfies z.ZodType<AuditExportResult>
const ExportCheckpointSchema = z.object({ result: ExportResultSchema })

const FORMAT_LABEL: Record<AuditExportFormat, string> = { jsonl: 'JSON Lines', csv: 'CSV', bundle: 'signed bundle' }
/** How many finished exports the viewer lists. */
const EXPORTS_LISTED = 20

export function exportJobTitle(params: ExportParams): string {
  return `Export audit log (${FORMAT_LABEL[params.format]}) to ${basename(params.path)}`
}

export function isFiltered(filter: AuditFilter | undefined): boolean {
  return Object.values(filter ?? {}).some((v) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0))
}

export function createExportJobKind(audit: AuditLog, dataDir: string): JobKind {
  return defineJobKind({
    kind: AUDIT_EXPORT_JOB_KIND,
    params: ExportParamsSchema,
    checkpoint: ExportCheckpointSchema,
    concurrency: 1,
    pauseRefusal: 'an export writes its whole file in one pass and would start over.',
    handler: async (job, ctx) => {
      const params = job.params
      try {
        // Checked again when it runs: links may have changed since it was submitted (or before a resume).
        const path = await assertOutsideDataFolder(params.path, { dataDir, fieldName: 'path' })
        const result = await audit.exportEntries(
          { format: params.format, path, filter: params.filter },
          {
            signal: ctx.signal,
            onProgress: ({ doneBytes, totalBytes }) => ctx.progress({ doneBytes, totalBytes, step: 'Writing the export' }),
          },
        )
        await ctx.checkpoint({ result })
      } catch (error) {
        // A successful export records itself; a failed or cancelled one is recorded here.
        const failure = toAppError(error)
        const cancelled = ctx.signal.aborted || failure.code === 'cancelled'
        audit.append({
          ...SYSTEM_SCOPE,
          action: 'audit.export',
          target: basename(params.path),
          outcome: cancelled ? 'cancelled' : 'error',
          detail: { format: params.format, filtered: isFiltered(params.filter), ...(cancelled ? {} : { code: failure.code }) },
        })
        await audit.flush()
        throw error
      }
    },
  })
}

export function toExportView(job: StoredJob, runner: JobRunner): AuditExportView | undefined {
  const view = runner.get(job.id)
  if (!view) return undefined
  // A damaged export (its params unreadable) shows in the Jobs panel only.
  const params = ExportParamsSchema.safeParse(job.params)
  if (!params.success) return undefined
  const checkpoint = ExportCheckpointSchema.safeParse(job.checkpoint)
  return {
    job: view,
    format: params.data.format,
    path: params.data.path,
    filtered: isFiltered(params.data.filter),
    ...(view.state === 'done' && checkpoint.success ? { result: checkpoint.data.result } : {}),
  }
}

/** Recent export jobs, newest first. */
export function listExports(store: JobStore, runner: JobRunner): AuditExportView[] {
  return store
    .list()
    .filter((job) => job.kind === AUDIT_EXPORT_JOB_KIND)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, EXPORTS_LISTED)
    .map((job) => toExportView(job, runner))
    .filter((v): v is AuditExportView => v !== undefined)
}
