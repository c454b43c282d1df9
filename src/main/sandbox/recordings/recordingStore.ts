/**
 * The sandbox org's conversations and their recordings: seeded over the days before the sandbox
 * started, in several queues, directions and media types, with recordings in every file state. Ids are
 * derived from the seed index, so they are the same on every start. Tests and benchmarks add their own.
 */
import { uuidFrom } from '../organization'
import { seededRandom } from '../random'

export type SandboxFileState = 'AVAILABLE' | 'ARCHIVED' | 'RESTORED' | 'RESTORING' | 'UPLOADING' | 'DELETED' | 'ERROR' | (string & {})

export interface SandboxQueue {
  id: string
  name: string
}

export interface SandboxRecording {
  id: string
  conversationId: string
  /** audio, chat, email, messaging, screen */
  media: string
  fileState: SandboxFileState
  startTime: number
  endTime: number
  /** Length of the audio; the original media is 16-bit mono PCM at 8 kHz (16,000 bytes a second). */
  durationMs: number
  archiveDate?: number
  deleteDate?: number
  /** How long a transcode to another format takes once first asked for. */
  transcodeMs: number
  /** Original media size in bytes (a WAV of durationMs); for tests and benchmarks it may be set directly. */
  sizeBytes: number
  /** Seed of the generated samples (a tone), so each recording has its own bytes. */
  tone: number
}

export interface SandboxConversation {
  id: string
  start: number
  end: number
  direction: 'inbound' | 'outbound'
  /** voice, chat, email, message, callback */
  mediaType: string
  queue: SandboxQueue
  /** Participant purposes, as analytics lists them. */
  participants: { purpose: 'customer' | 'agent' | 'ivr' | 'acd'; name?: string; communicationId: string }[]
  recordings: SandboxRecording[]
  /** Speech and Text Analytics analysed it: a transcript on the customer's voice communication (see transcriptDocument.ts). */
  analysed: boolean
  /** Fields a newer platform might add to its transcript JSON (tests): merged into the document and each phrase. */
  transcriptExtras?: { document?: Record<string, unknown>; phrase?: Record<string, unknown> }
}

export const SEED_QUEUES: SandboxQueue[] = ['Support', 'Billing', 'Sales', 'Retention'].map((name) => ({
  id: uuidFrom(`queue:${name}`),
  name,
}))

const DAY_MS = 86_400_000
const PCM_BYTES_PER_SECOND = 16_000
const WAV_HEADER_BYTES = 44

/** The states seeded recordings cycle through; AVAILABLE most often, as in a real org. */
const SEED_STATES: SandboxFileState[] = [
  'AVAILABLE',
  'AVAILABLE',
  'AVAILABLE',
  'ARCHIVED',
  'AVAILABLE',
  'RESTORING',
  'AVAILABLE',
  'DELETED',
  'AVAILABLE',
  'RESTORED',
  'AVAILABLE',
  'UPLOADING',
  'AVAILABLE',
  'ERROR',
]

export function wavSizeFor(durationMs: number): number {
  return WAV_HEADER_BYTES + Math.round((durationMs / 1000) * PCM_BYTES_PER_SECOND) * 1
}

export class RecordingStore {
  private readonly byId = new Map<string, SandboxConversation>()

  constructor(seedAt: number, seedCount = 60) {
    for (const conversation of seedConversations(seedAt, seedCount)) this.byId.set(conversation.id, conversation)
  }

  queues(): SandboxQueue[] {
    return SEED_QUEUES
  }

  /** Every conversation, oldest first. */
  conversations(): SandboxConversation[] {
    return [...this.byId.values()].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id))
  }

  conversation(id: string): SandboxConversation | undefined {
    return this.byId.get(id)
  }

  recording(conversationId: string, recordingId: string): SandboxRecording | undefined {
    return this.byId.get(conversationId)?.recordings.find((r) => r.id === recordingId)
  }

  /** Adds (or replaces) a conversation: tests and benchmarks seed their own. */
  add(conversation: SandboxConversation): void {
    this.byId.set(conversation.id, conversation)
  }
}

