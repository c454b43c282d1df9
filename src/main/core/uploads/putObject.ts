import { retryAfterSecondsFrom } from '../genesys/rateLimit'
import { OutboundError, sendOutbound } from '../net/outboundHttp'
import type { OutboundUrlRule } from '../net/outboundUrl'

/** A storage answer is a few hundred bytes of XML; one that goes on and on is not read to its end. */
const MAX_ANSWER_BODY = 1024 * 1024

export interface PutTarget {
  url: string
  /** Exactly the headers the presign returned; Content-Length is added, nothing else. */
  headers: Record<string, string>
}

export type PutOutcome =
  | { kind: 'ok'; status: number; etag?: string; latencyMs: number }
  /** The storage answered with an error (S3 XML: Code, Message). */
  | { kind: 'http'; status: number; code?: string; message?: string; latencyMs: number; bodySent: boolean; retryAfterSeconds?: number }
  /** No answer: reset, timeout, network, or the file shrank. bodySent: every byte was handed to the OS. */
  | { kind: 'transport'; error: unknown; latencyMs: number; bodySent: boolean; shortFile?: boolean }

export interface PutOptions {
  /** Which links may be followed; without it, https only. */
  links?: OutboundUrlRule
  signal?: AbortSignal
  /** No byte sent or received for this long ends the attempt; default 60 s. */
  idleTimeoutMs?: number
  onProgress?: (bytesSent: number) => void
}

/**
 * One PUT of a file's first `size` bytes to a presigned URL, streamed from disk through the outbound
 * client, with no retry of its own: the upload job decides (re-presign, upload report). Never throws for
 * an HTTP or network failure: the outcome says what happened, and whether the whole body had left, which
 * decides whether the object may have been stored. A link the rule refuses rejects with an AppError
 * before anything is sent.
 */
export async function putObject(path: string, size: number, target: PutTarget, options: PutOptions = {}): Promise<PutOutcome> {
  const started = performance.now()
  const latency = () => Math.round(performance.now() - started)
  try {
    const response = await sendOutbound({
      method: 'PUT',
      url: target.url,
      links: options.links ?? {},
      headers: target.headers,
      body: { file: path, size },
      maxBodyBytes: MAX_ANSWER_BODY,
      signal: options.signal,
      idleTimeoutMs: options.idleTimeoutMs,
      retry: { maxAttempts: 1 },
      onUploadProgress: options.onProgress,
    })
    if (response.status >= 200 && response.status < 300) {
      const etag = response.headers.etag
      return { kind: 'ok', status: response.status, latencyMs: latency(), ...(etag ? { etag } : {}) }
    }
    const text = response.body.toString('utf8')
    const retryAfterSeconds = retryAfterSecondsFrom(response.headers)
    return {
      kind: 'http',
      status: response.status,
      code: xmlText(text, 'Code'),
      message: xmlText(text, 'Message'),
      latencyMs: latency(),
      bodySent: response.bodySent,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    }
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error
    const shortFile = (error.transportCause as { code?: unknown } | undefined)?.code === 'ESHORTFILE'
    return {
      kind: 'transport',
      error: error.transportCause,
      latencyMs: latency(),
      bodySent: error.bodySent,
      ...(shortFile ? { shortFile } : {}),
    }
  }
}

/** S3 error bodies are tiny fixed XML documents: <Error><Code>..</Code><Message>..</Message></Error>. */
function xmlText(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)
  return match
    ? match[1]
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&')
    : undefined
}
