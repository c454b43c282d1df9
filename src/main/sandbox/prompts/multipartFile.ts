/**
 * Reads one file part out of a multipart/form-data body with busboy, streaming it to disk: memory holds
 * a chunk at a time, the part is cut off past `maxFileBytes`, and the whole body past that plus a
 * little room for the multipart framing and small fields. Other parts are read and discarded.
 */
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import type { IncomingMessage } from 'node:http'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import Busboy, { type BusboyFileStream, type BusboyHeaders, type BusboyInstance } from '@fastify/busboy'

/** Room for boundaries, part headers and a few small fields beside the file. */
export const MULTIPART_OVERHEAD_BYTES = 256 * 1024
/** Past the cap, the rest of a body is read and thrown away up to this much, so the client gets the 413. */
export const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024

export interface ReceivedFilePart {
  fieldName: string
  fileName?: string
  contentType: string
  size: number
  sha256: string
  /** The first 12 bytes (the RIFF/WAVE signature of a WAV). */
  head: Buffer
}

export type MultipartOutcome =
  | { kind: 'stored'; part: ReceivedFilePart }
  | { kind: 'missingFile' }
  /** `drained` false: the client kept sending; answer and close the connection. */
  | { kind: 'tooLarge'; drained: boolean }
  | { kind: 'malformed'; message: string }
  | { kind: 'aborted' }

export interface MultipartOptions {
  fieldName: string
  maxFileBytes: number
  /** Where the file part goes, created new. */
  destination: string
}

/** Whether a request's body can be read at all by `receiveMultipartFile`: multipart/form-data with a boundary. */
export function multipartProblem(contentType: string | undefined): 'notMultipart' | 'noBoundary' | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) return 'notMultipart'
  return /;\s*boundary=("[^"]+"|[^;\s]+)/i.test(contentType) ? undefined : 'noBoundary'
}

export function receiveMultipartFile(request: IncomingMessage, options: MultipartOptions): Promise<MultipartOutcome> {
  const { fieldName, maxFileBytes, destination } = options
  return new Promise((resolve) => {
    let settled = false
    let parsing = true
    let rawBytes = 0
    let stored: Promise<ReceivedFilePart> | undefined
    let busboy: BusboyInstance

    let fileStream: BusboyFileStream | undefined
    // Resolves once the file part's write has settled, so the caller may remove what it left behind.
    const finish = (outcome: MultipartOutcome) => {
      if (settled) return
      settled = true
      request.off('data', onData)
      if (outcome.kind !== 'stored') fileStream?.destroy()
      const done = () => resolve(outcome)
      if (stored) stored.then(done, done)
      else done()
    }
    // Past the cap: stop parsing, throw the rest away (up to the drain limit), then answer 413.
    const overCap = () => {
      if (!parsing) return
      parsing = false
      busboy.removeAllListeners('finish')
      busboy.on('error', () => undefined)
      busboy.destroy()
      // A write may have paused the body for a drain the destroyed parser will never give.
      request.resume()
      if (request.readableEnded) finish({ kind: 'tooLarge', drained: true })
    }

    try {
      busboy = Busboy({
        headers: request.headers as BusboyHeaders,
        limits: { fileSize: maxFileBytes, files: 8, fields: 32, fieldSize: 64 * 1024, parts: 40, headerPairs: 20 },
        // A part named `file` is the file whether or not it carries a filename or a content type.
        isPartAFile: (name, _type, fileName) => name === fieldName || fileName !== undefined,
      })
    } catch (error) {
      resolve({ kind: 'malformed', message: (error as Error).message })
      return
    }

    busboy.on('file', (name: string, stream: BusboyFileStream, fileName: string | undefined, _encoding: string, mimeType: string) => {
      if (name !== fieldName || stored) {
        stream.resume()
        return
      }
      fileStream = stream
      stream.on('limit', overCap)
      stored = storePart(stream, destination, { fieldName: name, fileName, contentType: mimeType })
      // Failures surface when awaited at 'finish'; keep an early one from being unhandled meanwhile.
      stored.catch(() => undefined)
    })
    busboy.on('error', (error: unknown) => {
      if (parsing) finish({ kind: 'malformed', message: error instanceof Error ? error.message : String(error) })
    })
    busboy.on('finish', () => {
      if (!parsing) return
      if (!stored) return finish({ kind: 'missingFile' })
      stored.then(
        (part) => finish({ kind: 'stored', part }),
        (error: unknown) => finish({ kind: 'malformed', message: error instanceof Error ? error.message : String(error) }),
      )
    })

    const onData = (chunk: Buffer) => {
      rawBytes += chunk.length
      if (parsing && rawBytes > maxFileBytes + MULTIPART_OVERHEAD_BYTES) overCap()
      if (!parsing) {
        if (rawBytes > maxFileBytes + MULTIPART_OVERHEAD_BYTES + DRAIN_LIMIT_BYTES) finish({ kind: 'tooLarge', drained: false })
        return
      }
      if (!busboy.write(chunk) && parsing) {
        request.pause()
        busboy.once('drain', () => request.resume())
      }
    }
    request.on('data', onData)
    request.on('end', () => {
      if (parsing) busboy.end()
      else finish({ kind: 'tooLarge', drained: true })
    })
    request.on('close', () => {
      if (!request.readableEnded) finish({ kind: 'aborted' })
    })
    request.on('error', () => finish({ kind: 'aborted' }))
  })
}

async function storePart(
  stream: BusboyFileStream,
  destination: string,
  meta: Pick<ReceivedFilePart, 'fieldName' | 'fileName' | 'contentType'>,
): Promise<ReceivedFilePart> {
  const sha256 = createHash('sha256')
  const head: Buffer[] = []
  let headBytes = 0
  let size = 0
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length
      sha256.update(chunk)
      if (headBytes < 12) {
        head.push(chunk.subarray(0, 12 - headBytes))
        headBytes += Math.min(chunk.length, 12 - headBytes)
      }
      callback(null, chunk)
    },
  })
  await pipeline(stream, hasher, createWriteStream(destination, { flags: 'wx' }))
  return {
    ...meta,
    size,
    sha256: sha256.digest('hex'),
    head: Buffer.concat(head),
  }
}

/**
 * Reads a body the route refuses and throws it away, up to `limitBytes`, so the client (still sending)
 * gets the answer rather than a reset. False when the body went on past the limit or broke off: answer
 * with `Connection: close`.
 */
export function discardBody(request: IncomingMessage, limitBytes: number): Promise<boolean> {
  if (request.readableEnded) return Promise.resolve(true)
  return new Promise((resolve) => {
    let bytes = 0
    const done = (ended: boolean) => {
      request.off('data', onData)
      resolve(ended)
    }
    const onData = (chunk: Buffer) => {
      bytes += chunk.length
      if (bytes > limitBytes) done(false)
    }
    request.on('data', onData)
    request.once('end', () => done(true))
    request.once('close', () => done(request.readableEnded))
    request.once('error', () => done(false))
    request.resume()
  })
}
