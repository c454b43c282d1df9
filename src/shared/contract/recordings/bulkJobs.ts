/**
 * Recording bulk jobs run by Genesys (POST /api/v2/recording/jobs): EXPORT to the org's S3 integration,
 * ARCHIVE or DELETE, for volumes a desktop should not pull through its own connection. Created (the
 * platform estimates the count), executed, followed, cancelled; DELETE needs a typed confirmation.
 */
import { z } from 'zod'
import { method, signal } from '../define'
import { Empty, Id } from '../common'

export const BULK_ACTIONS = ['EXPORT', 'ARCHIVE', 'DELETE'] as const
export type BulkAction = (typeof BULK_ACTIONS)[number]
export const BULK_JOB_STATES = ['PENDING', 'READY', 'PROCESSING', 'FULFILLED', 'CANCELLED', 'FAILED'] as const
export type BulkJobState = (typeof BULK_JOB_STATES)[number] | (string & {})
/** States after which nothing changes any more. */
export const FINAL_BULK_JOB_STATES: readonly string[] = ['FULFILLED', 'CANCELLED', 'FAILED']
/** Jobs of one org that may run (PROCESSING) at once. */
export const MAX_RUNNING_BULK_JOBS = 2

/**
 * What the admin types to execute a DELETE job: the action and the platform's estimate, such as
 * "DELETE 1234 recordings". Undefined until the job is estimated, and for other actions.
 */
export function bulkConfirmationText(action: string, totalRecordings: number | undefined): string | undefined {
  if (action !== 'DELETE' || totalRecordings === undefined) return undefined
  return `DELETE ${totalRecordings} recording${totalRecordings === 1 ? '' : 's'}`
}

export const BulkJobCreateInput = z
  .object({
    action: z.enum(BULK_ACTIONS),
    /** The conversations: an interval of at most what the platform allows (up to 5 years old). */
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    queueIds: z.array(z.string().min(1).max(200)).max(50).default([]),
    /** EXPORT: the org's S3 recording bulk actions integration. */
    integrationId: z.string().min(1).max(200).optional(),
    /** ARCHIVE / DELETE: when the platform acts; default now. */
    actionDate: z.iso.datetime({ offset: true }).optional(),
    includeScreenRecordings: z.boolean().default(true),
    includeRecordingsWithSensitiveData: z.boolean().default(false),
  })
  .strict()
export type BulkJobCreateInput = z.input<typeof BulkJobCreateInput>

export const BulkJobExecuteInput = z
  .object({
    id: z.string().min(1).max(200),
    /** DELETE: what the admin typed in the confirmation; the core checks it. */
    confirmation: z.string().max(500).optional(),
  })
  .strict()

export const BulkFailedInput = z.object({ id: z.string().min(1).max(200), cursor: z.string().max(2000).optional() }).strict()

export interface BulkJobView {
  id: string
  action: BulkAction | (string & {})
  state: BulkJobState
  dateCreated?: string
  from?: string
  to?: string
  totalConversations?: number
  totalRecordings?: number
  totalProcessedRecordings?: number
  totalSkippedRecordings?: number
  totalFailedRecordings?: number
  percentProgress?: number
  failedRecordingsUri?: string
  errorMessage?: string
  /** Made in this app (only the creator can execute it). */
  mine: boolean
  /** The app is checking it on a schedule (PENDING, PROCESSING or a state it does not know). */
  following: boolean
  /** Who made it, as the platform names them. */
  createdBy?: string
  queueIds?: string[]
  actionDate?: string
  /** When the app last read it from Genesys Cloud. */
  checkedAt?: string
  /** The exact text a DELETE confirmation must match. */
  confirmationText?: string
}

export interface S3Integration {
  id: string
  name: string
}

export interface BulkFailedPage {
  entities: { conversationId?: string; recordingId?: string; errorMessage?: string }[]
  nextCursor?: string
}

export const recordingBulkMethods = {
  'recordings.bulk.list': method<typeof Empty, BulkJobView[]>(Empty),
  'recordings.bulk.integrations': method<typeof Empty, S3Integration[]>(Empty),
  'recordings.bulk.create': method<typeof BulkJobCreateInput, BulkJobView>(BulkJobCreateInput),
  'recordings.bulk.execute': method<typeof BulkJobExecuteInput, BulkJobView>(BulkJobExecuteInput),
  'recordings.bulk.cancel': method<typeof Id, BulkJobView>(Id),
  'recordings.bulk.failed': method<typeof BulkFailedInput, BulkFailedPage>(BulkFailedInput),
}

export const recordingBulkSignals = {
  'recordings.bulk.changed': signal<BulkJobView>(),
}
