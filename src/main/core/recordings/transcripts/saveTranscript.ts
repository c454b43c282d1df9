import type { ConversationTranscript, SavedTranscript, SavedTranscriptFile } from '../../../../shared/contract/recordings'
import { toAppError } from '../../../../shared/errors'
import { readConversationTranscripts, type TranscriptReading } from './readTranscripts'
import type { TranscriptAccess } from './transcriptAccess'
import { renderTranscriptText } from './transcriptText'
import { writeBesideExisting } from './writeBesideExisting'

export type { TranscriptAccess } from './transcriptAccess'

type NoTranscript = Extract<ConversationTranscript, { state: 'none' }>

/**
 * Saves a conversation's transcripts into `folder` (the JSON as received and a readable text per
 * communication), or says plainly that none exists. The downloads part calls this for "with transcripts".
 * Files are named `<conversationId>_<communicationId>.transcript.json|.txt`; an existing file with the
 * same bytes is left as it is, a different one is kept and the new file gets "name (2)...".
 */
export async function saveConversationTranscript(
  access: TranscriptAccess,
  conversationId: string,
  folder: string,
): Promise<SavedTranscript | NoTranscript> {
  const reading = await readAudited(access, conversationId)
  if (reading.state === 'none') return { state: 'none', conversationId, reason: reading.reason, hint: reading.hint }
  const files: SavedTranscriptFile[] = []
  try {
    for (const { communicationId, bytes, transcript } of reading.fetched) {
      const stem = `${conversationId}_${safeNamePart(communicationId)}`
      const json = await writeBesideExisting(folder, stem, '.transcript.json', bytes)
      files.push({ communicationId, kind: 'json', ...json })
      const text = renderTranscriptText({ conversationId, conversationStartTime: reading.conversationStartTime }, transcript)
      const written = await writeBesideExisting(folder, stem, '.transcript.txt', Buffer.from(text, 'utf8'))
      files.push({ communicationId, kind: 'text', ...written })
    }
  } catch (error) {
    const failure = toAppError(error)
    access.audit?.({
      action: 'recordings.transcript.save',
      conversationId,
      outcome: 'error',
      detail: { files: files.length, code: failure.code },
    })
    throw failure
  }
  access.audit?.({
    action: 'recordings.transcript.save',
    conversationId,
    outcome: 'ok',
    detail: {
      communications: reading.fetched.map((f) => f.communicationId).join(','),
      files: files.length,
      bytes: files.reduce((sum, f) => sum + f.bytes, 0),
      outcomes: files.map((f) => f.outcome).join(','),
    },
  })
  return { state: 'saved', conversationId, files }
}

/** Reads the transcripts and audits the reading (conversation, communications asked, outcome, correlation id). */
export async function readAudited(access: TranscriptAccess, conversationId: string): Promise<TranscriptReading> {
  try {
    const reading = await readConversationTranscripts(access, conversationId)
    access.audit?.({
      action: 'recordings.transcript',
      conversationId,
      outcome: 'ok',
      detail: {
        state: reading.state,
        communications: reading.asked.join(','),
        found: reading.state === 'available' ? reading.fetched.length : 0,
      },
      correlationId: reading.correlationId,
    })
    return reading
  } catch (error) {
    const failure = toAppError(error)
    access.audit?.({
      action: 'recordings.transcript',
      conversationId,
      outcome: failure.code === 'cancelled' ? 'cancelled' : 'error',
      detail: { code: failure.code, status: failure.status ?? null },
      correlationId: failure.correlationId,
    })
    throw failure
  }
}

/** Communication ids are UUIDs; anything else is kept to letters, digits and dashes in a file name. */
function safeNamePart(id: string): string {
  return id.replace(/[^A-Za-z0-9-]/g, '_').slice(0, 100) || 'communication'
}
