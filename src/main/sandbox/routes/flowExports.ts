import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { SandboxContext } from '../context'
import { sendGenesysError, sendS3Error } from '../errors'
import { exportFile, exportFileName } from '../flows/flowExportFile'
import { FlowExportJobs, type FlowExportJobRecord } from '../flows/flowExportJobs'
import { flowExportBody, resolveExport } from '../flows/flowExportRequest'
import { FLOWS_PATH } from '../flows/flowView'
import { requirePermission } from '../permissions'
import { MEDIA_PREFIX, pathOf } from '../surface'
import { bearerToken } from '../tokens'
import { parseApiBody } from '../validation'
import { FLOW_VIEW } from './flows'

const JOBS_PATH = `${FLOWS_PATH}/export/jobs`
const DOWNLOAD_PREFIX = `${MEDIA_PREFIX}flows/exports/`

/** How long an export's downloadUrl stays valid; each read of a finished job signs a fresh one. */
export const FLOW_EXPORT_URL_SECONDS = 300

/**
 * Flow export jobs: submit (architect:jobExport:create), read (architect:jobExport:view; expand=messages
 * adds the exporter's messages), and the presigned download of a job that succeeded (a YAML file for one
 * flow, a zip for several), served like S3: an expired or edited link answers 403 in S3's XML.
 */
export function flowExportRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const jobs = new FlowExportJobs(ctx.flows, ctx.now, () => ctx.config.flowExportStepMs)
  const clientOf = (request: FastifyRequest) => ctx.tokens.find(bearerToken(request.headers.authorization) ?? '')?.clientId ?? ''

  app.post(JOBS_PATH, async (request, reply) => {
    if (!requirePermission(ctx, reply, FLOW_VIEW) || !requirePermission(ctx, reply, 'architect:jobExport:create')) return reply
    const body = parseApiBody(flowExportBody, request.body, reply)
    if (!body) return reply
    const resolved = resolveExport(ctx.flows, body)
    if (!resolved.ok)
      return sendGenesysError(reply, resolved.status, resolved.code, resolved.message, {
        details: [
          { errorCode: resolved.code, fieldName: resolved.fieldName, ...(resolved.entityId ? { entityId: resolved.entityId } : {}) },
        ],
      })
    const record = jobs.submit(clientOf(request), resolved.items)
    return { id: record.id, selfUri: `${JOBS_PATH}/${record.id}` }
  })

  app.get(`${JOBS_PATH}/:jobId`, async (request, reply) => {
    if (!requirePermission(ctx, reply, FLOW_VIEW) || !requirePermission(ctx, reply, 'architect:jobExport:view')) return reply
    const { jobId } = request.params as { jobId: string }
    const record = jobs.read(jobId, clientOf(request))
    if (!record) return sendGenesysError(reply, 404, 'not.found', `Export job ${jobId} was not found.`)
    const expand = String((request.query as { expand?: unknown }).expand ?? '').split(',')
    return describe(record, expand.includes('messages'))
  })

  app.get(`${DOWNLOAD_PREFIX}:jobId/:fileName`, async (request, reply) => {
    const check = ctx.signer.check('GET', pathOf(request.url), request.query as Record<string, unknown>, request.headers)
    if (!check.ok) {
      return check.reason === 'expired'
        ? sendS3Error(reply, 403, 'AccessDenied', 'Request has expired', { Expires: check.expiredAt.toISOString() })
        : sendS3Error(reply, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')
    }
    const record = jobs.downloadable((request.params as { jobId: string }).jobId)
    if (!record) return sendS3Error(reply, 404, 'NoSuchKey', 'The specified key does not exist.')
    const file = await exportFile(ctx.flows, record.id, record.items)
    return reply
      .type(file.contentType)
      .header('Content-Disposition', `attachment; filename="${file.name.replace(/["\\\r\n]/g, '_')}"`)
      .send(file.body)
  })

  function describe(record: FlowExportJobRecord, withMessages: boolean) {
    const status = jobs.status(record)
    return {
      id: record.id,
      status,
      command: 'export',
      ...(status === 'Success' ? { downloadUrl: downloadUrl(record) } : {}),
      ...(withMessages ? { messages: jobs.messages(record) } : {}),
      selfUri: `${JOBS_PATH}/${record.id}`,
    }
  }

  function downloadUrl(record: FlowExportJobRecord): string {
    const path = `${DOWNLOAD_PREFIX}${record.id}/${encodeURIComponent(exportFileName(record.id, record.items))}`
    return `${ctx.baseUrl}${path}?${ctx.signer.sign('GET', path, FLOW_EXPORT_URL_SECONDS, {})}`
  }
}
