import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../context'
import { sendGenesysError } from '../errors'
import { requirePermission } from '../permissions'
import { toDetailsConversation } from '../recordings/conversationDetails'

/**
 * GET /api/v2/analytics/conversations/{conversationId}/details: one conversation as analytics has it,
 * its participants and their sessions (a session's id is the communication id the Speech and Text
 * Analytics endpoints take). Needs any of analytics:conversationDetail:view,
 * analytics:agentConversationDetail:view. The same shape as a conversation in the details query.
 */
export function conversationDetailsRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/api/v2/analytics/conversations/:conversationId/details', async (request, reply) => {
    if (!requirePermission(ctx, reply, 'analytics:conversationDetail:view', 'analytics:agentConversationDetail:view')) return reply
    const { conversationId } = request.params as { conversationId: string }
    const conversation = ctx.recordings.conversation(conversationId)
    if (!conversation) return sendGenesysError(reply, 404, 'not.found', `Conversation ${conversationId} not found`)
    return toDetailsConversation(conversation)
  })
}
