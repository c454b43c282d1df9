/**
 * Conversations as the analytics details endpoints describe them (AnalyticsConversationWithoutAttributes):
 * participants, their sessions (media type, direction, a recording flag) and segments (queue, type).
 */
import { uuidFrom } from '../organization'
import type { SandboxConversation } from './recordingStore'

export interface DetailsSegment {
  segmentStart: string
  segmentEnd: string
  segmentType: string
  queueId?: string
}

export interface DetailsSession {
  sessionId: string
  mediaType: string
  direction: string
  recording?: true
  segments: DetailsSegment[]
}

export interface DetailsParticipant {
  participantId: string
  participantName?: string
  purpose: string
  sessions: DetailsSession[]
}

export interface DetailsConversation {
  conversationId: string
  conversationStart: string
  conversationEnd: string
  originatingDirection: string
  divisionIds: string[]
  participants: DetailsParticipant[]
}

const HOME_DIVISION = uuidFrom('division:home')

/** Which segment types each participant goes through; queue ids are on the ACD and agent segments. */
const SEGMENT_TYPES: Record<string, string[]> = {
  customer: ['interact'],
  ivr: ['ivr'],
  acd: ['interact'],
  agent: ['alert', 'interact'],
}

export function toDetailsConversation(conversation: SandboxConversation): DetailsConversation {
  const start = new Date(conversation.start).toISOString()
  const end = new Date(conversation.end).toISOString()
  const recorded = conversation.recordings.length > 0
  return {
    conversationId: conversation.id,
    conversationStart: start,
    conversationEnd: end,
    originatingDirection: conversation.direction,
    divisionIds: [HOME_DIVISION],
    participants: conversation.participants.map((participant) => ({
      participantId: uuidFrom(`participant:${conversation.id}:${participant.purpose}`),
      ...(participant.name ? { participantName: participant.name } : {}),
      purpose: participant.purpose,
      sessions: [
        {
          sessionId: participant.communicationId,
          mediaType: conversation.mediaType,
          direction: conversation.direction,
          // The platform flags the sessions that were recorded: the customer's and the agent's.
          ...(recorded && (participant.purpose === 'customer' || participant.purpose === 'agent') ? { recording: true as const } : {}),
          segments: (SEGMENT_TYPES[participant.purpose] ?? ['interact']).map((segmentType) => ({
            segmentStart: start,
            segmentEnd: end,
            segmentType,
            ...(participant.purpose === 'acd' || participant.purpose === 'agent' ? { queueId: conversation.queue.id } : {}),
          })),
        },
      ],
    })),
  }
}
