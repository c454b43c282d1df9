import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { SandboxContext } from '../context'
import { sendGenesysError, sendGenesysStatus, sendS3Error, type ErrorDetail } from '../errors'
import { GDPR_REQUEST_TYPES, GdprRequests, type GdprRequestRecord } from '../gdprRequests'
import { GDPR_SEARCH_TYPES, searchSubjects, type GdprSubject } from '../gdprSubjects'
import { uuidFrom } from '../organization'
import { pageOf } from '../paging'
import { CONTROL_PREFIX, REPORT_PREFIX, pathOf } from '../surface'
import { bearerToken } from '../tokens'
import { parseApiBody } from '../validation'

const REQUESTS_PATH = '/api/v2/gdpr/requests'
const RESULTS_PREFIX = `${REPORT_PREFIX}gdpr/`
const RESULTS_URL_SECONDS = 3600
const LOOPBACK = new Set(['127.0.0.1', '::ffff:127.0.0.1', '::1'])
const E164 = /^\+[1-9]\d{5,14}$/

const subjectSchema = z.object({
  name: z.string().max(500).optional(),
  userId: z.string().min(1).optional(),
  externalContactId: z.string().min(1).optional(),
  dialerContactId: z.object({ id: z.string().min(1), contactListId: z.string().min(1) }).optional(),
  journeyCustomer: z.object({ type: z.string().min(1), id: z.string().min(1) }).optional(),
  socialHandle: z.object({ type: z.enum(['TWITTER', 'FACEBOOK', 'INSTAGRAM', 'APPLE_MESSAGES']), value: z.string().min(1) }).optional(),
  externalId: z.string().min(1).optional(),
  addresses: z.array(z.string().trim().min(1)).default([]),
  phoneNumbers: z.array(z.string().regex(E164, 'phone numbers must be E.164, such as +15555550123')).default([]),
  emailAddresses: z.array(z.email()).default([]),
})

const requestSchema = z.object({
  requestType: z.enum(GDPR_REQUEST_TYPES),
  subject: subjectSchema,
  replacementTerms: z
    .array(
      z.object({
        type: z.enum(['NAME', 'ADDRESS', 'PHONE', 'EMAIL', 'TWITTER']),
        existingValue: z.string().min(1),
        updatedValue: z.string().min(1),
      }),
    )
    .optional(),
})

/**
 * The GDPR API: subject search, requests (submit, list, get) and the result files of completed exports,
 * served like the platform's other download links (signed, no bearer token).
 */
export function gdprRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const store = new GdprRequests(ctx.now)
  const describe = (record: GdprRequestRecord) => describeRequest(record, store, ctx)

  app.get('/api/v2/gdpr/subjects', async (request, reply) => {
    const query = request.query as Record<string, string | undefined>
    const searchType = GDPR_SEARCH_TYPES.find((t) => t === query.searchType)
    const searchValue = query.searchValue?.trim()
    const details: ErrorDetail[] = []
    if (!searchType) details.push({ errorCode: query.searchType ? 'invalid.value' : 'missing.value', fieldName: 'searchType' })
    if (!searchValue) details.push({ errorCode: 'missing.value', fieldName: 'searchValue' })
    if (!searchType || !searchValue) {
      return sendGenesysError(
        reply,
        400,
        'bad.request',
        `searchType (one of ${GDPR_SEARCH_TYPES.join(', ')}) and searchValue are required.`,
        { details },
      )
    }
    const found = searchSubjects(searchType, searchValue)
    return pageOf(found, '/api/v2/gdpr/subjects', { pageSize: 100 }, { searchType, searchValue })
  })

  app.post(REQUESTS_PATH, async (request, reply) => {
    const deleteConfirmed = (request.query as Record<string, string | undefined>).deleteConfirmed
    if (deleteConfirmed !== undefined && deleteConfirmed !== 'true' && deleteConfirmed !== 'false') {
      return sendGenesysError(reply, 400, 'bad.request', 'deleteConfirmed must be true or false.', {
        details: [{ errorCode: 'invalid.value', fieldName: 'deleteConfirmed' }],
      })
    }
    const input = parseApiBody(requestSchema, request.body, reply)
    if (!input) return reply
    const refusal = refuseRequest(input, deleteConfirmed === 'true')
    if (refusal) return sendGenesysError(reply, 400, 'bad.request', refusal.message, { details: [refusal.detail] })
    const record = store.create({
      requestType: input.requestType,
      subject: input.subject,
      replacementTerms: input.requestType === 'GDPR_UPDATE' ? input.replacementTerms : undefined,
      createdBy: creatorOf(ctx, request.headers.authorization),
      stepMs: ctx.config.gdprStepMs,
    })
    return reply.code(202).send(describe(record))
  })

  app.get(REQUESTS_PATH, async (request) => pageOf(store.list().map(describe), REQUESTS_PATH, request.query as Record<string, unknown>))

  app.get(`${REQUESTS_PATH}/:requestId`, async (request, reply) => {
    const record = store.find((request.params as { requestId: string }).requestId)
    if (!record) return sendGenesysStatus(reply, 404, 'The GDPR request was not found.')
    store.countPoll(record)
    return describe(record)
  })

  app.get(`${RESULTS_PREFIX}:requestId/:fileName`, async (request, reply) => {
    const check = ctx.signer.check('GET', pathOf(request.url), request.query as Record<string, unknown>, request.headers)
    if (!check.ok) {
      return check.reason === 'expired'
        ? sendS3Error(reply, 403, 'AccessDenied', 'Request has expired')
        : sendS3Error(reply, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')
    }
    const { requestId, fileName } = request.params as { requestId: string; fileName: string }
    const record = store.find(requestId)
    const file = record && store.resultFiles(record).find((f) => f.fileName === fileName)
    if (!file) return sendS3Error(reply, 404, 'NoSuchKey', 'The specified key does not exist.')
    return reply.type('application/json').send(file.body)
  })

  // For tests: what polling cost the org, per request (loopback only, like the other control routes).
  app.get(`${CONTROL_PREFIX}gdpr/requests/:requestId`, async (request, reply) => {
    if (!LOOPBACK.has(request.socket.remoteAddress ?? ''))
      return reply.code(403).send({ error: 'The control routes answer 127.0.0.1 only.' })
    const record = store.find((request.params as { requestId: string }).requestId)
    if (!record) return reply.code(404).send({ error: 'No such GDPR request.' })
    return {
      id: record.id,
      status: store.statusAt(record),
      polls: record.polls,
      stepMs: record.stepMs,
      finishedAt: new Date(store.finishedAt(record)).toISOString(),
    }
  })

  // For tests: make a request report a status or type the platform might add later (an open enum).
  app.put(`${CONTROL_PREFIX}gdpr/requests/:requestId/reported-as`, async (request, reply) => {
    if (!LOOPBACK.has(request.socket.remoteAddress ?? ''))
      return reply.code(403).send({ error: 'The control routes answer 127.0.0.1 only.' })
    const record = store.find((request.params as { requestId: string }).requestId)
    if (!record) return reply.code(404).send({ error: 'No such GDPR request.' })
    const parsed = reportedAsSchema.safeParse(request.body)
    if (!parsed.success) return reply.code(400).send({ error: 'Send {status?, requestType?} in capitals and underscores.' })
    record.reportedAs = parsed.data
    return { id: record.id, reportedAs: record.reportedAs }
  })
}

