import type { JobProgress } from '../../../shared/api'
import type { BatchSummary, UploadBatchView, UploadRowState, UploadView } from '../../../shared/contract/uploads'
import type { StoredJob } from '../jobs'
import type { UploadBatch } from './batchStore'
import { readCheckpoint, UploadJobParams, type UploadCheckpoint } from './uploadJobTypes'

const RUNNING_STEPS = new Set<UploadRowState>(['hashing', 'uploading', 'confirming'])
const SENDING_STEPS = new Set(['uploading', 'confirming'])
const UNFINISHED = new Set<UploadRowState>(['queued', 'hashing', 'uploading', 'confirming', 'paused', 'interrupted'])

/** One row of the Uploads screen, from the job's state, checkpoint and live progress. */
export function toUploadView(job: StoredJob, progress: JobProgress = job.progress): UploadView {
  const params = UploadJobParams.parse(job.params)
  const cp = readCheckpoint(job.checkpoint)
  const state = rowState(job, cp, progress.step)
  const finished = state === 'done' || state === 'skipped'
  const view: UploadView = {
    id: job.id,
    batchId: params.batchId,
    name: params.name,
    path: params.path,
    size: cp.size ?? params.size,
    type: params.type,
    ...(params.durationSeconds !== undefined ? { durationSeconds: params.durationSeconds } : {}),
    ...(params.uploadName && params.uploadName !== params.name ? { uploadName: params.uploadName } : {}),
    state,
    doneBytes: finished ? (cp.size ?? params.size) : (progress.doneBytes ?? 0),
    totalBytes: cp.size ?? progress.totalBytes ?? params.size,
    sentBytes: sentBytes(state, cp.size ?? params.size, progress),
    updatedAt: job.updatedAt,
  }
  if (RUNNING_STEPS.has(state)) {
    if (progress.bytesPerSecond !== undefined) view.bytesPerSecond = progress.bytesPerSecond
    if (progress.etaSeconds !== undefined) view.etaSeconds = progress.etaSeconds
  }
  if (state === 'uploading' && progress.retry) view.retry = progress.retry
  if (state === 'failed' && job.error) view.error = job.error
  if (state === 'skipped' && cp.duplicateOf) {
    const previous = cp.duplicateOf
    view.skipReason = `Already uploaded to this org (as ${previous.fileName} on ${previous.uploadedAt.slice(0, 10)}, upload key ${previous.uploadKey}).`
  }
  if (cp.sha256) view.sha256 = cp.sha256
  if (cp.uploadKey && state === 'done') view.uploadKey = cp.uploadKey
  if (cp.retries !== undefined) view.retries = cp.retries
  return view
}

/** What the row has sent: a paused or failed row keeps what its last attempt sent; hashing sends nothing. */
function sentBytes(state: UploadRowState, size: number, progress: JobProgress): number {
  if (state === 'done') return size
  if (state === 'skipped' || state === 'cancelled') return 0
  return progress.step && SENDING_STEPS.has(progress.step) ? (progress.doneBytes ?? 0) : 0
}

function rowState(job: StoredJob, cp: UploadCheckpoint, step: string | undefined): UploadRowState {
  // The checkpoint is the proof: a job cancelled at the very end still uploaded its file.
  if (cp.stage === 'done') return cp.outcome === 'skipped' ? 'skipped' : 'done'
  switch (job.state) {
    case 'running':
      return step && RUNNING_STEPS.has(step as UploadRowState) ? (step as UploadRowState) : 'queued'
    case 'done':
      return cp.outcome === 'skipped' ? 'skipped' : 'done'
    case 'scheduled':
      return 'queued' // uploads are never scheduled; waiting to start reads as queued
    default:
      return job.state
  }
}

export function refusedViews(batch: UploadBatch): UploadView[] {
  return batch.refused.map((file, index) => ({
    id: `refused:${batch.id}:${index}`,
    batchId: batch.id,
    name: file.name,
    path: file.path,
    size: file.size,
    state: 'refused' as const,
    doneBytes: 0,
    totalBytes: file.size,
    sentBytes: 0,
    error: { name: 'AppError' as const, code: 'file' as const, message: file.message, hint: file.hint },
    updatedAt: batch.createdAt,
  }))
}

export function isUnfinished(state: UploadRowState): boolean {
  return UNFINISHED.has(state)
}

export function toBatchView(batch: UploadBatch, rows: UploadView[], now: number, workedMs?: number): UploadBatchView {
  const summary = summarize(batch, rows, now, workedMs)
  return {
    id: batch.id,
    createdAt: batch.createdAt,
    profileName: batch.profileName,
    orgName: batch.orgName,
    metadata: batch.metadata,
    force: batch.force,
    finished: summary.unfinished === 0,
    summary,
  }
}

/**
 * Counts, bytes and speed of a batch. Its duration is `workedMs`, the time it was working (see
 * BatchActivity); without it (a batch from before that was kept), from the start to its last finished row.
 */
export function summarize(batch: UploadBatch, rows: UploadView[], now: number, workedMs?: number): BatchSummary {
  const jobRows = rows.filter((row) => row.state !== 'refused')
  const count = (state: UploadRowState) => jobRows.filter((row) => row.state === state).length
  const unfinished = jobRows.filter((row) => isUnfinished(row.state)).length
  const bytesUploaded = jobRows.filter((row) => row.state === 'done').reduce((sum, row) => sum + row.size, 0)
  const started = Date.parse(batch.createdAt)
  const lastChange = jobRows.reduce((max, row) => Math.max(max, Date.parse(row.updatedAt)), started)
  const durationMs = workedMs ?? Math.max(0, (unfinished > 0 ? now : lastChange) - started)
  const bytesSent = jobRows.reduce((sum, row) => sum + row.sentBytes, 0)
  return {
    files: jobRows.length + batch.refused.length,
    uploaded: count('done'),
    skipped: count('skipped'),
    failed: count('failed'),
    refused: batch.refused.length,
    cancelled: count('cancelled'),
    unfinished,
    bytesUploaded,
    bytesSent,
    bytesTotal: jobRows.reduce((sum, row) => sum + row.size, 0),
    durationMs,
    averageBytesPerSecond: durationMs > 0 ? Math.round((bytesSent * 1000) / durationMs) : 0,
  }
}
