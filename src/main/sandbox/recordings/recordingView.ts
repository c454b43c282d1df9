import type { SandboxContext } from '../context'
import { formatMediaUrl } from '../routes/recordingMedia'
import { mediaFor, type SandboxMediaFormat } from './formatMedia'
import type { SandboxRecording } from './recordingStore'
import type { TranscodeProgress } from './transcodes'

/** States whose media can be fetched now; the others answer without mediaUris (the SDK: "Null when there is no playable media"). */
const PLAYABLE_STATES = new Set(['AVAILABLE', 'RESTORED'])
/** Media with a file to link to; chat, email and messaging recordings carry their transcript instead. */
const FILE_MEDIA = new Set(['audio', 'screen'])

export function isPlayable(recording: SandboxRecording): boolean {
  return PLAYABLE_STATES.has(recording.fileState) && FILE_MEDIA.has(recording.media)
}

export interface RecordingViewOptions {
  format: SandboxMediaFormat
  /** Undefined when the recording is not playable (no transcode starts for it). */
  progress?: TranscodeProgress
  /** download=true: the link answers as an attachment named so. */
  attachmentName?: string
}

/** A Recording as GET .../recordings(/{id}) answers it (shared/genesys-api.md). */
export function recordingView(ctx: SandboxContext, recording: SandboxRecording, options: RecordingViewOptions): Record<string, unknown> {
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString())
  const view: Record<string, unknown> = {
    id: recording.id,
    conversationId: recording.conversationId,
    startTime: iso(recording.startTime),
    endTime: iso(recording.endTime),
    media: recording.media,
    fileState: recording.fileState,
    recordingFileRole: 'CUSTOMER_EXPERIENCE',
    outputDurationMs: recording.durationMs,
    selfUri: `/api/v2/conversations/${recording.conversationId}/recordings/${recording.id}`,
  }
  if (recording.archiveDate !== undefined) view.archiveDate = iso(recording.archiveDate)
  if (recording.deleteDate !== undefined) view.deleteDate = iso(recording.deleteDate)
  const progress = options.progress
  if (!progress || !isPlayable(recording)) return view
  if (!progress.done) {
    // What is left of it, which is what a client waiting on it needs.
    view.estimatedTranscodeTimeMs = progress.remainingMs
    return view
  }
  view.actualTranscodeTimeMs = progress.tookMs
  view.outputSizeInBytes = mediaFor(recording, options.format).size
  view.mediaUris = { '0': { mediaUri: formatMediaUrl(ctx, recording, options.format, options.attachmentName) } }
  return view
}
