/**
 * The transcript JSON a transcripturl link serves (shared/genesys-api.md), read tolerantly: fields the
 * platform adds are kept in the bytes and ignored here, a speaker purpose this version does not know is
 * shown as written, and a missing optional part (words, analytics, durations) is not a reason to refuse
 * the whole transcript.
 */
import { z } from 'zod'
import type { CommunicationTranscript, TranscriptPhrase } from '../../../../shared/contract/recordings'

const Duration = z.looseObject({ milliseconds: z.number().nullish() }).nullish()
const Time = z.union([z.number(), z.string()]).nullish()

const PhraseSchema = z.looseObject({
  text: z.string().nullish(),
  confidence: z.number().nullish(),
  startTimeMs: z.number().nullish(),
  duration: Duration,
  participantPurpose: z.string().nullish(),
})

const TranscriptSchema = z.looseObject({
  transcriptId: z.string().nullish(),
  language: z.string().nullish(),
  startTime: Time,
  duration: Duration,
  phrases: z
    .array(PhraseSchema)
    .nullish()
    .transform((v) => v ?? []),
})

export const TranscriptDocumentSchema = z.looseObject({
  conversationId: z.string().nullish(),
  communicationId: z.string().nullish(),
  mediaType: z.string().nullish(),
  conversationStartTime: Time,
  duration: Duration,
  transcripts: z
    .array(TranscriptSchema)
    .nullish()
    .transform((v) => v ?? []),
})
export type TranscriptDocument = z.infer<typeof TranscriptDocumentSchema>

/** Below this a time is taken as milliseconds from the conversation's start, above it as epoch ms (1973 on). */
const EPOCH_FLOOR_MS = 100_000_000_000

/** Readable names for the two purposes the platform marks phrases with; any other as written. */
export function speakerLabelOf(purpose: string): string {
  const lower = purpose.toLowerCase()
  if (lower === 'external') return 'customer'
  if (lower === 'internal') return 'agent'
  return purpose
}

/** Epoch milliseconds of a time given as epoch ms or as an ISO text; undefined when neither. */
export function epochMsOf(time: number | string | null | undefined): number | undefined {
  if (typeof time === 'number') return Number.isFinite(time) && time >= EPOCH_FLOOR_MS ? time : undefined
  if (typeof time === 'string') {
    const parsed = Date.parse(time)
    return Number.isNaN(parsed) ? undefined : parsed
  }
  return undefined
}

/** One communication's transcript for the screen: every phrase of every transcript, by time, from the conversation's start. */
export function toCommunicationTranscript(communicationId: string, document: TranscriptDocument): CommunicationTranscript {
  const startMs = epochMsOf(document.conversationStartTime) ?? firstTranscriptStart(document)
  const phrases: TranscriptPhrase[] = []
  for (const transcript of document.transcripts) {
    const transcriptStart = epochMsOf(transcript.startTime)
    for (const phrase of transcript.phrases) {
      const speaker = phrase.participantPurpose || 'unknown'
      const at = phrase.startTimeMs ?? transcriptStart ?? startMs ?? 0
      phrases.push({
        speaker,
        speakerLabel: speakerLabelOf(speaker),
        startMs: Math.max(0, at >= EPOCH_FLOOR_MS ? at - (startMs ?? at) : at),
        ...(typeof phrase.duration?.milliseconds === 'number' ? { durationMs: phrase.duration.milliseconds } : {}),
        text: phrase.text ?? '',
        ...(typeof phrase.confidence === 'number' ? { confidence: phrase.confidence } : {}),
      })
    }
  }
  // Stable: phrases at the same moment keep the platform's order.
  phrases.sort((a, b) => a.startMs - b.startMs)
  const language = document.transcripts.map((t) => t.language).find((l): l is string => Boolean(l))
  const durationMs = document.duration?.milliseconds ?? undefined
  return {
    communicationId,
    ...(document.mediaType ? { mediaType: document.mediaType } : {}),
    ...(language ? { language } : {}),
    ...(typeof durationMs === 'number' ? { durationMs } : {}),
    phrases,
  }
}

/** Without a conversation start: the earliest transcript start, else the earliest phrase given in epoch ms. */
function firstTranscriptStart(document: TranscriptDocument): number | undefined {
  const starts = document.transcripts.map((t) => epochMsOf(t.startTime)).filter((t): t is number => t !== undefined)
  if (starts.length) return Math.min(...starts)
  const phraseStarts = document.transcripts
    .flatMap((t) => t.phrases.map((p) => p.startTimeMs))
    .filter((t): t is number => typeof t === 'number' && t >= EPOCH_FLOOR_MS)
  return phraseStarts.length ? Math.min(...phraseStarts) : undefined
}
