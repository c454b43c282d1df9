/**
 * Upload batches: the metadata the admin set before starting, and the files refused at the start.
 * Few and small, so the whole set is one JSON file, replaced atomically (temp file, fsync, rename).
 */
import { z } from 'zod'
import { BatchMetadata } from '../../../shared/contract/uploads'
import { JsonRecordFile } from '../files/jsonRecordFile'

export const RefusedFile = z.object({
  path: z.string(),
  name: z.string(),
  size: z.number(),
  message: z.string(),
  hint: z.string(),
  contentLabel: z.string().optional(),
})
export type RefusedFile = z.infer<typeof RefusedFile>

export const UploadBatch = z.object({
  id: z.string(),
  createdAt: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  orgName: z.string(),
  metadata: BatchMetadata,
  force: z.boolean(),
  refused: z.array(RefusedFile),
  /** Time it has spent working, paused and interrupted time left out (see BatchActivity); absent in older batches. */
  workedMs: z.number().nonnegative().optional(),
  /** When the batch summary was last written to the audit log. */
  summarizedAt: z.string().optional(),
})
export type UploadBatch = z.infer<typeof UploadBatch>

/** The upload batches of one data folder (`uploads/batches.json`). */
export type BatchStore = JsonRecordFile<UploadBatch>

export function openBatchStore(dir: string): Promise<BatchStore> {
  return JsonRecordFile.open({
    dir,
    file: 'batches.json',
    schema: UploadBatch,
    what: 'upload batches',
    damagedHint: 'Move it aside and restart Switchboard; the uploads themselves are kept in the job journal.',
  })
}
