/**
 * The multipart upload of a prompt's audio (shared/genesys-api.md, "Architect prompts", step 3): POST to
 * the resource's uploadUri, multipart/form-data with the field `file`, with the bearer token. The body is
 * built with `form-data` (as the official Node example does with axios) around a read stream of the file
 * with its known length, so the file is never held in memory and Content-Length is exact. A stream cannot
 * be replayed: each attempt builds a new form. The request waits its turn under the org's rate limit like
 * every API call, follows no redirect, and reads at most MAX_ANSWER_BYTES of the answer.
 */
import { createReadStream } from 'node:fs'
import axios, { type AxiosResponse } from 'axios'
import FormData from 'form-data'
import {
  backoffDelayMs,
  cancelledError,
  DEFAULT_BACKOFF,
  abortableSleep,
  toGenesysAppError,
  type BackoffOptions,
  type GenesysClient,
} from '../../genesys'
import { correlationIdOf } from '../../genesys/headers'
import { retryAfterSecondsFrom } from '../../genesys/rateLimit'
import { assertUploadOrigin } from './uploadOrigin'

/** The answer is a small JSON document or nothing. */
const MAX_ANSWER_BYTES = 1024 * 1024
/** Nothing sent or received for this long ends an attempt. */
const IDLE_TIMEOUT_MS = 60_000
const MAX_ATTEMPTS = 5
const MAX_RETRY_AFTER_SECONDS = 120

export interface UploadFile {
  path: string
  size: number
  fileName: string
}

export interface UploadRetryNotice {
  attempt: number
  maxAttempts: number
  at: number
  reason: string
}

export interface UploadOptions {
  /** Origins the token may go to (see uploadOrigin.ts). */
  allowedOrigins: readonly string[]
  signal?: AbortSignal
  /** File bytes handed to the network so far (multipart framing left out). */
  onProgress?: (bytes: number, total: number) => void
  onRetryWait?: (notice: UploadRetryNotice) => void
  /** Awaited before each attempt: the write-ahead audit intent. */
  beforeAttempt?: (attempt: number) => Promise<void>
  backoff?: BackoffOptions
}

export interface UploadResult {
  status: number
  attempts: number
  correlationId?: string
  latencyMs: number
}

/** Sends the file to the uploadUri; retries 429, 5xx and connection failures with a fresh form each time. */
export async function uploadPromptAudio(
  client: GenesysClient,
  uploadUri: string,
  file: UploadFile,
  options: UploadOptions,
): Promise<UploadResult> {
  const url = assertUploadOrigin(uploadUri, options.allowedOrigins)
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw cancelledError()
    await options.beforeAttempt?.(attempt)
    const observe = (await client.paceExternal?.(options.signal)) ?? (() => undefined)
    const token = await client.token(options.signal)
    const started = performance.now()
    let response: AxiosResponse<unknown>
    try {
      response = await sendOnce(url, token.accessToken, file, options)
    } catch (error) {
      if (options.signal?.aborted) throw cancelledError()
      const failure = toGenesysAppError(error, { timeoutMs: IDLE_TIMEOUT_MS, host: url.host })
      if (attempt >= MAX_ATTEMPTS || !['network', 'timeout'].includes(failure.code)) throw failure
      await waitBefore(attempt + 1, backoffDelayMs(attempt - 1, options.backoff ?? DEFAULT_BACKOFF), failure.message, options)
      continue
    }
    observe(response.status, response.headers)
    const latencyMs = Math.round(performance.now() - started)
    const correlationId = correlationIdOf(response.headers)
    if (response.status >= 200 && response.status < 300)
      return { status: response.status, attempts: attempt, latencyMs, ...(correlationId ? { correlationId } : {}) }
    const failure = toGenesysAppError({ response })
    const retryable = response.status === 429 || response.status >= 500
    if (!retryable || attempt >= MAX_ATTEMPTS) throw failure
    const asked = response.status === 429 ? retryAfterSecondsFrom(response.headers) : undefined
    const waitMs =
      asked !== undefined
        ? Math.min(asked, MAX_RETRY_AFTER_SECONDS) * 1000
        : backoffDelayMs(attempt - 1, options.backoff ?? DEFAULT_BACKOFF)
    await waitBefore(attempt + 1, waitMs, failure.message, options)
  }
}

/** One attempt with a form of its own (its file stream is read once). */
async function sendOnce(url: URL, accessToken: string, file: UploadFile, options: UploadOptions): Promise<AxiosResponse<unknown>> {
  const form = new FormData()
  const stream = createReadStream(file.path, file.size > 0 ? { start: 0, end: file.size - 1 } : { start: 0, end: -1 })
  form.append('file', stream, { filename: file.fileName, contentType: 'audio/wav', knownLength: file.size })
  const bodyLength = form.getLengthSync()
  try {
    return await axios.post(url.toString(), form, {
      headers: {
        ...form.getHeaders(),
        'Content-Length': String(bodyLength),
        Authorization: `Bearer ${accessToken}`,
        Accept: 'application/json',
      },
      // The answer is read up to the cap; a redirect is not followed (it could carry the token elsewhere).
      maxContentLength: MAX_ANSWER_BYTES,
      maxBodyLength: bodyLength,
      maxRedirects: 0,
      validateStatus: () => true,
      timeout: IDLE_TIMEOUT_MS,
      signal: options.signal,
      proxy: isLoopback(url) ? false : undefined,
      // The framing is a few hundred bytes: the share of the body sent stands for the share of the file.
      onUploadProgress: (event) =>
        options.onProgress?.(Math.min(file.size, Math.floor((event.loaded / bodyLength) * file.size)), file.size),
    })
  } finally {
    stream.destroy()
  }
}

async function waitBefore(attempt: number, waitMs: number, reason: string, options: UploadOptions): Promise<void> {
  options.onRetryWait?.({ attempt, maxAttempts: MAX_ATTEMPTS, at: Date.now() + waitMs, reason })
  try {
    await abortableSleep(waitMs, options.signal)
  } catch {
    throw cancelledError()
  }
}

function isLoopback(url: URL): boolean {
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]'
}
