/**
 * Recording bulk jobs (POST /api/v2/recording/jobs): the conversations a query matches are counted
 * while the job is PENDING, it is READY after ESTIMATE_MS, PROCESSING from its execution for a time
 * that grows with its recordings, then FULFILLED, when ARCHIVE and DELETE change the recordings'
 * fileState. Like the GDPR requests, the state is worked out from the clock when asked, not by timers.
 */
import { randomUUID } from 'node:crypto'
import { uuidFrom } from '../organization'
import type { RecordingStore, SandboxConversation, SandboxRecording } from './recordingStore'

export const RECORDING_JOB_ACTIONS = ['ARCHIVE', 'DELETE', 'EXPORT'] as const
export type RecordingJobAction = (typeof RECORDING_JOB_ACTIONS)[number]
export type RecordingJobState = 'PENDING' | 'READY' | 'PROCESSING' | 'FULFILLED' | 'CANCELLED' | 'FAILED'

/** How long the platform takes to count what a query matches. */
export const ESTIMATE_MS = 3_000
/** Processing time: this much per recording, at least MIN_PROCESS_MS. */
export const PROCESS_MS_PER_RECORDING = 200
export const MIN_PROCESS_MS = 5_000
/** Jobs of one org that may be PROCESSING at once. */
export const MAX_PROCESSING_JOBS = 2
const DAY_MS = 86_400_000

export interface RecordingJobsQuery {
  action: RecordingJobAction
  actionDate?: string
  actionAge?: number
  integrationId?: string
  includeScreenRecordings: boolean
  includeRecordingsWithSensitiveData: boolean
  clearExport?: boolean
  conversationQuery: { interval: string; [key: string]: unknown }
}

export interface JobUser {
  id: string
  name: string
  selfUri: string
}

type Outcome = 'processed' | 'failed' | 'skipped'

export interface RecordingJobRecord {
  id: string
  createdAt: number
  /** The OAuth client that made it: only it may execute the job. */
  creatorClientId: string
  user: JobUser
  query: RecordingJobsQuery
  conversations: number
  targets: SandboxRecording[]
  executedAt?: number
  processMs?: number
  /** Fixed when executed, from each recording's state then. */
  outcomes?: Outcome[]
  cancelledAt?: number
  /** The effects on the recordings are applied once, when the job is first seen FULFILLED. */
  applied: boolean
  /** For tests: a state a later platform release might send, reported as it is. */
  reportedState?: string
}

export class RecordingJobs {
  private readonly jobs = new Map<string, RecordingJobRecord>()

  constructor(
    private readonly recordings: RecordingStore,
    private readonly now: () => number,
  ) {
    this.seed()
  }

  create(query: RecordingJobsQuery, creatorClientId: string, user: JobUser): RecordingJobRecord {
    const { conversations, targets } = this.match(query)
    const record: RecordingJobRecord = {
      id: randomUUID(),
      createdAt: this.now(),
      creatorClientId,
      user,
      query,
      conversations,
      targets,
      applied: false,
    }
    this.jobs.set(record.id, record)
    return record
  }

  find(id: string): RecordingJobRecord | undefined {
    const record = this.jobs.get(id)
    if (record) this.settle(record)
    return record
  }

