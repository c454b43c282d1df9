/**
 * Transcripts from Speech and Text Analytics (transcripturl, then the transcript JSON): shown in the
 * app, and saved beside the recordings as the JSON plus a readable text (speaker and time per phrase).
 */
import { z } from 'zod'
import { method } from '../define'
import { ConversationId } from './common'

export const TranscriptInput = z.object({ conversationId: ConversationId }).strict()
export const TranscriptSaveInput = z.object({ conversationId: ConversationId, folder: z.string().min(1).max(4096) }).strict()

export interface TranscriptPhrase {
  /** participantPurpose: customer, agent, ivr, ... as the platform writes it. */
  speaker: string
  /** From the start of the conversation. */
  startMs: number
  durationMs?: number
  text: string
  confidence?: number
}

export interface CommunicationTranscript {
  communicationId: string
  mediaType?: string
  language?: string
  durationMs?: number
  phrases: TranscriptPhrase[]
}

export type ConversationTranscript =
  | { state: 'available'; conversationId: string; conversationStartTime?: string; communications: CommunicationTranscript[] }
  | { state: 'none'; conversationId: string; reason: string; hint: string }

export interface SavedTranscript {
  conversationId: string
  /** Per communication: the JSON as received and the readable text. */
  files: { path: string; bytes: number; sha256: string; kind: 'json' | 'text' }[]
}

export const recordingTranscriptMethods = {
  'recordings.transcript': method<typeof TranscriptInput, ConversationTranscript>(TranscriptInput),
  'recordings.transcript.save': method<typeof TranscriptSaveInput, SavedTranscript | Extract<ConversationTranscript, { state: 'none' }>>(
    TranscriptSaveInput,
  ),
}
