import type { FastifyInstance, FastifyReply } from 'fastify'
import type { SandboxContext } from '../context'
import { sendGenesysError } from '../errors'
import { requirePermission } from '../permissions'
import { isSandboxMediaFormat, mediaFor, SANDBOX_MEDIA_FORMATS, type SandboxMediaFormat } from '../recordings/formatMedia'
import { isPlayable, recordingView } from '../recordings/recordingView'
import type { SandboxRecording } from '../recordings/recordingStore'
import { Transcodes } from '../recordings/transcodes'

const VIEW_PERMISSIONS = ['recording:recording:view', 'recording:recordingSegment:view']
const FILE_NAME = /^[^/\\\u0000-\u001f]{1,200}$/

type Query = Record<string, string | string[] | undefined>

/**
 * GET /api/v2/conversations/{id}/recordings and .../recordings/{recordingId}: recordings with their media
 * link in a format. A format that needs transcoding is transcoded on the sandbox clock the first time it
 * is asked for: until then the single GET answers 202 without mediaUris, the list leaves them out.
 * maxWaitMs is accepted but never waited for: the clock may be a manual one that moves only when told.
 */
export function conversationRecordingRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const transcodes = new Transcodes(ctx.now)
  const progressOf = (recording: SandboxRecording, format: SandboxMediaFormat) =>
    isPlayable(recording) ? transcodes.progress(recording, format) : undefined

  app.get('/api/v2/conversations/:conversationId/recordings', async (request, reply) => {
    if (!requirePermission(ctx, reply, ...VIEW_PERMISSIONS)) return reply
    const { conversationId } = request.params as { conversationId: string }
    const format = formatOf(request.query as Query, reply)
    if (!format) return reply
    const conversation = ctx.recordings.conversation(conversationId)
    if (!conversation) return conversationNotFound(reply, conversationId)
    return conversation.recordings.map((recording) => recordingView(ctx, recording, { format, progress: progressOf(recording, format) }))
  })

  app.get('/api/v2/conversations/:conversationId/recordings/:recordingId', async (request, reply) => {
    if (!requirePermission(ctx, reply, ...VIEW_PERMISSIONS)) return reply
    const { conversationId, recordingId } = request.params as { conversationId: string; recordingId: string }
    const query = request.query as Query
    const format = formatOf(query, reply)
    if (!format) return reply
    const download = one(query.download)
    if (download !== undefined && download !== 'true' && download !== 'false') {
      return sendGenesysError(reply, 400, 'bad.request', 'download must be true or false.', {
        details: [{ errorCode: 'invalid.value', fieldName: 'download' }],
      })
    }
    const fileName = one(query.fileName)
    if (fileName !== undefined && !FILE_NAME.test(fileName)) {
      return sendGenesysError(reply, 400, 'bad.request', 'fileName must be 1 to 200 characters without slashes.', {
        details: [{ errorCode: 'invalid.value', fieldName: 'fileName' }],
      })
    }
    if (!ctx.recordings.conversation(conversationId)) return conversationNotFound(reply, conversationId)
    const recording = ctx.recordings.recording(conversationId, recordingId)
    if (!recording) {
      return sendGenesysError(reply, 404, 'not.found', `Unable to find a recording with id ${recordingId}`, {
        details: [{ errorCode: 'not.found', entityId: recordingId, entityName: 'recording' }],
      })
    }
    const progress = progressOf(recording, format)
    const attachmentName = download === 'true' ? withExtension(fileName ?? recording.id, mediaFor(recording, format).extension) : undefined
    const view = recordingView(ctx, recording, { format, progress, attachmentName })
    return reply.code(progress && !progress.done ? 202 : 200).send(view)
  })
}

/** mediaFormats (all acceptable ones) overrides formatId; NONE is the original, a WAV here; the default is WEBM. */
function formatOf(query: Query, reply: FastifyReply): SandboxMediaFormat | undefined {
  const listed = [query.mediaFormats ?? []]
    .flat()
    .flatMap((value) => value.split(','))
    .filter((value) => value !== '')
  const candidates = listed.length > 0 ? listed : [one(query.formatId) ?? 'WEBM']
  const chosen = candidates.map((value) => (value === 'NONE' ? 'WAV' : value)).find(isSandboxMediaFormat)
  if (chosen) return chosen
  sendGenesysError(reply, 400, 'bad.request', `formatId must be one of ${[...SANDBOX_MEDIA_FORMATS, 'NONE'].join(', ')}.`, {
    details: [{ errorCode: 'invalid.value', fieldName: listed.length > 0 ? 'mediaFormats' : 'formatId' }],
  })
  return undefined
}

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

function withExtension(name: string, extension: string): string {
  return name.toLowerCase().endsWith(`.${extension}`) ? name : `${name}.${extension}`
}

function conversationNotFound(reply: FastifyReply, conversationId: string): FastifyReply {
  return sendGenesysError(reply, 404, 'not.found', `Unable to find a conversation with id ${conversationId}`, {
    details: [{ errorCode: 'not.found', entityId: conversationId, entityName: 'conversation' }],
  })
}
