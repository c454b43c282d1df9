/** The batch download request calls of the downloads part, with zod schemas for what it relies on. */
import { z } from 'zod'
import type { GenesysClient } from '../../genesys'

const BATCH_PATH = '/api/v2/recording/batchrequests'
/** The platform's cap on items per batch request. */
export const MAX_BATCH_ITEMS = 100

const Submitted = z.looseObject({ id: z.string().min(1) })

const BatchResult = z.looseObject({
  conversationId: z.string().default(''),
  recordingId: z.string().nullish(),
  resultUrl: z.string().nullish(),
  contentType: z.string().nullish(),
  errorMsg: z.string().nullish(),
})
export type BatchResult = z.infer<typeof BatchResult>

const BatchStatus = z.looseObject({
  id: z.string().min(1),
  expectedResultCount: z.number().int().nonnegative().optional(),
  resultCount: z.number().int().nonnegative().optional(),
  errorCount: z.number().int().nonnegative().optional(),
  // Open enum: InProgress and Completed today; anything else is shown as it is and polled like InProgress.
  status: z.string().default('InProgress'),
  results: z
    .array(BatchResult)
    .nullish()
    .transform((v) => v ?? []),
})
export type BatchStatus = z.infer<typeof BatchStatus>

/** POST /api/v2/recording/batchrequests (recording:recording:view). Not repeated on a 5xx: a batch must not be submitted twice. */
export function submitBatchRequest(client: GenesysClient, items: { conversationId: string; recordingId: string }[], signal?: AbortSignal) {
  return client.request({
    method: 'POST',
    path: BATCH_PATH,
    data: { batchDownloadRequestList: items.map(({ conversationId, recordingId }) => ({ conversationId, recordingId })) },
    schema: Submitted,
    signal,
    retryServerFailures: false,
  })
}

/** GET /api/v2/recording/batchrequests/{id}: only the client that submitted it may read it. */
export function getBatchRequest(client: GenesysClient, id: string, signal?: AbortSignal) {
  return client.request({ method: 'GET', path: `${BATCH_PATH}/${encodeURIComponent(id)}`, schema: BatchStatus, signal })
}
