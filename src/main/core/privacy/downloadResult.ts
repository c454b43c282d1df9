import { AppError } from '../../../shared/errors'
import { downloadToFile } from '../net/outboundHttp'
import type { OutboundUrlRule } from '../net/outboundUrl'

export interface DownloadedFile {
  bytes: number
  sha256: string
}

const ATTEMPTS = 3
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
  const response = await downloadToFile({
    method: 'GET',
    url,
    target,
    links: options.links,
    headers: { Accept: 'application/json' },
    maxBodyBytes: options.maxBytes ?? MAX_RESULT_BYTES,
    signal: options.signal,
    retry: { maxAttempts: ATTEMPTS },
  })
  if (!response.file) throw linkError(response.status, response.body.toString('utf8'), new URL(url).host)
  return { bytes: response.file.bytes, sha256: response.file.sha256 }
}

/** Download hosts answer S3-style XML errors: keep their code and message. */
function linkError(status: number, text: string, host: string): AppError {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1]
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]
  const said = message ? `: ${message}${code ? ` (${code})` : ''}` : ''
  if (status === 403 || status === 404) {
    return new AppError({
      code: status === 403 ? 'forbidden' : 'not_found',
      status,
      message: `The result link was refused by ${host}${said}.`,
      hint: 'Result links expire. Save again: Switchboard asks Genesys Cloud for fresh links each time.',
    })
  }
  return new AppError({
    code: status >= 500 ? 'server_error' : 'invalid_input',
    status,
    message: `Downloading a result failed with HTTP ${status}${said}.`,
    hint: 'Try saving again in a few minutes.',
  })
}