/** A conversation with one audio recording of `sizeBytes`, for tests and benchmarks. */
export function syntheticConversation(index: number, start: number, sizeBytes: number, label = 'synthetic'): SandboxConversation {
  const id = uuidFrom(`conversation:${label}:${index}`)
  const durationMs = Math.max(1, Math.round(((sizeBytes - WAV_HEADER_BYTES) / PCM_BYTES_PER_SECOND) * 1000))
  const queue = SEED_QUEUES[index % SEED_QUEUES.length]
  return {
    id,
    start,
    end: start + durationMs,
    direction: 'inbound',
    mediaType: 'voice',
    queue,
    participants: participantsFor(id, 'voice'),
    analysed: false,
    recordings: [
      {
        id: uuidFrom(`recording:${label}:${index}:0`),
        conversationId: id,
        media: 'audio',
        fileState: 'AVAILABLE',
        startTime: start,
        endTime: start + durationMs,
        durationMs,
        transcodeMs: 0,
        sizeBytes,
        tone: index,
      },
    ],
  }
}

function seedConversations(seedAt: number, count: number): SandboxConversation[] {
  const random = seededRandom(12)
  const conversations: SandboxConversation[] = []
  // Spread over the 10 days before the seed time, newest last; whole minutes so they read well.
  const first = Math.floor((seedAt - 10 * DAY_MS) / 60_000) * 60_000
  for (let i = 0; i < count; i++) {
    const id = uuidFrom(`conversation:seed:${i}`)
    const start = first + Math.floor((i / count) * 10 * DAY_MS) + Math.floor(random() * 3_600_000)
    const mediaType = i % 10 === 7 ? 'chat' : i % 10 === 9 ? 'email' : 'voice'
    const durationMs = 20_000 + Math.floor(random() * 160_000)
    const recordings: SandboxRecording[] = []
    const recordingCount = mediaType === 'voice' && i % 6 === 0 ? 2 : 1
    for (let r = 0; r < recordingCount; r++) {
      const state = SEED_STATES[(i + r) % SEED_STATES.length]
      const media = mediaType === 'voice' ? (r === 1 && i % 12 === 0 ? 'screen' : 'audio') : mediaType === 'chat' ? 'chat' : 'email'
      const recStart = start + r * 5_000
      recordings.push({
        id: uuidFrom(`recording:seed:${i}:${r}`),
        conversationId: id,
        media,
        fileState: state,
        startTime: recStart,
        endTime: recStart + durationMs,
        durationMs,
        ...(state === 'ARCHIVED' || state === 'RESTORING' || state === 'RESTORED' ? { archiveDate: start + 2 * DAY_MS } : {}),
        ...(state === 'DELETED' ? { deleteDate: start + DAY_MS } : {}),
        transcodeMs: i % 4 === 1 ? 3_000 : 0,
        sizeBytes: wavSizeFor(durationMs),
        tone: i * 2 + r,
      })
    }
    conversations.push({
      id,
      start,
      end: start + durationMs + 10_000,
      direction: i % 3 === 2 ? 'outbound' : 'inbound',
      mediaType,
      queue: SEED_QUEUES[i % SEED_QUEUES.length],
      participants: participantsFor(id, mediaType),
      recordings,
      analysed: mediaType === 'voice' && i % 3 !== 1,
    })
  }
  return conversations
}

function participantsFor(conversationId: string, mediaType: string): SandboxConversation['participants'] {
  const comm = (who: string) => uuidFrom(`communication:${conversationId}:${who}`)
  const people: SandboxConversation['participants'] = [
    { purpose: 'customer', communicationId: comm('customer') },
    { purpose: 'acd', communicationId: comm('acd') },
    { purpose: 'agent', name: 'Dana Whitfield', communicationId: comm('agent') },
  ]
  return mediaType === 'voice' ? [{ purpose: 'ivr', communicationId: comm('ivr') }, ...people] : people
}
