/**
 * The Speech and Text Analytics transcript of an analysed voice conversation, in the platform's JSON
 * shape (shared/genesys-api.md). Which communication carries it: the platform transcribes the call
 * once, speaker-separated into external (customer) and internal (IVR, ACD, agent) phrases, and keys it
 * to the customer's voice communication; the sandbox does the same, so asking for the agent's, the
 * IVR's or the ACD's communication answers 404. Times are epoch milliseconds, as in the platform's
 * files (unverified: widely reported); the phrases are generated from the conversation's id and queue,
 * so each call reads the same on every start.
 */
import { uuidFrom } from '../organization'
import { seededRandom } from '../random'
import type { SandboxConversation } from './recordingStore'
import { scriptFor } from './transcriptScripts'

const FIRST_PHRASE_AFTER_MS = 1_500
const GAP_MS = 700
const WORD_MS = 330

/** The communication whose transcript exists, or undefined when the conversation was not analysed. */
export function transcriptCommunicationId(conversation: SandboxConversation): string | undefined {
  if (!conversation.analysed || conversation.mediaType !== 'voice') return undefined
  return conversation.participants.find((p) => p.purpose === 'customer')?.communicationId
}

/** The transcript JSON of `communicationId`, or undefined when that communication has none. */
export function transcriptDocument(organizationId: string, conversation: SandboxConversation, communicationId: string): Buffer | undefined {
  if (transcriptCommunicationId(conversation) !== communicationId) return undefined
  const random = seededRandom(hashOf(conversation.id))
  const script = scriptFor(conversation.queue.name)
  const spoken = script.map(([, text]) => text.split(' ').length * WORD_MS)
  const needed = FIRST_PHRASE_AFTER_MS + spoken.reduce((sum, ms) => sum + ms + GAP_MS, 0)
  const available = conversation.end - conversation.start
  // A short call speaks faster rather than past its own end.
  const scale = Math.min(1, (available - FIRST_PHRASE_AFTER_MS) / needed)
  let at = conversation.start + FIRST_PHRASE_AFTER_MS
  const phrases = script.map(([speaker, text], index) => {
    const words = text.split(' ')
    const wordMs = Math.max(1, Math.round(WORD_MS * scale))
    const phraseStart = at
    at += Math.round((spoken[index] + GAP_MS) * scale)
    return {
      text,
      stability: 1,
      confidence: round(0.82 + random() * 0.16),
      startTimeMs: phraseStart,
      duration: { milliseconds: words.length * wordMs },
      words: words.map((word, w) => ({
        word,
        confidence: round(0.75 + random() * 0.24),
        startTimeMs: phraseStart + w * wordMs,
        duration: { milliseconds: wordMs },
      })),
      participantPurpose: speaker,
      ...conversation.transcriptExtras?.phrase,
    }
  })
  const durationMs = conversation.end - conversation.start
  const agent = conversation.participants.find((p) => p.purpose === 'agent')
  const document = {
    organizationId,
    conversationId: conversation.id,
    communicationId,
    mediaType: 'call',
    conversationStartTime: conversation.start,
    duration: { milliseconds: durationMs },
    transcripts: [
      {
        transcriptId: uuidFrom(`transcript:${conversation.id}:${communicationId}`),
        language: 'en-US',
        programId: uuidFrom('program:default'),
        startTime: conversation.start,
        duration: { milliseconds: durationMs },
        phrases,
        analytics: {
          sentiment: phrases
            .map((phrase, index) => ({
              phraseIndex: index,
              participant: phrase.participantPurpose,
              sentiment: round(random() * 1.2 - 0.2),
            }))
            .filter((_, index) => index % 2 === 1),
          topics: [],
          acoustic: { silenceDurationPercentage: round(random() * 0.2), overtalkCount: Math.floor(random() * 3) },
        },
      },
    ],
    participants: [
      { participantPurpose: 'customer', startTimeMs: conversation.start, endTimeMs: conversation.end },
      ...(agent
        ? [
            {
              participantPurpose: 'agent',
              userId: uuidFrom(`user:${agent.name ?? 'agent'}`),
              startTimeMs: conversation.start,
              endTimeMs: conversation.end,
            },
          ]
        : []),
    ],
    ...conversation.transcriptExtras?.document,
  }
  return Buffer.from(JSON.stringify(document), 'utf8')
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

function hashOf(text: string): number {
  let hash = 2166136261
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619)
  return hash >>> 0
}
