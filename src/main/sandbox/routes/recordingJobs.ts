import type { FastifyInstance, FastifyRequest } from 'fastify'
import { z } from 'zod'
import type { SandboxContext } from '../context'
import { sendGenesysError, sendGenesysStatus, type ErrorDetail } from '../errors'
import { uuidFrom } from '../organization'
import { pageOf } from '../paging'
import { requirePermission } from '../permissions'
import { cursorPage, pageSizeOf, type CursorRequest } from '../recordings/cursorPage'
import {
  MAX_PROCESSING_JOBS,
  RECORDING_JOB_ACTIONS,
  RecordingJobs,
  S3_INTEGRATION_ID,
  S3_INTEGRATION_TYPE,
  type RecordingJobRecord,
  type RecordingJobsQuery,
} from '../recordings/recordingJobs'
import { CONTROL_PREFIX } from '../surface'
import { bearerToken } from '../tokens'
import { parseApiBody } from '../validation'

const JOBS_PATH = '/api/v2/recording/jobs'
const LOOPBACK = new Set(['127.0.0.1', '::ffff:127.0.0.1', '::1'])
const FIVE_YEARS_MS = 5 * 365.25 * 86_400_000
const MAX_FAILED_PAGE_SIZE = 100

const jobBody = z.object({
  action: z.enum(RECORDING_JOB_ACTIONS),
  actionDate: z.iso.datetime({ offset: true }).optional(),
  actionAge: z.number().int().min(1).optional(),
  integrationId: z.string().min(1).optional(),
  includeScreenRecordings: z.boolean().default(true),
  includeRecordingsWithSensitiveData: z.boolean().default(false),
  clearExport: z.boolean().optional(),
  conversationQuery: z.looseObject({ interval: z.string().min(1) }),
})

const executeBody = z.object({ state: z.literal('PROCESSING') })

/**
 * Recording bulk jobs (create, list, get, execute, failed recordings, cancel) and the org's
 * integrations list, where EXPORT finds its AWS S3 recording bulk actions integration.
 */
