import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { SandboxContext } from '../context'
import { sendGenesysError } from '../errors'
import { uuidFrom } from '../organization'
import { requirePermission } from '../permissions'
import { BatchRequests, type BatchRequestRecord } from '../recordings/batchRequests'
import { ORIGINAL_CONTENT_TYPE } from '../recordings/recordingMedia'
import { bearerToken } from '../tokens'
import { parseApiBody } from '../validation'
import { originalMediaUrl } from './recordingMedia'

const BATCH_PATH = '/api/v2/recording/batchrequests'
const VIEW = 'recording:recording:view'

const batchBody = z.object({
  batchDownloadRequestList: z
    .array(z.object({ conversationId: z.string().min(1), recordingId: z.string().min(1).optional() }))
    .min(1)
    .max(100),
})

/**
 * Batch download requests and the download service: results complete progressively (see
 * recordings/batchRequests.ts); each result is a presigned link to the recording's original media.
 * `/api/v2/downloads/{id}` hands out a fresh link for a download id (one per recording).
 */
export function recordingBatchRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const batches = new BatchRequests(ctx.recordings, ctx.now, () => ctx.config.batchResultPace)
  const downloads = new Map<string, { conversationId: string; recordingId: string }>()
  const clientOf = (authorization: string | undefined) => ctx.tokens.find(bearerToken(authorization) ?? '')?.clientId ?? ''

  app.post(BATCH_PATH, async (request, reply) => {
    if (!requirePermission(ctx, reply, VIEW)) return reply
    const body = parseApiBody(batchBody, request.body, reply)
    if (!body) return reply
    const record = batches.submit(clientOf(request.headers.authorization), body.batchDownloadRequestList)
    return { id: record.id, selfUri: `${BATCH_PATH}/${record.id}` }
  })

  app.get(`${BATCH_PATH}/:jobId`, async (request, reply) => {
    if (!requirePermission(ctx, reply, VIEW)) return reply
    const { jobId } = request.params as { jobId: string }
    const record = batches.read(jobId, clientOf(request.headers.authorization))
    if (!record) return sendGenesysError(reply, 404, 'not.found', `Batch download request ${jobId} was not found.`)
    return describe(record)
  })

  app.get('/api/v2/downloads/:downloadId', async (request, reply) => {
    if (!requirePermission(ctx, reply, VIEW)) return reply
    const { downloadId } = request.params as { downloadId: string }
    const query = request.query as Record<string, string | undefined>
    const ref = downloads.get(downloadId)
    const recording = ref && ctx.recordings.recording(ref.conversationId, ref.recordingId)
    if (!recording) return sendGenesysError(reply, 404, 'not.found', `Download ${downloadId} was not found.`)
    const url = originalMediaUrl(ctx, recording)
    if (query.issueRedirect === 'false') return { url }
    return reply.code(303).header('Location', url).send()
  })

  const describe = (record: BatchRequestRecord) => {
    const ready = record.items.slice(0, batches.readyCount(record))
    const results = ready.map((item) => {
      if (!item.recording) return { conversationId: item.conversationId, recordingId: item.recordingId, errorMsg: item.errorMsg }
      const downloadId = uuidFrom(`download:${item.conversationId}:${item.recordingId}`)
      downloads.set(downloadId, { conversationId: item.conversationId, recordingId: item.recordingId })
      return {
        conversationId: item.conversationId,
        recordingId: item.recordingId,
        resultUrl: originalMediaUrl(ctx, item.recording),
        contentType: ORIGINAL_CONTENT_TYPE,
        downloadId,
      }
    })
    return {
      id: record.id,
      expectedResultCount: record.items.length,
      resultCount: results.length,
      errorCount: results.filter((r) => 'errorMsg' in r).length,
      status: results.length === record.items.length ? 'Completed' : 'InProgress',
      results,
      selfUri: `${BATCH_PATH}/${record.id}`,
    }
  }
}