const reportedAsSchema = z
  .object({ status: z.string().regex(/^[A-Z_]{1,50}$/), requestType: z.string().regex(/^[A-Z_]{1,50}$/) })
  .partial()
  .strict()

type RequestInput = z.infer<typeof requestSchema>

function refuseRequest(input: RequestInput, deleteConfirmed: boolean): { message: string; detail: ErrorDetail } | undefined {
  if (!hasIdentifier(input.subject)) {
    return {
      message: 'The subject needs at least one identifier (an id, a social handle, an address, a phone number or an email address).',
      detail: { errorCode: 'missing.value', fieldName: 'subject' },
    }
  }
  const terms = input.replacementTerms ?? []
  if (input.requestType !== 'GDPR_UPDATE' && terms.length > 0) {
    return {
      message: 'replacementTerms apply to GDPR_UPDATE requests only.',
      detail: { errorCode: 'invalid.value', fieldName: 'replacementTerms' },
    }
  }
  if (input.requestType === 'GDPR_UPDATE' && terms.length === 0) {
    return {
      message: 'A GDPR_UPDATE request needs at least one replacement term.',
      detail: { errorCode: 'missing.value', fieldName: 'replacementTerms' },
    }
  }
  // Unverified wording; the platform documents deleteConfirmed as "Confirm delete" (default false).
  if (input.requestType === 'GDPR_DELETE' && !deleteConfirmed) {
    return {
      message: 'A GDPR_DELETE request must be confirmed: send it with deleteConfirmed=true.',
      detail: { errorCode: 'missing.value', fieldName: 'deleteConfirmed' },
    }
  }
  return undefined
}

function hasIdentifier(subject: GdprSubject): boolean {
  return Boolean(
    subject.userId ||
    subject.externalContactId ||
    subject.dialerContactId ||
    subject.journeyCustomer ||
    subject.socialHandle ||
    subject.externalId ||
    subject.addresses.length ||
    subject.phoneNumbers.length ||
    subject.emailAddresses.length,
  )
}

function creatorOf(ctx: SandboxContext, authorization: string | undefined) {
  const token = bearerToken(authorization)
  const clientId = (token && ctx.tokens.find(token)?.clientId) || 'unknown'
  const id = uuidFrom(`oauth-client:${clientId}`)
  return { id, name: 'OAuth client (client credentials)', selfUri: `/api/v2/oauth/clients/${id}` }
}

function describeRequest(record: GdprRequestRecord, store: GdprRequests, ctx: SandboxContext) {
  const urls = store.resultFiles(record).map((file) => {
    const path = `${RESULTS_PREFIX}${record.id}/${file.fileName}`
    return `${ctx.baseUrl}${path}?${ctx.signer.sign('GET', path, RESULTS_URL_SECONDS, {})}`
  })
  return {
    id: record.id,
    createdBy: record.createdBy,
    ...(record.replacementTerms ? { replacementTerms: record.replacementTerms } : {}),
    requestType: record.reportedAs?.requestType ?? record.requestType,
    createdDate: new Date(record.createdAt).toISOString(),
    status: record.reportedAs?.status ?? store.statusAt(record),
    subject: record.subject,
    ...(urls.length > 0 ? { resultsUrl: urls[0], resultsUrls: urls } : {}),
    selfUri: `${REQUESTS_PATH}/${record.id}`,
  }
}
