/** The analytics conversation details calls a search makes, with zod schemas for what it relies on. */
import { z } from 'zod'
import type { GenesysClient } from '../../genesys'

const QUERY_PATH = '/api/v2/analytics/conversations/details/query'
const JOBS_PATH = '/api/v2/analytics/conversations/details/jobs'

const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? [])

const Segment = z.looseObject({ queueId: z.string().optional(), segmentType: z.string().optional() })
const Session = z.looseObject({
  mediaType: z.string().optional(),
  direction: z.string().optional(),
  recording: z.boolean().optional(),
  segments: list(Segment),
})
const Participant = z.looseObject({
  purpose: z.string().optional(),
  participantName: z.string().optional(),
  sessions: list(Session),
})
/** AnalyticsConversationWithoutAttributes: the fields a found conversation shows. Open enums stay strings. */
export const DetailsConversation = z.looseObject({
  conversationId: z.string().min(1),
  conversationStart: z.string().optional(),
  conversationEnd: z.string().optional(),
  originatingDirection: z.string().optional(),
  participants: list(Participant),
})
export type DetailsConversation = z.infer<typeof DetailsConversation>

const QueryResponse = z.looseObject({ conversations: list(DetailsConversation), totalHits: z.number().int().nonnegative().default(0) })
const JobCreated = z.looseObject({ jobId: z.string().min(1) })
const JobStatus = z.looseObject({ state: z.string().min(1), errorMessage: z.string().optional() })
const JobResults = z.looseObject({ conversations: list(DetailsConversation), cursor: z.string().min(1).optional() })

export interface DetailsFilter {
  type: 'and' | 'or'
  predicates: { type: 'dimension'; dimension: string; operator: 'matches' | 'exists'; value?: string }[]
}

export interface DetailsQuery {
  interval: string
  order: 'asc' | 'desc'
  orderBy: 'conversationStart'
  segmentFilters: DetailsFilter[]
  conversationFilters: DetailsFilter[]
}

/** POST .../details/query (analytics:conversationDetail:view): one page. A read, so safe to retry. */
export function queryConversationDetails(
  client: GenesysClient,
  query: DetailsQuery,
  paging: { pageSize: number; pageNumber: number },
  signal: AbortSignal,
) {
  return client.request({ method: 'POST', path: QUERY_PATH, data: { ...query, paging }, schema: QueryResponse, signal })
}

/** POST .../details/jobs: a job created twice only costs a second query, so retrying is harmless. */
export function createDetailsJob(client: GenesysClient, query: DetailsQuery, signal: AbortSignal) {
  return client.request({ method: 'POST', path: JOBS_PATH, data: query, schema: JobCreated, signal })
}

export function getDetailsJob(client: GenesysClient, jobId: string, signal: AbortSignal) {
  return client.request({ method: 'GET', path: `${JOBS_PATH}/${encodeURIComponent(jobId)}`, schema: JobStatus, signal })
}

export function getDetailsJobResults(
  client: GenesysClient,
  jobId: string,
  cursor: string | undefined,
  pageSize: number,
  signal: AbortSignal,
) {
  return client.request({
    method: 'GET',
    path: `${JOBS_PATH}/${encodeURIComponent(jobId)}/results`,
    params: { pageSize, ...(cursor ? { cursor } : {}) },
    schema: JobResults,
    signal,
  })
}

/** DELETE .../details/jobs/{jobId}: tidies a job the find no longer needs. */
export function deleteDetailsJob(client: GenesysClient, jobId: string, signal?: AbortSignal) {
  return client.request({ method: 'DELETE', path: `${JOBS_PATH}/${encodeURIComponent(jobId)}`, schema: z.unknown(), signal })
}
