import { z } from 'zod'
import { AudioType, BatchMetadata } from '../../../shared/contract/uploads'

export const UPLOAD_JOB_KIND = 'recording.upload'

export const UploadJobParams = z.object({
  batchId: z.string().min(1),
  profileId: z.string().min(1),
  path: z.string().min(1),
  /** The local file name, as the admin knows it. */
  name: z.string().min(1),
  /** The name sent as UploadUrlRequest.fileName; jobs stored before it existed derive it from `name`. */
  uploadName: z.string().min(1).optional(),
  /** Length of the audio as checked when the batch started. */
  durationSeconds: z.number().positive().optional(),
  /** As checked when the batch started; the job checks again. */
  size: z.number().int().nonnegative(),
  type: AudioType,
  metadata: BatchMetadata,
  force: z.boolean(),
})
export type UploadJobParams = z.infer<typeof UploadJobParams>

/**
 * Where one upload stands, persisted before each step so a resumed job neither repeats a step whose
 * effect may have happened unchecked (the PUT) nor claims one that did not:
 * new -> hashed -> presigned -> putStarted -> finishing -> done.
 * 'putStarted' means the bytes may have reached the org: a resumed job asks the upload report first.
 * 'finishing' means the outcome is known and only the audit entry, the index and the events remain.
 */
export const UploadCheckpoint = z.object({
  stage: z.enum(['new', 'hashed', 'presigned', 'putStarted', 'finishing', 'done']),
  size: z.number().int().nonnegative().optional(),
  mtimeMs: z.number().optional(),
  sha256: z.string().optional(),
  md5Base64: z.string().optional(),
  uploadKey: z.string().optional(),
  presignedAt: z.number().optional(),
  outcome: z.enum(['uploaded', 'skipped']).optional(),
  duplicateOf: z.object({ uploadKey: z.string(), fileName: z.string(), uploadedAt: z.string() }).optional(),
  confirmedBy: z.enum(['put', 'report']).optional(),
  correlationId: z.string().optional(),
  retries: z.number().int().nonnegative().optional(),
  latencyMs: z.number().nonnegative().optional(),
  finishedAt: z.string().optional(),
})
export type UploadCheckpoint = z.infer<typeof UploadCheckpoint>

export function readCheckpoint(raw: unknown): UploadCheckpoint {
  const parsed = UploadCheckpoint.safeParse(raw)
  return parsed.success ? parsed.data : { stage: 'new' }
}

/** The facts a hashed checkpoint must hold; undefined when the checkpoint is from before hashing. */
export function hashedFacts(cp: UploadCheckpoint): { size: number; mtimeMs: number; sha256: string; md5Base64: string } | undefined {
  if (cp.size === undefined || cp.mtimeMs === undefined || !cp.sha256 || !cp.md5Base64) return undefined
  return { size: cp.size, mtimeMs: cp.mtimeMs, sha256: cp.sha256, md5Base64: cp.md5Base64 }
}
