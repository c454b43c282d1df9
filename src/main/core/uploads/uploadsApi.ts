/** Wrappers of the Genesys API areas only uploads use: presigned uploads (uploads/recordings) and upload reports (recording/uploads/reports). */
import { z } from 'zod'
import type { GenesysClient, RetryWaitNotice } from '../genesys'

/** The answer of POST /api/v2/uploads/recordings: where to PUT the bytes, and with exactly which headers. */
export const PresignedUpload = z.object({
  url: z.url(),
  uploadKey: z.string().min(1),
  headers: z.record(z.string(), z.string()).default({}),
})
export type PresignedUpload = z.infer<typeof PresignedUpload>

export interface PresignRequest {
  fileName: string
  md5Base64: string
  contentType: string
  /** Lifetime of the URL; the API's range is 1..604800, default 600. */
  signedUrlTimeoutSeconds: number
  signal?: AbortSignal
  onRetryWait?: (wait: RetryWaitNotice) => void
}

export interface Presigned extends PresignedUpload {
  /** Epoch ms when it was asked for (the URL expires signedUrlTimeoutSeconds after). */
  presignedAt: number
  correlationId?: string
  retries: number
}

/** Work that must not give up on a bad minute: 429s, 5xx and resets are retried this often. */
export const UPLOAD_MAX_RETRIES = 8

/**
 * Asks for a presigned PUT. Asking twice only mints a second URL (nothing is stored until a PUT
 * completes), so 5xx and resets are retried like any idempotent call.
 */
export async function presignUpload(client: GenesysClient, req: PresignRequest): Promise<Presigned> {
  const presignedAt = Date.now()
  const response = await client.request({
    method: 'POST',
    path: '/api/v2/uploads/recordings',
    data: {
      fileName: req.fileName,
      contentMd5: req.md5Base64,
      contentType: req.contentType,
      signedUrlTimeoutSeconds: req.signedUrlTimeoutSeconds,
      serverSideEncryption: 'AES256',
    },
    schema: PresignedUpload,
    signal: req.signal,
    maxRetries: UPLOAD_MAX_RETRIES,
    onRetryWait: req.onRetryWait,
  })
  return { ...response.data, presignedAt, correlationId: response.correlationId, retries: response.retries }
}

const REPORTS_PATH = '/api/v2/recording/uploads/reports'
const ReportCreated = z.object({ id: z.string().min(1) })
export const UploadReportState = z.object({
  id: z.string().min(1),
  state: z.enum(['InProgress', 'Completed', 'Failed']),
  signedUrl: z.string().optional(),
})

/** POST recording/uploads/reports: a report of the presigned uploads since `dateSince`. */
export function createUploadReport(client: GenesysClient, dateSince: Date, signal?: AbortSignal) {
  return client.request({
    method: 'POST',
    path: REPORTS_PATH,
    data: { dateSince: dateSince.toISOString() },
    schema: ReportCreated,
    signal,
    maxRetries: UPLOAD_MAX_RETRIES,
  })
}

/** GET recording/uploads/reports/{id}: its state, and once Completed the signed URL of its file. */
export function getUploadReport(client: GenesysClient, id: string, signal?: AbortSignal) {
  return client.request({
    method: 'GET',
    path: `${REPORTS_PATH}/${encodeURIComponent(id)}`,
    schema: UploadReportState,
    signal,
    maxRetries: UPLOAD_MAX_RETRIES,
  })
}
