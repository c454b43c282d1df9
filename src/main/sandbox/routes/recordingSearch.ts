import type { FastifyInstance, FastifyReply } from 'fastify'
import type { SandboxContext } from '../context'
import { sendGenesysError } from '../errors'
import { pageOf } from '../paging'
import { requirePermission } from '../permissions'
import { DetailsJobs, type DetailsJob } from '../recordings/detailsJobs'
import {
  DetailsJobBody,
  DetailsQueryBody,
  MAX_QUERY_INTERVAL_MS,
  MAX_QUERY_RESULTS,
  filterProblem,
  parseInterval,
  selectConversations,
  type Interval,
} from '../recordings/detailsQuery'
import { toRecordingMetadata } from '../recordings/recordingMetadata'
import { parseApiBody } from '../validation'

const QUEUES_PATH = '/api/v2/routing/queues'
const QUERY_PATH = '/api/v2/analytics/conversations/details/query'
const JOBS_PATH = '/api/v2/analytics/conversations/details/jobs'
const DETAIL_VIEW = 'analytics:conversationDetail:view'
const DEFAULT_RESULTS_PAGE = 100
const MAX_RESULTS_PAGE = 1_000

/**
 * Finding calls: routing queues, the analytics conversation details query (paged, 7-day and
 * 10,000-result limits), the async details jobs (cursor-paged results) and recordingmetadata.
 */
