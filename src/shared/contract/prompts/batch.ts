/**
 * A batch: each item's prompt created or reused, its language resource created (or replaced), the WAV
 * sent to the resource's uploadUri as multipart/form-data, then followed until transcoded. Each item is
 * a durable job (pause, resume, cancel and retry through the generic jobs.* methods).
 */
import { z } from 'zod'
import type { AppErrorData } from '../../errors'
import { appEvent, method, signal } from '../define'
import { count, durationMs, entityId, languageTag, sha256Hex } from '../appEventFields'
import { Empty } from '../common'
import type { JobRetryWait } from '../jobs'
import { PromptSettings } from './common'

export const PROMPT_UPLOAD_JOB_KIND = 'prompts.upload'

const Keys = z.array(z.string().min(1).max(8192)).max(20_000)

export const BatchStartInput = z
  .object({
    planId: z.string().min(1).max(200),
    /** Keys of `replace` items whose existing resource is replaced; other `replace` items are skipped. */
    replace: Keys.default([]),
    /** Keys left out of the batch by the admin. */
    exclude: Keys.default([]),
  })
  .strict()
export type BatchStartInput = z.input<typeof BatchStartInput>

/** The workflow's states; paused..cancelled are the job's own. */
export type PromptUploadState =
  | 'queued'
  | 'creating'
  | 'uploading'
  | 'transcoding'
  | 'transcoded'
  | 'transcodeFailed'
  | 'skipped'
  | 'failed'
  | 'paused'
  | 'interrupted'
  | 'cancelled'

export interface PromptUploadView {
  /** The job id. */
  id: string
  batchId: string
  path: string
  fileName: string
  promptName: string
  language: string
  promptId?: string
  /** The platform's uploadStatus last seen. */
  uploadStatus?: string
  state: PromptUploadState
  /** True when this batch created the prompt; false when it existed. */
  createdPrompt?: boolean
  replaced: boolean
  doneBytes: number
  totalBytes: number
  bytesPerSecond?: number
  etaSeconds?: number
  retry?: JobRetryWait
  durationSeconds?: number
  sha256?: string
  error?: AppErrorData
  /** Why a skipped item was not sent (its language exists and was not to be replaced), in plain words. */
  skipReason?: string
  /** Rises with every change: a screen keeps the highest it has seen, whatever route it came by. */
  revision: number
}

export interface PromptBatchView {
  id: string
  createdAt: string
  defaultLanguage: string
  items: PromptUploadView[]
  counts: { total: number; transcoded: number; failed: number; skipped: number; active: number }
}

const RetryInput = z.object({ ids: z.array(z.string().min(1).max(200)).min(1).max(20_000) }).strict()

const PromptSettingsPatch = PromptSettings.partial().strict()

export const promptBatchMethods = {
  'prompts.batch.start': method<typeof BatchStartInput, PromptBatchView>(BatchStartInput),
  'prompts.batch.list': method<typeof Empty, PromptBatchView[]>(Empty),
  /** Removes finished batches (every item transcoded, failed, skipped or cancelled) from the list. */
  'prompts.batch.clear': method<typeof Empty, { removed: number }>(Empty),
  /**
   * Runs failed, transcode-failed and cancelled uploads again (the generic jobs.retry takes failed jobs
   * only; a cancelled prompt upload keeps its file until its batch is cleared, so it can be sent again).
   */
  'prompts.upload.retry': method<typeof RetryInput, { retried: string[] }>(RetryInput),
  'prompts.settings.get': method<typeof Empty, PromptSettings>(Empty),
  'prompts.settings.set': method<typeof PromptSettingsPatch, PromptSettings>(PromptSettingsPatch),
}

export const promptBatchSignals = {
  'prompts.upload.changed': signal<PromptUploadView>(),
  'prompts.batch.changed': signal<{ batchId: string }>(),
}

export const promptBatchAppEvents = {
  /** One language resource uploaded and transcoded. */
  'prompt.uploaded': appEvent(
    z
      .object({
        promptId: entityId(),
        language: languageTag(),
        sha256: sha256Hex(),
        sizeBytes: count(),
        /** From the upload's start to transcoded. */
        tookMs: durationMs(),
      })
      .strict(),
  ),
}
