import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { SandboxContext } from '../context'
import { sendS3Error } from '../errors'
import { originalMediaChunks, ORIGINAL_CONTENT_TYPE } from '../recordings/recordingMedia'
import type { SandboxRecording } from '../recordings/recordingStore'
import { MEDIA_PREFIX, pathOf } from '../surface'

/** The org's download link lifetime (an org setting: 2..60 minutes, default 60). */
export const MEDIA_URL_SECONDS = 3600

/** A presigned GET link to a recording's original media, valid `lifetimeSeconds` from now. */
export function originalMediaUrl(ctx: SandboxContext, recording: SandboxRecording, lifetimeSeconds = MEDIA_URL_SECONDS): string {
  const path = `${MEDIA_PREFIX}recordings/${recording.conversationId}/${recording.id}`
  return `${ctx.baseUrl}${path}?${ctx.signer.sign('GET', path, lifetimeSeconds, {})}`
}

/**
 * Presigned recording media, as S3 serves it: the signature and expiry are checked (an expired link
 * answers 403 AccessDenied "Request has expired"), and a single `Range: bytes=a-b` is honoured (206).
 */
export function recordingMediaRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  app.get(`${MEDIA_PREFIX}recordings/:conversationId/:recordingId`, async (request, reply) => {
    const check = ctx.signer.check('GET', pathOf(request.url), request.query as Record<string, unknown>, request.headers)
    if (!check.ok) {
      return check.reason === 'expired'
        ? sendS3Error(reply, 403, 'AccessDenied', 'Request has expired', { Expires: check.expiredAt.toISOString() })
        : sendS3Error(reply, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')
    }
    const { conversationId, recordingId } = request.params as { conversationId: string; recordingId: string }
    const recording = ctx.recordings.recording(conversationId, recordingId)
    if (!recording) return sendS3Error(reply, 404, 'NoSuchKey', 'The specified key does not exist.')
    return sendMedia(reply, recording, request.headers.range)
  })
}

function sendMedia(reply: FastifyReply, recording: SandboxRecording, rangeHeader: string | undefined): FastifyReply {
  const size = recording.sizeBytes
  reply.header('Accept-Ranges', 'bytes').header('ETag', `"${recording.id}-${size}"`).type(ORIGINAL_CONTENT_TYPE)
  const range = rangeHeader === undefined ? undefined : parseRange(rangeHeader, size)
  if (range === 'unsatisfiable') {
    return sendS3Error(reply.header('Content-Range', `bytes */${size}`), 416, 'InvalidRange', 'The requested range is not satisfiable')
  }
  const [start, end] = range ?? [0, size]
  reply.header('Content-Length', String(end - start))
  if (range) reply.code(206).header('Content-Range', `bytes ${start}-${end - 1}/${size}`)
  return reply.send(Readable.from(originalMediaChunks(recording, start, end)))
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` as [start, endExclusive]; other forms are ignored (the whole body). */
function parseRange(header: string, size: number): [number, number] | 'unsatisfiable' | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match || (match[1] === '' && match[2] === '')) return undefined
  if (match[1] === '') {
    const suffix = Math.min(Number(match[2]), size)
    return suffix === 0 ? 'unsatisfiable' : [size - suffix, size]
  }
  const start = Number(match[1])
  const end = match[2] === '' ? size : Math.min(Number(match[2]) + 1, size)
  return start >= size || end <= start ? 'unsatisfiable' : [start, end]
}
