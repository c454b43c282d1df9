/**
 * Transcripts from Speech and Text Analytics (transcripturl, then the transcript JSON): shown in the
 * app, and saved beside the recordings as the JSON plus a readable text (speaker and time per phrase).
 */
import { z } from 'zod'
import { method } from '../define'
import { ConversationId } from './common'

export const TranscriptInput = z.object({ conversationId: ConversationId }).strict()
/** folder: a full path, created if missing; empty: the default folder of recordings. */
export const TranscriptSaveInput = z.object({ conversationId: ConversationId, folder: z.string().max(4096) }).strict()

export interface TranscriptPhrase {
  /** participantPurpose as the platform writes it (external, internal, customer, agent, ...): kept even when unknown. */
  speaker: string
  /** For people: external reads "customer", internal reads "agent"; any other purpose as written. */
  speakerLabel: string
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

/**
 * What happened to one file: written new; `unchanged` when the same bytes were already there (left as
 * they were); `renamed` when a different file had the name, so this one got "name (2)..." instead.
 */
export type SavedFileOutcome = 'written' | 'unchanged' | 'renamed'

export interface SavedTranscriptFile {
  communicationId: string
  path: string
  bytes: number
  sha256: string
  kind: 'json' | 'text'
  outcome: SavedFileOutcome
}

export interface SavedTranscript {
  state: 'saved'
  conversationId: string
  /** Per communication: the JSON as received and the readable text. */
  files: SavedTranscriptFile[]
}

export const recordingTranscriptMethods = {
  'recordings.transcript': method<typeof TranscriptInput, ConversationTranscript>(TranscriptInput),
  'recordings.transcript.save': method<typeof TranscriptSaveInput, SavedTranscript | Extract<ConversationTranscript, { state: 'none' }>>(
    TranscriptSaveInput,
  ),
}
