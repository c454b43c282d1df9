/** The recording bulk jobs API (/api/v2/recording/jobs), with zod schemas for every answer the bulk part relies on. */
import { z } from 'zod'
import type { GenesysClient } from '../../genesys'

const JOBS_PATH = '/api/v2/recording/jobs'
const count = z.number().int().nonnegative().optional()

export const RecordingJobSchema = z.looseObject({
  id: z.string().min(1),
  // Open enum: a state the platform adds later is kept and shown as it comes.
  state: z.string().min(1),
  recordingJobsQuery: z
    .looseObject({
      action: z.string().optional(),
      actionDate: z.string().optional(),
      actionAge: z.number().optional(),
      integrationId: z.string().optional(),
      conversationQuery: z.looseObject({ interval: z.string().optional() }).optional(),
    })
    .optional(),
  dateCreated: z.string().optional(),
  totalConversations: count,
  totalRecordings: count,
  totalSkippedRecordings: count,
  totalFailedRecordings: count,
  totalProcessedRecordings: count,
  percentProgress: z.number().min(0).max(100).optional(),
  errorMessage: z.string().optional(),
  failedRecordings: z.string().optional(),
  user: z.looseObject({ id: z.string().optional(), name: z.string().optional() }).optional(),
})
export type RecordingJob = z.infer<typeof RecordingJobSchema>

const entities = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? [])

const JobListing = z.looseObject({ entities: entities(RecordingJobSchema), nextUri: z.string().nullish() })

const FailedListing = z.looseObject({
  entities: entities(
    z.looseObject({
      conversation: z.looseObject({ id: z.string() }).optional(),
      recording: z.looseObject({ id: z.string() }).optional(),
    }),
  ),
  nextUri: z.string().nullish(),
})

/** What POST /api/v2/recording/jobs takes (RecordingJobsQuery). */
export interface RecordingJobsQueryBody {
  action: 'ARCHIVE' | 'DELETE' | 'EXPORT'
  actionDate?: string
  integrationId?: string
  includeScreenRecordings: boolean
  includeRecordingsWithSensitiveData: boolean
  conversationQuery: { interval: string; segmentFilters?: unknown[] }
}

/** POST /api/v2/recording/jobs (recording:job:add). Not idempotent: a 5xx or a reset is never re-sent. */
export function postRecordingJob(client: GenesysClient, body: RecordingJobsQueryBody, signal?: AbortSignal) {
  return client.request({ method: 'POST', path: JOBS_PATH, data: body, schema: RecordingJobSchema, signal, retryServerFailures: false })
}

/** GET /api/v2/recording/jobs/{jobId} (recording:job:view). */
export function getRecordingJob(client: GenesysClient, id: string, signal?: AbortSignal) {
  return client.request({ method: 'GET', path: `${JOBS_PATH}/${encodeURIComponent(id)}`, schema: RecordingJobSchema, signal })
}

/** PUT /api/v2/recording/jobs/{jobId} {state: PROCESSING} (recording:job:edit; the creator only). */
export function executeRecordingJob(client: GenesysClient, id: string, signal?: AbortSignal) {
  return client.request({
    method: 'PUT',
    path: `${JOBS_PATH}/${encodeURIComponent(id)}`,
    data: { state: 'PROCESSING' },
    schema: RecordingJobSchema,
    signal,
    retryServerFailures: false,
  })
}

/** DELETE /api/v2/recording/jobs/{jobId} (recording:job:delete): cancels the job; no body. */
export function cancelRecordingJob(client: GenesysClient, id: string, signal?: AbortSignal) {
  return client.request({ method: 'DELETE', path: `${JOBS_PATH}/${encodeURIComponent(id)}`, schema: z.unknown(), signal })
}

/** GET /api/v2/recording/jobs, one page by cursor (includeTotal=false as the platform recommends). */
export async function listRecordingJobs(client: GenesysClient, cursor: string | undefined, signal?: AbortSignal, state?: string) {
  const response = await client.request({
    method: 'GET',
    path: JOBS_PATH,
    params: { pageSize: 100, includeTotal: false, sortBy: 'dateCreated', ...(state ? { state } : {}), ...(cursor ? { cursor } : {}) },
    schema: JobListing,
    signal,
  })
  return { ...response, data: { jobs: response.data.entities, nextCursor: cursorOf(response.data.nextUri) } }
}

/** GET /api/v2/recording/jobs/{jobId}/failedrecordings, one page of at most 100 by cursor. */
export async function listFailedRecordings(client: GenesysClient, id: string, cursor: string | undefined, signal?: AbortSignal) {
  const response = await client.request({
    method: 'GET',
    path: `${JOBS_PATH}/${encodeURIComponent(id)}/failedrecordings`,
    params: { pageSize: 100, includeTotal: false, ...(cursor ? { cursor } : {}) },
    schema: FailedListing,
    signal,
  })
  return {
    ...response,
    data: {
      entities: response.data.entities.map((e) => ({ conversationId: e.conversation?.id, recordingId: e.recording?.id })),
      nextCursor: cursorOf(response.data.nextUri),
    },
  }
}

/** The cursor in a nextUri; none when the listing is at its end. */
function cursorOf(nextUri: string | null | undefined): string | undefined {
  if (!nextUri) return undefined
  const query = nextUri.indexOf('?')
  return new URLSearchParams(query === -1 ? '' : nextUri.slice(query + 1)).get('cursor') ?? undefined
}
