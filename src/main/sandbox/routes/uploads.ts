import { rm } from 'node:fs/promises'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { SandboxContext } from '../context'
import { sendS3Error } from '../errors'
import { faultFor, settlePut } from '../pipeline'
import { ConnectionResetByFault, receiveObject } from '../receiveObject'
import { pathOf, UPLOAD_PREFIX } from '../surface'
import { parseApiBody } from '../validation'

const MAX_URL_SECONDS = 604_800

/** UploadUrlRequest.fileName's rule (SDK model docs): no leading dot, no trailing slash, none of these. */
const FILE_NAME_REFUSED = /[\s\\{^}%`\]">[~<#|]/
const FILE_NAME_RULE =
  'fileName must not start with a dot nor end with a forward slash; whitespace and the characters \\{^}%`]">[~<#| are not allowed'

const presignRequest = z.object({
  fileName: z
    .string()
    .min(1, 'fileName is required')
    .max(255)
    .refine((name) => !name.startsWith('.') && !name.endsWith('/') && !FILE_NAME_REFUSED.test(name), FILE_NAME_RULE),
  // Base64 only: it becomes the PUT's Content-MD5 header, which S3 reads as base64.
  contentMd5: z
    .string()
    .regex(/^[A-Za-z0-9+/]{22}==$/, 'contentMd5 must be the MD5 digest encoded in base64 (24 characters), not hexadecimal')
    .optional(),
  signedUrlTimeoutSeconds: z.number().int().min(1).max(MAX_URL_SECONDS).default(600),
  contentType: z
    .string()
    .regex(/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, 'contentType must be a media type such as audio/wav')
    .optional(),
  serverSideEncryption: z.literal('AES256').default('AES256'),
})

/**
 * Recording uploads: POST /api/v2/uploads/recordings presigns a PUT, and the PUT (on the simulated S3
 * host) streams the bytes to disk, checking signature, expiry and Content-MD5 as S3 does.
 */
export async function uploadRoutes(app: FastifyInstance, ctx: SandboxContext): Promise<void> {
  app.post('/api/v2/uploads/recordings', async (request, reply) => {
    const input = parseApiBody(presignRequest, request.body, reply)
    if (!input) return reply
    const contentMd5 = input.contentMd5
    const upload = ctx.uploads.presign(input.fileName, contentMd5, input.contentType)
    const headers: Record<string, string> = {
      ...(contentMd5 ? { 'Content-MD5': contentMd5 } : {}),
      ...(input.contentType ? { 'Content-Type': input.contentType } : {}),
      'x-amz-server-side-encryption': input.serverSideEncryption,
    }
    const path = `${UPLOAD_PREFIX}${upload.key}`
    const query = ctx.signer.sign('PUT', path, input.signedUrlTimeoutSeconds, { ...headers, host: new URL(ctx.baseUrl).host })
    return { url: `${ctx.baseUrl}${path}?${query}`, uploadKey: upload.key, headers }
  })

  await app.register(async (objects) => {
    // The body is the recording itself: hand the raw stream to the route, whatever its type or size.
    objects.removeAllContentTypeParsers()
    objects.addContentTypeParser('*', (_request, _payload, done) => done(null))
    objects.put(`${UPLOAD_PREFIX}:key`, async (request, reply) => {
      try {
        return await storeObject(request, reply, ctx)
      } finally {
        settlePut(request, ctx)
      }
    })
  })
}

async function storeObject(request: FastifyRequest, reply: FastifyReply, ctx: SandboxContext): Promise<FastifyReply> {
  const refusal = refusePut(request, ctx)
  if (refusal) {
    // The body was not read: close the connection rather than drain a recording nobody wants.
    reply.header('Connection', 'close')
    return sendS3Error(reply, refusal.status, refusal.code, refusal.message, refusal.extra)
  }
  const upload = ctx.uploads.find((request.params as { key: string }).key)!
  const declaredSize = Number(request.headers['content-length'])
  const fault = faultFor(request)
  const partial = ctx.uploads.partialPath()
  const reset =
    fault.kind === 'reset' ? { afterBytes: Math.floor(declaredSize / 2), onReset: () => ctx.stats.countStatus('reset') } : undefined
  let received
  try {
    if (reset && declaredSize === 0) {
      reset.onReset()
      request.raw.socket.resetAndDestroy()
      throw new ConnectionResetByFault()
    }
    received = await receiveObject(request.raw, partial, { reset, uplink: ctx.uplink })
  } catch (error) {
    await rm(partial, { force: true })
    if (!(error instanceof ConnectionResetByFault) && !request.raw.socket.destroyed) {
      // The client is still there, so the failure is ours (the disk, say): say so, as S3 would.
      reply.header('Connection', 'close')
      return sendS3Error(reply, 500, 'InternalError', `We encountered an internal error: ${(error as Error).message}`)
    }
    // A reset (ours) or a client that went away: nothing is stored and there is nobody to answer.
    reply.hijack()
    return reply
  }
  if (received.size !== declaredSize) {
    await ctx.uploads.fail(upload, partial, 'IncompleteBody')
    return sendS3Error(reply, 400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.')
  }
  const contentMd5 = [request.headers['content-md5']].flat()[0]
  if (contentMd5 !== undefined && !Buffer.from(contentMd5, 'base64').equals(received.md5)) {
    await ctx.uploads.fail(upload, partial, 'BadDigest')
    return sendS3Error(reply, 400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.', {
      ExpectedDigest: contentMd5,
      CalculatedDigest: received.md5.toString('base64'),
    })
  }
  const md5 = received.md5.toString('hex')
  await ctx.uploads.complete(upload, partial, { sha256: received.sha256, md5, size: received.size })
  const delay = ctx.faults.storedAnswerDelayMs()
  if (delay > 0) await sleep(delay)
  return reply.code(200).header('ETag', `"${md5}"`).header('x-amz-server-side-encryption', 'AES256').send()
}

interface Refusal {
  status: number
  code: string
  message: string
  extra?: Record<string, string>
}

/** The checks S3 makes before it reads a byte of the body; the refusal, if any. */
function refusePut(request: FastifyRequest, ctx: SandboxContext): Refusal | undefined {
  const query = request.query as Record<string, unknown>
  const check = ctx.signer.check('PUT', pathOf(request.url), query, request.headers)
  if (!check.ok && check.reason === 'malformed') {
    return {
      status: 400,
      code: 'AuthorizationQueryParametersError',
      message: 'Query-string authentication requires the X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders and X-Amz-Signature parameters.',
    }
  }
  if (!check.ok && check.reason === 'signature') {
    return {
      status: 403,
      code: 'SignatureDoesNotMatch',
      message: 'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    }
  }
  if (!check.ok && check.reason === 'expired') {
    const extra = {
      'X-Amz-Expires': String(query['X-Amz-Expires']),
      Expires: check.expiredAt.toISOString(),
      ServerTime: new Date(ctx.now()).toISOString(),
    }
    return { status: 403, code: 'AccessDenied', message: 'Request has expired', extra }
  }
  if (!ctx.uploads.find((request.params as { key: string }).key)) return { status: 403, code: 'AccessDenied', message: 'Access Denied' }
  if (!/^\d+$/.test(request.headers['content-length'] ?? '')) {
    return { status: 411, code: 'MissingContentLength', message: 'You must provide the Content-Length HTTP header.' }
  }
  return undefined
}
