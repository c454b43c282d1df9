/**
 * The durable job of one batch item: its prompt created or reused, its language resource created (or
 * replaced), the WAV uploaded, then followed until transcoded. Params say what was asked; the checkpoint
 * says how far it got, so a resumed run (pause, retry, restart) repeats no org-changing step it finished.
 */
import { z } from 'zod'
import { PROMPT_UPLOAD_JOB_KIND } from '../../../../shared/contract/prompts'
import { defineJobKind, type JobKind, type StoredJob, type TypedJobContext } from '../../jobs'

export { PROMPT_UPLOAD_JOB_KIND }

export const PromptUploadParams = z
  .object({
    batchId: z.string().min(1),
    profileId: z.string().min(1),
    /** The plan item's key. */
    key: z.string().min(1).max(8192),
    /** Where the file is read: its own path, or its copy under <data>/prompts/files (a staged file, moved at start). */
    path: z.string().min(1).max(4096),
    /** True when the file is the batch's own copy: deleted once the job no longer needs it. */
    owned: z.boolean(),
    fileName: z.string().min(1).max(1024),
    size: z.number().int().min(0),
    promptName: z.string().min(1).max(200),
    language: z.string().min(1).max(40),
    description: z.string().max(1000).optional(),
    ttsText: z.string().max(2000).optional(),
    action: z.enum(['create', 'add-language', 'replace']),
    /** For a `replace` item: the admin chose to replace the existing resource. */
    replace: z.boolean(),
    /** The existing prompt (add-language, replace). */
    promptId: z.string().min(1).max(200).optional(),
  })
  .strict()
export type PromptUploadParams = z.infer<typeof PromptUploadParams>

export const PromptUploadCheckpoint = z.object({
  /** The file as first read by the job: every upload checks it is still this. */
  file: z.object({ size: z.number().int().min(0), mtimeMs: z.number(), sha256: z.string().length(64) }).optional(),
  /** A create was about to be sent: a resumed run looks the name up before creating again. */
  promptIntent: z.boolean().optional(),
  promptId: z.string().optional(),
  createdPrompt: z.boolean().optional(),
  /** A resource create was about to be sent: a 409 for it on a resumed run is this job's own resource. */
  resourceIntent: z.boolean().optional(),
  resourceReady: z.boolean().optional(),
  replaced: z.boolean().optional(),
  uploadUri: z.string().optional(),
  /** Epoch ms: when the upload's first attempt started and when the platform accepted the bytes. */
  uploadStartedAt: z.number().optional(),
  uploadedAt: z.number().optional(),
  uploadStatus: z.string().optional(),
  durationSeconds: z.number().optional(),
  outcome: z.enum(['transcoded', 'transcodeFailed', 'skipped']).optional(),
  skipReason: z.string().optional(),
})
export type PromptUploadCheckpoint = z.infer<typeof PromptUploadCheckpoint>

export type PromptUploadJob = StoredJob<PromptUploadParams, PromptUploadCheckpoint>

export function createPromptUploadJobKind(
  concurrency: number,
  run: (job: PromptUploadJob, ctx: TypedJobContext<PromptUploadCheckpoint>) => Promise<void>,
): JobKind {
  return defineJobKind({
    kind: PROMPT_UPLOAD_JOB_KIND,
    params: PromptUploadParams,
    checkpoint: PromptUploadCheckpoint,
    concurrency,
    resumeAfterRestart: true,
    handler: run,
  })
}

export function isPromptUploadParams(params: unknown): params is PromptUploadParams {
  return PromptUploadParams.safeParse(params).success
}
