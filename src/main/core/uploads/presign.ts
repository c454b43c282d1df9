import { z } from 'zod'
import type { GenesysClient } from '../genesys'

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
  })
  return { ...response.data, presignedAt, correlationId: response.correlationId, retries: response.retries }
}
