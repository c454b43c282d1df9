/** The analytics call that names a conversation's communications (its participants' sessions). */
import { z } from 'zod'
import type { GenesysClient } from '../../genesys'

const listOf = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? [])

const SessionSchema = z.looseObject({ sessionId: z.string().optional(), mediaType: z.string().optional() })
const ParticipantSchema = z.looseObject({ purpose: z.string().optional(), sessions: listOf(SessionSchema) })
const ConversationDetailsSchema = z.looseObject({
  conversationId: z.string().optional(),
  conversationStart: z.string().optional(),
  participants: listOf(ParticipantSchema),
})
export type ConversationDetails = z.infer<typeof ConversationDetailsSchema>

/** GET /api/v2/analytics/conversations/{conversationId}/details (analytics:conversationDetail:view). */
export function getConversationDetails(client: GenesysClient, conversationId: string, signal?: AbortSignal) {
  return client.request({
    method: 'GET',
    path: `/api/v2/analytics/conversations/${encodeURIComponent(conversationId)}/details`,
    schema: ConversationDetailsSchema,
    signal,
  })
}
