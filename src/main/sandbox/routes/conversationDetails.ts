import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../context'
import { sendGenesysError } from '../errors'
import { uuidFrom } from '../organization'
import { requirePermission } from '../permissions'
import type { SandboxConversation } from '../recordings/recordingStore'

/**
 * GET /api/v2/analytics/conversations/{conversationId}/details: one conversation as analytics has it,
 * its participants and their sessions (a session's id is the communication id the Speech and Text
 * Analytics endpoints take). Needs any of analytics:conversationDetail:view,
 * analytics:agentConversationDetail:view.
 */
export function conversationDetailsRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/api/v2/analytics/conversations/:conversationId/details', async (request, reply) => {
    if (!requirePermission(ctx, reply, 'analytics:conversationDetail:view', 'analytics:agentConversationDetail:view')) return reply
    const { conversationId } = request.params as { conversationId: string }
    const conversation = ctx.recordings.conversation(conversationId)
    if (!conversation) return sendGenesysError(reply, 404, 'not.found', `Conversation ${conversationId} not found`)
    return conversationDetails(conversation)
  })
}

function conversationDetails(conversation: SandboxConversation) {
  const start = new Date(conversation.start).toISOString()
  const end = new Date(conversation.end).toISOString()
  return {
    conversationId: conversation.id,
    conversationStart: start,
    conversationEnd: end,
    originatingDirection: conversation.direction,
    divisionIds: [],
    participants: conversation.participants.map((participant) => ({
      participantId: uuidFrom(`participant:${participant.communicationId}`),
      ...(participant.name ? { participantName: participant.name } : {}),
      purpose: participant.purpose,
      sessions: [
        {
          sessionId: participant.communicationId,
          mediaType: conversation.mediaType,
          direction: conversation.direction,
          ...(participant.purpose === 'acd' ? { queueId: conversation.queue.id } : {}),
          segments: [{ segmentStart: start, segmentEnd: end, segmentType: participant.purpose === 'ivr' ? 'ivr' : 'interact' }],
        },
      ],
    })),
  }
}
