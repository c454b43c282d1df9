/**
 * Batch download requests (POST/GET /api/v2/recording/batchrequests): each request remembers the client
 * that submitted it (only that client may read it) and completes progressively on the sandbox clock, a
 * few items a second in submission order, so a client sees results appear while it polls.
 */
import { randomUUID } from 'node:crypto'
import type { RecordingStore, SandboxRecording } from './recordingStore'

/** The first result is ready this long after submission; then one more every ITEM_INTERVAL_MS. */
export const BATCH_FIRST_RESULT_MS = 200
export const BATCH_ITEM_INTERVAL_MS = 40

/** How fast a batch's results complete (the sandbox option batchResultPace); the default is the constants above. */
export interface BatchResultPace {
  firstMs: number
  intervalMs: number
}

/** File states whose media can be downloaded now. */
const DOWNLOADABLE = new Set(['AVAILABLE', 'RESTORED'])

export interface BatchItem {
  conversationId: string
  recordingId: string
  recording?: SandboxRecording
  errorMsg?: string
}

export interface BatchRequestRecord {
  id: string
  clientId: string
  submittedAt: number
  items: BatchItem[]
}

export class BatchRequests {
  private readonly byId = new Map<string, BatchRequestRecord>()

  constructor(
    private readonly recordings: RecordingStore,
    private readonly now: () => number,
    private readonly pace: () => BatchResultPace = () => ({ firstMs: BATCH_FIRST_RESULT_MS, intervalMs: BATCH_ITEM_INTERVAL_MS }),
  ) {}

  submit(clientId: string, requested: { conversationId: string; recordingId?: string }[]): BatchRequestRecord {
    const record: BatchRequestRecord = {
      id: randomUUID(),
      clientId,
      submittedAt: this.now(),
      items: requested.flatMap((item) => this.expand(item)),
    }
    this.byId.set(record.id, record)
    return record
  }

  /** The request as its submitter sees it; another client gets undefined (the platform answers 404). */
  read(id: string, clientId: string): BatchRequestRecord | undefined {
    const record = this.byId.get(id)
    return record && record.clientId === clientId ? record : undefined
  }

  /** How many of the record's items have their result by now. */
  readyCount(record: BatchRequestRecord): number {
    const { firstMs, intervalMs } = this.pace()
    const elapsed = this.now() - record.submittedAt
    if (elapsed < firstMs) return 0
    if (intervalMs === 0) return record.items.length
    return Math.min(record.items.length, 1 + Math.floor((elapsed - firstMs) / intervalMs))
  }

  /** A conversation without recordingId stands for all its recordings. */
  private expand(item: { conversationId: string; recordingId?: string }): BatchItem[] {
    const conversation = this.recordings.conversation(item.conversationId)
    if (item.recordingId === undefined) {
      if (!conversation) return [{ conversationId: item.conversationId, recordingId: '', errorMsg: 'Conversation not found' }]
      return conversation.recordings.map((recording) => withState(item.conversationId, recording))
    }
    const recording = conversation?.recordings.find((r) => r.id === item.recordingId)
    if (!recording) return [{ conversationId: item.conversationId, recordingId: item.recordingId, errorMsg: 'Recording not found' }]
    return [withState(item.conversationId, recording)]
  }
}

function withState(conversationId: string, recording: SandboxRecording): BatchItem {
  if (DOWNLOADABLE.has(recording.fileState)) return { conversationId, recordingId: recording.id, recording }
  return { conversationId, recordingId: recording.id, errorMsg: unavailableMessage(recording.fileState) }
}

function unavailableMessage(state: string): string {
  switch (state) {
    case 'ARCHIVED':
      return 'Recording is archived; restore it before downloading'
    case 'DELETED':
      return 'Recording has been deleted'
    case 'RESTORING':
      return 'Recording is being restored from archive'
    case 'UPLOADING':
      return 'Recording is still uploading'
    case 'ERROR':
      return 'Recording is in an error state'
    default:
      return `Recording is not available (${state})`
  }
}
