/** What the app knows of one download, rebuilt from its journal (downloadStore.ts) at start. */
import type { AppErrorData } from '../../../../shared/errors'
import type { DownloadItemState, DownloadItemView, DownloadStartInput, ExistingFileChoice } from '../../../../shared/contract/recordings'

/** An item as the screen sees it (DownloadItemView), plus what only the run needs. */
export interface ItemRecord extends DownloadItemView {
  /** The batch request that holds this item's current request (read again after a restart). */
  batchId?: string
  /** The admin's decision for this item's existing file. */
  choice?: ExistingFileChoice
  /** Links asked for again after one expired. */
  renewals: number
  /** The file is complete and verified under its part name, waiting for a decision to be placed. */
  verified?: boolean
}

/** The fields of an item a journal line may set (key and ids never change). */
export type ItemPatch = Partial<Omit<ItemRecord, 'key' | 'conversationId' | 'recordingId' | 'startTime'>>

export interface BatchRecord {
  id: string
  keys: string[]
  completed: boolean
}

export interface TranscriptOutcome {
  conversationId: string
  state: 'saved' | 'none' | 'failed'
  reason?: string
}

export interface DownloadRecord {
  id: string
  profileId: string
  folder: string
  onExisting: NonNullable<DownloadStartInput['onExisting']>
  transcripts: boolean
  createdAt: string
  finishedAt?: string
  manifestPath: string
  items: ItemRecord[]
  byKey: Map<string, ItemRecord>
  batches: Map<string, BatchRecord>
  transcriptOutcomes: Map<string, TranscriptOutcome>
  error?: AppErrorData
}

export const itemKey = (item: { conversationId: string; recordingId: string }): string => `${item.conversationId}/${item.recordingId}`

export const FINAL_ITEM_STATES: ReadonlySet<DownloadItemState> = new Set(['saved', 'skipped', 'failed', 'cancelled'])

/** Journal lines; each one is applied in order to rebuild a DownloadRecord. */
export type JournalLine =
  | {
      t: 'start'
      id: string
      profileId: string
      folder: string
      onExisting: DownloadRecord['onExisting']
      transcripts: boolean
      createdAt: string
      manifestPath: string
      items: { c: string; r: string; s?: string }[]
    }
  | { t: 'batch'; id: string; keys: string[] }
  | { t: 'batchDone'; id: string }
  | { t: 'item'; key: string; set: ItemPatch }
  | { t: 'transcript'; outcome: TranscriptOutcome }
  | { t: 'finished'; at: string; error?: AppErrorData }
  /** Retry: the failed items are set back by their own lines; these conversations' transcripts are tried again. */
  | { t: 'reopened'; transcriptsAgain?: string[] }

export function recordFromStart(line: Extract<JournalLine, { t: 'start' }>): DownloadRecord {
  const items = line.items.map((i): ItemRecord => ({
    key: itemKey({ conversationId: i.c, recordingId: i.r }),
    conversationId: i.c,
    recordingId: i.r,
    ...(i.s ? { startTime: i.s } : {}),
    state: 'waiting',
    bytes: 0,
    renewals: 0,
  }))
  return {
    id: line.id,
    profileId: line.profileId,
    folder: line.folder,
    onExisting: line.onExisting,
    transcripts: line.transcripts,
    createdAt: line.createdAt,
    manifestPath: line.manifestPath,
    items,
    byKey: new Map(items.map((item) => [item.key, item])),
    batches: new Map(),
    transcriptOutcomes: new Map(),
  }
}

/** Applies one line after the start line; unknown keys and batches are ignored (a damaged line cannot break the rest). */
export function applyLine(record: DownloadRecord, line: JournalLine): void {
  switch (line.t) {
    case 'batch':
      record.batches.set(line.id, { id: line.id, keys: line.keys, completed: false })
      // The one durable line that says these items were requested: no item of it is submitted again.
      for (const key of line.keys) {
        const item = record.byKey.get(key)
        if (item && item.state === 'waiting') Object.assign(item, { state: 'requested', batchId: line.id })
      }
      return
    case 'batchDone': {
      const batch = record.batches.get(line.id)
      if (batch) batch.completed = true
      return
    }
    case 'item': {
      const item = record.byKey.get(line.key)
      if (item) applyItemPatch(item, line.set)
      return
    }
    case 'transcript':
      record.transcriptOutcomes.set(line.outcome.conversationId, line.outcome)
      return
    case 'finished':
      record.finishedAt = line.at
      if (line.error) record.error = line.error
      else delete record.error
      return
    case 'reopened':
      delete record.finishedAt
      delete record.error
      for (const conversationId of line.transcriptsAgain ?? []) record.transcriptOutcomes.delete(conversationId)
      return
    default:
      return
  }
}

export function applyItemPatch(item: ItemRecord, patch: ItemPatch): void {
  for (const [field, value] of Object.entries(patch)) {
    if (value === undefined || value === null) delete (item as unknown as Record<string, unknown>)[field]
    else (item as unknown as Record<string, unknown>)[field] = value
  }
}
