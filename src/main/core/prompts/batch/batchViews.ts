/** What the screens see of a batch item (its job, checkpoint and live progress) and of a batch. */
import type { JobView } from '../../../../shared/api'
import type { PromptBatchView, PromptUploadState, PromptUploadView } from '../../../../shared/contract/prompts'
import type { PromptBatch } from './batchStore'
import type { PromptUploadJob } from './uploadJobKind'

const STEPS = new Set<PromptUploadState>(['creating', 'uploading', 'transcoding'])
const FINISHED = new Set<PromptUploadState>(['transcoded', 'transcodeFailed', 'skipped', 'failed', 'cancelled'])

export function isFinishedState(state: PromptUploadState): boolean {
  return FINISHED.has(state)
}

export function uploadStateOf(job: PromptUploadJob, live: Pick<JobView, 'state' | 'progress'>): PromptUploadState {
  const cp = job.checkpoint ?? {}
  switch (live.state) {
    case 'scheduled':
    case 'queued':
      return 'queued'
    case 'running': {
      const step = live.progress.step as PromptUploadState | undefined
      return step && STEPS.has(step) ? step : 'creating'
    }
    case 'done':
      return cp.outcome === 'skipped' ? 'skipped' : 'transcoded'
    case 'failed':
      return cp.outcome === 'transcodeFailed' ? 'transcodeFailed' : 'failed'
    default:
      return live.state
  }
}

export function toUploadView(
  job: PromptUploadJob,
  live: Pick<JobView, 'state' | 'progress' | 'error'>,
  revision: number,
): PromptUploadView {
  const p = job.params
  const cp = job.checkpoint ?? {}
  const state = uploadStateOf(job, live)
  const totalBytes = cp.file?.size ?? p.size
  const sent = cp.uploadedAt !== undefined ? totalBytes : 0
  const running = live.state === 'running'
  const progress = live.progress
  const error = live.error ?? job.error
  return {
    id: job.id,
    batchId: p.batchId,
    path: p.path,
    fileName: p.fileName,
    promptName: p.promptName,
    language: p.language,
    ...((cp.promptId ?? p.promptId) ? { promptId: cp.promptId ?? p.promptId } : {}),
    ...(cp.uploadStatus ? { uploadStatus: cp.uploadStatus } : {}),
    state,
    ...(cp.createdPrompt !== undefined ? { createdPrompt: cp.createdPrompt } : {}),
    replaced: cp.replaced ?? false,
    doneBytes: running && state === 'uploading' ? Math.max(sent, progress.doneBytes ?? 0) : sent,
    totalBytes,
    ...(running && state === 'uploading' && progress.bytesPerSecond !== undefined ? { bytesPerSecond: progress.bytesPerSecond } : {}),
    ...(running && state === 'uploading' && progress.etaSeconds !== undefined ? { etaSeconds: progress.etaSeconds } : {}),
    ...(running && progress.retry ? { retry: progress.retry } : {}),
    ...(cp.durationSeconds !== undefined ? { durationSeconds: cp.durationSeconds } : {}),
    ...(cp.file ? { sha256: cp.file.sha256 } : {}),
    ...(state === 'failed' || state === 'transcodeFailed' ? (error ? { error } : {}) : {}),
    ...(state === 'skipped' && cp.skipReason ? { skipReason: cp.skipReason } : {}),
    revision,
  }
}

export function toBatchView(batch: PromptBatch, items: PromptUploadView[]): PromptBatchView {
  const count = (states: PromptUploadState[]) => items.filter((item) => states.includes(item.state)).length
  return {
    id: batch.id,
    createdAt: batch.createdAt,
    defaultLanguage: batch.defaultLanguage,
    items,
    counts: {
      total: items.length,
      transcoded: count(['transcoded']),
      failed: count(['failed', 'transcodeFailed']),
      skipped: count(['skipped']),
      active: items.filter((item) => !isFinishedState(item.state)).length,
    },
  }
}
