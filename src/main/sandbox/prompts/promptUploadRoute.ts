/**
 * A resource's uploadUri: `POST /uploads/v2/prompts/{promptId}/{language}`, multipart/form-data with the
 * audio in the field `file`, on the API's origin and token (the pipeline checks both and counts the call
 * against the rate limit). Refuses a missing `file` (400), a body that is not a RIFF/WAVE file (415) and
 * a file over the cap (413), in the platform's error body.
 */
import { rm } from 'node:fs/promises'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { SandboxContext } from '../context'
import { sendGenesysError } from '../errors'
import { requirePermission } from '../permissions'
import { PROMPT_UPLOAD_PREFIX } from '../surface'
import { discardBody, DRAIN_LIMIT_BYTES, MULTIPART_OVERHEAD_BYTES, multipartProblem, receiveMultipartFile } from './multipartFile'
import type { PromptStore } from './promptStore'
import { isRiffWave } from './wavCheck'

export const PROMPT_EDIT = 'architect:userPrompt:edit'
/** The help centre's 25 MB per prompt file, read as decimal megabytes. */
export const PROMPT_UPLOAD_MAX_BYTES = 25_000_000
const FILE_FIELD = 'file'

export async function promptUploadRoute(app: FastifyInstance, ctx: SandboxContext, store: PromptStore): Promise<void> {
  await app.register(async (uploads) => {
    // The route reads the raw body itself, whatever its type, so it can refuse with the platform's errors.
    uploads.removeAllContentTypeParsers()
    uploads.addContentTypeParser('*', (_request, _payload, done) => done(null))
    uploads.post(`${PROMPT_UPLOAD_PREFIX}prompts/:promptId/:language`, (request, reply) => receiveUpload(request, reply, ctx, store))
  })
}

async function receiveUpload(request: FastifyRequest, reply: FastifyReply, ctx: SandboxContext, store: PromptStore): Promise<FastifyReply> {
  const { promptId, language } = request.params as { promptId: string; language: string }
  const maxBytes = ctx.config.promptUploadMaxBytes
  // Refusals come after the body is read and thrown away (up to what an upload may hold), so a client
  // still sending sees the answer rather than a reset; past that the connection is closed.
  const refuse = async (send: () => FastifyReply, drainBytes = maxBytes + MULTIPART_OVERHEAD_BYTES) => {
    if (!(await discardBody(request.raw, drainBytes))) reply.header('Connection', 'close')
    return send()
  }
  if (ctx.config.deniedPermissions.includes(PROMPT_EDIT))
    return refuse(() => {
      requirePermission(ctx, reply, PROMPT_EDIT) // answers the platform's 403 body
      return reply
    })
  if (!store.resource(promptId, language))
    return refuse(() => sendGenesysError(reply, 404, 'not.found', `Prompt ${promptId} has no resource for language ${language}.`))
  const problem = multipartProblem(request.headers['content-type'])
  if (problem === 'notMultipart')
    return refuse(() =>
      sendGenesysError(reply, 415, 'unsupported.media.type', 'The upload must be multipart/form-data with the audio in the field "file".'),
    )
  if (problem === 'noBoundary')
    return refuse(() => sendGenesysError(reply, 400, 'bad.request', 'The multipart/form-data Content-Type has no boundary.'))
  const declared = Number(request.headers['content-length'] ?? NaN)
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD_BYTES) {
    const drainable = declared <= maxBytes + MULTIPART_OVERHEAD_BYTES + DRAIN_LIMIT_BYTES
    return refuse(() => tooLarge(reply, maxBytes, false), drainable ? declared : 0)
  }

  const partial = store.partialPath()
  let kept = false
  try {
    const outcome = await receiveMultipartFile(request.raw, { fieldName: FILE_FIELD, maxFileBytes: maxBytes, destination: partial })
    switch (outcome.kind) {
      case 'aborted':
        reply.hijack()
        return reply
      case 'tooLarge':
        return tooLarge(reply, maxBytes, !outcome.drained)
      case 'missingFile':
        return sendGenesysError(reply, 400, 'bad.request', 'The multipart body has no field "file" holding the audio.', {
          details: [{ errorCode: 'missing.value', fieldName: FILE_FIELD }],
        })
      case 'malformed':
        return sendGenesysError(reply, 400, 'bad.request', `The multipart body could not be read: ${outcome.message}`)
    }
    if (!isRiffWave(outcome.part.head))
      return sendGenesysError(reply, 415, 'unsupported.media.type', 'The prompt audio must be a WAV file (RIFF/WAVE).', {
        details: [{ errorCode: 'unsupported.media.type', fieldName: FILE_FIELD }],
      })
    const { head: _head, ...audio } = outcome.part
    kept = await store.acceptUpload(promptId, language, partial, audio)
    if (!kept) return sendGenesysError(reply, 404, 'not.found', `Prompt ${promptId} has no resource for language ${language}.`)
    return reply.code(200).send()
  } finally {
    if (!kept) await rm(partial, { force: true })
  }
}

function tooLarge(reply: FastifyReply, maxBytes: number, closeConnection: boolean): FastifyReply {
  if (closeConnection) reply.header('Connection', 'close')
  return sendGenesysError(reply, 413, 'request.entity.too.large', `A prompt file may be at most ${maxBytes} bytes.`, {
    details: [{ errorCode: 'request.entity.too.large', fieldName: FILE_FIELD }],
  })
}
