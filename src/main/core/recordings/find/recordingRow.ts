/**
 * A recording as the screen lists it: its facts from recordingmetadata and what an admin can do with it
 * in its file state. A state this version does not know is shown as the platform sent it, with nothing
 * offered (no guessing what it allows).
 */
import { type RecordingAction, type RecordingRow } from '../../../../shared/contract/recordings'
import type { RecordingMetadata } from './recordingMetadataApi'

export function toRecordingRow(conversationId: string, metadata: RecordingMetadata): RecordingRow {
  const media = metadata.media ?? 'unknown'
  const fileState = metadata.fileState ?? 'unknown'
  const startTime = metadata.startTime ?? undefined
  const endTime = metadata.endTime ?? undefined
  const durationMs = metadata.outputDurationMs ?? spanMs(startTime, endTime)
  const archiveDate = metadata.archiveDate ?? undefined
  const deleteDate = metadata.deleteDate ?? undefined
  const { actions, unavailableReason } = whatCanBeDone(fileState, media)
  return {
    conversationId,
    recordingId: metadata.id,
    media,
    fileState,
    ...(startTime ? { startTime } : {}),
    ...(endTime ? { endTime } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(metadata.outputSizeInBytes != null ? { sizeBytes: metadata.outputSizeInBytes } : {}),
    ...(archiveDate ? { archiveDate } : {}),
    ...(deleteDate ? { deleteDate } : {}),
    actions,
    ...(unavailableReason ? { unavailableReason } : {}),
  }
}

/**
 * The reason carries no date: the row's archiveDate / deleteDate do, and the screen shows them in its
 * one date format ("Deleted Nov 25, 2026: …").
 */
export function whatCanBeDone(fileState: string, media: string): { actions: RecordingAction[]; unavailableReason?: string } {
  switch (fileState) {
    case 'AVAILABLE':
    case 'RESTORED':
      return { actions: media === 'audio' ? ['link', 'download', 'transcript'] : ['link', 'download'] }
    case 'ARCHIVED':
      // The restore itself is on the interaction in Genesys Cloud (or a bulk job on the Bulk jobs tab).
      return { actions: [], unavailableReason: 'Archived: restore it in Genesys Cloud, then find it again.' }
    case 'RESTORING':
      return { actions: [], unavailableReason: 'Being restored from the archive: find it again in a while.' }
    case 'UPLOADING':
      return { actions: [], unavailableReason: 'Still being uploaded by the platform: find it again in a few minutes.' }
    case 'DELETED':
      return { actions: [], unavailableReason: 'Deleted: Genesys Cloud no longer has its media.' }
    case 'ERROR':
      return { actions: [], unavailableReason: 'File error in Genesys Cloud: give support the conversation id.' }
    default:
      return {
        actions: [],
        unavailableReason: `File state ${fileState} is not known to this version of Switchboard: nothing is offered.`,
      }
  }
}

function spanMs(start?: string, end?: string): number | undefined {
  if (!start || !end) return undefined
  const span = Date.parse(end) - Date.parse(start)
  return Number.isFinite(span) && span >= 0 ? span : undefined
}
