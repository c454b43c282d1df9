import type { SandboxConversation, SandboxRecording } from './recordingStore'

/** A recording as recordingmetadata lists it (the SDK's RecordingMetadata): no media, no sizes. */
export function toRecordingMetadata(conversation: SandboxConversation, recording: SandboxRecording) {
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString())
  return {
    id: recording.id,
    conversationId: conversation.id,
    startTime: iso(recording.startTime),
    endTime: iso(recording.endTime),
    media: recording.media,
    ...(recording.media === 'audio' ? { mediaSubtype: 'Trunk' } : {}),
    fileState: recording.fileState,
    ...(recording.archiveDate !== undefined ? { archiveDate: iso(recording.archiveDate), archiveMedium: 'CloudArchive' } : {}),
    ...(recording.deleteDate !== undefined ? { deleteDate: iso(recording.deleteDate) } : {}),
    sessionId: conversation.participants.find((p) => p.purpose === 'customer')?.communicationId,
    selfUri: `/api/v2/conversations/${conversation.id}/recordingmetadata/${recording.id}`,
  }
}
