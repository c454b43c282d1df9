import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../context'
import { sendGenesysError, sendS3Error } from '../errors'
import { requirePermission } from '../permissions'
import type { SandboxConversation } from '../recordings/recordingStore'
import { transcriptDocument } from '../recordings/transcriptDocument'
import { MEDIA_PREFIX, pathOf } from '../surface'

/** How long a transcript link lives (the platform's presigned S3 links are short-lived; unverified length). */
export const TRANSCRIPT_URL_SECONDS = 3600

const STA = '/api/v2/speechandtextanalytics/conversations/:conversationId/communications/:communicationId'

/** A presigned GET link to the transcript JSON of one communication. */
export function transcriptUrl(ctx: SandboxContext, conversationId: string, communicationId: string): string {
  const path = `${MEDIA_PREFIX}transcripts/${conversationId}/${communicationId}`
  return `${ctx.baseUrl}${path}?${ctx.signer.sign('GET', path, TRANSCRIPT_URL_SECONDS, {})}`
}

/**
 * Speech and Text Analytics transcripts: `transcripturl` (one link) and `transcripturls` (a link per
 * recording of the communication), both needing recording:recording:view and
 * speechAndTextAnalytics:data:view (genesys-api.md); a communication without a transcript answers 404.
 * The links are presigned like the recording media: expired answers 403 AccessDenied.
 */
export function speechAnalyticsRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const withTranscript = (params: unknown, reply: Parameters<typeof sendGenesysError>[0]) => {
    if (!requirePermission(ctx, reply, 'recording:recording:view')) return undefined
    if (!requirePermission(ctx, reply, 'speechAndTextAnalytics:data:view')) return undefined
    const { conversationId, communicationId } = params as { conversationId: string; communicationId: string }
    const conversation = ctx.recordings.conversation(conversationId)
    if (!conversation || !transcriptDocument(ctx.org.id, conversation, communicationId)) {
      sendGenesysError(
        reply,
        404,
        'not.found',
        `No transcript found for conversation ${conversationId} and communication ${communicationId}`,
      )
      return undefined
    }
    return { conversation, communicationId }
  }

  app.get(`${STA}/transcripturl`, async (request, reply) => {
    const found = withTranscript(request.params, reply)
    if (!found) return reply
    return { url: transcriptUrl(ctx, found.conversation.id, found.communicationId) }
  })

  app.get(`${STA}/transcripturls`, async (request, reply) => {
    const found = withTranscript(request.params, reply)
    if (!found) return reply
    return transcriptUrls(ctx, found.conversation, found.communicationId)
  })

  app.get(`${MEDIA_PREFIX}transcripts/:conversationId/:communicationId`, async (request, reply) => {
    const check = ctx.signer.check('GET', pathOf(request.url), request.query as Record<string, unknown>, request.headers)
    if (!check.ok) {
      return check.reason === 'expired'
        ? sendS3Error(reply, 403, 'AccessDenied', 'Request has expired', { Expires: check.expiredAt.toISOString() })
        : sendS3Error(reply, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')
    }
    const { conversationId, communicationId } = request.params as { conversationId: string; communicationId: string }
    const conversation = ctx.recordings.conversation(conversationId)
    const body = conversation && transcriptDocument(ctx.org.id, conversation, communicationId)
    if (!body) return sendS3Error(reply, 404, 'NoSuchKey', 'The specified key does not exist.')
    return reply.type('application/json').header('Content-Length', String(body.length)).send(body)
  })
}

function transcriptUrls(ctx: SandboxContext, conversation: SandboxConversation, communicationId: string) {
  const url = transcriptUrl(ctx, conversation.id, communicationId)
  return {
    conversation: { id: conversation.id, selfUri: `/api/v2/conversations/${conversation.id}` },
    communicationId,
    urls: conversation.recordings
      .filter((recording) => recording.media === 'audio')
      .map((recording) => ({
        recording: { id: recording.id, selfUri: `/api/v2/conversations/${conversation.id}/recordings/${recording.id}` },
        url,
      })),
  }
}
