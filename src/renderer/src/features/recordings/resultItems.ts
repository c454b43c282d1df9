import type { FoundConversation, RecordingFindView, RecordingRow } from '../../../../shared/contract/recordings'
import type { AppErrorData } from '../../../../shared/errors'
import { recordingKey } from './recordingsWorkspace'

export type ResultItem =
  | {
      kind: 'recording'
      id: string
      row: RecordingRow
      conversation?: FoundConversation
      /** The conversation's transcript button sits on its first row that offers one. */
      transcriptHere: boolean
    }
  | { kind: 'listing-failed'; id: string; conversation: FoundConversation & { error: AppErrorData } }

function byStart(a: RecordingRow, b: RecordingRow): number {
  return (a.startTime ?? '').localeCompare(b.startTime ?? '') || a.recordingId.localeCompare(b.recordingId)
}

/** The table's rows: each conversation in the find's order, its recordings by start time, or why they could not be listed. */
export function resultItems(view: RecordingFindView): ResultItem[] {
  const byConversation = new Map<string, RecordingRow[]>()
  for (const row of view.recordings) {
    const rows = byConversation.get(row.conversationId)
    if (rows) rows.push(row)
    else byConversation.set(row.conversationId, [row])
  }
  const items: ResultItem[] = []
  const push = (rows: RecordingRow[], conversation?: FoundConversation) => {
    let transcriptOffered = false
    for (const row of [...rows].sort(byStart)) {
      const transcriptHere: boolean = !transcriptOffered && row.actions.includes('transcript')
      transcriptOffered ||= transcriptHere
      items.push({ kind: 'recording', id: recordingKey(row), row, conversation, transcriptHere })
    }
  }
  for (const conversation of view.conversations) {
    if (conversation.error)
      items.push({
        kind: 'listing-failed',
        id: `failed/${conversation.conversationId}`,
        conversation: { ...conversation, error: conversation.error },
      })
    const rows = byConversation.get(conversation.conversationId)
    if (rows) push(rows, conversation)
    byConversation.delete(conversation.conversationId)
  }
  // Recordings of a conversation the find did not list (should not happen): still shown, at the end.
  for (const rows of byConversation.values()) push(rows)
  return items
}

export function downloadableKeys(items: ResultItem[]): string[] {
  return items.flatMap((item) => (item.kind === 'recording' && item.row.actions.includes('download') ? [item.id] : []))
}

/** recordingmetadata carries no size in most orgs: the Size column shows only when some recording has one. */
export function anySize(items: ResultItem[]): boolean {
  return items.some((item) => item.kind === 'recording' && item.row.sizeBytes !== undefined)
}
