import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import type { Readable } from 'node:stream'
import axios from 'axios'
import pRetry from 'p-retry'
import { AppError } from '../../../shared/errors'
import { toGenesysAppError } from '../genesys'
import { capBytes } from '../net/capBytes'
import { assertOutboundUrl, type OutboundUrlRule } from '../net/outboundUrl'

export interface DownloadedFile {
  bytes: number
  sha256: string
}

const ATTEMPTS = 3
const TIMEOUT_MS = 60_000
/** GDPR exports are JSON documents that are parsed in memory after download, so a larger one is not kept. */
export const MAX_RESULT_BYTES = 256 * 1024 * 1024

export interface DownloadOptions {
  /** Which result links of this profile's API may be followed. */
  links: OutboundUrlRule
  signal?: AbortSignal
  /** Counted after decompression; default MAX_RESULT_BYTES. */
  maxBytes?: number
}

/**
 * Fetches one result URL into `target`, hashing as it writes. Result URLs are signed download links
 * (no bearer token is sent: the token must never leave for another host). Transient failures (5xx,
 * resets, a body cut short) are tried again; an expired or refused link, or one too large, is not.
 * A failed download leaves no file at `target`.
 */
export async function downloadResult(url: string, target: string, options: DownloadOptions): Promise<DownloadedFile> {
  const parsed = assertOutboundUrl(url, options.links)
  const { signal } = options
  const maxBytes = options.maxBytes ?? MAX_RESULT_BYTES
  return pRetry(
    async () => {
      try {
        return await downloadOnce(parsed, target, maxBytes, signal)
      } catch (error) {
        await rm(target, { force: true })
        throw error instanceof AppError ? error : toGenesysAppError(error, { host: parsed.host, timeoutMs: TIMEOUT_MS })
      }
    },
    { retries: ATTEMPTS - 1, minTimeout: 300, maxTimeout: 3000, signal, shouldRetry: (error) => isTransient(error) },
  )
}

function isTransient(error: unknown): boolean {
  const code = error instanceof AppError ? error.code : undefined
  return code === 'network' || code === 'timeout' || code === 'server_error'
}

async function downloadOnce(url: URL, target: string, maxBytes: number, signal?: AbortSignal): Promise<DownloadedFile> {
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  const response = await axios.get<Readable>(url.toString(), {
    responseType: 'stream',
    maxRedirects: 0,
    validateStatus: () => true,
    timeout: TIMEOUT_MS,
    signal,
    proxy: loopback ? false : undefined,
    headers: { Accept: 'application/json' },
  })
  if (response.status !== 200) throw await linkError(response.status, response.data, url.host)
  const hash = createHash('sha256')
  let bytes = 0
  // axios has already inflated the stream: the cap counts the bytes that reach the disk.
  await pipeline(
    response.data,
    capBytes(maxBytes, (chunk, total) => {
      hash.update(chunk)
      bytes = total
    }),
    createWriteStream(target, { mode: 0o600, flags: 'wx' }),
  )
  const declared = Number(response.headers['content-length'])
  if (Number.isFinite(declared) && declared !== bytes) {
    throw new AppError({ code: 'network', message: `The download was cut short: ${bytes} of ${declared} bytes arrived.`, hint: 'Save the results again.' })
  }
  return { bytes, sha256: hash.digest('hex') }
}

/** Download hosts answer S3-style XML errors: keep their code and message. */
async function linkError(status: number, body: Readable, host: string): Promise<AppError> {
  let text = ''
  for await (const chunk of body) {
    text += String(chunk)
    if (text.length > 16_384) break
  }
  body.destroy()
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1]
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]
  const said = message ? `: ${message}${code ? ` (${code})` : ''}` : ''
  if (status === 403 || status === 404) {
    return new AppError({ code: status === 403 ? 'forbidden' : 'not_found', status, message: `The result link was refused by ${host}${said}.`, hint: 'Result links expire. Save again: Switchboard asks Genesys Cloud for fresh links each time.' })
  }
  return new AppError({ code: status >= 500 ? 'server_error' : 'invalid_input', status, message: `Downloading a result failed with HTTP ${status}${said}.`, hint: 'Try saving again in a few minutes.' })
}
