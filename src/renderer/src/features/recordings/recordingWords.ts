import type {
  DownloadItemState,
  DownloadState,
  FileState,
  FindWait,
  ParsedConversationIds,
  RecordingFindState,
  RecordingRow,
  RecordingsFolderCheck,
} from '../../../../shared/contract/recordings'
import { formatCount, formatDate, formatSeconds } from '../../ui/format'

const FILE_STATE_WORDS: Record<string, string> = {
  AVAILABLE: 'Available',
  ARCHIVED: 'Archived',
  RESTORED: 'Restored',
  RESTORING: 'Restoring',
  UPLOADING: 'Uploading',
  DELETED: 'Deleted',
  ERROR: 'Error',
}

/** A file state in words; one this version does not know is shown as the platform wrote it. */
export function fileStateText(state: FileState): string {
  return FILE_STATE_WORDS[state] ?? state
}

export function isKnownFileState(state: FileState): boolean {
  return state in FILE_STATE_WORDS
}

/** The states whose reason the row's date belongs to, and which date. */
const DATED_STATES: Record<string, 'archiveDate' | 'deleteDate'> = { ARCHIVED: 'archiveDate', DELETED: 'deleteDate' }

/**
 * Why nothing can be done with a recording, with its date in the screen's one format: the core's
 * "Deleted: Genesys Cloud no longer has its media." and deleteDate become "Deleted Nov 25, 2026: …".
 */
export function unavailableText(row: Pick<RecordingRow, 'fileState' | 'unavailableReason' | 'archiveDate' | 'deleteDate'>): string {
  const reason = row.unavailableReason ?? 'Not available now.'
  const field = DATED_STATES[row.fileState]
  const iso = field ? row[field] : undefined
  if (!iso || Number.isNaN(Date.parse(iso))) return reason
  const word = fileStateText(row.fileState)
  const date = formatDate(iso)
  return reason.startsWith(`${word}:`) ? `${word} ${date}${reason.slice(word.length)}` : `${reason} (${word} ${date})`
}

const MEDIA_WORDS: Record<string, string> = { audio: 'Audio', chat: 'Chat', messaging: 'Messaging', email: 'Email', screen: 'Screen' }

export function mediaText(media: string): string {
  return MEDIA_WORDS[media] ?? media
}

export function directionText(direction: string | undefined): string {
  if (!direction) return '—'
  if (direction === 'inbound') return 'Inbound'
  if (direction === 'outbound') return 'Outbound'
  return direction
}

function clock(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds))
  const hours = Math.floor(s / 3600)
  const minutes = Math.floor((s % 3600) / 60)
  const seconds = String(s % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}

/** A recording's length or a phrase's offset: "4:05", "1:02:03". */
export function lengthText(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms) ? '—' : clock(ms / 1000)
}

/** The link's countdown: "expires in 59:12", then "expired — get a new link". */
export function linkExpiryText(expiresAt: string, nowMs: number): string {
  const left = Date.parse(expiresAt) - nowMs
  if (!Number.isFinite(left)) return 'expiry unknown'
  if (left <= 0) return 'expired — get a new link'
  return `expires in ${clock(Math.ceil(left / 1000))}`
}

export function linkExpired(expiresAt: string, nowMs: number): boolean {
  return Date.parse(expiresAt) - nowMs <= 0
}

/** "Still transcoding, about 12 s"; without an estimate, just that it is. */
export function transcodingText(estimatedMs: number | undefined): string {
  if (estimatedMs === undefined || estimatedMs <= 0) return 'Still transcoding'
  return `Still transcoding, about ${Math.max(1, Math.round(estimatedMs / 1000))} s`
}

function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}

/** What a paste or an imported file held, before anything is sent: "42 conversation ids · 3 invalid lines · 2 duplicates left out". */
export function idsPreviewText(parsed: ParsedConversationIds): string {
  const ids = plural(parsed.conversationIds.length, 'conversation id', 'conversation ids')
  const parts = [parsed.format === 'csv' && parsed.column ? `${ids} (CSV column “${parsed.column}”)` : ids]
  if (parsed.invalidCount > 0) parts.push(plural(parsed.invalidCount, 'invalid line', 'invalid lines'))
  if (parsed.duplicates > 0) parts.push(plural(parsed.duplicates, 'duplicate left out', 'duplicates left out'))
  return parts.join(' · ')
}

/** The first invalid lines, and how many more there are than shown. */
export function invalidLinesText(parsed: ParsedConversationIds, limit = 10): string[] {
  const shown = parsed.invalid.slice(0, limit)
  const lines = shown.map((entry) => `Line ${entry.line}: “${entry.value}” is not a conversation id`)
  const more = parsed.invalidCount - shown.length
  if (more > 0) lines.push(`…and ${plural(more, 'more line', 'more lines')}`)
  return lines
}

export const FIND_STATE_WORDS: Record<RecordingFindState, string> = {
  searching: 'Searching',
  listing: 'Listing recordings',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

export const DOWNLOAD_STATE_WORDS: Record<DownloadState, string> = {
  queued: 'Queued',
  running: 'Downloading',
  paused: 'Paused',
  interrupted: 'Interrupted',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

export const ITEM_STATE_WORDS: Record<DownloadItemState, string> = {
  waiting: 'Waiting',
  requested: 'Requested',
  downloading: 'Downloading',
  verifying: 'Verifying',
  asking: 'File exists: your choice',
  saved: 'Saved',
  skipped: 'Skipped',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

/** A state word for any value, raw when this version does not know it. */
export function wordFor<K extends string>(words: Record<K, string>, state: string): string {
  return (words as Record<string, string>)[state] ?? state
}

export const FINISHED_DOWNLOAD_STATES: DownloadState[] = ['done', 'failed', 'cancelled']

export function percent(done: number, total: number | undefined): number {
  return total && total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0
}

/** The core's folder check in words: "Folder ready: /x" or "/x will be created when the download starts". */
export function folderCheckText(check: Pick<RecordingsFolderCheck, 'folder' | 'exists' | 'isDefault'>, when: string): string {
  const which = check.isDefault ? 'The default folder' : 'The folder'
  return check.exists ? `${which} is ready: ${check.folder}` : `${which} ${check.folder} will be created when ${when}.`
}

/** What a find waits for before its requests go on, while the time has not passed; undefined after. */
export function findWaitText(wait: FindWait, nowMs: number): string | undefined {
  const left = Math.ceil((Date.parse(wait.until) - nowMs) / 1000)
  if (!(left > 0)) return undefined
  return wait.cause === 'rateLimit'
    ? `Waiting ${formatSeconds(left)} for the rate limit, which every task on this connection shares.`
    : `Waiting ${formatSeconds(left)} to retry: ${wait.reason ?? 'the last attempt failed'}.`
}
