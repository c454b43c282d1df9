/**
 * A transcoded resource's mediaUri: a presigned GET on the media surface, as the platform's links to its
 * object store are; it serves the stored WAV of the upload the link was made for.
 */
import { createReadStream } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../context'
import { sendS3Error } from '../errors'
import { MEDIA_PREFIX, pathOf } from '../surface'
import type { PromptStore } from './promptStore'

export function promptMediaRoute(app: FastifyInstance, ctx: SandboxContext, store: PromptStore): void {
  app.get(`${MEDIA_PREFIX}prompts/:promptId/:language/:file`, async (request, reply) => {
    const check = ctx.signer.check('GET', pathOf(request.url), request.query as Record<string, unknown>, request.headers)
    if (!check.ok) {
      return check.reason === 'expired'
        ? sendS3Error(reply, 403, 'AccessDenied', 'Request has expired', { Expires: check.expiredAt.toISOString() })
        : sendS3Error(reply, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')
    }
    const { promptId, language, file } = request.params as { promptId: string; language: string; file: string }
    const resource = store.resource(promptId, language)
    if (!resource?.audio || resource.uploadStatus !== 'transcoded' || file !== `${resource.generation}.wav`)
      return sendS3Error(reply, 404, 'NoSuchKey', 'The specified key does not exist.')
    return reply
      .type('audio/wav')
      .header('Content-Length', String(resource.audio.size))
      .header('ETag', `"${resource.audio.sha256}"`)
      .send(createReadStream(resource.audio.path))
  })
}