export function recordingJobRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const jobs = new RecordingJobs(ctx.recordings, ctx.now)
  const describe = (record: RecordingJobRecord) => describeJob(record, jobs)

  app.post(JOBS_PATH, async (request, reply) => {
    if (!requirePermission(ctx, reply, 'recording:job:add')) return reply
    const input = parseApiBody(jobBody, request.body, reply)
    if (!input) return reply
    const refusal = refuseJob(input, ctx.now())
    if (refusal) return sendGenesysError(reply, 400, 'bad.request', refusal.message, { details: [refusal.detail] })
    const client = clientOf(ctx, request)
    return describe(jobs.create(input as RecordingJobsQuery, client.clientId, client.user))
  })

  app.get(JOBS_PATH, async (request, reply) => {
    if (!requirePermission(ctx, reply, 'recording:job:view')) return reply
    const query = request.query as CursorRequest
    const pageSize = pageSizeOf(query, MAX_FAILED_PAGE_SIZE)
    if (typeof pageSize === 'string')
      return sendGenesysError(reply, 400, 'bad.request', pageSize, { details: [{ errorCode: 'invalid.value', fieldName: 'pageSize' }] })
    const mine = query.showOnlyMyJobs === 'true' ? clientOf(ctx, request).clientId : undefined
    const listed = jobs
      .list()
      .filter((r) => !query.state || describe(r).state === query.state)
      .filter((r) => !query.jobType || r.query.action === query.jobType)
      .filter((r) => !mine || r.creatorClientId === mine)
    const keep = Object.fromEntries(
      (['state', 'jobType', 'showOnlyMyJobs', 'includeTotal'] as const).flatMap((k) => (query[k] ? [[k, query[k] as string]] : [])),
    )
    return cursorPage(listed.map(describe), JOBS_PATH, query, pageSize, keep)
  })

  app.get(`${JOBS_PATH}/:jobId`, async (request, reply) => {
    if (!requirePermission(ctx, reply, 'recording:job:view')) return reply
    const record = jobs.find((request.params as { jobId: string }).jobId)
    if (!record) return sendGenesysStatus(reply, 404, 'The recording job was not found.')
    return describe(record)
  })

  app.put(`${JOBS_PATH}/:jobId`, async (request, reply) => {
    if (!requirePermission(ctx, reply, 'recording:job:edit')) return reply
    const input = parseApiBody(executeBody, request.body, reply)
    if (!input) return reply
    const record = jobs.find((request.params as { jobId: string }).jobId)
    if (!record) return sendGenesysStatus(reply, 404, 'The recording job was not found.')
    if (record.creatorClientId !== clientOf(ctx, request).clientId) {
      return sendGenesysError(reply, 403, 'not.authorized', 'Only the user or client that created a recording job can execute it.')
    }
    const state = jobs.stateOf(record)
    if (state !== 'READY') {
      return sendGenesysError(reply, 400, 'bad.request', `The job is ${state}; only a job in READY state can be executed.`, {
        details: [{ errorCode: 'invalid.value', fieldName: 'state' }],
      })
    }
    // Unverified: the platform documents the limit; this status and wording are the sandbox's choice.
    if (jobs.processingCount() >= MAX_PROCESSING_JOBS) {
      return sendGenesysError(
        reply,
        400,
        'bad.request',
        `At most ${MAX_PROCESSING_JOBS} recording jobs can be PROCESSING at a time in an organization.`,
        { details: [{ errorCode: 'recording.job.concurrent.limit', fieldName: 'state' }] },
      )
    }
    jobs.execute(record)
    return describe(record)
  })

  app.get(`${JOBS_PATH}/:jobId/failedrecordings`, async (request, reply) => {
    if (!requirePermission(ctx, reply, 'recording:job:view')) return reply
    const { jobId } = request.params as { jobId: string }
    const record = jobs.find(jobId)
    if (!record) return sendGenesysStatus(reply, 404, 'The recording job was not found.')
    const query = request.query as CursorRequest
    const pageSize = pageSizeOf(query, MAX_FAILED_PAGE_SIZE)
    if (typeof pageSize === 'string')
      return sendGenesysError(reply, 400, 'bad.request', pageSize, { details: [{ errorCode: 'invalid.value', fieldName: 'pageSize' }] })
    const failed = jobs.handled(record).failedRecordings.map((r) => ({
      conversation: { id: r.conversationId, selfUri: `/api/v2/conversations/${r.conversationId}` },
      recording: { id: r.id, selfUri: `/api/v2/conversations/${r.conversationId}/recordings/${r.id}` },
    }))
    return cursorPage(
      failed,
      `${JOBS_PATH}/${jobId}/failedrecordings`,
      query,
      pageSize,
      query.includeTotal ? { includeTotal: query.includeTotal } : {},
    )
  })

  app.delete(`${JOBS_PATH}/:jobId`, async (request, reply) => {
    if (!requirePermission(ctx, reply, 'recording:job:delete')) return reply
    const record = jobs.find((request.params as { jobId: string }).jobId)
    if (!record) return sendGenesysStatus(reply, 404, 'The recording job was not found.')
    const state = jobs.stateOf(record)
    if (state === 'FULFILLED' || state === 'CANCELLED' || state === 'FAILED') {
      return sendGenesysError(reply, 400, 'bad.request', `The job is already ${state}.`, {
        details: [{ errorCode: 'invalid.value', fieldName: 'jobId' }],
      })
    }
    jobs.cancel(record)
    return reply.code(204).send()
  })

  app.get('/api/v2/integrations', async (request, reply) => {
    if (!requirePermission(ctx, reply, 'integrations:integration:view')) return reply
    const query = request.query as Record<string, string | undefined>
    const listed = integrationsOf().filter((i) => !query.integrationType || i.integrationType.id === query.integrationType)
    return pageOf(listed, '/api/v2/integrations', query, query.integrationType ? { integrationType: query.integrationType } : {})
  })

  // For tests: make a job report a state the platform might add later (an open enum).
  app.put(`${CONTROL_PREFIX}recording/jobs/:jobId/reported-as`, async (request, reply) => {
    if (!LOOPBACK.has(request.socket.remoteAddress ?? ''))
      return reply.code(403).send({ error: 'The control routes answer 127.0.0.1 only.' })
    const record = jobs.find((request.params as { jobId: string }).jobId)
    if (!record) return reply.code(404).send({ error: 'No such recording job.' })
    const parsed = z
      .object({
        state: z
          .string()
          .regex(/^[A-Z_]{1,50}$/)
          .optional(),
      })
      .strict()
      .safeParse(request.body)
    if (!parsed.success) return reply.code(400).send({ error: 'Send {state} in capitals and underscores, or {} to clear it.' })
    record.reportedState = parsed.data.state
    return { id: record.id, reportedState: record.reportedState ?? null }
  })
}

