/** A download as the screen shows it: its record, its job's state and the live progress. */
import type { JobState } from '../../../../shared/api'
import type { DownloadItemView, DownloadState, DownloadView } from '../../../../shared/contract/recordings'
import type { DownloadRecord, ItemRecord } from './downloadRecord'

export interface LiveProgress {
  bytesPerSecond?: number
  etaSeconds?: number
}

export function downloadStateOf(record: DownloadRecord, jobState: JobState | undefined): DownloadState {
  switch (jobState) {
    case 'queued':
    case 'scheduled':
      return 'queued'
    case 'running':
    case 'paused':
    case 'interrupted':
    case 'done':
    case 'failed':
    case 'cancelled':
      return jobState
    default:
      return record.finishedAt ? (record.error ? 'failed' : 'done') : 'interrupted'
  }
}

export function toDownloadView(
  record: DownloadRecord,
  jobState: JobState | undefined,
  live: LiveProgress = {},
  revision = 0,
): DownloadView {
  const counts = { total: record.items.length, saved: 0, skipped: 0, failed: 0, asking: 0, active: 0 }
  let bytes = 0
  let totalBytes = 0
  let totalKnown = true
  for (const item of record.items) {
    if (item.state === 'saved') counts.saved++
    else if (item.state === 'skipped') counts.skipped++
    else if (item.state === 'failed' || item.state === 'cancelled') counts.failed++
    else if (item.state === 'asking') counts.asking++
    else if (item.state === 'downloading' || item.state === 'verifying') counts.active++
    if (item.state === 'skipped' || item.state === 'failed' || item.state === 'cancelled') continue
    bytes += item.bytes
    if (item.totalBytes === undefined) totalKnown = false
    else totalBytes += item.totalBytes
  }
  const batches = [...record.batches.values()]
  const state = downloadStateOf(record, jobState)
  const view: DownloadView = {
    id: record.id,
    revision,
    folder: record.folder,
    state,
    createdAt: record.createdAt,
    counts,
    bytes,
    batches: { submitted: batches.length, completed: batches.filter((b) => b.completed).length },
    transcripts: record.transcripts,
    manifestPath: record.manifestPath,
    items: record.items.map(toItemView),
  }
  if (record.finishedAt) view.finishedAt = record.finishedAt
  if (totalKnown) view.totalBytes = totalBytes
  if (state === 'running' && live.bytesPerSecond !== undefined) view.bytesPerSecond = live.bytesPerSecond
  if (state === 'running' && live.etaSeconds !== undefined && totalKnown) view.etaSeconds = live.etaSeconds
  if (record.transcripts) view.transcriptOutcomes = [...record.transcriptOutcomes.values()]
  if (record.error) view.error = record.error
  return view
}

function toItemView(item: ItemRecord): DownloadItemView {
  const view: DownloadItemView = {
    key: item.key,
    conversationId: item.conversationId,
    recordingId: item.recordingId,
    state: item.state,
    bytes: item.bytes,
  }
  for (const field of [
    'startTime',
    'contentType',
    'fileName',
    'path',
    'totalBytes',
    'sha256',
    'renamedFrom',
    'existingPath',
    'error',
  ] as const) {
    if (item[field] !== undefined) (view as unknown as Record<string, unknown>)[field] = item[field]
  }
  return view
}
