/**
 * Runs a search to its end: the synchronous details query paged through every page for ranges it can
 * serve (at most 7 days, at most 10,000 results), else an analytics details job (created, polled with a
 * capped backoff, every results page read, then deleted).
 */
import { AppError } from '../../../../shared/errors'
import type { GenesysClient, Sleep } from '../../genesys'
import {
  createDetailsJob,
  deleteDetailsJob,
  getDetailsJob,
  getDetailsJobResults,
  queryConversationDetails,
  type DetailsConversation,
  type DetailsQuery,
} from './analyticsApi'

export const QUERY_MAX_INTERVAL_MS = 7 * 86_400_000
export const QUERY_MAX_RESULTS = 10_000
const QUERY_PAGE_SIZE = 100
const JOB_RESULTS_PAGE_SIZE = 1_000
/** A guard against a cursor that never ends. */
const MAX_RESULT_PAGES = 10_000

export interface JobPolling {
  firstDelayMs: number
  maxDelayMs: number
  /** The whole wait for a job to be fulfilled. */
  maxWaitMs: number
}

export const DEFAULT_JOB_POLLING: JobPolling = { firstDelayMs: 500, maxDelayMs: 5_000, maxWaitMs: 15 * 60_000 }

export interface SearchListener {
  mode(mode: 'query' | 'job'): void
  page(conversations: DetailsConversation[], totalHits: number | undefined, correlationId: string | undefined): void
}

export interface SearchDeps {
  client: GenesysClient
  signal: AbortSignal
  sleep: Sleep
  now: () => number
  polling: JobPolling
}

export async function searchConversations(query: DetailsQuery, deps: SearchDeps, listener: SearchListener): Promise<'query' | 'job'> {
  const [from, to] = query.interval.split('/').map((part) => Date.parse(part))
  if (to - from <= QUERY_MAX_INTERVAL_MS) {
    const served = await pageThroughQuery(query, deps, listener)
    if (served) return 'query'
  }
  await runDetailsJob(query, deps, listener)
  return 'job'
}

/** False when the first page says there are more results than the query serves: a job must find them. */
async function pageThroughQuery(query: DetailsQuery, deps: SearchDeps, listener: SearchListener): Promise<boolean> {
  for (let pageNumber = 1; ; pageNumber++) {
    const response = await queryConversationDetails(deps.client, query, { pageSize: QUERY_PAGE_SIZE, pageNumber }, deps.signal)
    const { conversations, totalHits } = response.data
    if (pageNumber === 1) {
      if (totalHits > QUERY_MAX_RESULTS) return false
      listener.mode('query')
    }
    listener.page(conversations, totalHits, response.correlationId)
    if (conversations.length === 0 || pageNumber * QUERY_PAGE_SIZE >= Math.min(totalHits, QUERY_MAX_RESULTS)) return true
  }
}

async function runDetailsJob(query: DetailsQuery, deps: SearchDeps, listener: SearchListener): Promise<void> {
  const { jobId } = (await createDetailsJob(deps.client, query, deps.signal)).data
  listener.mode('job')
  try {
    await waitForJob(jobId, deps)
    let cursor: string | undefined
    for (let page = 0; page < MAX_RESULT_PAGES; page++) {
      const response = await getDetailsJobResults(deps.client, jobId, cursor, JOB_RESULTS_PAGE_SIZE, deps.signal)
      listener.page(response.data.conversations, undefined, response.correlationId)
      cursor = response.data.cursor
      if (!cursor) break
    }
  } finally {
    // Results are no longer needed either way; a cancelled find must not leave its job running.
    void deleteDetailsJob(deps.client, jobId, AbortSignal.timeout(10_000)).catch(() => undefined)
  }
}

async function waitForJob(jobId: string, deps: SearchDeps): Promise<void> {
  const deadline = deps.now() + deps.polling.maxWaitMs
  let delay = deps.polling.firstDelayMs
  for (;;) {
    const { data, correlationId } = await getDetailsJob(deps.client, jobId, deps.signal)
    if (data.state === 'FULFILLED') return
    if (data.state === 'FAILED' || data.state === 'CANCELLED' || data.state === 'EXPIRED') {
      throw new AppError({
        code: 'server_error',
        message: `The analytics details job for this search ended ${data.state}${data.errorMessage ? `: ${data.errorMessage}` : ''}.`,
        hint:
          data.state === 'FAILED'
            ? 'Genesys Cloud could not run the search. Try again, or narrow the date range; give support the correlation id if it keeps failing.'
            : 'The job stopped before its results were read. Run the search again.',
        correlationId,
      })
    }
    // QUEUED, PENDING, or a state this version does not know: keep waiting, within the cap.
    if (deps.now() + delay > deadline) {
      throw new AppError({
        code: 'timeout',
        message: `The analytics details job for this search was not fulfilled within ${Math.round(deps.polling.maxWaitMs / 60_000)} minutes (last state ${data.state}).`,
        hint: 'Genesys Cloud is slow to run it. Try again later, or search a shorter date range.',
        correlationId,
      })
    }
    await deps.sleep(delay, deps.signal)
    delay = Math.min(deps.polling.maxDelayMs, delay * 2)
  }
}