  /** Newest first. */
  list(): RecordingJobRecord[] {
    const all = [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id))
    for (const record of all) this.settle(record)
    return all
  }

  stateOf(record: RecordingJobRecord, at: number = this.now()): RecordingJobState {
    if (record.cancelledAt !== undefined && record.cancelledAt <= at) return 'CANCELLED'
    if (record.executedAt !== undefined) return at >= record.executedAt + (record.processMs ?? 0) ? 'FULFILLED' : 'PROCESSING'
    return at < record.createdAt + ESTIMATE_MS ? 'PENDING' : 'READY'
  }

  processingCount(): number {
    return this.list().filter((record) => !record.reportedState && this.stateOf(record) === 'PROCESSING').length
  }

  execute(record: RecordingJobRecord): void {
    record.executedAt = this.now()
    record.processMs = Math.max(MIN_PROCESS_MS, record.targets.length * PROCESS_MS_PER_RECORDING)
    record.outcomes = record.targets.map((recording) => outcomeFor(record.query.action, recording))
  }

  cancel(record: RecordingJobRecord): void {
    record.cancelledAt = this.now()
  }

  /** Progress from 0 to 100, by recordings handled. */
  percentOf(record: RecordingJobRecord): number {
    const state = this.stateOf(record)
    if (state === 'FULFILLED') return 100
    if (record.executedAt === undefined || record.processMs === undefined) return 0
    const end = Math.min(this.now(), record.cancelledAt ?? Infinity)
    return Math.min(100, Math.floor(((end - record.executedAt) / record.processMs) * 100))
  }

  /** What has been handled so far: the first percent of the targets, in order. */
  handled(record: RecordingJobRecord): { processed: number; failed: number; skipped: number; failedRecordings: SandboxRecording[] } {
    const outcomes = record.outcomes ?? []
    const done = Math.floor((outcomes.length * this.percentOf(record)) / 100)
    const seen = outcomes.slice(0, done)
    const failedRecordings = record.targets.filter((_, i) => i < done && outcomes[i] === 'failed')
    return {
      processed: seen.filter((o) => o === 'processed').length,
      failed: failedRecordings.length,
      skipped: seen.filter((o) => o === 'skipped').length,
      failedRecordings,
    }
  }

  /** A job's action done to the recordings once it is FULFILLED: ARCHIVE and DELETE change their fileState. */
  private settle(record: RecordingJobRecord): void {
    if (record.applied || this.stateOf(record) !== 'FULFILLED') return
    record.applied = true
    const finishedAt = (record.executedAt ?? 0) + (record.processMs ?? 0)
    record.targets.forEach((recording, i) => {
      if (record.outcomes?.[i] !== 'processed') return
      const when = actionTime(record.query, recording)
      if (record.query.action === 'ARCHIVE') {
        recording.archiveDate = when
        if (when <= finishedAt) recording.fileState = 'ARCHIVED'
      } else if (record.query.action === 'DELETE') {
        recording.deleteDate = when
        if (when <= finishedAt) recording.fileState = 'DELETED'
      }
    })
  }

  private match(query: RecordingJobsQuery): { conversations: number; targets: SandboxRecording[] } {
    const [start, end] = query.conversationQuery.interval.split('/').map((part) => Date.parse(part))
    const queues = queueIdsOf(query.conversationQuery)
    const matching = this.recordings
      .conversations()
      .filter((c) => c.start >= start && c.start < end && (queues.size === 0 || queues.has(c.queue.id)))
      .map((c) => recordingsOf(c, query.includeScreenRecordings))
      .filter((list) => list.length > 0)
    return { conversations: matching.length, targets: matching.flat() }
  }

  /** Jobs made by a person in the admin UI: one finished export, one archive waiting to be executed. */
  private seed(): void {
    const at = this.now()
    const user: JobUser = { id: uuidFrom('user:records-manager'), name: 'Noor Haddad (Records manager)', selfUri: '' }
    user.selfUri = `/api/v2/users/${user.id}`
    const interval = (fromDays: number, toDays: number) =>
      `${new Date(at - fromDays * DAY_MS).toISOString()}/${new Date(at - toDays * DAY_MS).toISOString()}`
    const seeds: { key: string; action: RecordingJobAction; ageMs: number; interval: string; executed: boolean }[] = [
      { key: 'seed-export', action: 'EXPORT', ageMs: 2 * DAY_MS, interval: interval(10, 8), executed: true },
      { key: 'seed-archive', action: 'ARCHIVE', ageMs: DAY_MS, interval: interval(9, 8), executed: false },
    ]
    for (const seed of seeds) {
      const query: RecordingJobsQuery = {
        action: seed.action,
        actionDate: new Date(at + 30 * DAY_MS).toISOString(),
        ...(seed.action === 'EXPORT' ? { integrationId: S3_INTEGRATION_ID } : {}),
        includeScreenRecordings: true,
        includeRecordingsWithSensitiveData: false,
        conversationQuery: { interval: seed.interval },
      }
      const { conversations, targets } = this.match(query)
      const record: RecordingJobRecord = {
        id: uuidFrom(`recording-job:${seed.key}`),
        createdAt: at - seed.ageMs,
        creatorClientId: `user:${user.id}`,
        user,
        query,
        conversations,
        targets,
        // Seeded jobs already did what they did: the recordings were seeded in their state after it.
        applied: true,
      }
      if (seed.executed) {
        record.executedAt = record.createdAt + ESTIMATE_MS
        record.processMs = MIN_PROCESS_MS
        record.outcomes = targets.map((r) => outcomeFor(seed.action, r))
      }
      this.jobs.set(record.id, record)
    }
  }
}

/** The org's one AWS S3 recording bulk actions integration (GET /api/v2/integrations). */
export const S3_INTEGRATION_ID = uuidFrom('integration:aws-s3-recording-bulk-actions')
export const S3_INTEGRATION_TYPE = 'aws-s3-recording-bulk-actions-integration'

function outcomeFor(action: RecordingJobAction, recording: SandboxRecording): Outcome {
  // A deleted or broken recording cannot be archived, deleted again or exported.
  if (recording.fileState === 'DELETED' || recording.fileState === 'ERROR') return 'failed'
  if (action === 'ARCHIVE' && recording.fileState === 'ARCHIVED') return 'skipped'
  return 'processed'
}

function actionTime(query: RecordingJobsQuery, recording: SandboxRecording): number {
  if (query.actionDate) return Date.parse(query.actionDate)
  return recording.startTime + (query.actionAge ?? 0) * DAY_MS
}

function recordingsOf(conversation: SandboxConversation, includeScreen: boolean): SandboxRecording[] {
  return conversation.recordings.filter((r) => includeScreen || r.media !== 'screen')
}

/** Queue ids named by `queueId` dimension predicates anywhere in the query's filters. */
function queueIdsOf(query: Record<string, unknown>): Set<string> {
  const ids = new Set<string>()
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit)
    else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>
      if (node.dimension === 'queueId' && typeof node.value === 'string') ids.add(node.value)
      Object.values(node).forEach(visit)
    }
  }
  visit(query.segmentFilters)
  visit(query.conversationFilters)
  return ids
}
