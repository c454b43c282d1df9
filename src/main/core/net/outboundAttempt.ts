import { createHash, type Hash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { PassThrough, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import { AnswerFileWriter } from './answerFileWriter'
import { capBytes } from './capBytes'
import { agentFor } from './outboundAgents'
import { responseTooLarge } from '../genesys/transportErrors'
import { timedOut } from './outboundErrors'

/** A request body: bytes in memory, or the first `size` bytes of a file, streamed from disk. */
export type OutboundBody = Buffer | { file: string; size: number }

/**
 * Where a 2xx answer goes: kept in memory, or written to a file created new (the caller renames it).
 * With `resume`, the file is the start of the same content: a 206 that starts at `offset` is appended to
 * it (its SHA-256 continues `hash`, already fed with the bytes on disk); a 200 replaces it.
 */
export type AnswerSink =
  { kind: 'buffer'; maxBytes: number } | { kind: 'file'; path: string; maxBytes: number; resume?: { offset: number; hash: Hash } }

export interface Progress {
  onUploadProgress?: (bytesSent: number, totalBytes: number) => void
  /** Bytes as they came over the wire; total when the answer declared its length. */
  onDownloadProgress?: (bytesReceived: number, totalBytes: number | undefined) => void
}

export interface AttemptSpec extends Progress {
  method: string
  url: URL
  headers: Record<string, string>
  body?: OutboundBody
  sink: AnswerSink
  /** Nothing sent or received for this long ends the attempt; undefined: no idle timer (a deadline comes first anyway). */
  idleTimeoutMs: number | undefined
  /** Aborted with the error to end the attempt with (a stop, or the overall deadline). */
  signal: AbortSignal
}

export interface Answer {
  status: number
  headers: IncomingHttpHeaders
  /** A buffered answer, or the start of an answer that is not 2xx (for its error text). */
  body: Buffer
  file?: { bytes: number; sha256: string }
}

export type AttemptResult = { ok: true; answer: Answer; bodySent: boolean } | { ok: false; error: unknown; bodySent: boolean }

/** Of an error answer only this much is read: enough for an S3 XML error, never a whole document. */
const ERROR_BODY_BYTES = 64 * 1024
const READ_CHUNK = 1024 * 1024
/**
 * What a file answer may hold in memory before the socket is paused: with the 16 KiB default every
 * socket read waits for its own disk write; with more, reads continue while earlier chunks are written
 * together (one writev), and the memory stays bounded.
 */
const WRITE_BUFFER = 1024 * 1024
/** A file answer has the disk flush behind it every this many bytes (see AnswerFileWriter). */
const FLUSH_BEHIND = 16 * 1024 * 1024

/** One request, no redirect followed (node:http follows none). Never rejects: the result says what happened. */
export function sendAttempt(spec: AttemptSpec): Promise<AttemptResult> {
  return new Promise<AttemptResult>((resolve) => {
    let bodySent = false
    let settled = false
    let failure: unknown
    let idle: NodeJS.Timeout | undefined
    let response: IncomingMessage | undefined

    const send = spec.url.protocol === 'https:' ? httpsRequest : httpRequest
    const req = send(spec.url, {
      method: spec.method,
      headers: { ...spec.headers, ...contentLength(spec.body) },
      agent: agentFor(spec.url),
    })
    const fail = (error: unknown) => {
      failure ??= error
      const asError = error instanceof Error ? error : new Error(String(error))
      response?.destroy(asError)
      req.destroy(asError)
    }
    const settle = (result: AttemptResult) => {
      if (settled) return
      settled = true
      clearTimeout(idle)
      spec.signal.removeEventListener('abort', onAbort)
      resolve(result)
    }
    // One timer, pushed back on each sign of life (refresh() rather than a new timer per chunk).
    const idleTimeoutMs = spec.idleTimeoutMs
    const touch = () => {
      if (settled || idleTimeoutMs === undefined) return
      if (idle) idle.refresh()
      else idle = setTimeout(() => fail(timedOut(`nothing sent or received for ${Math.round(idleTimeoutMs / 1000)} s`)), idleTimeoutMs)
    }
    const onAbort = () => fail(spec.signal.reason)

    touch()
    if (spec.signal.aborted) onAbort()
    else spec.signal.addEventListener('abort', onAbort, { once: true })
    req.on('error', (error) => settle({ ok: false, error: failure ?? error, bodySent }))
    req.on('response', (incoming) => {
      response = incoming
      readAnswer(incoming, spec, touch).then(
        (answer) => settle({ ok: true, answer, bodySent }),
        (error: unknown) => {
          fail(error)
          settle({ ok: false, error: failure ?? error, bodySent })
        },
      )
    })
    sendBody(req, spec, touch).then(
      () => (bodySent = true),
      (error: unknown) => fail(error),
    )
  })
}

function contentLength(body: OutboundBody | undefined): Record<string, string> {
  if (body === undefined) return {}
  return { 'Content-Length': String(Buffer.isBuffer(body) ? body.length : body.size) }
}

async function sendBody(
  req: NodeJS.WritableStream & { end(cb?: () => void): unknown },
  spec: AttemptSpec,
  touch: () => void,
): Promise<void> {
  const body = spec.body
  if (body === undefined || (!Buffer.isBuffer(body) && body.size === 0)) {
    await new Promise<void>((resolve) => req.end(resolve))
    return
  }
  if (Buffer.isBuffer(body)) {
    await new Promise<void>((resolve) => (req as unknown as { end(chunk: Buffer, cb: () => void): void }).end(body, resolve))
    spec.onUploadProgress?.(body.length, body.length)
    return
  }
  let sent = 0
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      sent += chunk.length
      touch()
      spec.onUploadProgress?.(sent, body.size)
      callback(null, chunk)
    },
    flush(callback) {
      if (sent < body.size) {
        callback(
          Object.assign(new Error(`the file is shorter than when it was checked (${sent} of ${body.size} bytes)`), { code: 'ESHORTFILE' }),
        )
        return
      }
      callback()
    },
  })
  await pipeline(createReadStream(body.file, { start: 0, end: body.size - 1, highWaterMark: READ_CHUNK }), meter, req)
}

