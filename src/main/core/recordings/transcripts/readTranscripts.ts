/**
 * Reads a conversation's transcripts: which communications to ask for (analytics' participant sessions:
 * a session id is the communication id), a transcripturl per communication, then the JSON behind each
 * link, parsed tolerantly. The bytes are kept as received so a saved copy is the platform's own file.
 */
import type { CommunicationTranscript } from '../../../../shared/contract/recordings'
import { toAppError } from '../../../../shared/errors'
import { sendOutbound } from '../../net/outboundHttp'
import { getConversationDetails, type ConversationDetails } from './conversationDetailsApi'
import type { TranscriptAccess } from './transcriptAccess'
import { getTranscriptUrl } from './speechAnalyticsApi'
import { epochMsOf, toCommunicationTranscript, TranscriptDocumentSchema } from './transcriptJson'
import { transcriptLinkError, transcriptPermissionError, unreadableTranscriptError } from './transcriptErrors'

/** Transcripts of long calls with word timings run to a few MB; far past that is not a transcript. */
export const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024

/**
 * Speech and Text Analytics transcribes a call once, speaker-separated, and keys it to one voice
 * communication (the customer's, as far as is known; the platform does not document which), so the
 * people's voice communications are asked for, customer's first; IVR and ACD legs never carry one.
 */
const PEOPLE = ['customer', 'external', 'agent', 'user']

export interface FetchedTranscript {
  communicationId: string
  /** The JSON exactly as the link served it. */
  bytes: Buffer
  transcript: CommunicationTranscript
}

interface ReadingBase {
  conversationId: string
  /** The communications asked for, in order (for the audit). */
  asked: string[]
  /** Of the last transcripturl answer. */
  correlationId?: string
}

export type TranscriptReading =
  | (ReadingBase & { state: 'available'; conversationStartTime?: string; fetched: FetchedTranscript[] })
  | (ReadingBase & { state: 'none'; reason: string; hint: string })

export const NO_TRANSCRIPT = {
  reason:
    'Speech and Text Analytics has no transcript for this conversation: it may not be analysed (the queue is not in a Speech and Text Analytics program, or the org has no STA licence), or its analysis has not finished yet.',
  hint: 'Transcripts exist only for calls a Speech and Text Analytics program covers. Check the queue’s program in Genesys Cloud Admin, or try again later for a call that ended recently.',
}

export async function readConversationTranscripts(access: TranscriptAccess, conversationId: string): Promise<TranscriptReading> {
  const details = await conversationDetailsOrNone(access, conversationId)
  if (!details) {
    return {
      state: 'none',
      conversationId,
      asked: [],
      reason: 'Genesys Cloud analytics has no conversation with this id, so there is no transcript to read.',
      hint: 'Check the id. A conversation that ended in the last few minutes may not be in analytics yet: try again shortly.',
    }
  }
  const communications = voiceCommunicationsOf(details.data)
  if (communications.length === 0) {
    return {
      state: 'none',
      conversationId,
      asked: [],
      correlationId: details.correlationId,
      reason: 'This conversation has no call: Speech and Text Analytics transcripts here are for voice conversations.',
      hint: 'Chats, emails and messages are kept as their own text; open the recording instead.',
    }
  }
  const fetched: FetchedTranscript[] = []
  let correlationId = details.correlationId
  let conversationStartMs = epochMsOf(details.data.conversationStart)
  for (const communicationId of communications) {
    const found = await fetchTranscript(access, conversationId, communicationId)
    if (found.correlationId) correlationId = found.correlationId
    if (!found.bytes) continue
    const document = parseTranscript(found.bytes, found.host)
    conversationStartMs = epochMsOf(document.conversationStartTime) ?? conversationStartMs
    fetched.push({ communicationId, bytes: found.bytes, transcript: toCommunicationTranscript(communicationId, document) })
  }
  if (fetched.length === 0) return { state: 'none', conversationId, asked: communications, correlationId, ...NO_TRANSCRIPT }
  return {
    state: 'available',
    conversationId,
    asked: communications,
    correlationId,
    ...(conversationStartMs !== undefined ? { conversationStartTime: new Date(conversationStartMs).toISOString() } : {}),
    fetched,
  }
}

async function conversationDetailsOrNone(access: TranscriptAccess, conversationId: string) {
  try {
    return await getConversationDetails(access.client, conversationId, access.signal)
  } catch (error) {
    const failure = toAppError(error)
    if (failure.status === 404) return undefined
    if (failure.status === 403) throw transcriptPermissionError(failure, 'find the calls of this conversation')
    throw failure
  }
}

/** The people's voice sessions, customer's first, each once. */
export function voiceCommunicationsOf(details: ConversationDetails): string[] {
  const ids: string[] = []
  const rank = (purpose: string | undefined) => {
    const index = PEOPLE.indexOf((purpose ?? '').toLowerCase())
    return index === -1 ? PEOPLE.length : index
  }
  const people = details.participants.filter((p) => rank(p.purpose) < PEOPLE.length).sort((a, b) => rank(a.purpose) - rank(b.purpose))
  for (const participant of people) {
    for (const session of participant.sessions) {
      if (session.sessionId && (session.mediaType ?? '').toLowerCase() === 'voice' && !ids.includes(session.sessionId))
        ids.push(session.sessionId)
    }
  }
  return ids
}

interface Fetched {
  bytes?: Buffer
  host?: string
  correlationId?: string
}

/** The transcript behind one communication's link; none when the API says it has none (404). */
async function fetchTranscript(access: TranscriptAccess, conversationId: string, communicationId: string): Promise<Fetched> {
  // A link can expire between being given and being read: ask for a fresh one once.
  for (let round = 1; ; round++) {
    let link: Awaited<ReturnType<typeof getTranscriptUrl>>
    try {
      link = await getTranscriptUrl(access.client, conversationId, communicationId, access.signal)
    } catch (error) {
      const failure = toAppError(error)
      if (failure.status === 404) return { correlationId: failure.correlationId }
      if (failure.status === 403) throw transcriptPermissionError(failure, 'read transcripts')
      throw failure
    }
    const host = hostOf(link.data.url)
    const response = await sendOutbound({
      method: 'GET',
      url: link.data.url,
      links: access.links,
      headers: { Accept: 'application/json' },
      maxBodyBytes: MAX_TRANSCRIPT_BYTES,
      signal: access.signal,
      retry: { maxAttempts: 3 },
    })
    if (response.status >= 200 && response.status < 300) return { bytes: response.body, host, correlationId: link.correlationId }
    if (response.status === 403 && round === 1) continue
    throw transcriptLinkError(response.status, response.body.toString('utf8'), host)
  }
}

function parseTranscript(bytes: Buffer, host: string | undefined) {
  let json: unknown
  try {
    json = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw unreadableTranscriptError(host, 'it is not JSON')
  }
  const parsed = TranscriptDocumentSchema.safeParse(json)
  if (!parsed.success) throw unreadableTranscriptError(host, parsed.error.issues[0]?.path.join('.') || 'its shape is not a transcript')
  return parsed.data
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}