type JobInput = z.infer<typeof jobBody>

function refuseJob(input: JobInput, now: number): { message: string; detail: ErrorDetail } | undefined {
  if (input.actionDate === undefined && input.actionAge === undefined) {
    return { message: 'Either actionDate or actionAge is required.', detail: { errorCode: 'missing.value', fieldName: 'actionDate' } }
  }
  if (input.actionDate !== undefined && input.actionAge !== undefined) {
    return { message: 'Give actionDate or actionAge, not both.', detail: { errorCode: 'invalid.value', fieldName: 'actionAge' } }
  }
  if (input.action === 'EXPORT' && !input.integrationId) {
    return {
      message: 'integrationId is required for the EXPORT action.',
      detail: { errorCode: 'missing.value', fieldName: 'integrationId' },
    }
  }
  if (input.action === 'EXPORT' && input.integrationId !== S3_INTEGRATION_ID) {
    return {
      message: `Integration ${input.integrationId} is not an ${S3_INTEGRATION_TYPE} of this organization.`,
      detail: { errorCode: 'invalid.value', fieldName: 'integrationId' },
    }
  }
  const [start, end, extra] = input.conversationQuery.interval.split('/').map((part) => Date.parse(part))
  if (extra !== undefined || !Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
    return {
      message: 'conversationQuery.interval must be "start/end" in ISO 8601, the end after the start.',
      detail: { errorCode: 'invalid.value', fieldName: 'conversationQuery.interval' },
    }
  }
  if (start < now - FIVE_YEARS_MS) {
    return {
      message: 'conversationQuery.interval can reach back 5 years at most.',
      detail: { errorCode: 'invalid.value', fieldName: 'conversationQuery.interval' },
    }
  }
  return undefined
}

function describeJob(record: RecordingJobRecord, jobs: RecordingJobs) {
  const state = jobs.stateOf(record)
  const estimated = state !== 'PENDING'
  const handled = jobs.handled(record)
  return {
    id: record.id,
    state: record.reportedState ?? state,
    recordingJobsQuery: record.query,
    dateCreated: new Date(record.createdAt).toISOString(),
    ...(estimated ? { totalConversations: record.conversations, totalRecordings: record.targets.length } : {}),
    ...(record.executedAt !== undefined
      ? {
          totalProcessedRecordings: handled.processed,
          totalSkippedRecordings: handled.skipped,
          totalFailedRecordings: handled.failed,
        }
      : {}),
    percentProgress: jobs.percentOf(record),
    failedRecordings: `${JOBS_PATH}/${record.id}/failedrecordings`,
    selfUri: `${JOBS_PATH}/${record.id}`,
    user: record.user,
  }
}

function clientOf(ctx: SandboxContext, request: FastifyRequest) {
  const token = bearerToken(request.headers.authorization)
  const clientId = (token && ctx.tokens.find(token)?.clientId) || 'unknown'
  const id = uuidFrom(`oauth-client:${clientId}`)
  return { clientId, user: { id, name: 'OAuth client (client credentials)', selfUri: `/api/v2/oauth/clients/${id}` } }
}

function integrationsOf() {
  const integration = (id: string, name: string, typeId: string, typeName: string) => ({
    id,
    name,
    integrationType: { id: typeId, name: typeName, selfUri: `/api/v2/integrations/types/${typeId}` },
    notes: '',
    intendedState: 'ENABLED',
    reportedState: { code: 'ACTIVE', effective: 'Active' },
    selfUri: `/api/v2/integrations/${id}`,
  })
  return [
    integration(S3_INTEGRATION_ID, 'Recordings archive bucket', S3_INTEGRATION_TYPE, 'AWS S3 Recording Bulk Actions'),
    integration(uuidFrom('integration:web-services-data-actions'), 'CRM data actions', 'custom-rest-actions', 'Web Services Data Actions'),
  ]
}
