import { z } from 'zod'
import { EXPORT_TYPES, type ExportView } from '../../../../shared/contract/flows'
import { AppErrorData } from '../../../../shared/errors'
import { nextViewRevision } from '../viewRevision'

/** The app's own states after the platform's; a platform status (Registered, Started, one it adds) is kept raw. */
export const FINAL_EXPORT_STATES: ReadonlySet<string> = new Set(['saved', 'failed', 'cancelled'])

/** One export as the app keeps it, in <dataDir>/flows/exports.json. */
export const ExportRecord = z.object({
  id: z.string().min(1),
  profileId: z.string().min(1),
  profileName: z.string(),
  orgName: z.string(),
  flowIds: z.array(z.string().min(1)).min(1),
  /** Filled in when the job has read them; the ids stand in until then (and for flows it may not read). */
  flowNames: z.array(z.string()),
  exportType: z.enum(EXPORT_TYPES),
  /** The folder the admin chose (its real path); the file goes to its exports/ folder. */
  folder: z.string().min(1),
  state: z.string().min(1),
  createdAt: z.string(),
  finishedAt: z.string().optional(),
  platformJobId: z.string().optional(),
  path: z.string().optional(),
  sizeBytes: z.number().int().min(0).optional(),
  sha256: z.string().optional(),
  messages: z.array(z.string()),
  /** Reads of the platform's job so far, and how many in a row showed no change (the next wait grows). */
  polls: z.number().int().min(0),
  unchangedPolls: z.number().int().min(0),
  /** The durable job that runs it (for pause, cancel); absent in records written before it was kept. */
  jobId: z.string().min(1).optional(),
  error: AppErrorData.optional(),
})
export type ExportRecord = z.infer<typeof ExportRecord>

export function toExportView(record: ExportRecord): ExportView {
  return {
    id: record.id,
    revision: nextViewRevision(),
    ...(record.jobId ? { jobId: record.jobId } : {}),
    flowIds: record.flowIds,
    flowNames: record.flowNames.length === record.flowIds.length ? record.flowNames : record.flowIds,
    exportType: record.exportType,
    folder: record.folder,
    state: record.state,
    createdAt: record.createdAt,
    ...(record.finishedAt ? { finishedAt: record.finishedAt } : {}),
    ...(record.platformJobId ? { platformJobId: record.platformJobId } : {}),
    ...(record.path ? { path: record.path } : {}),
    ...(record.sizeBytes !== undefined ? { sizeBytes: record.sizeBytes } : {}),
    ...(record.sha256 ? { sha256: record.sha256 } : {}),
    messages: record.messages,
    ...(record.error ? { error: record.error } : {}),
  }
}
