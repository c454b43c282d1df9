/**
 * Recordings (issue 12): what every part of the workflow shares. The platform's enums are open: a file
 * state or media type this version does not know travels as its raw value and is shown as such.
 */
import { z } from 'zod'

/** The formats a link or a download can be transcoded to (`formatId`); NONE is the original codec. */
export const RECORDING_FORMATS = ['WAV', 'WAV_ULAW', 'MP3', 'OGG_VORBIS', 'OGG_OPUS', 'WEBM'] as const
export type RecordingFormat = (typeof RECORDING_FORMATS)[number]
export const RecordingFormatSchema = z.enum(RECORDING_FORMATS)

export const FILE_STATES = ['AVAILABLE', 'ARCHIVED', 'RESTORED', 'RESTORING', 'UPLOADING', 'DELETED', 'ERROR'] as const
export type KnownFileState = (typeof FILE_STATES)[number]
export type FileState = KnownFileState | (string & {})

/** What an admin can do with a recording in its state. */
export type RecordingAction = 'link' | 'download' | 'transcript'

/** A conversation id as the platform writes it (a UUID); pasted ids are checked against this. */
export const ConversationId = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'a conversation id (a UUID)')
export const RecordingId = z.string().min(1).max(200)

export const RecordingRef = z.object({ conversationId: ConversationId, recordingId: RecordingId }).strict()
export type RecordingRef = z.infer<typeof RecordingRef>

/** One recording of a conversation, from recordingmetadata (no media). */
export interface RecordingRow {
  conversationId: string
  recordingId: string
  /** audio, chat, messaging, email, screen, or what the platform adds. */
  media: string
  fileState: FileState
  startTime?: string
  endTime?: string
  durationMs?: number
  sizeBytes?: number
  archiveDate?: string
  deleteDate?: string
  /** What can be done now; empty with `unavailableReason` when nothing can. */
  actions: RecordingAction[]
  unavailableReason?: string
}
