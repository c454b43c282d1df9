import { bulkConfirmationText, BULK_JOB_STATES, FINAL_BULK_JOB_STATES, type BulkJobView } from '../../../../shared/contract/recordings'
import type { OwnBulkJob } from './bulkJobStore'
import type { RecordingJob } from './recordingJobsApi'

/** PENDING and PROCESSING change on their own; so may a state this version does not know. READY waits for the admin. */
export function isFollowed(state: string): boolean {
  return state === 'PENDING' || state === 'PROCESSING' || !(BULK_JOB_STATES as readonly string[]).includes(state)
}

export function isFinal(state: string): boolean {
  return FINAL_BULK_JOB_STATES.includes(state)
}

/** What the screen shows of a job: the platform's answer, plus what this app knows of jobs it made. */
export function toBulkJobView(job: RecordingJob, own: OwnBulkJob | undefined, gone = false): BulkJobView {
  const query = job.recordingJobsQuery
  const [from, to] = (query?.conversationQuery?.interval ?? '').split('/')
  const action = query?.action ?? own?.action ?? 'UNKNOWN'
  const view: BulkJobView = {
    id: job.id,
    action,
    state: job.state,
    mine: own !== undefined,
    following: own !== undefined && !gone && isFollowed(job.state),
  }
  const set = <K extends keyof BulkJobView>(key: K, value: BulkJobView[K] | undefined) => {
    if (value !== undefined && value !== '') view[key] = value
  }
  set('dateCreated', job.dateCreated ?? own?.createdAt)
  set('from', from || own?.from)
  set('to', to || own?.to)
  set('totalConversations', job.totalConversations)
  set('totalRecordings', job.totalRecordings)
  set('totalProcessedRecordings', job.totalProcessedRecordings)
  set('totalSkippedRecordings', job.totalSkippedRecordings)
  set('totalFailedRecordings', job.totalFailedRecordings)
  set('percentProgress', job.percentProgress)
  set('failedRecordingsUri', job.failedRecordings)
  set('errorMessage', gone ? 'Genesys Cloud no longer knows this job (404).' : job.errorMessage)
  set('createdBy', job.user?.name)
  set('queueIds', own?.queueIds.length ? own.queueIds : undefined)
  set('actionDate', query?.actionDate ?? own?.actionDate)
  set('checkedAt', own?.checkedAt)
  set('confirmationText', bulkConfirmationText(action, job.totalRecordings))
  return view
}
