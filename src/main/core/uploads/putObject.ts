import { createReadStream } from 'node:fs'
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { assertOutboundUrl, type OutboundUrlRule } from '../net/outboundUrl'

// Idle pooled sockets are dropped before the storage host's own idle timeout (S3: about 20 s) can race a reuse.
const httpAgent = new HttpAgent({ keepAlive: true, timeout: 15_000 })
const httpsAgent = new HttpsAgent({ keepAlive: true, timeout: 15_000 })
const READ_CHUNK = 1024 * 1024
const MAX_ERROR_BODY = 64 * 1024
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
  | { kind: 'http'; status: number; code?: string; message?: string; latencyMs: number; bodySent: boolean }
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
 * One PUT of a file's first `size` bytes to a presigned URL, streamed from disk. Never throws for an
 * HTTP or network failure: the outcome says what happened, and whether the whole body had left, which
 * decides whether the object may have been stored. A link the rule refuses rejects with an AppError
 * before anything is sent.
 */
export function putObject(path: string, size: number, target: PutTarget, options: PutOptions = {}): Promise<PutOutcome> {
  const started = performance.now()
  const latency = () => Math.round(performance.now() - started)
  let url: URL
  try {
    url = assertOutboundUrl(target.url, options.links)
  } catch (error) {
    return Promise.reject(error)
  }
  const secure = url.protocol === 'https:'
  const send = secure ? httpsRequest : httpRequest
  let bodySent = false
  let sent = 0
  let shortFile = false

  return new Promise<PutOutcome>((resolve) => {
    let settled = false
    const settle = (outcome: PutOutcome) => {
      if (settled) return
      settled = true
      options.signal?.removeEventListener('abort', onAbort)
      resolve(outcome)
    }
    const req = send(url, {
      method: 'PUT',
      headers: { ...target.headers, 'Content-Length': String(size) },
      agent: secure ? httpsAgent : httpAgent,
    })
    const onAbort = () => req.destroy(options.signal?.reason instanceof Error ? options.signal.reason : new Error('aborted'))
    if (options.signal?.aborted) onAbort()
    else options.signal?.addEventListener('abort', onAbort, { once: true })
    req.setTimeout(options.idleTimeoutMs ?? 60_000, () => req.destroy(Object.assign(new Error(`no progress for ${Math.round((options.idleTimeoutMs ?? 60_000) / 1000)} s`), { code: 'ETIMEDOUT' })))
    req.on('error', (error) => settle({ kind: 'transport', error, latencyMs: latency(), bodySent, ...(shortFile ? { shortFile } : {}) }))
    req.on('response', (response) => {
      readResponse(response).then(
        (outcome) => settle({ ...outcome, latencyMs: latency(), ...(outcome.kind === 'http' ? { bodySent } : {}) } as PutOutcome),
        (error: unknown) => settle({ kind: 'transport', error, latencyMs: latency(), bodySent }),
      )
    })

    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        sent += chunk.length
        options.onProgress?.(sent)
        callback(null, chunk)
      },
      flush(callback) {
        if (sent < size) {
          shortFile = true
          callback(Object.assign(new Error(`the file is shorter than when it was checked (${sent} of ${size} bytes)`), { code: 'ESHORTFILE' }))
          return
        }
        callback()
      },
    })
    const body = size === 0 ? null : createReadStream(path, { start: 0, end: size - 1, highWaterMark: READ_CHUNK })
    if (!body) {
      req.end(() => (bodySent = true))
      return
    }
    pipeline(body, meter, req).then(
      () => (bodySent = true),
      (error: unknown) => {
        if (!req.destroyed) req.destroy(error instanceof Error ? error : new Error(String(error)))
      },
    )
  })
}

async function readResponse(response: IncomingMessage): Promise<{ kind: 'ok'; status: number; etag?: string } | { kind: 'http'; status: number; code?: string; message?: string }> {
  const status = response.statusCode ?? 0
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of response as AsyncIterable<Buffer>) {
    if (length < MAX_ERROR_BODY) chunks.push(chunk)
    length += chunk.length
    if (length > MAX_ANSWER_BODY) {
      response.destroy()
      throw Object.assign(new Error(`the storage answer went past ${MAX_ANSWER_BODY} bytes`), { code: 'ERR_RESPONSE_TOO_LARGE' })
    }
  }
  if (status >= 200 && status < 300) {
    const etag = response.headers.etag
    return { kind: 'ok', status, ...(etag ? { etag } : {}) }
  }
  const text = Buffer.concat(chunks).toString('utf8')
  return { kind: 'http', status, code: xmlText(text, 'Code'), message: xmlText(text, 'Message') }
}

/** S3 error bodies are tiny fixed XML documents: <Error><Code>..</Code><Message>..</Message></Error>. */
function xmlText(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)
  return match ? match[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&') : undefined
}
