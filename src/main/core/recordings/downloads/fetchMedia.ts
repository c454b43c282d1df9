/**
 * Fetches one recording's media into its part file, continuing a partial file with `Range: bytes=N-`
 * when the server answers 206 (else starting over), hashing as it writes (the part's bytes on disk
 * first). Done when the size matches the declared total and, where the server sends one, the SHA-256.
 * A refused link (403: expired or bad signature) is reported for renewal, never retried as it is.
 */
import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, rm, stat } from 'node:fs/promises'
import { AppError, toAppError } from '../../../../shared/errors'
import { backoffDelayMs } from '../../genesys/backoff'
import { abortableSleep } from '../../genesys/sleep'
import { fetchIntoFile } from '../../net/outboundHttp'
import type { OutboundUrlRule } from '../../net/outboundUrl'
import { writeErrnoOf } from './writeErrors'

/** Recordings can be long videos; beyond this a download is refused (a broken server must not fill the disk). */
export const MAX_RECORDING_BYTES = 20 * 1024 ** 3
const ATTEMPTS = 5
const RETRY_BACKOFF = { baseMs: 300, capMs: 5000 }

export interface MediaFetch {
  url: string
  partPath: string
  links: OutboundUrlRule
  signal: AbortSignal
  /** Bytes on disk so far, and the total once declared. */
  onBytes(bytes: number, total: number | undefined): void
  /** Told of each attempt that continued a partial file with Range (for the audit detail). */
  onRangeResume?(offset: number): void
}

export type MediaOutcome =
  | { kind: 'complete'; bytes: number; sha256: string }
  | { kind: 'refused'; status: number; reason: string }
  | { kind: 'failed'; error: AppError }

/** Throws the disk's error (see writeErrors.ts) or a stop; every other failure is an outcome. */
export async function fetchMedia(spec: MediaFetch): Promise<MediaOutcome> {
  let lastError: AppError | undefined
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    spec.signal.throwIfAborted()
    const offset = await partSize(spec.partPath)
    const resume = { offset, hash: offset > 0 ? await hashOf(spec.partPath) : createHash('sha256') }
    if (offset > 0) spec.onRangeResume?.(offset)
    try {
      const response = await fetchIntoFile({
        method: 'GET',
        url: spec.url,
        links: spec.links,
        // identity: a Range counts bytes of the stored object, not of a compressed answer.
        headers: { 'Accept-Encoding': 'identity', ...(offset > 0 ? { Range: `bytes=${offset}-` } : {}) },
        maxBodyBytes: MAX_RECORDING_BYTES,
        signal: spec.signal,
        path: spec.partPath,
        resume,
        onDownloadProgress: (received, declared) =>
          spec.onBytes(offset + received, declared === undefined ? undefined : offset > 0 ? offset + declared : declared),
      })
      if (response.file) {
        const total = declaredTotal(response.status, response.headers)
        const size = await partSize(spec.partPath)
        if (total !== undefined && size !== total) {
          lastError = damaged(`${size} of ${total} bytes arrived`)
          await rm(spec.partPath, { force: true })
          continue
        }
        const sha256 = response.file.sha256
        const declaredSha = checksumOf(response.headers)
        if (declaredSha && declaredSha !== sha256) {
          lastError = damaged('its SHA-256 does not match the one the server gave')
          await rm(spec.partPath, { force: true })
          continue
        }
        await syncFile(spec.partPath)
        spec.onBytes(size, size)
        return { kind: 'complete', bytes: size, sha256 }
      }
      const text = response.body.toString('utf8')
      if (response.status === 403) return { kind: 'refused', status: 403, reason: s3Message(text) ?? 'Access denied' }
      if (response.status === 416) {
        await rm(spec.partPath, { force: true })
        continue
      }
      lastError = statusError(response.status, text, new URL(spec.url).host)
      if (response.status !== 429 && response.status < 500) return { kind: 'failed', error: lastError }
    } catch (error) {
      if (spec.signal.aborted) throw spec.signal.reason ?? error
      if (writeErrnoOf(error)) throw error
      if ((error as { code?: string }).code === 'ERANGEMISMATCH') await rm(spec.partPath, { force: true })
      lastError = toAppError(error)
      if (['response_too_large', 'server_error', 'invalid_input'].includes(lastError.code) && lastError.status === undefined)
        return { kind: 'failed', error: lastError }
    }
    if (attempt < ATTEMPTS) await abortableSleep(backoffDelayMs(attempt - 1, RETRY_BACKOFF), spec.signal)
  }
  return { kind: 'failed', error: lastError ?? damaged('it could not be completed') }
}

async function partSize(path: string): Promise<number> {
  try {
    const info = await stat(path)
    if (info.isDirectory()) throw Object.assign(new Error(`${path} is a folder`), { code: 'EISDIR' })
    return info.size
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0
    throw error
  }
}

async function hashOf(path: string): Promise<Hash> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash
}

export async function sha256OfFile(path: string): Promise<string> {
  return (await hashOf(path)).digest('hex')
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

function declaredTotal(status: number, headers: Record<string, string | string[] | undefined>): number | undefined {
  if (status === 206) {
    const total = /\/(\d+)\s*$/.exec(String(headers['content-range'] ?? ''))?.[1]
    return total === undefined ? undefined : Number(total)
  }
  const length = Number(headers['content-length'])
  return Number.isFinite(length) && headers['content-encoding'] === undefined ? length : undefined
}

/** S3's x-amz-checksum-sha256 (base64) as hex, when the server sent it for the whole object. */
function checksumOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const value = headers['x-amz-checksum-sha256']
  if (typeof value !== 'string' || value.includes('-')) return undefined
  return Buffer.from(value, 'base64').toString('hex')
}

function s3Message(text: string): string | undefined {
  return /<Message>([^<]*)<\/Message>/.exec(text)?.[1]
}

function statusError(status: number, text: string, host: string): AppError {
  const said = s3Message(text)
  if (status === 404)
    return new AppError({
      code: 'not_found',
      status,
      message: `The recording's media was not found at ${host}${said ? `: ${said}` : ''}.`,
      hint: 'It may have been deleted or archived since; find it again to see its state.',
    })
  return new AppError({
    code: status >= 500 || status === 429 ? 'server_error' : 'invalid_input',
    status,
    message: `Downloading the recording failed with HTTP ${status}${said ? `: ${said}` : ''}.`,
    hint: 'Retry the failed files in a few minutes.',
  })
}

function damaged(why: string): AppError {
  return new AppError({ code: 'network', message: `The recording arrived damaged: ${why}.`, hint: 'Retry the failed files.' })
}