export function recordingSearchRoutes(app: FastifyInstance, ctx: SandboxContext): void {
  const jobs = new DetailsJobs(ctx.now)

  app.get(QUEUES_PATH, async (request, reply) => {
    if (!requirePermission(ctx, reply, 'routing:queue:view')) return reply
    const query = request.query as Record<string, string | undefined>
    const name = query.name?.trim()
    const matches = name ? nameMatcher(name) : () => true
    const queues = ctx.recordings
      .queues()
      .filter((queue) => matches(queue.name))
      .map((queue) => ({ ...queue, memberCount: 4, joinedMemberCount: 3, selfUri: `${QUEUES_PATH}/${queue.id}` }))
    return pageOf(queues, QUEUES_PATH, query, name ? { name } : {})
  })

  app.post(QUERY_PATH, async (request, reply) => {
    if (!requirePermission(ctx, reply, DETAIL_VIEW)) return reply
    const body = parseApiBody(DetailsQueryBody, request.body, reply)
    if (!body) return reply
    const interval = checkedInterval(body, reply)
    if (!interval) return reply
    if (interval.end - interval.start > MAX_QUERY_INTERVAL_MS) {
      return sendGenesysError(
        reply,
        400,
        'bad.request',
        `Interval ${body.interval} is longer than 7 days, the maximum for a conversation detail query. Use the conversation details jobs for longer intervals.`,
        { details: [{ errorCode: 'invalid.value', fieldName: 'interval' }] },
      )
    }
    const { pageSize, pageNumber } = body.paging
    if (pageNumber * pageSize > MAX_QUERY_RESULTS) {
      return sendGenesysError(
        reply,
        400,
        'bad.request',
        `Paging beyond ${MAX_QUERY_RESULTS} results is not supported by the conversation detail query. Narrow the interval or use the conversation details jobs.`,
        { details: [{ errorCode: 'invalid.value', fieldName: 'paging.pageNumber' }] },
      )
    }
    const found = selectConversations(ctx.recordings, body, interval)
    const page = found.slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
    // As on the platform, an empty page has no conversations field at all.
    return { ...(page.length > 0 ? { conversations: page } : {}), totalHits: found.length }
  })

  app.post(JOBS_PATH, async (request, reply) => {
    if (!requirePermission(ctx, reply, DETAIL_VIEW)) return reply
    const body = parseApiBody(DetailsJobBody, request.body, reply)
    if (!body) return reply
    const interval = checkedInterval(body, reply)
    if (!interval) return reply
    const job = jobs.create(selectConversations(ctx.recordings, body, interval))
    return reply.code(202).send({ jobId: job.id })
  })

  const jobOf = (jobId: string, reply: FastifyReply): DetailsJob | undefined => {
    const job = jobs.find(jobId)
    if (!job) sendGenesysError(reply, 404, 'not.found', `Unable to find a conversation details job with id ${jobId}.`)
    return job
  }

  app.get(`${JOBS_PATH}/:jobId`, async (request, reply) => {
    if (!requirePermission(ctx, reply, DETAIL_VIEW)) return reply
    const job = jobOf((request.params as { jobId: string }).jobId, reply)
    return job ? jobs.describe(job) : reply
  })

  app.delete(`${JOBS_PATH}/:jobId`, async (request, reply) => {
    if (!requirePermission(ctx, reply, DETAIL_VIEW)) return reply
    const job = jobOf((request.params as { jobId: string }).jobId, reply)
    if (!job) return reply
    jobs.delete(job)
    return reply.code(204).send()
  })

  app.get(`${JOBS_PATH}/:jobId/results`, async (request, reply) => {
    if (!requirePermission(ctx, reply, DETAIL_VIEW)) return reply
    const job = jobOf((request.params as { jobId: string }).jobId, reply)
    if (!job) return reply
    const state = jobs.stateOf(job)
    if (state !== 'FULFILLED') {
      return sendGenesysError(reply, 400, 'bad.request', `The job's results are not available: its state is ${state}.`)
    }
    const query = request.query as Record<string, string | undefined>
    const pageSize = Math.min(MAX_RESULTS_PAGE, Math.max(1, Number(query.pageSize) || DEFAULT_RESULTS_PAGE))
    const offset = query.cursor ? offsetOf(query.cursor) : 0
    if (offset === undefined) return sendGenesysError(reply, 400, 'bad.request', 'The cursor is not valid for this job.')
    const next = offset + pageSize
    return {
      conversations: job.conversations.slice(offset, next),
      dataAvailabilityDate: new Date(ctx.now()).toISOString(),
      ...(next < job.conversations.length ? { cursor: Buffer.from(`offset:${next}`).toString('base64url') } : {}),
    }
  })

  app.get('/api/v2/conversations/:conversationId/recordingmetadata', async (request, reply) => {
    if (!requirePermission(ctx, reply, 'recording:recording:view', 'recording:recordingSegment:view')) return reply
    const { conversationId } = request.params as { conversationId: string }
    const conversation = ctx.recordings.conversation(conversationId)
    if (!conversation) {
      return sendGenesysError(reply, 404, 'not.found', `Unable to find a conversation with id ${conversationId}.`, {
        details: [{ errorCode: 'not.found', entityId: conversationId, entityName: 'conversation' }],
      })
    }
    return conversation.recordings.map((recording) => toRecordingMetadata(conversation, recording))
  })
}

function checkedInterval(body: DetailsJobBody, reply: FastifyReply): Interval | undefined {
  const interval = parseInterval(body.interval)
  const problem = 'problem' in interval ? interval.problem : filterProblem(body)
  if (!problem) return interval as Interval
  sendGenesysError(reply, 400, 'bad.request', problem, { details: [{ errorCode: 'invalid.value' }] })
  return undefined
}

function offsetOf(cursor: string): number | undefined {
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'))
  return match ? Number(match[1]) : undefined
}

/** The platform's queue name filter: an exact name, or with leading / trailing asterisks as wildcards. */
function nameMatcher(pattern: string): (name: string) => boolean {
  const lower = pattern.toLowerCase()
  const core = lower.replace(/^\*+|\*+$/g, '')
  const leading = lower.startsWith('*')
  const trailing = lower.endsWith('*')
  return (name) => {
    const candidate = name.toLowerCase()
    if (leading && trailing) return candidate.includes(core)
    if (leading) return candidate.endsWith(core)
    if (trailing) return candidate.startsWith(core)
    return candidate === core
  }
}
