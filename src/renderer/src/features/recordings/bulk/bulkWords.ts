import { BULK_JOB_STATES, FINAL_BULK_JOB_STATES, type BulkJobView } from '../../../../../shared/contract/recordings'
import { formatCount } from '../../../ui/format'

const STATE_WORDS: Record<(typeof BULK_JOB_STATES)[number], string> = {
  PENDING: 'Counting recordings',
  READY: 'Ready to execute',
  PROCESSING: 'Running in Genesys Cloud',
  FULFILLED: 'Finished',
  CANCELLED: 'Cancelled',
  FAILED: 'Failed',
}

export const ACTION_WORDS: Record<string, string> = {
  EXPORT: 'Export to S3',
  ARCHIVE: 'Archive',
  DELETE: 'Delete',
}

/** The state in words; a state this version does not know is shown as it comes. */
export function stateWords(state: string): string {
  return (STATE_WORDS as Record<string, string>)[state] ?? state
}

export function actionWords(action: string): string {
  return ACTION_WORDS[action] ?? action
}

export type JobTone = 'active' | 'done' | 'failed' | 'idle'

export function jobTone(state: string): JobTone {
  if (state === 'FULFILLED') return 'done'
  if (state === 'FAILED') return 'failed'
  if (state === 'CANCELLED' || state === 'READY') return 'idle'
  return 'active'
}

/** Only the creator can execute, and only a READY job. */
export function canExecute(job: BulkJobView): boolean {
  return job.mine && job.state === 'READY'
}

export function canCancel(job: BulkJobView): boolean {
  return !FINAL_BULK_JOB_STATES.includes(job.state)
}

/** "1,234 recordings in 310 conversations", or what is still unknown. */
export function estimateWords(job: BulkJobView): string {
  if (job.totalRecordings === undefined) return job.state === 'PENDING' ? 'Genesys Cloud is counting…' : 'No estimate'
  const recordings = `${formatCount(job.totalRecordings)} recording${job.totalRecordings === 1 ? '' : 's'}`
  if (job.totalConversations === undefined) return recordings
  return `${recordings} in ${formatCount(job.totalConversations)} conversation${job.totalConversations === 1 ? '' : 's'}`
}

/** Processed, skipped and failed counts once the job has run. */
export function outcomeWords(job: BulkJobView): string | undefined {
  if (job.totalProcessedRecordings === undefined && job.totalFailedRecordings === undefined) return undefined
  const parts = [`${job.totalProcessedRecordings ?? 0} done`]
  if (job.totalSkippedRecordings) parts.push(`${job.totalSkippedRecordings} skipped`)
  parts.push(`${job.totalFailedRecordings ?? 0} failed`)
  return parts.join(', ')
}