async function readAnswer(response: IncomingMessage, spec: AttemptSpec, touch: () => void): Promise<Answer> {
  touch()
  const status = response.statusCode ?? 0
  const declared = Number(response.headers['content-length'])
  const total = Number.isFinite(declared) ? declared : undefined
  // Bytes as they come over the wire, counted by a listener rather than a stream hop of its own.
  let received = 0
  response.on('data', (chunk: Buffer) => {
    received += chunk.length
    touch()
    spec.onDownloadProgress?.(received, total)
  })
  const decoder = decoderFor(response.headers['content-encoding'])
  const base = { status, headers: response.headers }
  if (status < 200 || status >= 300) return { ...base, body: await readErrorBody(response, decoder ?? new PassThrough()) }
  const sink = spec.sink
  if (sink.kind === 'buffer' && !decoder) {
    const body = await collectCapped(response, sink.maxBytes)
    assertComplete(received, total)
    return { ...base, body }
  }
  if (sink.kind === 'buffer') {
    const chunks: Buffer[] = []
    await pipeline(response, decoder ?? new PassThrough(), capBytes(sink.maxBytes), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) chunks.push(chunk)
    })
    assertComplete(received, total)
    return { ...base, body: Buffer.concat(chunks) }
  }
  const { flags, hash } = fileTarget(sink, status, response.headers)
  // The cap counts what reaches the disk: after decompression.
  const writer = new AnswerFileWriter({
    path: sink.path,
    flags,
    maxBytes: sink.maxBytes,
    hash,
    bufferBytes: WRITE_BUFFER,
    flushBehindBytes: FLUSH_BEHIND,
  })
  await (decoder ? pipeline(response, decoder, writer) : pipeline(response, writer))
  assertComplete(received, total)
  return { ...base, body: Buffer.alloc(0), file: { bytes: writer.bytes, sha256: hash.digest('hex') } }
}

function fileTarget(
  sink: Extract<AnswerSink, { kind: 'file' }>,
  status: number,
  headers: IncomingHttpHeaders,
): { flags: 'wx' | 'w' | 'a'; hash: Hash } {
  if (!sink.resume) return { flags: 'wx', hash: createHash('sha256') }
  if (status !== 206) return { flags: 'w', hash: createHash('sha256') }
  const start = /^bytes (\d+)-/.exec(headers['content-range'] ?? '')?.[1]
  if (start === undefined || Number(start) !== sink.resume.offset) {
    throw Object.assign(new Error(`the server sent a part starting at byte ${start ?? '?'}, not ${sink.resume.offset}`), {
      code: 'ERANGEMISMATCH',
    })
  }
  return { flags: 'a', hash: sink.resume.hash }
}

/**
 * A plain (not compressed) answer kept in memory: read by listeners, without the stream hops of a
 * pipeline, which cost more than the request itself for the small answers most calls get.
 */
function collectCapped(response: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    let length = 0
    response.on('data', (chunk: Buffer) => {
      length += chunk.length
      if (length > maxBytes) {
        response.destroy(responseTooLarge(maxBytes))
        return
      }
      chunks.push(chunk)
    })
    response.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length)))
    response.once('error', reject)
    response.once('close', () => {
      if (!response.complete) reject(Object.assign(new Error('the answer was cut short'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }))
    })
  })
}

/** The decompressor for the answer's encoding; none for an answer sent as it is. */
function decoderFor(encoding: string | undefined): Transform | undefined {
  switch (encoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip()
    case 'deflate':
      return createInflate()
    case 'br':
      return createBrotliDecompress()
    default:
      return undefined
  }
}

/** The start of an error answer; what cannot be read (or goes on) is left, the status is what counts. */
async function readErrorBody(response: IncomingMessage, decoder: Transform): Promise<Buffer> {
  const chunks: Buffer[] = []
  let length = 0
  try {
    await pipeline(response, decoder, async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) {
        chunks.push(chunk)
        length += chunk.length
        if (length >= ERROR_BODY_BYTES) return
      }
    })
  } catch {
    // A broken error body still leaves the status to go by.
  }
  return Buffer.concat(chunks).subarray(0, ERROR_BODY_BYTES)
}

function assertComplete(received: number, total: number | undefined): void {
  if (total !== undefined && received !== total) {
    throw Object.assign(new Error(`the answer was cut short: ${received} of ${total} bytes arrived`), {
      code: 'ERR_STREAM_PREMATURE_CLOSE',
    })
  }
}
