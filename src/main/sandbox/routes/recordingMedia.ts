import { Readable } from 'node:stream'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { SandboxContext } from '../context'
import { sendS3Error } from '../errors'
import { isSandboxMediaFormat, mediaFor, type FormatMedia, type SandboxMediaFormat } from '../recordings/formatMedia'
import type { SandboxRecording } from '../recordings/recordingStore'
import { MEDIA_PREFIX, pathOf } from '../surface'

/** The default of the org's download link lifetime (an org setting: 2..60 minutes); the sandbox option mediaUrlLifetimeSeconds. */
export const MEDIA_URL_SECONDS = 3600

/** A presigned GET link to a recording's original media (a WAV), valid `lifetimeSeconds` (default: the org's link lifetime). */
export function originalMediaUrl(
  ctx: SandboxContext,
  recording: SandboxRecording,
  lifetimeSeconds = ctx.config.mediaUrlLifetimeSeconds,
): string {
  return signed(ctx, `${MEDIA_PREFIX}recordings/${recording.conversationId}/${recording.id}`, lifetimeSeconds)
}

/**
 * A presigned GET link to a recording in `format`, valid for the org's link lifetime. With
 * `attachmentName` it answers as a download of that name. Format and name are in the (signed) path.
 */
export function formatMediaUrl(
  ctx: SandboxContext,
  recording: SandboxRecording,
  format: SandboxMediaFormat,
  attachmentName?: string,
): string {
  const base = `${MEDIA_PREFIX}recordings/${recording.conversationId}/${recording.id}/${format}`
  const path = attachmentName === undefined ? base : `${base}/${encodeURIComponent(attachmentName)}`
  return signed(ctx, path, ctx.config.mediaUrlLifetimeSeconds)
}

function signed(ctx: SandboxContext, path: string, lifetimeSeconds: number): string {
  return `${ctx.baseUrl}${path}?${ctx.signer.sign('GET', path, lifetimeSeconds, {})}`
}

interface MediaParams {
  conversationId: string
  recordingId: string
  format?: string
  fileName?: string
}

/**
 * Presigned recording media, as S3 serves it: the signature and expiry are checked (an expired link
 * answers 403 AccessDenied "Request has expired"), and a single `Range: bytes=a-b` is honoured (206),
 * for the original and for every format (formatMedia.ts says what each format's bytes are).
 */
export function recordingMediaRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const serve = async (
    request: { url: string; query: unknown; headers: Record<string, string | string[] | undefined>; params: unknown },
    reply: FastifyReply,
  ) => {
    const check = ctx.signer.check('GET', pathOf(request.url), request.query as Record<string, unknown>, request.headers)
    if (!check.ok) {
      return check.reason === 'expired'
        ? sendS3Error(reply, 403, 'AccessDenied', 'Request has expired', { Expires: check.expiredAt.toISOString() })
        : sendS3Error(reply, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')
    }
    const { conversationId, recordingId, format, fileName } = request.params as MediaParams
    const recording = ctx.recordings.recording(conversationId, recordingId)
    if (!recording || (format !== undefined && !isSandboxMediaFormat(format)))
      return sendS3Error(reply, 404, 'NoSuchKey', 'The specified key does not exist.')
    const media = mediaFor(recording, format ?? 'WAV')
    if (fileName !== undefined) reply.header('Content-Disposition', `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`)
    const range = typeof request.headers.range === 'string' ? request.headers.range : undefined
    return sendMedia(reply, `${recording.id}-${format ?? 'original'}`, media, range)
  }
  const base = `${MEDIA_PREFIX}recordings/:conversationId/:recordingId`
  app.get(base, serve)
  app.get(`${base}/:format`, serve)
  app.get(`${base}/:format/:fileName`, serve)
}

function sendMedia(reply: FastifyReply, tag: string, media: FormatMedia, rangeHeader: string | undefined): FastifyReply {
  const size = media.size
  reply.header('Accept-Ranges', 'bytes').header('ETag', `"${tag}-${size}"`).type(media.contentType)
  const range = rangeHeader === undefined ? undefined : parseRange(rangeHeader, size)
  if (range === 'unsatisfiable') {
    return sendS3Error(reply.header('Content-Range', `bytes */${size}`), 416, 'InvalidRange', 'The requested range is not satisfiable')
  }
  const [start, end] = range ?? [0, size]
  reply.header('Content-Length', String(end - start))
  if (range) reply.code(206).header('Content-Range', `bytes ${start}-${end - 1}/${size}`)
  return reply.send(Readable.from(media.chunks(start, end)))
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
